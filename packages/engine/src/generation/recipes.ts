// One recipe per patch category: whether the rack can support it (and why not), and how to
// build it from the stages. Signal flow throughout: sources → processors → VCA → effects → output,
// modulation into CV inputs, clocks and gates into gate/trigger/clock inputs.
import { label, type PatchBuilder } from './builder.ts';
import type { Port, RackAnalysis, RackModule } from './rack.ts';
import {
  SOUND_ROLES,
  chooseProcessors,
  envelope,
  fire,
  follow,
  followers,
  intoFrequency,
  mixDown,
  modulate,
  pickClock,
  pickSource,
  pitchFrom,
  through,
  throughVca,
  toOutput,
  type VcaStage,
} from './stages.ts';
import type { JackRef, PatchCategory } from './types.ts';

export interface Recipe {
  /** Null when the rack can build this category, else the reason it cannot (shown to the user). */
  unsupported(rack: RackAnalysis): string | null;
  /** Builds the patch; returns where it is heard (null when it makes no sound of its own). */
  build(b: PatchBuilder): JackRef | null;
}

const SPACE_ARCHETYPES = new Set(['reverb', 'delay', 'granular']);
const spaceEffect = (m: RackModule): boolean => SPACE_ARCHETYPES.has(m.catalog.archetype);

