// Archetype → builder. Every archetype of the catalog has one; an unknown archetype (a module
// added later) gets a passive voice: its jacks exist, it makes no sound.
import type { CatalogModule } from '../../racks/catalog-types.ts';
import { Voice } from '../voice.ts';
import { buildOutput } from './output.ts';
import { buildLfo, buildNoise, buildOscillator } from './sources.ts';

type Builder = (voice: Voice) => void;

export const ARCHETYPE_BUILDERS: Readonly<Record<string, Builder>> = {
  vco: (v) => buildOscillator(v, false),
  'macro-osc': (v) => buildOscillator(v, true),
  lfo: buildLfo,
  noise: buildNoise,
  output: buildOutput,
};

export function createVoice(ctx: BaseAudioContext, moduleId: string, catalog: CatalogModule): Voice {
  const voice = new Voice(ctx, moduleId, catalog);
  ARCHETYPE_BUILDERS[catalog.archetype]?.(voice);
  voice.completePorts();
  return voice;
}
