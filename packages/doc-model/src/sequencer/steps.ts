import * as Y from 'yjs';
import { RackRuleError } from '../errors.ts';
import { readEntry, writeEntry } from '../shared/key-value.ts';
import * as valid from '../shared/validate.ts';
import { initRack } from '../racks/init.ts';
import { addPattern, patternMap, readStep, stepsArray, trackIdAt, type Step } from './patterns.ts';

interface StepRef {
  pattern: Y.Map<unknown>;
  key: string;
}

function stepRef(doc: Y.Doc, patternId: string, trackIndex: number, stepIndex: number): StepRef {
  const pattern = patternMap(doc, patternId);
  const trackId = trackIdAt(pattern, trackIndex);
  const length = pattern.get('length');
  const steps = typeof length === 'number' ? length : 16;
  if (!Number.isInteger(stepIndex) || stepIndex < 0 || stepIndex >= steps) {
    throw new RackRuleError(`The pattern has no step ${stepIndex + 1}.`, 'OUT_OF_RANGE');
  }
  return { pattern, key: `${trackId}/${stepIndex}` };
}

/** Checks the fields a caller wants to change; throws before anything is written. */
function checkedFields(fields: Partial<Step>): Partial<Step> {
  const out: Partial<Step> = {};
  if (fields.on !== undefined) {
    if (typeof fields.on !== 'boolean') throw new RackRuleError('A step is on or off.', 'BAD_INPUT');
    out.on = fields.on;
  }
  if (fields.velocity !== undefined) {
    out.velocity = valid.numberIn(fields.velocity, 0, 127, 'Velocity is a whole number from 0 to 127.', { integer: true });
  }
  if (fields.probability !== undefined) {
    out.probability = valid.numberIn(fields.probability, 0, 1, 'Probability is between 0 and 1.');
  }
  if (fields.microMs !== undefined) {
    out.microMs = valid.numberIn(fields.microMs, -50, 50, 'Micro-timing is between −50 and +50 ms.');
  }
  if (fields.pitch !== undefined) {
    out.pitch = valid.numberIn(fields.pitch, 0, 127, 'Pitch is a MIDI note number from 0 to 127.', { integer: true });
  }
  return out;
}

export function getStep(doc: Y.Doc, patternId: string, trackIndex: number, stepIndex: number): Step {
  const { pattern, key } = stepRef(doc, patternId, trackIndex, stepIndex);
  return readStep(readEntry(stepsArray(pattern), key));
}

/**
 * Changes some fields of a step and returns the whole step. The step is stored as one value,
 * overwritten in place (YKeyValue), so editing steps does not grow the document.
 */
export function setStep(doc: Y.Doc, patternId: string, trackIndex: number, stepIndex: number, fields: Partial<Step>): Step {
  const { pattern, key } = stepRef(doc, patternId, trackIndex, stepIndex);
  const change = checkedFields(fields);
  const steps = stepsArray(pattern);
  const current = readStep(readEntry(steps, key));
  const next = { ...current, ...change };
  if (Object.keys(change).every((f) => current[f as keyof Step] === next[f as keyof Step])) return current;
  writeEntry(steps, key, next);
  return next;
}

/** Turns a step on or off; returns the step. */
export function toggleStep(doc: Y.Doc, patternId: string, trackIndex: number, stepIndex: number): Step {
  const on = !getStep(doc, patternId, trackIndex, stepIndex).on;
  return setStep(doc, patternId, trackIndex, stepIndex, { on });
}

/**
 * Bytes that `changes` step edits (over 4 tracks × 16 steps: every third a toggle, the rest
 * velocity, probability and micro-timing, one transaction each, as a user's clicks and drags
 * produce them) add to the encoded document, once every step was written. For the benchmark.
 */
export function measureStepGrowth(changes: number): number {
  const doc = new Y.Doc();
  initRack(doc, { caseId: 'measure', rows: [{ hp: 84 }] });
  const { id } = addPattern(doc, { name: 'Churn', tracks: 4, length: 16 });
  for (let track = 0; track < 4; track += 1) for (let step = 0; step < 16; step += 1) toggleStep(doc, id, track, step);
  const before = Y.encodeStateAsUpdate(doc).byteLength;
  let last: Step | null = null;
  for (let i = 0; i < changes; i += 1) {
    const track = i % 4;
    const step = Math.floor(i / 4) % 16;
    if (i % 3 === 0) last = toggleStep(doc, id, track, step);
    else last = setStep(doc, id, track, step, { velocity: i % 128, probability: (i % 101) / 100, microMs: (i % 101) - 50 });
  }
  // A measurement of edits that did not land would be worthless.
  const lastIndex = changes - 1;
  if (last && JSON.stringify(getStep(doc, id, lastIndex % 4, Math.floor(lastIndex / 4) % 16)) !== JSON.stringify(last)) {
    throw new Error('step edits were not written');
  }
  const grown = Y.encodeStateAsUpdate(doc).byteLength - before;
  doc.destroy();
  return grown;
}