export const RECIPES: Readonly<Record<PatchCategory, Recipe>> = {
  voice: {
    unsupported: (rack) => (has(rack, (m) => m.role === 'oscillator' && m.audioOuts.length > 0) ? null : 'The rack has no oscillator to play.'),
    build(b) {
      const osc = pickSource(b, ['oscillator']) as Port;
      b.tell(`${label(osc.mod)} is the voice.`);
      pitchFrom(b, b.rack.pitchOuts, osc.mod);
      const clock = pickClock(b);
      const filters = chooseProcessors(b, 'filter', b.r.chance(0.85) ? 1 : 0);
      const effects = chooseProcessors(b, 'effect', b.r.chance(0.45) ? 1 : 0, spaceEffect);
      let port = through(b, osc, filters);
      const vca = throughVca(b, port);
      if (vca) port = vca.out;
      const env = clock && canShape(vca, filters[0]) ? envelope(b, [clock]) : null;
      if (env) shape(b, env, vca, filters[0], 0.6);
      port = through(b, port, effects);
      return toOutput(b, port);
    },
  },

  modulation: {
    unsupported: (rack) => {
      if (!hasSound(rack)) return 'The rack has no oscillator or noise source to modulate.';
      if (rack.modulatorOuts.length === 0 && !(hasFirableEnvelope(rack) && hasTiming(rack))) {
        return 'The rack has no LFO, random source or clocked envelope to modulate with.';
      }
      return null;
    },
    build(b) {
      const src = pickSource(b, SOUND_ROLES, (m) => m.cvIns.length > 0) as Port;
      b.tell(`${label(src.mod)} is the sound; everything else moves it.`);
      const filters = chooseProcessors(b, 'filter', b.r.chance(0.9) ? 1 : 0);
      const effects = chooseProcessors(b, 'effect', b.r.chance(0.5) ? 1 : 0);
      let port = through(b, src, filters);
      const vca = b.r.chance(0.7) ? throughVca(b, port) : null;
      if (vca) port = vca.out;
      port = through(b, port, effects);
      const targets = [src.mod, ...filters, ...effects];
      const clock = pickClock(b);
      const env = clock && (vca?.cv || filters.length > 0) ? envelope(b, [clock]) : null;
      // A clocked envelope goes somewhere first (the VCA, else the filter), then the free-running modulators.
      if (env) shape(b, env, vca, filters[0], 0);
      const sources = b.rack.modulatorOuts.length > 0 ? b.rack.modulatorOuts : env ? [env] : [];
      if (vca?.cv) modulate(b, [vca.cv.mod], sources, 1);
      if (modulate(b, targets, sources, b.r.int(2, 4)) === 0 && !env) pitchFrom(b, sources, src.mod);
      return toOutput(b, port);
    },
  },

  'clock/rhythm': {
    unsupported: (rack) => {
      if (!hasTiming(rack)) return 'The rack has no clock, sequencer or other gate source.';
      if (!hasDrum(rack) && !(hasSound(rack) && hasFirableEnvelope(rack))) return 'The rack has nothing to trigger: no drum module, and no envelope with a sound source.';
      return null;
    },
    build(b) {
      const clock = pickClock(b) as Port;
      b.tell(`${label(clock.mod)} keeps time.`);
      const pool: Port[] = [clock];
      for (const mod of b.r.shuffle(followers(b, clock)).slice(0, 2)) {
        if (b.r.chance(0.7)) pool.push(...(follow(b, clock, mod)?.outs ?? []));
      }
      const voices = triggerDrums(b, pool, b.r.int(1, 3));
      if (voices.length === 0) voices.push(...gatedVoice(b, pool));
      return finish(b, voices, 0.35);
    },
  },

  drone: {
    unsupported: (rack) => (hasSound(rack) ? null : 'The rack has no oscillator or noise source to drone with.'),
    build(b) {
      const voices: Port[] = [];
      const wanted = b.r.int(1, 3);
      for (let i = 0; i < wanted; i++) {
        const src = pickSource(b, SOUND_ROLES);
        if (src) voices.push(src);
      }
      b.tell(`${voices.map((v) => label(v.mod)).join(' and ')} hold${voices.length === 1 ? 's' : ''} the drone.`);
      let port = mixDown(b, voices) as Port;
      const filters = chooseProcessors(b, 'filter', b.r.chance(0.8) ? 1 : 0);
      port = through(b, port, filters);
      const effects = chooseProcessors(b, 'effect', b.r.int(1, 2), spaceEffect);
      port = through(b, port, effects);
      const vca = b.r.chance(0.35) ? throughVca(b, port) : null;
      if (vca) port = vca.out;
      modulate(b, [...filters, ...effects, ...voices.map((v) => v.mod)], b.rack.modulatorOuts, b.r.int(1, 3));
      return toOutput(b, port);
    },
  },

  percussion: {
    unsupported: (rack) => {
      if (!hasTiming(rack)) return 'The rack has no clock, sequencer or gate source to play drums from.';
      if (!hasDrum(rack) && !(hasSound(rack) && hasFirableEnvelope(rack) && has(rack, (m) => m.role === 'vca' || m.role === 'filter'))) {
        return 'The rack has no drum module, nor a sound source with an envelope and a VCA or filter to shape hits.';
      }
      return null;
    },
    build(b) {
      const clock = pickClock(b) as Port;
      b.tell(`${label(clock.mod)} plays the drums.`);
      // A drum sequencer's other outputs are its other tracks.
      const pool = [clock, ...clock.mod.timingOuts.filter((j) => j !== clock.jack).map((jack) => ({ mod: clock.mod, jack }))];
      const voices = triggerDrums(b, pool, b.r.int(1, 4));
      if (voices.length === 0) voices.push(...gatedVoice(b, [clock], true));
      return finish(b, voices, 0.3);
    },
  },

  generative: {
    unsupported: (rack) => {
      if (!hasSound(rack)) return 'The rack has no oscillator or noise source to play.';
      if (rack.modulatorOuts.length === 0) return 'The rack has no random source, sample & hold or LFO to make decisions.';
      return null;
    },
    build(b) {
      const osc = (pickSource(b, ['oscillator']) ?? pickSource(b, SOUND_ROLES)) as Port;
      b.tell(`${label(osc.mod)} sings what chance decides.`);
      const clock = pickClock(b);
      const chance = randomPitch(b, osc.mod, clock);
      const filters = chooseProcessors(b, 'filter', b.r.chance(0.8) ? 1 : 0);
      let port = through(b, osc, filters);
      const vca = throughVca(b, port);
      if (vca) port = vca.out;
      const gates = chance ? chance.mod.timingOuts.map((jack) => ({ mod: chance.mod, jack })) : [];
      if (clock) gates.push(clock);
      const env = canShape(vca, filters[0]) ? envelope(b, gates) : null;
      if (env) shape(b, env, vca, filters[0], 0.5);
      else if (vca?.cv) modulate(b, [vca.cv.mod], b.rack.lfoOuts, 1);
      port = through(b, port, chooseProcessors(b, 'effect', b.r.chance(0.65) ? 1 : 0, spaceEffect));
      modulate(b, [...filters, osc.mod], b.rack.modulatorOuts, b.r.int(1, 2));
      return toOutput(b, port);
    },
  },
};

/** Voices mixed, sometimes through a space effect, to the output. */
function finish(b: PatchBuilder, voices: readonly Port[], effectChance: number): JackRef | null {
  const mixed = mixDown(b, voices);
  if (!mixed) return null;
  return toOutput(b, through(b, mixed, chooseProcessors(b, 'effect', b.r.chance(effectChance) ? 1 : 0, spaceEffect)));
}

/** Whether an envelope would have somewhere to go: a VCA's free CV input or a filter's CV input. */
function canShape(vca: VcaStage | null, filter: RackModule | undefined): boolean {
  return Boolean(vca?.cv) || (filter !== undefined && filter.cvIns.length > 0);
}

/** An envelope opens the VCA, and sometimes the filter too (or the filter alone when there is no VCA). */
function shape(b: PatchBuilder, env: Port, vca: VcaStage | null, filter: RackModule | undefined, filterChance: number): void {
  if (vca?.cv && b.connect(env, vca.cv)) b.tell(`${label(env.mod)} opens ${label(vca.cv.mod)}.`);
  if (filter && (!vca?.cv || b.r.chance(filterChance)) && intoFrequency(b, env, filter)) b.tell(`${label(env.mod)} sweeps ${label(filter)}.`);
}

