import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addModule,
  addPattern,
  addTrack,
  DEFAULT_STEP,
  getPattern,
  getStep,
  listPatterns,
  measureStepGrowth,
  RackRuleError,
  removePattern,
  removeTrack,
  renamePattern,
  setPatternLength,
  setPatternSwing,
  setPatternTempo,
  setStep,
  setTrackTarget,
  toggleStep,
} from '../src/index.ts';
import { rack, replicaOf, sync } from './helpers.ts';

function refused(doc: Y.Doc, edit: () => unknown, message: RegExp) {
  const before = Y.encodeStateAsUpdate(doc);
  expect(edit).toThrow(RackRuleError);
  expect(edit).toThrow(message);
  expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
}

describe('patterns', () => {
  it('creates a pattern with defaults and reads every step', () => {
    const doc = rack();
    const pattern = addPattern(doc, { name: 'Four on the floor', tracks: 2 });
    expect(pattern).toMatchObject({ name: 'Four on the floor', bpm: 120, swing: 0, length: 16 });
    expect(pattern.tracks).toHaveLength(2);
    expect(pattern.tracks[0]).toMatchObject({ target: null });
    expect(pattern.tracks[0]!.steps).toHaveLength(16);
    expect(pattern.tracks[0]!.steps[0]).toEqual(DEFAULT_STEP);
  });

  it('edits tempo, swing, length and name within their ranges', () => {
    const doc = rack();
    const { id } = addPattern(doc, { name: 'P', bpm: 90, swing: 10, length: 8 });
    setPatternTempo(doc, id, 174.5);
    setPatternSwing(doc, id, 55);
    setPatternLength(doc, id, 64);
    renamePattern(doc, id, 'Jungle');
    expect(getPattern(doc, id)).toMatchObject({ name: 'Jungle', bpm: 174.5, swing: 55, length: 64 });
    refused(doc, () => setPatternTempo(doc, id, 39), /40 and 300 BPM/);
    refused(doc, () => setPatternTempo(doc, id, 301), /40 and 300 BPM/);
    refused(doc, () => setPatternSwing(doc, id, 101), /0 and 100/);
    refused(doc, () => setPatternLength(doc, id, 0), /1 to 64 steps/);
    refused(doc, () => setPatternLength(doc, id, 65), /1 to 64 steps/);
    refused(doc, () => setPatternLength(doc, id, 3.5), /1 to 64 steps/);
    refused(doc, () => addPattern(doc, { name: 'x', tracks: 9 }), /1 to 8 tracks/);
    refused(doc, () => addPattern(doc, { name: 'x', bpm: 20 }), /40 and 300/);
    refused(doc, () => setPatternTempo(doc, 'pat_gone', 100), /no longer in the rack/);
  });

  it('sets and toggles steps with every field checked', () => {
    const doc = rack();
    const { id } = addPattern(doc, { name: 'P', length: 16 });
    expect(toggleStep(doc, id, 0, 4).on).toBe(true);
    expect(toggleStep(doc, id, 0, 4).on).toBe(false);
    setStep(doc, id, 0, 0, { on: true, velocity: 127, probability: 0.5, microMs: -12.5, pitch: 36 });
    expect(getStep(doc, id, 0, 0)).toEqual({ on: true, velocity: 127, probability: 0.5, microMs: -12.5, pitch: 36 });
    setStep(doc, id, 0, 0, { velocity: 64 });
    expect(getStep(doc, id, 0, 0)).toMatchObject({ on: true, velocity: 64, pitch: 36 });
    refused(doc, () => setStep(doc, id, 0, 0, { velocity: 128 }), /Velocity/);
    refused(doc, () => setStep(doc, id, 0, 0, { velocity: 1.5 }), /Velocity/);
    refused(doc, () => setStep(doc, id, 0, 0, { probability: 1.01 }), /Probability/);
    refused(doc, () => setStep(doc, id, 0, 0, { microMs: 51 }), /Micro-timing/);
    refused(doc, () => setStep(doc, id, 0, 0, { microMs: -51 }), /Micro-timing/);
    refused(doc, () => setStep(doc, id, 0, 0, { pitch: 128 }), /MIDI note/);
    refused(doc, () => setStep(doc, id, 0, 0, { velocity: 64, pitch: -1 }), /MIDI note/);
    refused(doc, () => setStep(doc, id, 0, 16, { on: true }), /no step 17/);
    refused(doc, () => toggleStep(doc, id, 1, 0), /no track 2/);
  });

  it('keeps steps past the end when shortened, and brings them back when lengthened', () => {
    const doc = rack();
    const { id } = addPattern(doc, { name: 'P', length: 16 });
    setStep(doc, id, 0, 12, { on: true });
    setPatternLength(doc, id, 8);
    expect(getPattern(doc, id)!.tracks[0]!.steps).toHaveLength(8);
    setPatternLength(doc, id, 16);
    expect(getPattern(doc, id)!.tracks[0]!.steps[12]!.on).toBe(true);
  });

  it('adds, targets and removes tracks; steps stay with their track', () => {
    const doc = rack();
    addModule(doc, { id: 'mod_env', catalogId: 'env', widthHp: 4 });
    const { id } = addPattern(doc, { name: 'P', tracks: 1 });
    expect(addTrack(doc, id, { target: { moduleId: 'mod_env', jackId: 'gate' } })).toBe(1);
    expect(addTrack(doc, id)).toBe(2);
    toggleStep(doc, id, 2, 3);
    setTrackTarget(doc, id, 0, { moduleId: 'mod_env', jackId: 'retrig' });
    removeTrack(doc, id, 1);
    const pattern = getPattern(doc, id)!;
    expect(pattern.tracks.map((t) => t.target?.jackId ?? null)).toEqual(['retrig', null]);
    expect(pattern.tracks[1]!.steps[3]!.on).toBe(true);
    setTrackTarget(doc, id, 0, null);
    expect(getPattern(doc, id)!.tracks[0]!.target).toBeNull();
    refused(doc, () => setTrackTarget(doc, id, 0, { moduleId: 'mod_gone', jackId: 'gate' }), /module in the rack/);
    for (let i = 0; i < 6; i++) addTrack(doc, id);
    refused(doc, () => addTrack(doc, id), /at most 8 tracks/);
    const single = addPattern(doc, { name: 'Single' });
    refused(doc, () => removeTrack(doc, single.id, 0), /at least one track/);
  });

  it('concurrent edits of different steps and tracks all survive', () => {
    const a = rack();
    const { id } = addPattern(a, { name: 'P', tracks: 2 });
    const b = replicaOf(a);
    toggleStep(a, id, 0, 0);
    toggleStep(b, id, 1, 7);
    setStep(b, id, 0, 1, { pitch: 48, on: true });
    addTrack(a, id);
    sync(a, b);
    sync(a, b);
    for (const doc of [a, b]) {
      const tracks = getPattern(doc, id)!.tracks;
      expect(tracks).toHaveLength(3);
      expect(tracks[0]!.steps[0]!.on).toBe(true);
      expect(tracks[0]!.steps[1]).toMatchObject({ on: true, pitch: 48 });
      expect(tracks[1]!.steps[7]!.on).toBe(true);
    }
    expect(listPatterns(a)).toEqual(listPatterns(b));
    removePattern(a, id);
    expect(listPatterns(a)).toEqual([]);
  });
});

describe('step churn', () => {
  it('100,000 step edits (toggles, velocity, probability, micro-timing) grow the document by less than 10 KB', () => {
    expect(measureStepGrowth(100_000)).toBeLessThan(10_000);
  });
});
