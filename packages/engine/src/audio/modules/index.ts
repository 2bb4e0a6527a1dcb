// Archetype → builder. Every archetype of the catalog has one; an unknown archetype (a module
// added later) gets a passive voice: its jacks exist, it makes no sound.
import type { CatalogModule } from '../../racks/catalog-types.ts';
import { Voice } from '../voice.ts';
import { buildClock, buildDivider, buildLogic, buildSampleHold, buildSequencer } from './clocks.ts';
import { buildDrum } from './drums.ts';
import { buildDelay, buildReverb } from './effects.ts';
import { buildEnvelope, buildFunction } from './envelopes.ts';
import { buildOutput } from './output.ts';
import {
  buildAttenuverter,
  buildFilter,
  buildMixer,
  buildMult,
  buildQuantizer,
  buildRingMod,
  buildSlew,
  buildVca,
  buildWavefolder,
} from './processors.ts';
import { buildLfo, buildNoise, buildOscillator } from './sources.ts';

type Builder = (voice: Voice) => void;

export const ARCHETYPE_BUILDERS: Readonly<Record<string, Builder>> = {
  vco: (v) => buildOscillator(v, false),
  'macro-osc': (v) => buildOscillator(v, true),
  lfo: buildLfo,
  noise: buildNoise,
  output: buildOutput,
  vcf: buildFilter,
  vca: buildVca,
  mixer: buildMixer,
  mult: buildMult,
  attenuverter: buildAttenuverter,
  'ring-mod': buildRingMod,
  wavefolder: buildWavefolder,
  slew: buildSlew,
  quantizer: buildQuantizer,
  adsr: (v) => buildEnvelope(v, false),
  ad: (v) => buildEnvelope(v, true),
  function: buildFunction,
  clock: buildClock,
  divider: buildDivider,
  seq: buildSequencer,
  logic: buildLogic,
  sh: buildSampleHold,
  delay: buildDelay,
  reverb: (v) => buildReverb(v, /^(decay|size|feedback|time)/),
  granular: (v) => buildReverb(v, /^(size|texture|length|density|time)/),
  drum: buildDrum,
  // MIDI interfaces take notes from outside the rack: the rack's own sequencer plays that
  // role, so their outputs stay silent.
  'midi-cv': () => {},
};

export function createVoice(ctx: BaseAudioContext, moduleId: string, catalog: CatalogModule): Voice {
  const voice = new Voice(ctx, moduleId, catalog);
  ARCHETYPE_BUILDERS[catalog.archetype]?.(voice);
  voice.completePorts();
  return voice;
}
