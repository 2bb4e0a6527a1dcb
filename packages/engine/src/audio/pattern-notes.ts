// A pattern's steps as timed notes, for offline renders. Minimal on purpose: 16th-note steps,
// swing on odd steps, micro-timing, velocity, and probability decided by a seed from (pattern,
// bar, track, step). The live transport's scheduler (eventsInWindow) is the reference for
// playback; renders use this until both share one function.
import type { NoteEvent } from './types.ts';
import { seededRandom } from './units.ts';

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
    const bar = Math.floor(n / (BEATS_PER_BAR * STEPS_PER_BEAT));
    // Swing delays every second 16th by up to a third of a step (a triplet feel at 100 %).
    const swing = n % 2 === 1 ? (pattern.swing / 100) * (step / 3) : 0;
    for (const track of pattern.tracks) {
      const s = track.steps[index];
      if (!s?.on || !track.target) continue;
      if (s.probability < 1 && seededRandom(`${pattern.id}/${bar}/${track.id}/${index}`)() >= s.probability) continue;
      notes.push({
        target: track.target,
        atSeconds: Math.max(0, start + n * step + swing + s.microMs / 1000),
        durationSeconds: step / 2,
        velocity: s.velocity / 127,
        pitch: s.pitch,
      });
    }
  }
  return notes.sort((a, b) => a.atSeconds - b.atSeconds);
}
