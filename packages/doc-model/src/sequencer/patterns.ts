// Sequencer patterns. A pattern is a Y.Map under `patterns` with its tempo, swing and length,
// its tracks (a Y.Array of track ids, so concurrent edits never shift a step onto another
// track), each track's target input, and its steps in a YKeyValue array keyed
// `${trackId}/${stepIndex}`.
import * as Y from 'yjs';
import { RackRuleError } from '../errors.ts';
import { newId, rackParts, type JackRef, type Provenance } from '../rack-doc.ts';
import { moduleIds } from '../racks/layout.ts';
import { readProvenance } from '../patches/patches.ts';
import { deleteEntries, readEntries, type KeyValueArray } from '../shared/key-value.ts';
import { compareIds } from '../shared/order.ts';
import * as valid from '../shared/validate.ts';

export const PATTERN_LIMITS = {
  bpm: { min: 40, max: 300 },
  swing: { min: 0, max: 100 },
  length: { min: 1, max: 64 },
  tracks: { min: 1, max: 8 },
} as const;

/**
 * One step of a track. `pitch` is a MIDI note number (0–127, 60 = middle C, C4), so a pitch
 * track can drive any 1 V/oct input; `microMs` shifts the step early (−) or late (+).
 */
export interface Step {
  on: boolean;
  /** 0–127 */
  velocity: number;
  /** 0–1: the chance the step plays on a given pass. */
  probability: number;
  /** −50…+50 ms */
  microMs: number;
  /** MIDI note number 0–127 */
  pitch: number;
}

export const DEFAULT_STEP: Readonly<Step> = Object.freeze({ on: false, velocity: 100, probability: 1, microMs: 0, pitch: 60 });

export interface Track {
  id: string;
  /** The module input this track drives (gate, trigger or pitch); null when unassigned. */
  target: JackRef | null;
  /** One entry per step of the pattern's length. */
  steps: Step[];
}

export interface Pattern {
  id: string;
  name: string;
  bpm: number;
  /** 0–100 % */
  swing: number;
  length: number;
  createdAt: number;
  provenance: Provenance | null;
  tracks: Track[];
}

export interface AddPatternInput {
  name: string;
  bpm?: number;
  swing?: number;
  length?: number;
  /** How many tracks to start with (1–8); 1 when omitted. */
  tracks?: number;
  id?: string;
  provenance?: Provenance;
}

export function patternMap(doc: Y.Doc, id: string): Y.Map<unknown> {
  const value = rackParts(doc).patterns.get(id);
  if (!(value instanceof Y.Map)) throw new RackRuleError('That pattern is no longer in the rack.', 'NO_SUCH_PATTERN');
  return value;
}

export function stepsArray(pattern: Y.Map<unknown>): KeyValueArray<Partial<Step>> {
  const steps = pattern.get('steps');
  if (!(steps instanceof Y.Array)) throw new RackRuleError('That pattern is damaged.', 'NO_SUCH_PATTERN');
  return steps as KeyValueArray<Partial<Step>>;
}

/** Track ids in order: duplicates from concurrent edits dropped, at most 8. */
export function trackIds(pattern: Y.Map<unknown>): string[] {
  const tracks = pattern.get('tracks');
  if (!(tracks instanceof Y.Array)) return [];
  const ids = tracks.toArray().filter((t): t is string => typeof t === 'string');
  return [...new Set(ids)].slice(0, PATTERN_LIMITS.tracks.max);
}

export function trackIdAt(pattern: Y.Map<unknown>, trackIndex: number): string {
  const id = Number.isInteger(trackIndex) ? trackIds(pattern)[trackIndex] : undefined;
  if (id === undefined) throw new RackRuleError(`The pattern has no track ${trackIndex + 1}.`, 'NO_SUCH_TRACK');
  return id;
}

const bpmOf = (v: unknown) =>
  valid.numberIn(v, PATTERN_LIMITS.bpm.min, PATTERN_LIMITS.bpm.max, 'Tempo must be between 40 and 300 BPM.');
