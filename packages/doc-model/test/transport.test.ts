import { describe, expect, it } from 'vitest';
import {
  addPattern,
  play,
  readTransport,
  removePattern,
  setTransportPattern,
  setTransportTempo,
  stop,
  transportBarAt,
} from '../src/index.ts';
import { rack, replicaOf, sync } from './helpers.ts';

const BAR_AT_120 = 2000; // 4 beats × 500 ms

describe('transport', () => {
  it('plays a pattern at its tempo from a shared-clock time, and stops', () => {
    const doc = rack();
    const pattern = addPattern(doc, { name: 'P', bpm: 96 });
    expect(readTransport(doc)).toMatchObject({ playing: false, bpm: 120, patternId: null });
    play(doc, { atMs: 1_000_000, patternId: pattern.id });
    expect(readTransport(doc)).toEqual({
      playing: true,
      bpm: 96,
      startedAtMs: 1_000_000,
      patternId: pattern.id,
      pendingTempo: null,
    });
    stop(doc);
    expect(readTransport(doc)).toMatchObject({ playing: false, bpm: 96, patternId: pattern.id });
    expect(() => play(doc, { atMs: 5, patternId: 'pat_gone' })).toThrow(/no longer in the rack/);
    expect(() => play(doc, { atMs: Number.NaN })).toThrow(/clock time/);
  });

  it('a tempo change while playing lands on the next bar for everyone', () => {
    const a = rack();
    play(a, { atMs: 10_000, bpm: 120 });
    const b = replicaOf(a);
    // 2.5 bars in: the change applies from bar 3.
    const state = setTransportTempo(a, 60, { nowMs: 10_000 + 2.5 * BAR_AT_120 });
    expect(state.pendingTempo).toEqual({ bpm: 60, atBar: 3 });
    sync(a, b);
    const shared = readTransport(b);
    expect(shared).toEqual(state);
    expect(transportBarAt(shared, 10_000 + 3 * BAR_AT_120)).toBe(3);
    expect(transportBarAt(shared, 10_000 + 3 * BAR_AT_120 + 4000)).toBe(4); // a 60 BPM bar is 4 s
    // A later change folds the first one into the clock, keeping every past beat where it was.
    const later = setTransportTempo(b, 240, { nowMs: 10_000 + 3 * BAR_AT_120 + 6000 });
    expect(later).toMatchObject({ bpm: 60, pendingTempo: { bpm: 240, atBar: 5 } });
    expect(transportBarAt(later, 10_000 + 3 * BAR_AT_120 + 4000)).toBeCloseTo(4, 9);
    expect(transportBarAt(later, 10_000 + 3 * BAR_AT_120 + 8000 + 1000)).toBeCloseTo(6, 9);
    expect(() => setTransportTempo(b, 100)).toThrow(/current clock time/);
    expect(() => setTransportTempo(b, 400, { nowMs: 0 })).toThrow(/40 and 300/);
  });

  it('two tempo changes in one bar: the second replaces the first', () => {
    const doc = rack();
    play(doc, { atMs: 0, bpm: 120 });
    setTransportTempo(doc, 100, { nowMs: 500 });
    const state = setTransportTempo(doc, 140, { nowMs: 900 });
    expect(state).toMatchObject({ bpm: 120, startedAtMs: 0, pendingTempo: { bpm: 140, atBar: 1 } });
  });

  it('changes tempo at once when stopped, and forgets a deleted pattern', () => {
    const doc = rack();
    const pattern = addPattern(doc, { name: 'P' });
    setTransportPattern(doc, pattern.id);
    expect(setTransportTempo(doc, 150)).toMatchObject({ bpm: 150, pendingTempo: null });
    removePattern(doc, pattern.id);
    expect(readTransport(doc).patternId).toBeNull();
  });
});
