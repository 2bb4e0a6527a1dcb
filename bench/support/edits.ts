// The edits the benches make: knob turns through doc-model, the most frequent edit in a rack room
// (a user dragging a knob sends ~20 of them a second).
import { addModule, findFreeSlot, getKnob, getModule, initRack, readCaseId, setKnob, type KnobRef } from '@patchroom/doc-model';
import * as Y from 'yjs';

export type Knob = Required<Pick<KnobRef, 'moduleId' | 'controlId'>>;

/**
 * Puts a module of the writer's own into the room (knobs belong to modules) and returns one of
 * its knobs. `doc` holds the room's state: our collab sets a rack up from its case; a bare
 * Hocuspocus server hands out an empty room, which the client then sets up itself.
 */
export function placeKnob(doc: Y.Doc, moduleId: string): Knob {
  if (readCaseId(doc) === null) initRack(doc, { caseId: 'bench-case', rows: [{ hp: 104 }, { hp: 104 }] });
  if (!getModule(doc, moduleId)) {
    const slot = findFreeSlot(doc, 2);
    addModule(doc, { catalogId: 'bench-filter', widthHp: 2, id: moduleId, ...(slot ? { slot } : {}) });
  }
  return { moduleId, controlId: 'cutoff' };
}

/** Turns a knob (of the active patch) to `value`: one user edit. */
export function turnKnob(doc: Y.Doc, knob: Knob, value: number): void {
  setKnob(doc, { ...knob, value });
}

/** The knob's current value in `doc`, or undefined when never turned. */
export function readKnob(doc: Y.Doc, knob: Knob): number | undefined {
  return getKnob(doc, knob);
}

/** Runs `edit` in one transaction and returns the Yjs update it produced (what a provider sends), or null. */
export function captureUpdate(doc: Y.Doc, edit: () => void): Uint8Array | null {
  const updates: Uint8Array[] = [];
  const listen = (bytes: Uint8Array) => updates.push(bytes);
  doc.on('update', listen);
  try {
    doc.transact(edit);
  } finally {
    doc.off('update', listen);
  }
  if (updates.length === 0) return null;
  return updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates);
}
