/// <reference types="node" />
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MELODIC_TRACK_NAMES,
  PATTERN_GENERATOR_VERSION,
  SCALE_NAMES,
  euclid,
  generatePatterns,
  inScale,
  rhythmText,
  scaleNotes,
  type GeneratedPattern,
  type ScaleName,
} from '../src/index.ts';

const sha256 = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('Euclidean rhythms', () => {
  // Toussaint, "The Euclidean Algorithm Generates Traditional Musical Rhythms" (2005).
  const known: [number, number, string][] = [
    [2, 5, 'x.x..'],
    [3, 4, 'x.xx'],
    [3, 5, 'x.x.x'],
    [3, 7, 'x.x.x..'],
    [3, 8, 'x..x..x.'],
    [4, 7, 'x.x.x.x'],
    [4, 9, 'x.x.x.x..'],
    [4, 11, 'x..x..x..x.'],
    [5, 6, 'x.xxxx'],
    [5, 7, 'x.xx.xx'],
    [5, 8, 'x.xx.xx.'],
    [5, 9, 'x.x.x.x.x'],
    [5, 11, 'x.x.x.x.x..'],
    [5, 12, 'x..x.x..x.x.'],
    [5, 16, 'x..x..x..x..x...'],
    [7, 8, 'x.xxxxxx'],
    [7, 12, 'x.xx.x.xx.x.'],
    [7, 16, 'x..x.x.x..x.x.x.'],
    [9, 16, 'x.xx.x.x.xx.x.x.'],
    [11, 24, 'x..x.x.x.x.x..x.x.x.x.x.'],
    [13, 24, 'x.xx.x.x.x.x.xx.x.x.x.x.'],
  ];
  it.each(known)('E(%i,%i) = %s', (pulses, steps, text) => {
    expect(rhythmText(euclid(pulses, steps))).toBe(text);
  });

  it('rotates left, or right for a negative rotation', () => {
    expect(rhythmText(euclid(3, 8, 1))).toBe('..x..x.x');
    expect(rhythmText(euclid(3, 8, 8))).toBe('x..x..x.');
    expect(rhythmText(euclid(2, 16, -4))).toBe('....x.......x...');
  });

  it('handles the edges: no pulses, every step, more pulses than steps, no steps', () => {
    expect(rhythmText(euclid(0, 4))).toBe('....');
    expect(rhythmText(euclid(4, 4))).toBe('xxxx');
    expect(rhythmText(euclid(9, 4))).toBe('xxxx');
    expect(euclid(0, 0)).toEqual([]);
    expect(rhythmText(euclid(1, 1))).toBe('x');
    expect(() => euclid(-1, 8)).toThrow(RangeError);
    expect(() => euclid(2.5, 8)).toThrow(RangeError);
  });

  it('spreads any number of pulses as evenly as possible', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 0, max: 70 }), fc.integer({ min: -64, max: 64 }), (steps, pulses, rotation) => {
        const rhythm = euclid(pulses, steps, rotation);
        expect(rhythm).toHaveLength(steps);
        const onsets = rhythm.flatMap((on, i) => (on ? [i] : []));
        expect(onsets).toHaveLength(Math.min(pulses, steps));
        // Gaps between onsets (cyclically) differ by at most one step.
        const gaps = onsets.map((at, i) => ((onsets[(i + 1) % onsets.length] as number) - at + steps) % steps || steps);
        if (gaps.length > 0) expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1);
        // Rotation only rotates.
        const base = euclid(pulses, steps);
        const shift = ((rotation % steps) + steps) % steps;
        expect(rhythm).toEqual([...base.slice(shift), ...base.slice(0, shift)]);
      }),
    );
  });
});

describe('scales', () => {
  it('lists the notes of a key', () => {
    expect(scaleNotes('major', 60, 60, 72)).toEqual([60, 62, 64, 65, 67, 69, 71, 72]);
    expect(scaleNotes('minor-pentatonic', 57, 57, 69)).toEqual([57, 60, 62, 64, 67, 69]);
    expect(inScale(61, 'major', 60)).toBe(false);
    expect(inScale(49, 'dorian', 62)).toBe(false);
    expect(inScale(50, 'dorian', 62)).toBe(true);
  });
});

