// The building blocks recipes combine: a sound source, processors in series, a VCA, the output;
// clocks and gates; envelopes; modulation into CV inputs; pitch into V/oct inputs.
import type { Jack } from '../racks/catalog-types.ts';
import { jackLabel, label, type PatchBuilder } from './builder.ts';
import type { ModuleRole, Port, RackModule } from './rack.ts';
import type { JackRef } from './types.ts';

// ── Sound path ──────────────────────────────────────────────────────────────────────────────

export const SOUND_ROLES: readonly ModuleRole[] = ['oscillator', 'noise'];

/** A source the patch does not use yet, with one of its audio outputs (a waveform, say). */
export function pickSource(b: PatchBuilder, roles: readonly ModuleRole[], prefer?: (m: RackModule) => boolean): Port | null {
  const all: RackModule[] = [];
  for (const role of roles) for (const m of b.role(role)) if (m.audioOuts.length > 0 && !b.has(m)) all.push(m);
  const preferred = prefer ? all.filter(prefer) : [];
  const pool = preferred.length > 0 ? preferred : all;
  if (pool.length === 0) return null;
  const mod = b.r.pick(pool);
  b.reserve(mod);
  return { mod, jack: b.r.pick(mod.sourceOuts) };
}

/** Up to `max` modules of a role that can sit in an audio path and are not in the patch yet. */
export function chooseProcessors(b: PatchBuilder, role: ModuleRole, max: number, prefer?: (m: RackModule) => boolean): RackModule[] {
  if (max <= 0) return [];
  const fits = b.role(role).filter((m) => m.audioIns.length > 0 && m.audioOuts.length > 0 && !b.has(m));
  const liked = prefer ? fits.filter(prefer) : [];
  const chosen = b.r.shuffle(liked.length > 0 ? liked : fits).slice(0, max);
  for (const mod of chosen) b.reserve(mod);
  return chosen;
}

/** Patches `port` into the main free audio input of `mod`; the output that carries it on. */
function into(b: PatchBuilder, port: Port, mod: RackModule): { input: Jack; out: Port } | null {
  const input = b.firstFree(mod, mod.audioInsByPreference);
  const output = input && mod.audioOutFor.get(input);
  if (!input || !output || !b.connect(port, { mod, jack: input })) return null;
  return { input, out: { mod, jack: output } };
}

/** Sends the signal through each processor in turn; returns the last stage's output. */
export function through(b: PatchBuilder, start: Port, processors: readonly RackModule[]): Port {
  let port = start;
  for (const mod of processors) {
    const stage = into(b, port, mod);
    if (!stage) continue;
    b.tell(`${label(port.mod)} runs into ${label(mod)}.`);
    port = stage.out;
  }
  return port;
}

export interface VcaStage {
  out: Port;
  /** The CV input that opens this channel of the VCA (same channel as the audio), if free. */
  cv: Port | null;
}

export function throughVca(b: PatchBuilder, port: Port): VcaStage | null {
  for (const mod of b.r.shuffle(b.role('vca'))) {
    if (b.has(mod)) continue;
    const stage = into(b, port, mod);
    if (!stage) continue;
    b.tell(`${label(mod)} sets the level.`);
    const cv = b.firstFree(mod, mod.cvInsFor.get(stage.input) ?? mod.cvIns);
    return { out: stage.out, cv: cv ? { mod, jack: cv } : null };
  }
  return null;
}

/** Several voices into one: through a mixer when there is one, else the first voice alone. */
export function mixDown(b: PatchBuilder, voices: readonly Port[]): Port | null {
  if (voices.length <= 1) return voices[0] ?? null;
  const mixers = b.role('mixer').filter((m) => !b.has(m) && m.audioIns.length >= 2 && m.mainOut !== undefined);
  if (mixers.length === 0) return voices[0] as Port;
  const mixer = b.r.pick(mixers);
  let mixed = 0;
  for (const voice of voices) {
    const input = b.firstFree(mixer, mixer.audioInsByPreference);
    if (input && b.connect(voice, { mod: mixer, jack: input })) mixed++;
  }
  if (mixed === 0) return voices[0] as Port;
  b.tell(`${mixed} voices meet in ${label(mixer)}.`);
  return { mod: mixer, jack: mixer.mainOut as Jack };
}

/**
 * Where the patch is heard. With an output module in the rack, the last stage goes into its
 * left/mono input (and a stereo stage's right output into its right input), and that input is
 * the patch's output. Without one, the last stage's own output jack is the patch's output: the
 * jack a player takes to the case's line-out or a mixer.
 */
export function toOutput(b: PatchBuilder, port: Port): JackRef {
  const outputs = b.role('output');
  for (const mod of outputs.length > 1 ? b.r.shuffle(outputs) : outputs) {
    const input = b.firstFree(mod, mod.audioInsByPreference);
    if (!input || !b.connect(port, { mod, jack: input })) continue;
    const right = port.mod.rightOf.get(port.jack);
    const rightIn = right && b.firstFree(mod, mod.rightIns);
    if (right && rightIn) b.connect({ mod: port.mod, jack: right }, { mod, jack: rightIn });
    b.tell(`Listen at ${label(mod)}.`);
    return { moduleId: mod.id, jackId: input.id };
  }
  b.tell(`Listen at the ${jackLabel(port.jack)} output of ${label(port.mod)}.`);
  return { moduleId: port.mod.id, jackId: port.jack.id };
}

