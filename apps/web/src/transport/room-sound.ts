// What the transport's steps sound like in this browser: the rack's active patch (the engine's
// RackSound), kept up to date while it plays; a track with no target gets a short beep, so a
// pattern can be heard before it is patched to anything.
import { observeRack, toSnapshot } from '@patchroom/doc-model';
import { createRackSound, soundRackFromSnapshot, type CatalogModule } from '@patchroom/engine';
import type * as Y from 'yjs';
import { createBeepSound, type StepSound } from './beep-sound.ts';

/** Patch edits are folded into the graph at most this often (a knob drag sends many). */
const UPDATE_EVERY_MS = 30;

export interface RoomSound extends StepSound {
  /** Re-reads the rack (e.g. when catalog entries arrive). */
  refresh(): void;
}

export function createRoomSound(context: AudioContext, doc: Y.Doc, catalog: () => readonly CatalogModule[]): RoomSound {
  const beep = createBeepSound(context);
  const rackNow = () => soundRackFromSnapshot(toSnapshot(doc), catalog());
  const rack = createRackSound(context, rackNow());
  rack.output.connect(context.destination);
  let timer: ReturnType<typeof setTimeout> | null = null;
  const refresh = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    rack.update(rackNow());
  };
  const stopObserving = observeRack(doc, () => {
    timer ??= setTimeout(refresh, UPDATE_EVERY_MS);
  });
  return {
    playNote(note) {
      if (note.target) rack.playNote(note);
      else beep.playNote(note);
    },
    refresh,
    dispose() {
      stopObserving();
      if (timer) clearTimeout(timer);
      rack.output.disconnect();
      rack.dispose();
      beep.dispose();
    },
  };
}