/** Fires up to `count` drum modules from the pool; their audio outputs. */
function triggerDrums(b: PatchBuilder, pool: readonly Port[], count: number): Port[] {
  const drums = b.r.shuffle(b.role('drum').filter(isDrum)).slice(0, count);
  const voices: Port[] = [];
  for (const drum of drums) {
    const input = fire(b, drum, pool);
    const out = input && drum.audioOutFor.get(input);
    if (!out) continue;
    b.tell(`${label(drum)} plays on the beat.`);
    voices.push({ mod: drum, jack: out });
  }
  return voices;
}

/** A hit made by hand: noise or an oscillator through a filter and a VCA opened by a short envelope. */
function gatedVoice(b: PatchBuilder, gates: readonly Port[], preferNoise = false): Port[] {
  const src = (preferNoise ? pickSource(b, ['noise']) : null) ?? pickSource(b, SOUND_ROLES);
  if (!src) return [];
  b.tell(`${label(src.mod)} is shaped into hits.`);
  const filters = chooseProcessors(b, 'filter', b.r.chance(0.6) ? 1 : 0);
  let port = through(b, src, filters);
  const vca = throughVca(b, port);
  if (vca) port = vca.out;
  const env = canShape(vca, filters[0]) ? envelope(b, gates) : null;
  if (env) shape(b, env, vca, filters[0], 0.5);
  return [port];
}

/** Random voltages into the oscillator's pitch: through a quantizer when the rack has one. */
function randomPitch(b: PatchBuilder, osc: RackModule, clock: Port | null): Port | null {
  const randoms = b.role('random').filter((m) => m.cvOuts.length > 0);
  const pool = randoms.length > 0 ? randoms : b.role('lfo').filter((m) => m.cvOuts.length > 0);
  if (pool.length === 0) return null;
  const mod = b.r.pick(pool);
  const clocked = clock ? (follow(b, clock, mod)?.input ?? fire(b, mod, [clock])) : null;
  const noise = b.role('noise').find((m) => m.audioOuts.length > 0);
  const noiseOut = noise?.mainOut;
  const sampleIn = mod.cvIns.find((j) => /smp|sample/.test(j.id) && b.isFree(mod, j));
  // Noise into a sample & hold: the classic source of random voltages (audio into a CV input).
  if (noise && noiseOut && sampleIn && b.r.chance(0.6) && b.connect({ mod: noise, jack: noiseOut }, { mod, jack: sampleIn })) {
    b.tell(`${label(mod)} samples ${label(noise)}.`);
  }
  // The output of the channel the clock samples, when it has channels.
  const out = { mod, jack: (clocked && mod.cvOutFor.get(clocked)) || b.r.pick(mod.cvOuts) };
  const quantizer = b.role('quantizer').find((m) => m.cvIns.length > 0 && m.pitchOuts.length > 0);
  if (quantizer && b.r.chance(0.8)) {
    const input = quantizer.cvIns.find((j) => /in/.test(j.id) && b.isFree(quantizer, j));
    if (input && b.connect(out, { mod: quantizer, jack: input })) {
      b.tell(`${label(quantizer)} keeps ${label(mod)} in key.`);
      if (clock) fire(b, quantizer, [clock]);
      const channel = /_(\d+)$/.exec(input.id)?.[1];
      const pitch = quantizer.pitchOuts.find((j) => channel !== undefined && j.id.endsWith(`_${channel}`)) ?? quantizer.pitchOuts[0];
      if (pitch && pitchFrom(b, [{ mod: quantizer, jack: pitch }], osc)) return out;
    }
  }
  if (!pitchFrom(b, [out], osc)) modulate(b, [osc], [out], 1);
  return out;
}

const has = (rack: RackAnalysis, test: (m: RackModule) => boolean): boolean => rack.modules.some(test);
const isDrum = (m: RackModule): boolean => m.role === 'drum' && m.timingIns.length > 0 && m.audioOuts.length > 0;
const hasDrum = (rack: RackAnalysis): boolean => has(rack, isDrum);
const hasSound = (rack: RackAnalysis): boolean => has(rack, (m) => (m.role === 'oscillator' || m.role === 'noise') && m.audioOuts.length > 0);
const hasTiming = (rack: RackAnalysis): boolean => rack.timingLeaders.length > 0 || rack.timingOthers.length > 0;
const hasFirableEnvelope = (rack: RackAnalysis): boolean => has(rack, (m) => m.role === 'envelope' && m.timingIns.length > 0 && m.cvOuts.length > 0);