// ── Clocks and gates ────────────────────────────────────────────────────────────────────────

/** The patch's clock: one output everything rhythmic follows (fan-out), or null if the rack has none. */
export function pickClock(b: PatchBuilder): Port | null {
  const { timingLeaders, timingOthers } = b.rack;
  if (timingLeaders.length > 0) return b.r.pick(timingLeaders);
  return timingOthers.length > 0 ? b.r.pick(timingOthers) : null;
}

export interface Follower {
  /** The input the clock went into. */
  input: Jack;
  /** The follower's own timing outputs (a divider's divisions, a sequencer's gates). */
  outs: Port[];
}

/** Clocks a module that follows a clock (a divider, a sequencer, a sample & hold) from `clock`. */
export function follow(b: PatchBuilder, clock: Port, mod: RackModule): Follower | null {
  const input = b.firstFree(mod, mod.clockIns);
  if (!input || !b.connect(clock, { mod, jack: input })) return null;
  b.tell(`${label(clock.mod)} clocks ${label(mod)}.`);
  const outs = mod.role === 'clock' ? [...mod.timingOuts, ...mod.cvOuts] : mod.timingOuts;
  return { input, outs: outs.map((jack) => ({ mod, jack })) };
}

/** Clock dividers and sequencers that can follow `clock`. */
export function followers(b: PatchBuilder, clock: Port): RackModule[] {
  return [...b.role('clock'), ...b.role('sequencer')].filter((m) => m !== clock.mod && !b.has(m) && m.clockIns.length > 0);
}

/** Fires `mod` (a drum, an envelope) from one of `sources`; returns the input used. */
export function fire(b: PatchBuilder, mod: RackModule, sources: readonly Port[]): Jack | null {
  const input = b.firstFree(mod, mod.timingInsByPreference);
  if (!input) return null;
  const start = sources.length > 1 ? b.r.int(0, sources.length - 1) : 0;
  for (let k = 0; k < sources.length; k++) {
    if (b.connect(sources[(start + k) % sources.length] as Port, { mod, jack: input })) return input;
  }
  return null;
}

// ── Control voltages ────────────────────────────────────────────────────────────────────────

/** An envelope fired from one of `gates`; its output (same channel as the gate input). */
export function envelope(b: PatchBuilder, gates: readonly Port[]): Port | null {
  if (gates.length === 0) return null;
  for (const mod of b.r.shuffle(b.role('envelope'))) {
    if (mod.cvOuts.length === 0) continue;
    const input = fire(b, mod, gates);
    const out = input && mod.cvOutFor.get(input);
    if (!out) continue;
    b.tell(`${label(mod)} is an envelope fired by the clock.`);
    return { mod, jack: out };
  }
  return null;
}

/** Patches up to `count` modulation cables from `sources` into free CV inputs of `targets`. */
export function modulate(b: PatchBuilder, targets: readonly RackModule[], sources: readonly Port[], count: number): number {
  if (sources.length === 0 || count <= 0) return 0;
  const inputs: Port[] = [];
  for (const mod of targets) for (const jack of mod.cvIns) if (b.isFree(mod, jack)) inputs.push({ mod, jack });
  const order = b.r.shuffle(sources);
  let done = 0;
  for (const input of b.r.shuffle(inputs)) {
    if (done >= count) break;
    for (let k = 0; k < order.length; k++) {
      const source = order[(done + k) % order.length] as Port;
      if (!b.connect(source, input)) continue;
      b.tell(`${label(source.mod)} moves ${label(input.mod)}'s ${jackLabel(input.jack)}.`);
      done++;
      break;
    }
  }
  return done;
}

/** An envelope or modulator into a filter's frequency CV (the first free one that looks like it). */
export function intoFrequency(b: PatchBuilder, source: Port, filter: RackModule): boolean {
  const input = b.firstFree(filter, filter.frequencyCvIns);
  return input !== undefined && b.connect(source, { mod: filter, jack: input });
}

/** Pitch for a source: one of `sources` (a sequencer, MIDI, a quantizer) into its V/oct input. */
export function pitchFrom(b: PatchBuilder, sources: readonly Port[], target: RackModule): boolean {
  const input = b.firstFree(target, target.pitchIns);
  if (!input || sources.length === 0) return false;
  const start = sources.length > 1 ? b.r.int(0, sources.length - 1) : 0;
  for (let k = 0; k < sources.length; k++) {
    const source = sources[(start + k) % sources.length] as Port;
    if (!b.connect(source, { mod: target, jack: input })) continue;
    b.tell(`${label(source.mod)} plays ${label(target)}'s pitch.`);
    return true;
  }
  return false;
}
