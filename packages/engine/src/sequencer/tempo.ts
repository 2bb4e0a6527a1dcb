// Tempo maths of the shared transport: where a beat falls on the shared clock and which beat
// is playing at a shared-clock time. The transport (doc-model) stores bpm, the shared-clock
// time of beat 0, and at most one tempo change waiting for the start of a bar; everything
// that turns those into times (the document's tempo changes, the scheduler) uses these.

/** The transport counts in 4/4: a tempo change lands on the next multiple of 4 beats. */
export const BEATS_PER_BAR = 4;

export interface PendingTempo {
  bpm: number;
  /** The bar (counted from beat 0, from 0) at whose start the new tempo applies. */
  atBar: number;
}

/** The clock fields of the transport state (doc-model's TransportState has these). */
export interface TransportTiming {
  bpm: number;
  /** Shared-clock time (ms) of beat 0. */
  startedAtMs: number;
  pendingTempo: PendingTempo | null;
}

export function beatMs(bpm: number): number {
  return 60_000 / bpm;
}

export function barMs(bpm: number): number {
  return BEATS_PER_BAR * beatMs(bpm);
}

/** Shared-clock time at which the pending tempo takes over (Infinity without one). */
export function tempoChangeAtMs(timing: TransportTiming): number {
  const pending = timing.pendingTempo;
  return pending ? timing.startedAtMs + pending.atBar * barMs(timing.bpm) : Infinity;
}

/** Beats elapsed since beat 0 at shared-clock time `timeMs` (fractional; negative before beat 0). */
export function transportBeatAt(timing: TransportTiming, timeMs: number): number {
  const pending = timing.pendingTempo;
  const changeAt = tempoChangeAtMs(timing);
  if (pending && timeMs >= changeAt) return pending.atBar * BEATS_PER_BAR + (timeMs - changeAt) / beatMs(pending.bpm);
  return (timeMs - timing.startedAtMs) / beatMs(timing.bpm);
}

/** Bars elapsed since beat 0 at shared-clock time `timeMs` (fractional; negative before beat 0). */
export function transportBarAt(timing: TransportTiming, timeMs: number): number {
  return transportBeatAt(timing, timeMs) / BEATS_PER_BAR;
}

/** Shared-clock time (ms) of beat `beat` (fractional allowed): the inverse of transportBeatAt. */
export function timeOfBeat(timing: TransportTiming, beat: number): number {
  const pending = timing.pendingTempo;
  if (pending && beat >= pending.atBar * BEATS_PER_BAR) {
    return tempoChangeAtMs(timing) + (beat - pending.atBar * BEATS_PER_BAR) * beatMs(pending.bpm);
  }
  return timing.startedAtMs + beat * beatMs(timing.bpm);
}

/** The tempo in force at beat `beat`. */
export function bpmAtBeat(timing: TransportTiming, beat: number): number {
  const pending = timing.pendingTempo;
  return pending && beat >= pending.atBar * BEATS_PER_BAR ? pending.bpm : timing.bpm;
}
