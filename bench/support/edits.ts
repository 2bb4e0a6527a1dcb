// The edits the benches make: knob turns, the most frequent edit in a rack room (a user dragging
// a knob sends ~20 of them a second). doc-model's knob values (setKnob/getKnob, a YKeyValue that
// doesn't grow per change) are used when its public entry has them; until then a stand-in
// Y.Map value per knob keeps the timing benches running.
import * as docModel from '@patchroom/doc-model';
import * as Y from 'yjs';

export interface Knob {
  moduleId: string;
  controlId: string;
}

interface KnobApi {
  setKnob(doc: Y.Doc, input: Knob & { value: number }): void;
  getKnob(doc: Y.Doc, knob: Knob): number | undefined;
  measureKnobGrowth?(changes: number, knobCount?: number): number;
}

/** doc-model's knob functions, or null while its public entry lacks them. */
export const knobApi: KnobApi | null = 'setKnob' in docModel && 'getKnob' in docModel ? (docModel as unknown as KnobApi) : null;

export const knobSource = knobApi ? 'doc-model setKnob' : 'stand-in Y.Map (doc-model has no knob values yet)';

const STAND_IN = 'benchKnobs';

/**
 * Puts a module of the writer's own into the room (knobs belong to modules) and returns one of
 * its knobs. `doc` must hold the room's state (initialised rack).
 */
export function placeKnob(doc: Y.Doc, moduleId: string): Knob {
  const knob = { moduleId, controlId: 'cutoff' };
  if (!knobApi) return knob;
  if (!docModel.getModule(doc, moduleId)) {
    const slot = docModel.findFreeSlot(doc, 2);
    docModel.addModule(doc, { catalogId: 'bench-filter', widthHp: 2, id: moduleId, ...(slot ? { slot } : {}) });
  }
  return knob;
}

/** Turns a knob to `value` in one transaction, as one user edit. */
export function turnKnob(doc: Y.Doc, knob: Knob, value: number): void {
  if (knobApi) knobApi.setKnob(doc, { ...knob, value });
  else doc.getMap<number>(STAND_IN).set(`${knob.moduleId}/${knob.controlId}`, value);
}

/** The knob's current value in `doc`, or undefined when never set. */
export function readKnob(doc: Y.Doc, knob: Knob): number | undefined {
  return knobApi ? knobApi.getKnob(doc, knob) : doc.getMap<number>(STAND_IN).get(`${knob.moduleId}/${knob.controlId}`);
}

/** Runs `edit` and returns the Yjs update it produced (what a provider would send), or null. */
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
