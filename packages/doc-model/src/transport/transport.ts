// The shared transport: play/stop, tempo, which pattern, and the shared-clock time at which
// beat 0 fell. Clients map that time onto their own audio clocks (packages/engine does the
// maths), so everyone hears the same beat at the same moment. Stored as one value so a
// concurrent play and tempo change never mix the clock fields of two writers.
import { barMs, BEATS_PER_BAR, tempoChangeAtMs, transportBarAt, type PendingTempo } from '@patchroom/engine';
import * as Y from 'yjs';
import { RackRuleError } from '../errors.ts';
import { rackParts } from '../rack-doc.ts';
import { getPattern } from '../sequencer/patterns.ts';
import * as valid from '../shared/validate.ts';

// The tempo maths (beats ↔ shared-clock times) lives in the engine, shared with the scheduler.
export { BEATS_PER_BAR, transportBarAt, type PendingTempo };

/**
 * Beat b (b < pendingTempo.atBar × 4) falls at startedAtMs + b × 60000 / bpm. From bar
 * `atBar` on, beats follow `pendingTempo.bpm`, starting at startedAtMs + atBar × 4 × 60000 / bpm.
 */
export interface TransportState {
  playing: boolean;
  bpm: number;
  /** Shared-clock time (ms, the server's clock) of beat 0. */
  startedAtMs: number;
  patternId: string | null;
  pendingTempo: PendingTempo | null;
}

const STOPPED: TransportState = { playing: false, bpm: 120, startedAtMs: 0, patternId: null, pendingTempo: null };

const bpmOf = (v: unknown) => valid.numberIn(v, 40, 300, 'Tempo must be between 40 and 300 BPM.');

function finite(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** The transport as every replica reads it; a pattern deleted meanwhile reads as none. */
export function readTransport(doc: Y.Doc): TransportState {
  const raw = rackParts(doc).transport.get('state') as Partial<TransportState> | undefined;
  if (!raw || typeof raw !== 'object') return { ...STOPPED };
  const inRange = (v: unknown) => typeof v === 'number' && v >= 40 && v <= 300;
  const pending = raw.pendingTempo;
  return {
    playing: raw.playing === true,
    bpm: inRange(raw.bpm) ? raw.bpm! : STOPPED.bpm,
    startedAtMs: finite(raw.startedAtMs, 0),
    patternId:
      typeof raw.patternId === 'string' && rackParts(doc).patterns.get(raw.patternId) instanceof Y.Map ? raw.patternId : null,
    pendingTempo:
      pending && inRange(pending.bpm) && Number.isInteger(pending.atBar) && pending.atBar > 0
        ? { bpm: pending.bpm, atBar: pending.atBar }
        : null,
  };
}

function write(doc: Y.Doc, state: TransportState): void {
  rackParts(doc).transport.set('state', state);
}

export interface PlayInput {
  /** Shared-clock time (ms) at which beat 0 falls; callers add a short lead-in. */
  atMs: number;
  /** The pattern to play; the transport's current one when omitted. */
  patternId?: string;
  /** The tempo; the pattern's own tempo when a pattern is given, else the current tempo. */
  bpm?: number;
}

export function play(doc: Y.Doc, input: PlayInput): TransportState {
  const atMs = valid.numberIn(input.atMs, 0, Number.MAX_SAFE_INTEGER, 'The start time must be a clock time in ms.');
  const current = readTransport(doc);
  const pattern = input.patternId === undefined ? null : getPattern(doc, input.patternId);
  if (input.patternId !== undefined && !pattern) {
    throw new RackRuleError('That pattern is no longer in the rack.', 'NO_SUCH_PATTERN');
  }
  const bpm = input.bpm === undefined ? (pattern?.bpm ?? current.bpm) : bpmOf(input.bpm);
  const state: TransportState = {
    playing: true,
    bpm,
    startedAtMs: atMs,
    patternId: pattern?.id ?? current.patternId,
    pendingTempo: null,
  };
  write(doc, state);
  return state;
}

export function stop(doc: Y.Doc): TransportState {
  const current = readTransport(doc);
  const bpm = current.pendingTempo?.bpm ?? current.bpm;
  const state: TransportState = { ...current, playing: false, bpm, pendingTempo: null };
  write(doc, state);
  return state;
}

/**
 * Changes the transport tempo. Stopped: at once. Playing: at the start of the next bar after
 * `nowMs` (shared-clock time), so everyone switches on the same downbeat; a second change in
 * the same bar replaces the first.
 */
export function setTransportTempo(doc: Y.Doc, bpm: number, options: { nowMs?: number } = {}): TransportState {
  const next = bpmOf(bpm);
  const current = readTransport(doc);
  if (!current.playing) return writeAndReturn(doc, { ...current, bpm: next, pendingTempo: null });
  const nowMs = options.nowMs;
  if (typeof nowMs !== 'number' || !Number.isFinite(nowMs)) {
    throw new RackRuleError('A tempo change while playing needs the current clock time.', 'BAD_INPUT');
  }
  const base = settlePendingTempo(current, nowMs);
  const bar = transportBarAt(base, nowMs);
  if (bar < 0) return writeAndReturn(doc, { ...base, bpm: next });
  return writeAndReturn(doc, { ...base, pendingTempo: { bpm: next, atBar: Math.floor(bar) + 1 } });
}

/** Folds a tempo change that has already happened into bpm/startedAtMs; drops one still to come. */
function settlePendingTempo(state: TransportState, nowMs: number): TransportState {
  const pending = state.pendingTempo;
  if (!pending) return state;
  const changeAt = tempoChangeAtMs(state);
  if (nowMs < changeAt) return { ...state, pendingTempo: null };
  return { ...state, bpm: pending.bpm, startedAtMs: changeAt - pending.atBar * barMs(pending.bpm), pendingTempo: null };
}

function writeAndReturn(doc: Y.Doc, state: TransportState): TransportState {
  write(doc, state);
  return state;
}

/** Chooses the pattern the transport plays (null: none). */
export function setTransportPattern(doc: Y.Doc, patternId: string | null): TransportState {
  if (patternId !== null && !getPattern(doc, patternId)) {
    throw new RackRuleError('That pattern is no longer in the rack.', 'NO_SUCH_PATTERN');
  }
  return writeAndReturn(doc, { ...readTransport(doc), patternId });
}
