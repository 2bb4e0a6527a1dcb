// A pattern's steps as timed notes, for offline renders, with the same rules as the live
// transport's scheduler (eventsInWindow, helper "clock"'s branch): 16th-note steps, every second
// step late by up to half a step at 100 % swing, micro-timing clamped to ±50 ms, gates half a
// step long, probability decided by a hash of (pattern, pass, track id, step). Renders use this
// until eventsInWindow is on main; then this becomes a call to it over the whole render.
import { hashString } from '../generation/random.ts';
import type { NoteEvent } from './types.ts';

export interface SoundStep {
  on: boolean;
  /** 0–127 */
  velocity: number;
  /** 0–1 */
  probability: number;
  microMs: number;
  pitch: number;
}

export interface SoundPattern {
  id: string;
  bpm: number;
  /** 0–100 % */
  swing: number;
  length: number;
  tracks: { id: string; target: { moduleId: string; jackId: string } | null; steps: SoundStep[] }[];
}

export const STEPS_PER_BEAT = 4;
export const BEATS_PER_BAR = 4;

export const stepSeconds = (bpm: number) => 60 / bpm / STEPS_PER_BEAT;

/** Notes of `bars` bars (16 steps each, the pattern looping over its length) from time `start`. */
export function patternNotes(pattern: SoundPattern, bars: number, start = 0): NoteEvent[] {
  const step = stepSeconds(pattern.bpm);
  const totalSteps = bars * BEATS_PER_BAR * STEPS_PER_BEAT;
  const notes: NoteEvent[] = [];
  for (let n = 0; n < totalSteps; n++) {
    const index = n % pattern.length;
    const pass = Math.floor(n / pattern.length);
    const swing = n % 2 === 1 ? (clamp(pattern.swing, 0, 100) / 100) * 0.5 * step : 0;
    for (const track of pattern.tracks) {
      const s = track.steps[index];
      if (!s?.on || !track.target || !stepPlays(pattern.id, pass, track.id, index, s.probability)) continue;
      notes.push({
        target: track.target,
        atSeconds: Math.max(0, start + n * step + swing + clamp(s.microMs, -50, 50) / 1000),
        durationSeconds: step / 2,
        velocity: s.velocity / 127,
        pitch: s.pitch,
      });
    }
  }
  return notes.sort((a, b) => a.atSeconds - b.atSeconds);
}

function stepPlays(patternId: string, pass: number, trackId: string, step: number, probability: number): boolean {
  if (probability >= 1) return true;
  if (!(probability > 0)) return false;
  return parseInt(hashString(`${patternId}\u0000${pass}\u0000${trackId}\u0000${step}`), 16) / 2 ** 53 < probability;
}

function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Number.isFinite(x) ? x : 0));
}
