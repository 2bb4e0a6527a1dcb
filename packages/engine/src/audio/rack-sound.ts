// The live graph of a rack: one Voice per module, one GainNode per cable, a limiter at the end.
// update() diffs the new patch against the playing one: modules and cables that did not change
// keep their nodes; new cables fade in and removed ones fade out (5 ms), knob moves glide, so a
// patch edit while playing neither clicks nor restarts anything.
import { createVoice } from './modules/index.ts';
import { KnobReader, midiToVolts } from './units.ts';
import type { NoteEvent, RackSound, SoundCable, SoundModule, SoundRack } from './types.ts';
import type { Voice } from './voice.ts';

const CABLE_FADE = 0.005;
/** How far ahead free-running clocks are scheduled in a real-time context. */
const CLOCK_LOOKAHEAD = 0.2;
const CLOCK_TICK_MS = 25;

interface LiveModule {
  catalogId: string;
  voice: Voice;
}

interface LiveCable {
  key: string;
  cable: SoundCable;
  gain: GainNode;
  stopGates: (() => void) | null;
}

/** The limiter's curve covers inputs of ±4 (12 dB over full scale); louder ones are held at ±1. */
const LIMITER_RANGE = 4;
const LIMITER_KNEE = 0.5;

export function limit(x: number): number {
  const a = Math.abs(x);
  const y = a <= LIMITER_KNEE ? a : LIMITER_KNEE + (1 - LIMITER_KNEE) * Math.tanh((a - LIMITER_KNEE) / (1 - LIMITER_KNEE));
  return Math.sign(x) * y;
}

function limiterCurve(): Float32Array<ArrayBuffer> {
  const curve = new Float32Array(new ArrayBuffer(4 * 8193));
  for (let i = 0; i < curve.length; i++) curve[i] = limit(((i / (curve.length - 1)) * 2 - 1) * LIMITER_RANGE);
  return curve;
}

const cableKey = (c: SoundCable) => `${c.from.moduleId}/${c.from.jackId}>${c.to.moduleId}/${c.to.jackId}`;
const isOffline = (ctx: BaseAudioContext) => 'startRendering' in ctx;

export function createRackSound(context: BaseAudioContext, rack: SoundRack): RackSound {
  return new LiveRack(context, rack);
}

class LiveRack implements RackSound {
  readonly output: GainNode;
  private readonly master: GainNode;
  private readonly headroom: GainNode;
  private readonly limiter: WaveShaperNode;
  private readonly modules = new Map<string, LiveModule>();
  private readonly cables = new Map<string, LiveCable>();
  private readonly monitors = new Map<string, GainNode>();
  private readonly noteSources = new Map<string, ConstantSourceNode>();
  private readonly timer: ReturnType<typeof setInterval> | null = null;
  private rack: SoundRack = { modules: [], cables: [] };
  private disposed = false;

  constructor(
    private readonly ctx: BaseAudioContext,
    rack: SoundRack,
  ) {
    this.master = ctx.createGain();
    this.master.channelCount = 2;
    this.master.channelCountMode = 'explicit';
    // Limiter: a soft clipper, exactly linear below −6 dBFS and never beyond ±1. (A
    // DynamicsCompressorNode would add look-ahead latency and make-up gain to quiet patches.)
    this.headroom = ctx.createGain();
    this.headroom.gain.value = 1 / LIMITER_RANGE;
    this.limiter = ctx.createWaveShaper();
    this.limiter.curve = limiterCurve();
    this.output = ctx.createGain();
    this.master.connect(this.headroom).connect(this.limiter).connect(this.output);
    this.update(rack);
    if (!isOffline(ctx)) this.timer = setInterval(() => this.advanceClocks(ctx.currentTime + CLOCK_LOOKAHEAD), CLOCK_TICK_MS);
  }