/** Every constraint the sequencer puts on a pattern, and the key for melodic tracks. */
function expectPlayable(pattern: GeneratedPattern): void {
  const { scale, root, steps, tracks } = pattern.provenance.config;
  expect(pattern.bpm).toBeGreaterThanOrEqual(40);
  expect(pattern.bpm).toBeLessThanOrEqual(300);
  expect(pattern.swing).toBeGreaterThanOrEqual(0);
  expect(pattern.swing).toBeLessThanOrEqual(100);
  expect(pattern.length).toBe(steps);
  expect(pattern.length).toBeGreaterThanOrEqual(1);
  expect(pattern.length).toBeLessThanOrEqual(64);
  expect(pattern.tracks).toHaveLength(tracks);
  expect(tracks).toBeGreaterThanOrEqual(1);
  expect(tracks).toBeLessThanOrEqual(8);
  for (const track of pattern.tracks) {
    expect(track.steps).toHaveLength(pattern.length);
    for (const step of track.steps) {
      expect(Number.isInteger(step.velocity) && step.velocity >= 0 && step.velocity <= 127).toBe(true);
      expect(step.probability).toBeGreaterThanOrEqual(0);
      expect(step.probability).toBeLessThanOrEqual(1);
      expect(Number.isInteger(step.microMs) && step.microMs >= -50 && step.microMs <= 50).toBe(true);
      expect(Number.isInteger(step.pitch) && step.pitch >= 0 && step.pitch <= 127).toBe(true);
      if (MELODIC_TRACK_NAMES.includes(track.name)) expect(inScale(step.pitch, scale, root)).toBe(true);
    }
  }
}

describe('pattern generation', () => {
  it('gives byte-identical output for the same seed and version (pinned)', () => {
    const result = generatePatterns({ seed: 'patchroom', count: 8 });
    expect(JSON.stringify(generatePatterns({ seed: 'patchroom', count: 8 }))).toBe(JSON.stringify(result));
    expect(result.generatorVersion).toBe(PATTERN_GENERATOR_VERSION);
    // If this fails, generated patterns changed: bump PATTERN_GENERATOR_VERSION and re-pin.
    expect(sha256(result)).toBe('8bcaa189aea9f2f3b771fb721e73c25c694a44ac7791b2340ba2cccfe5ee0a0e');
  });

  it('gives different patterns for a different seed', () => {
    const a = generatePatterns({ seed: 'one', count: 6, tracks: 4, steps: 16 }).patterns;
    const b = generatePatterns({ seed: 'two', count: 6, tracks: 4, steps: 16 }).patterns;
    expect(a.filter((p, i) => JSON.stringify(p.tracks) !== JSON.stringify(b[i]?.tracks)).length).toBeGreaterThan(4);
  });

  it('keeps the kick on the downbeat and the snare on the backbeat of a 16-step bar', () => {
    for (const pattern of generatePatterns({ seed: 'groove', count: 10, tracks: 4, steps: 16 }).patterns) {
      const track = (name: string) => pattern.tracks.find((t) => t.name === name);
      expect(track('Kick')?.steps[0]).toMatchObject({ on: true, probability: 1, pitch: 36 });
      expect(rhythmText(track('Snare')?.steps.map((s) => s.on) ?? [])).toBe('....x.......x...');
    }
  });

  it('follows the asked key, size and step count', () => {
    const { patterns } = generatePatterns({ seed: 'key', count: 5, tracks: 8, steps: 24, scale: 'dorian', root: 50 });
    for (const pattern of patterns) {
      expect(pattern.provenance.config).toMatchObject({ tracks: 8, steps: 24, scale: 'dorian', root: 50 });
      expectPlayable(pattern);
      const melodic = pattern.tracks.filter((t) => MELODIC_TRACK_NAMES.includes(t.name)).flatMap((t) => t.steps.filter((s) => s.on));
      expect(melodic.length).toBeGreaterThan(0);
    }
  });

  it('rejects settings outside the sequencer’s limits', () => {
    expect(() => generatePatterns({ seed: 's', count: 1, tracks: 9 })).toThrow(/tracks/);
    expect(() => generatePatterns({ seed: 's', count: 1, steps: 0 })).toThrow(/steps/);
    expect(() => generatePatterns({ seed: 's', count: 1, root: 128 })).toThrow(/root/);
    expect(() => generatePatterns({ seed: 's', count: 1, scale: 'klingon' as ScaleName })).toThrow(/Unknown scale "klingon"/);
  });

  it('stays playable for any seed, size, step count, key and root', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.string({ maxLength: 16 }),
          count: fc.integer({ min: 1, max: 4 }),
          tracks: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
          steps: fc.option(fc.integer({ min: 1, max: 64 }), { nil: undefined }),
          scale: fc.option(fc.constantFrom(...SCALE_NAMES), { nil: undefined }),
          root: fc.option(fc.integer({ min: 0, max: 127 }), { nil: undefined }),
        }),
        (input) => {
          const { patterns } = generatePatterns(input);
          expect(patterns).toHaveLength(input.count);
          for (const pattern of patterns) expectPlayable(pattern);
          expect(new Set(patterns.map((p) => p.name)).size).toBe(patterns.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
