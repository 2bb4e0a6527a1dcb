// The one object the canvas's parts share (see room-canvas-context.ts), made once per document.
import { disconnect, setCableColor } from '@patchroom/doc-model';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { tryLocalEdit } from '../edits.ts';
import type { RackView } from '../rack-view.ts';
import { CableDrafts } from './cable-draft.ts';
import { keepFocusAfterRemoval } from './focus.ts';
import { Signal, type PanelLookup, type PeerSelection, type RoomCanvas } from './room-canvas-context.ts';

interface RoomValueInput {
  doc: Y.Doc;
  view: RackView;
  undoManager: Y.UndoManager;
  readOnly: boolean;
  setAnnouncement(text: string): void;
  latest: { current: { onNotice(message: string): void } };
}

export type CanvasRoom = RoomCanvas & { setLookup(lookup: PanelLookup | null): void };

/** The canvas-wide object the panels share; created once per document. */
export function useRoomCanvasValue({ doc, view, undoManager, readOnly, setAnnouncement, latest }: RoomValueInput): CanvasRoom {
  const [room] = useState<CanvasRoom>(() => {
    let lookup: PanelLookup | null = null;
    const notice = (message: string) => latest.current.onNotice(message);
    return {
      doc,
      view,
      undoManager,
      drafts: new CableDrafts(view.isInputTaken),
      readOnly: new Signal(readOnly),
      selectedCable: new Signal<string | null>(null),
      peerCables: new Signal<ReadonlyMap<string, string>>(new Map()),
      peerModules: new Signal<ReadonlyMap<string, PeerSelection>>(new Map()),
      lookup: {
        jack: (key) => lookup?.jack(key) ?? null,
        control: (moduleId, controlId) => lookup?.control(moduleId, controlId) ?? null,
      },
      setLookup(next) {
        lookup = next;
      },
      announce: (message) => setAnnouncement(message),
      notice,
      removeCable(id) {
        // A keyboard user goes on from the cable after it, else the one before it.
        const hits = [...document.querySelectorAll('.cable-hit')];
        const at = hits.findIndex((hit) => hit.getAttribute('data-cable-id') === id);
        keepFocusAfterRemoval(() => (at < 0 ? [] : [hits[at + 1], hits[at - 1]]));
        if (tryLocalEdit(doc, () => disconnect(doc, id), notice)) {
          room.selectedCable.set(null);
          setAnnouncement('Cable removed.');
        }
      },
      recolorCable(id, color) {
        tryLocalEdit(doc, () => setCableColor(doc, id, color), notice);
      },
    };
  });
  // A cable removed by someone else cannot stay selected.
  useEffect(
    () =>
      view.subscribe('cables', () => {
        const id = room.selectedCable.get();
        if (id && !view.getCable(id)) room.selectedCable.set(null);
      }),
    [view, room],
  );
  return room;
}
