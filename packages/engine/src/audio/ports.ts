// Web Audio API types (types only: the engine takes any BaseAudioContext and uses no DOM-only API).
/// <reference lib="dom" />
// Jacks as Web Audio nodes. Every input is a summing GainNode (cables add up, as on a passive
// mult). Gates, triggers and clocks also travel as events (on/off times on the context clock):
// native nodes cannot detect edges without an AudioWorklet, so envelopes, drums, dividers and
// sequencers react to events scheduled ahead of time, and gate outputs additionally emit a
// 0/1 signal for audio/CV inputs.
import type { SignalType } from '../racks/catalog-types.ts';

export interface Gate {
  on: number;
  off: number;
  /** 0..1 */
  velocity: number;
  /** MIDI note carried along (for modules with a pitch of their own). */
  pitch: number;
  /** Cable hops so far: stops gate feedback loops. */
  hops: number;
}

export type GateListener = (gate: Gate) => void;

const MAX_GATE_HOPS = 16;

export class GateBus {
  private readonly listeners = new Set<GateListener>();
  listen(listener: GateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(gate: Gate): void {
    if (gate.hops > MAX_GATE_HOPS) return;
    for (const l of [...this.listeners]) l({ ...gate, hops: gate.hops + 1 });
  }
}

export interface InputPort {
  signal: SignalType;
  bus: GainNode;
  /** Gate/trigger/clock inputs: called for each gate arriving by cable or from the sequencer. */
  onGate?: (gate: Gate) => void;
}

export interface OutputPort {
  signal: SignalType;
  node: AudioNode;
  /** Outputs that send gates as events too. */
  gates?: GateBus;
}

export function inputPort(ctx: BaseAudioContext, signal: SignalType, onGate?: (gate: Gate) => void): InputPort {
  const bus = ctx.createGain();
  return onGate ? { signal, bus, onGate } : { signal, bus };
}

/** A gate output: events for gate inputs plus a 0/1 signal (×velocity) for audio and CV inputs. */
export class GateOutput implements OutputPort {
  readonly gates = new GateBus();
  readonly node: ConstantSourceNode;
  constructor(
    ctx: BaseAudioContext,
    readonly signal: SignalType = 'gate',
  ) {
    this.node = ctx.createConstantSource();
    this.node.offset.value = 0;
    this.node.start();
  }
  send(gate: Gate): void {
    const offset = this.node.offset;
    // A trigger is short whatever the incoming gate: 5 ms, as hardware triggers are.
    const off = this.signal === 'trigger' ? gate.on + 0.005 : Math.max(gate.off, gate.on + 0.001);
    offset.setValueAtTime(1, gate.on);
    offset.setValueAtTime(0, off);
    this.gates.emit(this.signal === 'trigger' ? { ...gate, off } : gate);
  }
}

/** When a change applies; `immediate` for a voice's first settings (nothing is sounding yet). */
export interface When {
  at: number;
  immediate?: boolean;
}

/** Ramps a parameter towards a value without a click (or sets it, the first time). */
export function glide(param: AudioParam, value: number, when: When, timeConstant = 0.01): void {
  if (!Number.isFinite(value)) return;
  if (when.immediate) param.setValueAtTime(value, when.at);
  else param.setTargetAtTime(value, when.at, timeConstant);
}

export function stopSafely(node: AudioScheduledSourceNode): void {
  try {
    node.stop();
  } catch {
    // already stopped
  }
}

export function connectTo(source: AudioNode, target: AudioNode | AudioParam): void {
  // AudioParams have no connect(); nodes do (no instanceof: the classes differ between contexts' libraries).
  if ('connect' in target) source.connect(target);
  else source.connect(target);
}

interface TargetSegment {
  at: number;
  target: number;
  timeConstant: number;
  from: number;
}

/**
 * Exponential segments on an AudioParam, with the curve also known here: each segment starts by
 * setting the value the previous one has reached at that moment (computed, not read back), so a
 * re-trigger continues from the current level without a jump. Setting the value first also
 * avoids node-web-audio-api 2.2 computing garbage before a lone setTargetAtTime.
 */
export class TargetSchedule {
  private segments: TargetSegment[] = [];

  constructor(
    private readonly param: AudioParam,
    private readonly initial = 0,
  ) {}

  valueAt(time: number): number {
    let current: TargetSegment | undefined;
    for (const s of this.segments) if (s.at <= time) current = s;
    if (!current) return this.initial;
    return current.target + (current.from - current.target) * Math.exp(-(time - current.at) / current.timeConstant);
  }

  /** From `at` on (dropping anything scheduled later), head for `target`. */
  target(at: number, target: number, timeConstant: number): void {
    const from = this.valueAt(at);
    this.segments = this.segments.filter((s) => s.at < at).slice(-4);
    this.segments.push({ at, target, timeConstant: Math.max(timeConstant, 1e-4), from });
    this.param.cancelScheduledValues(at);
    this.param.setValueAtTime(from, at);
    this.param.setTargetAtTime(target, at, Math.max(timeConstant, 1e-4));
  }
}
