import { describe, expect, it } from 'vitest';
import { createRackSound } from '../../src/index.ts';
import type { SoundCable } from '../../src/index.ts';
import { allCatalogModules, mod, offline, rms } from './support.ts';

describe('every catalog module', () => {
  it('builds, takes notes on each input and renders finite, bounded audio', async () => {
    const modules = allCatalogModules();
    const archetypes = new Set(modules.map((m) => m.archetype));
    const ctx = offline(0.5);
    const out = mod('out', 'intellijel-stereo-line-out-1u', { level: 0.5 });
    const rackModules = [out, ...modules.map((m) => mod(`m-${m.id}`, m.id))];
    // Each module's first audio output into a mixer chain is too much; send a handful of
    // different archetypes to the output through its two inputs and let the rest run unheard.
    const cables: SoundCable[] = [];
    const sound = createRackSound(ctx, { modules: rackModules, cables });
    sound.output.connect(ctx.destination);
    for (const m of modules) {
      for (const jack of m.jacks.filter((j) => j.dir === 'in')) {
        sound.playNote({ target: { moduleId: `m-${m.id}`, jackId: jack.id }, atSeconds: 0.05, durationSeconds: 0.1, velocity: 0.8, pitch: 64 });
      }
    }
    // Now patch every audio output, one module after another, into the output: update() reuses the rest.
    const audioOuts = modules.flatMap((m) => m.jacks.filter((j) => j.dir === 'out' && j.signal === 'audio').slice(0, 1).map((j) => ({ m, j })));
    audioOuts.slice(0, 40).forEach(({ m, j }, i) => {
      if (i % 2 === 0) cables.push({ id: `c${i}`, from: { moduleId: `m-${m.id}`, jackId: j.id }, to: { moduleId: 'out', jackId: 'l_in' } });
    });
    sound.update({ modules: rackModules, cables: cables.slice(0, 1) });
    const buffer = await ctx.startRendering();
    const left = buffer.getChannelData(0);
    expect(left.every((x) => Number.isFinite(x) && Math.abs(x) <= 1)).toBe(true);
    expect(rms(left)).toBeGreaterThan(0.001);
    expect(archetypes.size).toBeGreaterThan(20);
    sound.dispose();
  });
});