const swingOf = (v: unknown) =>
  valid.numberIn(v, PATTERN_LIMITS.swing.min, PATTERN_LIMITS.swing.max, 'Swing must be between 0 and 100 %.');
const lengthOf = (v: unknown) =>
  valid.numberIn(v, PATTERN_LIMITS.length.min, PATTERN_LIMITS.length.max, 'A pattern has 1 to 64 steps.', {
    integer: true,
  });

export function addPattern(doc: Y.Doc, input: AddPatternInput): Pattern {
  const name = valid.name(input.name, 'A pattern');
  const bpm = bpmOf(input.bpm ?? 120);
  const swing = swingOf(input.swing ?? 0);
  const length = lengthOf(input.length ?? 16);
  const trackCount = valid.numberIn(input.tracks ?? 1, 1, 8, 'A pattern has 1 to 8 tracks.', { integer: true });
  const id = input.id === undefined ? newId(doc, 'pat') : valid.id(input.id, 'Pattern');
  if (rackParts(doc).patterns.has(id)) throw new RackRuleError('A pattern with this id already exists.', 'DUPLICATE_ID');
  const provenance = input.provenance === undefined ? null : readProvenance(valid.jsonObject(input.provenance, 'Provenance', 10_000));
  if (input.provenance !== undefined && !provenance) {
    throw new RackRuleError('Provenance needs a seed and a generator version.', 'BAD_INPUT');
  }
  const pattern = new Y.Map<unknown>();
  pattern.set('name', name);
  pattern.set('bpm', bpm);
  pattern.set('swing', swing);
  pattern.set('length', length);
  pattern.set('createdAt', Date.now());
  if (provenance) pattern.set('provenance', provenance);
  pattern.set('tracks', Y.Array.from(Array.from({ length: trackCount }, () => newId(doc, 'trk'))));
  pattern.set('targets', new Y.Map());
  pattern.set('steps', new Y.Array());
  rackParts(doc).patterns.set(id, pattern);
  return readPattern(doc, id, pattern)!;
}

export function removePattern(doc: Y.Doc, id: string): void {
  patternMap(doc, id);
  rackParts(doc).patterns.delete(id);
}

export function renamePattern(doc: Y.Doc, id: string, name: string): void {
  patternMap(doc, id).set('name', valid.name(name, 'A pattern'));
}

export function setPatternTempo(doc: Y.Doc, id: string, bpm: number): void {
  patternMap(doc, id).set('bpm', bpmOf(bpm));
}

export function setPatternSwing(doc: Y.Doc, id: string, swing: number): void {
  patternMap(doc, id).set('swing', swingOf(swing));
}

/** Shortening keeps the steps past the end, so lengthening again brings them back. */
export function setPatternLength(doc: Y.Doc, id: string, length: number): void {
  patternMap(doc, id).set('length', lengthOf(length));
}

/** Adds an empty track at the end; returns its index. */
export function addTrack(doc: Y.Doc, patternId: string, input: { target?: JackRef | null } = {}): number {
  const pattern = patternMap(doc, patternId);
  const count = trackIds(pattern).length;
  if (count >= PATTERN_LIMITS.tracks.max) throw new RackRuleError('A pattern has at most 8 tracks.', 'OUT_OF_RANGE');
  const target = input.target ? checkedTarget(doc, input.target) : null;
  const trackId = newId(doc, 'trk');
  doc.transact(() => {
    (pattern.get('tracks') as Y.Array<string>).push([trackId]);
    if (target) (pattern.get('targets') as Y.Map<JackRef | null>).set(trackId, target);
  });
  return count;
}

/** Removes a track with its steps; the tracks after it move up. A pattern keeps one track. */
export function removeTrack(doc: Y.Doc, patternId: string, trackIndex: number): void {
  const pattern = patternMap(doc, patternId);
  const trackId = trackIdAt(pattern, trackIndex);
  if (trackIds(pattern).length <= 1) throw new RackRuleError('A pattern keeps at least one track.', 'LAST_ONE');
  const tracks = pattern.get('tracks') as Y.Array<string>;
  doc.transact(() => {
    const all = tracks.toArray();
    for (let i = all.length - 1; i >= 0; i--) if (all[i] === trackId) tracks.delete(i, 1);
    (pattern.get('targets') as Y.Map<unknown>).delete(trackId);
    deleteEntries(stepsArray(pattern), (key) => key.startsWith(`${trackId}/`));
  });
}

