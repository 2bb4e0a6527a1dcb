import { describe, expect, it } from 'vitest';
import { patternNotes } from '../../src/index.ts';
import type { SoundPattern, SoundStep } from '../../src/index.ts';

const step = (fields: Partial<SoundStep>): SoundStep => ({ on: true, velocity: 127, probability: 1, microMs: 0, pitch: 60, ...fields });
const target = { moduleId: 'env', jackId: 'gate' };

describe('pattern notes for renders', () => {
  it('places 16ths at the tempo, swings odd steps by up to half a step and adds micro-timing', () => {
    const pattern: SoundPattern = {
      id: 'p',
      bpm: 120,
      swing: 100,
      length: 4,
      tracks: [{ id: 't', target, steps: [step({}), step({}), step({ microMs: 20, velocity: 64 }), step({ on: false })] }],
    };
    const notes = patternNotes(pattern, 1).slice(0, 3);
    expect(notes.map((n) => Number(n.atSeconds.toFixed(4)))).toEqual([0, 0.1875, 0.27]);
    expect(notes.every((n) => n.durationSeconds === 0.0625)).toBe(true);
    expect(notes[2]!.velocity).toBeCloseTo(64 / 127, 6);
  });

  it('decides probability the same way every time, per pass', () => {
    const pattern: SoundPattern = { id: 'p', bpm: 120, swing: 0, length: 16, tracks: [{ id: 't', target, steps: Array.from({ length: 16 }, () => step({ probability: 0.5 })) }] };
    const a = patternNotes(pattern, 8).map((n) => n.atSeconds);
    const b = patternNotes(structuredClone(pattern), 8).map((n) => n.atSeconds);
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThan(128 * 0.35);
    expect(a.length).toBeLessThan(128 * 0.65);
    // Unassigned tracks play nothing.
    expect(patternNotes({ ...pattern, tracks: [{ ...pattern.tracks[0]!, target: null }] }, 1)).toEqual([]);
  });
});
