// A pattern's steps as timed notes, for offline renders: the live transport's scheduler
// (eventsInWindow) over the whole render, so an export sounds like the room (16th-note steps,
// swing, micro-timing, half-step gates, the same steps chosen by probability).
import { eventsInWindow, STEPS_PER_BEAT } from '../sequencer/schedule.ts';
import { BEATS_PER_BAR } from '../sequencer/tempo.ts';
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

export { STEPS_PER_BEAT, BEATS_PER_BAR };

export const stepSeconds = (bpm: number) => 60 / bpm / STEPS_PER_BEAT;

/** Notes of `bars` bars (16 steps each, the pattern looping over its length) from time `start`. */
export function patternNotes(pattern: SoundPattern, bars: number, start = 0): NoteEvent[] {
  const totalSteps = bars * BEATS_PER_BAR * STEPS_PER_BEAT;
  // The live transport's scheduler over the whole render: beat 0 at 0 ms, a window wide enough
  // for the last step's swing and micro-timing, then only the first `totalSteps` steps.
  const transport = { playing: true, bpm: pattern.bpm, startedAtMs: 0, pendingTempo: null };
  const endMs = (totalSteps / STEPS_PER_BEAT) * (60_000 / pattern.bpm) + 1_000;
  return eventsInWindow(pattern, transport, -1_000, endMs)
    .filter((e) => e.target !== null && e.bar * pattern.length + e.step < totalSteps)
    .map((e) => ({
      target: e.target,
      atSeconds: Math.max(0, start + e.timeMs / 1000),
      durationSeconds: e.gateMs / 1000,
      velocity: e.velocity,
      pitch: e.pitch,
    }));
}
