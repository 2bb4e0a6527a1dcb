/// <reference types="node" />
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  eventsInWindow,
  stepDice,
  timeOfBeat,
  transportBeatAt,
  type SchedulePattern,
  type ScheduleStep,
  type ScheduleTransport,
} from '../src/index.ts';

const sha256 = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

const step = (over: Partial<ScheduleStep> = {}): ScheduleStep => ({
  on: true,
  velocity: 127,
  probability: 1,
  microMs: 0,
  pitch: 60,
  ...over,
});

function pattern(steps: ScheduleStep[][], swing = 0, id = 'pat-1'): SchedulePattern {
  return {
    id,
    swing,
    length: steps[0]!.length,
    tracks: steps.map((s, i) => ({ id: `trk-${i}`, target: i === 0 ? { moduleId: 'mod-1', jackId: 'gate' } : null, steps: s })),
  };
}

const playing = (over: Partial<ScheduleTransport> = {}): ScheduleTransport => ({
  playing: true,
  bpm: 120,
  startedAtMs: 1_000,
  pendingTempo: null,
  ...over,
});

const brief = (events: ReturnType<typeof eventsInWindow>) => events.map((e) => [e.timeMs, e.bar, e.track, e.step]);

describe('eventsInWindow', () => {
  it('plays sixteenth steps on the beat grid, late every second step by the swing', () => {
    // 120 BPM: a step is 125 ms; 50 % swing delays odd steps by a quarter step (31.25 ms).
    const events = eventsInWindow(pattern([[step(), step(), step(), step()]], 50), playing(), 1_000, 1_750);
    expect(brief(events)).toEqual([
      [1_000, 0, 0, 0],
      [1_156.25, 0, 0, 1],
      [1_250, 0, 0, 2],
      [1_406.25, 0, 0, 3],
      [1_500, 1, 0, 0],
      [1_656.25, 1, 0, 1],
    ]);
    expect(events[0]).toMatchObject({ velocity: 1, pitch: 60, gateMs: 62.5, beat: 0, target: { moduleId: 'mod-1', jackId: 'gate' } });
    // 100 % swing: half a step late.
    expect(eventsInWindow(pattern([[step(), step()]], 100), playing(), 1_100, 1_200).map((e) => e.timeMs)).toEqual([1_187.5]);
  });

  it('moves steps by their micro-timing, across the window start and the pattern loop', () => {
    const steps = [step({ microMs: -20 }), step({ on: false }), step({ microMs: 15, velocity: 64, pitch: 67 }), step({ microMs: 50 })];
    const events = eventsInWindow(pattern([steps], 25), playing(), 1_000, 2_000);
    expect(brief(events)).toEqual([
      [1_265, 0, 0, 2],
      [1_000 + 375 + 15.625 + 50, 0, 0, 3],
      [1_480, 1, 0, 0],
      [1_765, 1, 0, 2],
      [1_940.625, 1, 0, 3],
      [1_980, 2, 0, 0],
    ]);
    expect(events[0]).toMatchObject({ velocity: 64 / 127, pitch: 67 });
  });

  it('keeps a golden list of events for a swung, micro-timed two-track pattern', () => {
    const lead = Array.from({ length: 16 }, (_, i) => step({ on: i % 3 !== 1, microMs: ((i * 7) % 11) - 5, velocity: 40 + i * 5, pitch: 48 + i }));
    const drums = Array.from({ length: 16 }, (_, i) => step({ on: i % 4 === 0, probability: i === 8 ? 0.5 : 1 }));
    const events = eventsInWindow(pattern([lead, drums], 37), playing({ bpm: 133 }), 0, 20_000);
    expect(events).toHaveLength(157);
    expect(sha256(events)).toBe('ee596a1a732427abe7abb208bcbc0c698302c91414ffe9d2839c8144af5e596e');
  });

  it('decides probability the same way in two independent computations', () => {
    const chancy = Array.from({ length: 16 }, () => step({ probability: 0.5 }));
    const a = eventsInWindow(pattern([chancy, chancy]), playing(), 0, 60_000);
    // A second listener: its own copy of the pattern, windows of 100 ms as its scheduler asks.
    const copy = pattern([chancy.map((s) => ({ ...s })), chancy.map((s) => ({ ...s }))]);
    const b: typeof a = [];
    for (let from = 0; from < 60_000; from += 100) b.push(...eventsInWindow(copy, playing(), from, from + 100));
    expect(b).toEqual(a);
    // About half the steps play, and not the same ones on every pass or track.
    const all = 2 * (480 - 8); // two tracks of 60 s at 120 BPM (480 steps), from beat 0 at 1 s
    expect(a.length).toBeGreaterThan(all * 0.4);
    expect(a.length).toBeLessThan(all * 0.55);
    const firstPass = (track: number, bar: number) => a.filter((e) => e.track === track && e.bar === bar).map((e) => e.step);
    expect(firstPass(0, 3)).not.toEqual(firstPass(1, 3));
    expect(firstPass(0, 3)).not.toEqual(firstPass(0, 4));
    // Another pattern id rolls other dice.
    expect(eventsInWindow(pattern([chancy], 0, 'pat-2'), playing(), 0, 60_000).map((e) => e.step)).not.toEqual(
      a.filter((e) => e.track === 0).map((e) => e.step),
    );
    expect(stepDice('pat-1', 3, 'trk-0', 5)).toBe(stepDice('pat-1', 3, 'trk-0', 5));
    expect(stepDice('pat-1', 3, 'trk-0', 5)).toBeCloseTo(0.5, -1);
  });

  it('switches to a new tempo exactly at the start of the bar it was set for', () => {
    // 120 BPM from 1 s; 60 BPM from bar 2 (beat 8, at 1 s + 8 × 500 ms = 5 s).
    const transport = playing({ pendingTempo: { bpm: 60, atBar: 2 } });
    const events = eventsInWindow(pattern([[step(), step(), step(), step()]]), transport, 4_600, 6_100);
    expect(events.map((e) => e.timeMs)).toEqual([4_625, 4_750, 4_875, 5_000, 5_250, 5_500, 5_750, 6_000]);
    expect(events.find((e) => e.timeMs === 5_000)).toMatchObject({ beat: 8, gateMs: 125 });
    expect(timeOfBeat(transport, 8)).toBe(5_000);
    expect(transportBeatAt(transport, 6_000)).toBe(9);
  });

  it('plays nothing while stopped, without a pattern, or before beat 0', () => {
    const p = pattern([[step(), step()]]);
    expect(eventsInWindow(p, playing({ playing: false }), 0, 10_000)).toEqual([]);
    expect(eventsInWindow(null, playing(), 0, 10_000)).toEqual([]);
    expect(eventsInWindow(p, playing(), 0, 1_000)).toEqual([]);
    expect(eventsInWindow(p, playing(), 2_000, 2_000)).toEqual([]);
  });

  it('never drops or repeats an event at window boundaries', () => {
    const stepArb = fc.record({
      on: fc.boolean(),
      velocity: fc.integer({ min: 0, max: 127 }),
      probability: fc.constantFrom(0, 0.3, 1),
      microMs: fc.double({ min: -50, max: 50, noNaN: true }),
      pitch: fc.integer({ min: 0, max: 127 }),
    });
    const arb = fc.record({
      length: fc.integer({ min: 1, max: 16 }),
      tracks: fc.array(fc.array(stepArb, { minLength: 16, maxLength: 16 }), { minLength: 1, maxLength: 3 }),
      swing: fc.integer({ min: 0, max: 100 }),
      bpm: fc.integer({ min: 40, max: 300 }),
      pending: fc.option(fc.record({ bpm: fc.integer({ min: 40, max: 300 }), atBar: fc.integer({ min: 1, max: 4 }) })),
      startedAtMs: fc.double({ min: 0, max: 5_000, noNaN: true }),
      cuts: fc.array(fc.double({ min: 0, max: 20_000, noNaN: true }), { minLength: 1, maxLength: 40 }),
    });
    fc.assert(
      fc.property(arb, (input) => {
        const p: SchedulePattern = {
          id: 'pat-x',
          swing: input.swing,
          length: input.length,
          tracks: input.tracks.map((steps, i) => ({ id: `t${i}`, target: null, steps: steps.slice(0, input.length) })),
        };
        const transport = playing({ bpm: input.bpm, startedAtMs: input.startedAtMs, pendingTempo: input.pending });
        const whole = eventsInWindow(p, transport, 0, 20_000);
        const bounds = [0, ...[...input.cuts].sort((a, b) => a - b), 20_000];
        const pieces = bounds.slice(1).flatMap((to, i) => eventsInWindow(p, transport, bounds[i]!, to));
        expect(pieces).toEqual(whole);
      }),
      { numRuns: 150, seed: 6 },
    );
  });
});