  update(rack: SoundRack): void {
    if (this.disposed) return;
    this.rack = rack;
    const at = this.ctx.currentTime;
    const wanted = new Map(rack.modules.map((m) => [m.id, m]));
    const replaced = new Set(
      [...this.modules].filter(([id, live]) => wanted.get(id)?.catalog.id !== live.catalogId).map(([id]) => id),
    );
    const cables = new Map(rack.cables.filter((c) => this.validCable(c, wanted)).map((c) => [cableKey(c), c]));
    for (const [key, live] of this.cables) {
      if (!cables.has(key) || replaced.has(live.cable.from.moduleId) || replaced.has(live.cable.to.moduleId)) this.unplug(live, at);
    }
    for (const id of replaced) this.removeModule(id);
    const added = new Set<string>();
    for (const module of rack.modules) {
      if (this.modules.has(module.id)) continue;
      this.addModule(module);
      added.add(module.id);
    }
    for (const [key, cable] of cables) if (!this.cables.has(key)) this.plug(key, cable, at);
    const patched = this.patchedInputs();
    for (const module of rack.modules) {
      const live = this.modules.get(module.id)!;
      live.voice.apply({
        knobs: new KnobReader(module.catalog, module.knobs),
        patched: patched.get(module.id) ?? new Set(),
        at,
        immediate: added.has(module.id),
      });
    }
    this.updateMonitors(at);
    if (isOffline(this.ctx)) this.advanceClocks((this.ctx as OfflineAudioContext).length / this.ctx.sampleRate);
  }

  playNote(note: NoteEvent): void {
    if (this.disposed || !note.target) return;
    const live = this.modules.get(note.target.moduleId);
    const port = live?.voice.inputs.get(note.target.jackId);
    if (!live || !port) return;
    const on = Math.max(note.atSeconds, 0);
    const off = on + Math.max(note.durationSeconds, 0.001);
    const velocity = Math.min(1, Math.max(0, note.velocity));
    if (port.signal === 'pitch') {
      this.setNote(live, note.target.jackId, midiToVolts(note.pitch), on);
      return;
    }
    if (port.onGate) {
      this.pitchForGate(live, note.pitch, on);
      port.onGate({ on, off, velocity, pitch: note.pitch, hops: 0 });
      return;
    }
    // A track on an audio or CV input: a gate voltage scaled by velocity.
    const source = this.noteSource(live, note.target.jackId);
    source.offset.setValueAtTime(velocity, on);
    source.offset.setValueAtTime(0, off);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearInterval(this.timer);
    for (const live of this.modules.values()) live.voice.dispose();
    for (const live of this.cables.values()) live.gain.disconnect();
    for (const source of this.noteSources.values()) source.disconnect();
    for (const gain of this.monitors.values()) gain.disconnect();
    this.master.disconnect();
    this.headroom.disconnect();
    this.limiter.disconnect();
    this.output.disconnect();
  }

  private validCable(cable: SoundCable, modules: Map<string, SoundModule>): boolean {
    const from = modules.get(cable.from.moduleId)?.catalog.jacks.find((j) => j.id === cable.from.jackId);
    const to = modules.get(cable.to.moduleId)?.catalog.jacks.find((j) => j.id === cable.to.jackId);
    return from?.dir === 'out' && to?.dir === 'in';
  }

  private addModule(module: SoundModule): void {
    const voice = createVoice(this.ctx, module.id, module.catalog);
    this.modules.set(module.id, { catalogId: module.catalog.id, voice });
    if (voice.monitor) voice.monitor.connect(this.master);
  }

  private removeModule(id: string): void {
    const live = this.modules.get(id);
    if (!live) return;
    this.modules.delete(id);
    for (const [key, source] of this.noteSources) {
      if (!key.startsWith(`${id}/`)) continue;
      source.disconnect();
      this.noteSources.delete(key);
    }
    if (live.voice.monitor) {
      const fade = this.ctx.createGain();
      live.voice.monitor.disconnect();
      live.voice.monitor.connect(fade).connect(this.master);
      fade.gain.setTargetAtTime(0, this.ctx.currentTime, CABLE_FADE);
      this.later(() => {
        live.voice.dispose();
        fade.disconnect();
      });
    } else {
      this.later(() => live.voice.dispose());
    }
  }

  private plug(key: string, cable: SoundCable, at: number): void {
    const from = this.modules.get(cable.from.moduleId)!.voice.outputs.get(cable.from.jackId)!;
    const to = this.modules.get(cable.to.moduleId)!.voice.inputs.get(cable.to.jackId)!;
    const gain = this.ctx.createGain();
    gain.gain.setValueAtTime(0, at);
    gain.gain.setTargetAtTime(1, at, CABLE_FADE);
    from.node.connect(gain).connect(to.bus);
    const stopGates = from.gates && to.onGate ? from.gates.listen(to.onGate) : null;
    this.cables.set(key, { key, cable, gain, stopGates });
  }

  private unplug(live: LiveCable, at: number): void {
    this.cables.delete(live.key);
    live.stopGates?.();
    live.gain.gain.cancelScheduledValues(at);
    live.gain.gain.setTargetAtTime(0, at, CABLE_FADE);
    this.later(() => live.gain.disconnect());
  }

