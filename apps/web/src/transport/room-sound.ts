// What the transport's steps sound like in this browser. Until the rack's own sound engine is
// wired, a beep per step (see beep-sound.ts).
import type * as Y from 'yjs';
import { createBeepSound, type StepSound } from './beep-sound.ts';

export function createRoomSound(context: AudioContext, _doc: Y.Doc): StepSound {
  return createBeepSound(context);
}