function checkedTarget(doc: Y.Doc, target: JackRef): JackRef {
  if (!moduleIds(doc).has(target?.moduleId)) {
    throw new RackRuleError('A track must drive an input of a module in the rack.', 'NO_SUCH_MODULE');
  }
  return { moduleId: target.moduleId, jackId: valid.panelId(target.jackId, 'Jack') };
}

/** Points a track at a module input (gate, trigger or pitch), or unassigns it with null. */
export function setTrackTarget(doc: Y.Doc, patternId: string, trackIndex: number, target: JackRef | null): void {
  const pattern = patternMap(doc, patternId);
  const trackId = trackIdAt(pattern, trackIndex);
  const value = target === null ? null : checkedTarget(doc, target);
  (pattern.get('targets') as Y.Map<JackRef | null>).set(trackId, value);
}

/** Reads a stored step, with defaults for missing fields and stored values forced into range. */
export function readStep(value: unknown): Step {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const num = (x: unknown, min: number, max: number, fallback: number, integer = false) =>
    typeof x === 'number' && Number.isFinite(x) ? clamp(integer ? Math.round(x) : x, min, max) : fallback;
  return {
    on: v.on === true,
    velocity: num(v.velocity, 0, 127, DEFAULT_STEP.velocity, true),
    probability: num(v.probability, 0, 1, DEFAULT_STEP.probability),
    microMs: num(v.microMs, -50, 50, DEFAULT_STEP.microMs),
    pitch: num(v.pitch, 0, 127, DEFAULT_STEP.pitch, true),
  };
}

function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}

/** A pattern as every replica shows it; null when the stored value is not a pattern. */
export function readPattern(doc: Y.Doc, id: string, value: unknown, modules: ReadonlySet<string> = moduleIds(doc)): Pattern | null {
  if (!(value instanceof Y.Map)) return null;
  const num = (key: string, min: number, max: number, fallback: number, integer = false) => {
    const x = value.get(key);
    return typeof x === 'number' && Number.isFinite(x) ? clamp(integer ? Math.round(x) : x, min, max) : fallback;
  };
  const name = value.get('name');
  const length = num('length', 1, 64, 16, true);
  const targets = value.get('targets');
  const steps = value.get('steps');
  const stepValues = steps instanceof Y.Array ? readEntries(steps as KeyValueArray<unknown>) : new Map<string, unknown>();
  const tracks = trackIds(value).map((trackId) => {
    const target = targets instanceof Y.Map ? (targets.get(trackId) as JackRef | null | undefined) : null;
    return {
      id: trackId,
      target: target && typeof target.jackId === 'string' && modules.has(target.moduleId) ? { moduleId: target.moduleId, jackId: target.jackId } : null,
      steps: Array.from({ length }, (_, i) => readStep(stepValues.get(`${trackId}/${i}`))),
    };
  });
  return {
    id,
    name: typeof name === 'string' && name ? name : 'Untitled pattern',
    bpm: num('bpm', 40, 300, 120),
    swing: num('swing', 0, 100, 0),
    length,
    createdAt: num('createdAt', 0, Number.MAX_SAFE_INTEGER, 0),
    provenance: readProvenance(value.get('provenance')),
    tracks,
  };
}

/** Patterns in the order they were made. */
export function listPatterns(doc: Y.Doc): Pattern[] {
  const modules = moduleIds(doc);
  const out: Pattern[] = [];
  rackParts(doc).patterns.forEach((value, id) => {
    const pattern = readPattern(doc, id, value, modules);
    if (pattern) out.push(pattern);
  });
  return out.sort((a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id));
}

export function getPattern(doc: Y.Doc, id: string): Pattern | null {
  return readPattern(doc, id, rackParts(doc).patterns.get(id));
}