  /** Disconnects after fades have finished; offline renders keep the silent nodes. */
  private later(fn: () => void): void {
    if (!isOffline(this.ctx)) setTimeout(fn, 200);
  }

  private patchedInputs(): Map<string, Set<string>> {
    const patched = new Map<string, Set<string>>();
    for (const { cable } of this.cables.values()) {
      const set = patched.get(cable.to.moduleId) ?? new Set<string>();
      set.add(cable.to.jackId);
      patched.set(cable.to.moduleId, set);
    }
    return patched;
  }

  /**
   * With no output module patched, the rack still sounds: the ends of its chains (modules that
   * receive a cable and send no audio on) are monitored, so VCO → VCF → VCA is heard as is.
   */
  private updateMonitors(at: number): void {
    const ends = new Map<string, AudioNode>();
    const outputPatched = [...this.cables.values()].some(
      ({ cable }) => this.modules.get(cable.to.moduleId)?.voice.monitor !== null && this.modules.get(cable.to.moduleId)?.voice.monitor !== undefined,
    );
    if (!outputPatched) {
      const receiving = new Set([...this.cables.values()].map(({ cable }) => cable.to.moduleId));
      const sendingAudio = new Set(
        [...this.cables.values()]
          .filter(({ cable }) => this.modules.get(cable.from.moduleId)?.voice.outputs.get(cable.from.jackId)?.signal === 'audio')
          .map(({ cable }) => cable.from.moduleId),
      );
      for (const id of receiving) {
        const voice = this.modules.get(id)?.voice;
        const audio = voice?.catalog.jacks.find((j) => j.dir === 'out' && j.signal === 'audio');
        if (voice && audio && !sendingAudio.has(id) && !voice.monitor) ends.set(id, voice.outputs.get(audio.id)!.node);
      }
    }
    for (const [id, gain] of this.monitors) {
      if (ends.has(id)) continue;
      this.monitors.delete(id);
      gain.gain.setTargetAtTime(0, at, CABLE_FADE);
      this.later(() => gain.disconnect());
    }
    for (const [id, node] of ends) {
      if (this.monitors.has(id)) continue;
      const gain = this.ctx.createGain();
      gain.gain.setValueAtTime(0, at);
      gain.gain.setTargetAtTime(1, at, CABLE_FADE);
      node.connect(gain).connect(this.master);
      this.monitors.set(id, gain);
    }
  }

  private noteSource(live: LiveModule, jackId: string): ConstantSourceNode {
    const key = `${live.voice.moduleId}/${jackId}`;
    let source = this.noteSources.get(key);
    if (!source) {
      source = this.ctx.createConstantSource();
      source.offset.value = 0;
      source.start();
      source.connect(live.voice.inputs.get(jackId)!.bus);
      this.noteSources.set(key, source);
    }
    return source;
  }

  private setNote(live: LiveModule, jackId: string, volts: number, at: number): void {
    this.noteSource(live, jackId).offset.setValueAtTime(volts, at);
  }

  /**
   * Where a gate note's pitch goes: the target module's own pitch input (a drum, a macro
   * oscillator with a trigger), else — when the target is not a sound source itself (an
   * envelope, a VCA, a low-pass gate) — every oscillator whose pitch inputs have no cable, as a
   * MIDI-to-CV interface would drive a mono voice.
   */
  private pitchForGate(live: LiveModule, pitch: number, at: number): void {
    const volts = midiToVolts(pitch);
    const own = live.voice.catalog.jacks.find((j) => j.dir === 'in' && j.signal === 'pitch');
    if (own) {
      this.setNote(live, own.id, volts, at);
      return;
    }
    if (SOURCES.has(live.voice.catalog.archetype)) return;
    const patched = this.patchedInputs();
    for (const other of this.modules.values()) {
      if (!OSCILLATORS.has(other.voice.catalog.archetype)) continue;
      const pitchJacks = other.voice.catalog.jacks.filter((j) => j.dir === 'in' && j.signal === 'pitch');
      const first = pitchJacks[0];
      if (first && !pitchJacks.some((j) => patched.get(other.voice.moduleId)?.has(j.id))) this.setNote(other, first.id, volts, at);
    }
  }

  private advanceClocks(until: number): void {
    for (const live of this.modules.values()) if (live.voice.runsFree) live.voice.advance(until);
  }
}

const OSCILLATORS = new Set(['vco', 'macro-osc']);
const SOURCES = new Set(['vco', 'macro-osc', 'drum', 'noise', 'granular']);
