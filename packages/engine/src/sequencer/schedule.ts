// Pure scheduling: which steps of a pattern sound in a window of the shared clock, and when.
// Every listener computes the same events from the same document: times come only from the
// transport's shared-clock fields, and a step's probability is decided by a hash of
// (pattern, pass, track, step) rather than by a random draw.
import { hashString } from '../generation/random.ts';
import { bpmAtBeat, beatMs, timeOfBeat, transportBeatAt, type TransportTiming } from './tempo.ts';

/** Steps are sixteenth notes: four to a beat. */
export const STEPS_PER_BEAT = 4;
/** At 100 % swing every second step is late by half a step (a 3:1 shuffle). */
const MAX_SWING_SHARE = 0.5;
/** A gate stays open for half a step. */
const GATE_SHARE = 0.5;
/** Bounds of a step's own timing offset (doc-model clamps microMs to this). */
const MAX_MICRO_MS = 50;

export interface ScheduleTarget {
  moduleId: string;
  jackId: string;
}

/** The fields of a pattern step the scheduler reads (doc-model's Step has them). */
export interface ScheduleStep {
  on: boolean;
  /** 0–127 */
  velocity: number;
  /** 0–1 */
  probability: number;
  /** −50…+50 ms */
  microMs: number;
  /** MIDI note number */
  pitch: number;
}

/** The fields of a pattern the scheduler reads (doc-model's Pattern has them). */
export interface SchedulePattern {
  id: string;
  /** 0–100 % */
  swing: number;
  /** Steps per pass, 1–64. */
  length: number;
  tracks: readonly { id: string; target: ScheduleTarget | null; steps: readonly ScheduleStep[] }[];
}

export interface ScheduleTransport extends TransportTiming {
  playing: boolean;
}

export interface SequencerEvent {
  /** Shared-clock time (ms) of the onset, swing and micro-timing included. */
  timeMs: number;
  /** The pass of the pattern (how many times it has looped since beat 0), from 0. */
  bar: number;
  /** Track index in the pattern. */
  track: number;
  /** Step index within the pattern. */
  step: number;
  /** The onset's place on the beat grid, before swing and micro-timing (step count / 4). */
  beat: number;
  /** 0–1 (the step's 0–127 scaled). */
  velocity: number;
  /** MIDI note number. */
  pitch: number;
  gateMs: number;
  target: ScheduleTarget | null;
}

/**
 * The events with fromMs ≤ timeMs < toMs, sorted by time (then track). Consecutive windows
 * together give exactly the events of one window covering them: each step's time depends on
 * the step alone, never on the window.
 */
export function eventsInWindow(
  pattern: SchedulePattern | null,
  transport: ScheduleTransport,
  fromMs: number,
  toMs: number,
): SequencerEvent[] {
  if (!pattern || !transport.playing || !(toMs > fromMs) || pattern.length < 1) return [];
  // A step can land up to half a step plus 50 ms late (swing, micro-timing) or 50 ms early:
  // look at the grid a little beyond the window on both sides, then keep exact times.
  const earliestBeat = transportBeatAt(transport, fromMs - MAX_MICRO_MS) - MAX_SWING_SHARE / STEPS_PER_BEAT;
  const latestBeat = transportBeatAt(transport, toMs + MAX_MICRO_MS);
  const first = Math.max(0, Math.floor(earliestBeat * STEPS_PER_BEAT) - 1);
  const last = Math.ceil(latestBeat * STEPS_PER_BEAT) + 1;
  const events: SequencerEvent[] = [];
  for (let n = first; n <= last; n++) {
    const bar = Math.floor(n / pattern.length);
    const step = n - bar * pattern.length;
    const beat = n / STEPS_PER_BEAT;
    const stepMs = beatMs(bpmAtBeat(transport, beat)) / STEPS_PER_BEAT;
    const swingMs = n % 2 === 1 ? (clamp(pattern.swing, 0, 100) / 100) * MAX_SWING_SHARE * stepMs : 0;
    const gridMs = timeOfBeat(transport, beat) + swingMs;
    pattern.tracks.forEach((track, trackIndex) => {
      const s = track.steps[step];
      if (!s || !s.on) return;
      const timeMs = gridMs + clamp(s.microMs, -MAX_MICRO_MS, MAX_MICRO_MS);
      if (timeMs < fromMs || timeMs >= toMs) return;
      if (!stepPlays(pattern.id, bar, track.id, step, s.probability)) return;
      events.push({
        timeMs,
        bar,
        track: trackIndex,
        step,
        beat,
        velocity: clamp(s.velocity, 0, 127) / 127,
        pitch: s.pitch,
        gateMs: stepMs * GATE_SHARE,
        target: track.target ? { moduleId: track.target.moduleId, jackId: track.target.jackId } : null,
      });
    });
  }
  return events.sort((a, b) => a.timeMs - b.timeMs || a.track - b.track);
}

/**
 * Whether a step with this probability plays on this pass: a uniform number in [0, 1) from a
 * hash of where the step is (the track by id, so a track moving up keeps its dice), compared
 * with the probability. The same on every machine.
 */
export function stepPlays(patternId: string, bar: number, trackId: string, step: number, probability: number): boolean {
  if (probability >= 1) return true;
  if (!(probability > 0)) return false;
  return stepDice(patternId, bar, trackId, step) < probability;
}

/** The step's uniform number in [0, 1) for this pass. */
export function stepDice(patternId: string, bar: number, trackId: string, step: number): number {
  return parseInt(hashString(`${patternId}\u0000${bar}\u0000${trackId}\u0000${step}`), 16) / 2 ** 53;
}

function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Number.isFinite(x) ? x : 0));
}
