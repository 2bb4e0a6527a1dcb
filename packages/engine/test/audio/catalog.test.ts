import { describe, expect, it } from 'vitest';
import { createRackSound } from '../../src/index.ts';
import type { CatalogModule } from '../../src/index.ts';
import { allCatalogModules, cable, mod, offline, rack, rms } from './support.ts';

/** A module with a sine fed into its audio and CV inputs, notes on its gate inputs, its first audio output heard. */
async function listen(module: CatalogModule): Promise<{ rms: number; finite: boolean }> {
  const ctx = offline(0.6);
  const firstOut = module.jacks.find((j) => j.dir === 'out' && j.signal === 'audio')!;
  const cables = [cable(`m.${firstOut.id}`, 'out.l_in')];
  for (const jack of module.jacks.filter((j) => j.dir === 'in' && (j.signal === 'audio' || j.signal === 'cv'))) cables.push(cable('vco.sine', `m.${jack.id}`));
  const sound = createRackSound(ctx, rack([mod('vco', 'doepfer-a-110-1'), mod('m', module.id), mod('out', 'intellijel-stereo-line-out-1u', { level: 0.5 })], cables));
  sound.output.connect(ctx.destination);
  for (const jack of module.jacks.filter((j) => j.dir === 'in' && j.signal !== 'audio' && j.signal !== 'cv')) {
    for (let t = 0.05; t < 0.5; t += 0.1) sound.playNote({ target: { moduleId: 'm', jackId: jack.id }, atSeconds: t, durationSeconds: 0.05, velocity: 0.9, pitch: 64 });
  }
  const left = (await ctx.startRendering()).getChannelData(0);
  sound.dispose();
  return { rms: rms(left), finite: left.every((x) => Number.isFinite(x) && Math.abs(x) <= 1) };
}

describe('every catalog module', () => {
  const modules = allCatalogModules();
  it('has a sound for its archetype', () => {
    const archetypes = [...new Set(modules.map((m) => m.archetype))].sort();
    expect(archetypes.length).toBeGreaterThan(20);
  });

  it('with an audio output: sounds when fed, gated and listened to, within ±1', async () => {
    const silent: string[] = [];
    for (const module of modules.filter((m) => m.jacks.some((j) => j.dir === 'out' && j.signal === 'audio'))) {
      const heard = await listen(module);
      expect(heard.finite, module.id).toBe(true);
      if (heard.rms < 0.001) silent.push(`${module.archetype}:${module.id}`);
    }
    expect(silent.join(' ')).toBe('');
  }, 120_000);
});
