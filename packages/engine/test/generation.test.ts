/// <reference types="node" />
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CABLE_COLORS,
  GENERATOR_VERSION,
  PATCH_CATEGORIES,
  SIGNAL_COMPATIBILITY,
  canPatch,
  deriveSeed,
  generatePatches,
  generatePatchName,
  generateRackName,
  hashString,
  rng,
  validatePatch,
  type CatalogModule,
  type GeneratedPatch,
  type RackModuleRef,
} from '../src/index.ts';
import { fortyModuleRack, loadCatalog } from './generation-fixtures.ts';

const sha256 = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

const catalog = loadCatalog();
const rack = fortyModuleRack();
const entry = (catalogId: string): CatalogModule => catalog.find((m) => m.id === catalogId) as CatalogModule;

describe('seeded randomness', () => {
  it('repeats the same stream for the same seed and another for another seed', () => {
    const draw = (seed: string) => {
      const r = rng(seed);
      return [r.next(), r.int(1, 6), r.float(-1, 1), r.pick(['a', 'b', 'c']), r.shuffle([1, 2, 3, 4, 5]), r.chance(0.5)];
    };
    expect(draw('seed')).toEqual(draw('seed'));
    expect(draw('seed')).not.toEqual(draw('other seed'));
    // Pinned: a change in seedrandom or in the helpers would change every generated item.
    expect(rng('patchroom').next()).toBe(0.7497548484243453);
  });

  it('keeps integers and picks inside their bounds and leaves shuffled input alone', () => {
    const r = rng('bounds');
    const input = [1, 2, 3, 4, 5, 6, 7, 8];
    for (let i = 0; i < 2000; i++) {
      const n = r.int(-3, 3);
      expect(Number.isInteger(n) && n >= -3 && n <= 3).toBe(true);
    }
    const shuffled = r.shuffle(input);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(input);
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(() => r.pick([])).toThrow(RangeError);
    expect(() => r.int(2, 1)).toThrow(RangeError);
  });

  it('derives stable, distinct sub-seeds from their parts', () => {
    expect(deriveSeed('s', 'patch', 1)).toBe(deriveSeed('s', 'patch', 1));
    expect(deriveSeed('s', 'patch', 1)).not.toBe(deriveSeed('s', 'patch', 2));
    // Serialised unambiguously: joining the parts would make these two equal.
    expect(deriveSeed('a1', 'b')).not.toBe(deriveSeed('a', '1b'));
    expect(deriveSeed('s', 'patch', 1)).toMatch(/^[0-9a-f]{14}$/);
    expect(hashString('patchroom')).toBe(hashString('patchroom'));
  });
});

describe('patch generation on a 40-module rack', () => {
  const generate = (seed = 'patchroom', count = 24) => generatePatches({ modules: rack, catalog, seed, count });

  it('gives byte-identical output for the same seed, rack and version (pinned)', () => {
    const result = generate();
    expect(JSON.stringify(result)).toBe(JSON.stringify(generate()));
    expect(result.generatorVersion).toBe(GENERATOR_VERSION);
    // If this fails, generated patches changed: bump GENERATOR_VERSION and re-pin.
    expect(sha256(result)).toBe('fa5b596c2dd856260556821e2f237a3cd23de0050a7a252ce30dfc4eb8928238');
  });

  it('gives different patches for a different seed', () => {
    const a = generate('one').patches;
    const b = generate('two').patches;
    const differing = a.filter((p, i) => JSON.stringify(p.cables) !== JSON.stringify(b[i]?.cables) || p.name !== b[i]?.name);
    expect(differing.length).toBeGreaterThan(a.length / 2);
  });

  it('does not depend on the order the modules are listed in', () => {
    const reversed = [...rack].reverse();
    expect(sha256(generatePatches({ modules: reversed, catalog, seed: 'order', count: 12 }))).toBe(
      sha256(generatePatches({ modules: rack, catalog, seed: 'order', count: 12 })),
    );
  });

  it('starts a longer batch with the same patches as a shorter one', () => {
    const short = generate('prefix', 6).patches;
    const long = generate('prefix', 18).patches;
    const strip = (p: GeneratedPatch) => ({ ...p, provenance: { ...p.provenance, config: { ...p.provenance.config, count: 0 } } });
    expect(long.slice(0, 6).map(strip)).toEqual(short.map(strip));
  });

  it('covers every category in turn, with valid, audible, named patches', () => {
    const { patches, skipped } = generate('tour', 12);
    expect(skipped).toEqual([]);
    expect(patches.map((p) => p.category)).toEqual([...PATCH_CATEGORIES, ...PATCH_CATEGORIES]);
    for (const patch of patches) {
      expect(validatePatch(patch, rack, catalog)).toEqual([]);
      expect(patch.cables.length).toBeGreaterThan(0);
      // The rack has a line out: every patch ends in it.
      expect(patch.output?.moduleId).toBe('m22');
      expect(patch.cables.some((c) => c.to.moduleId === 'm22')).toBe(true);
      expect(patch.name).toMatch(/^[A-Z][A-Za-z]+( [A-Z][A-Za-z]+| \d+| [IVXLCDM]+)+$/);
      expect(patch.notes).toMatch(/Listen at /);
      expect(patch.provenance).toMatchObject({ seed: 'tour', generatorVersion: GENERATOR_VERSION });
    }
    expect(new Set(patches.map((p) => p.name)).size).toBe(patches.length);
  });

  it('colours each cable by the signal of the output it starts from', () => {
    const byId = new Map(rack.map((m) => [m.id, entry(m.catalogId)]));
    for (const patch of generate('colours', 30).patches) {
      for (const cable of patch.cables) {
        const jack = byId.get(cable.from.moduleId)?.jacks.find((j) => j.id === cable.from.jackId);
        expect(cable.color).toBe(CABLE_COLORS[jack?.signal ?? 'audio']);
      }
    }
  });

  it('sets knobs the way each category needs them', () => {
    const patches = generate('knobs', 120).patches;
    const knob = (p: GeneratedPatch, catalogId: string, controlId: string) => {
      const mod = rack.find((m) => m.catalogId === catalogId) as RackModuleRef;
      return p.knobs.find((k) => k.moduleId === mod.id && k.controlId === controlId)?.value;
    };
    const values = (category: string, catalogId: string, controlId: string) =>
      patches.filter((p) => p.category === category).map((p) => knob(p, catalogId, controlId)).filter((v): v is number => v !== undefined);
    // Drones breathe slowly: every LFO used in a drone runs in the bottom sixth of its range.
    const droneRates = [...values('drone', 'doepfer-a-143-9', 'frq'), ...values('drone', 'xaoc-batumi', 'rate_1')];
    expect(droneRates.length).toBeGreaterThan(0);
    for (const rate of droneRates) expect(rate).toBeLessThanOrEqual(0.15);
    // Percussion is short: the drums' decays stay in the lower third.
    const hits = values('percussion', 'tiptop-hats808', 'decay');
    expect(hits.length).toBeGreaterThan(0);
    for (const decay of hits) expect(decay).toBeLessThanOrEqual(0.3);
  });

  it('rejects a count it cannot honour and a category it does not know', () => {
    expect(() => generatePatches({ modules: rack, catalog, seed: 's', count: -1 })).toThrow(/count/);
    expect(() => generatePatches({ modules: rack, catalog, seed: 's', count: 1.5 })).toThrow(/count/);
    expect(() => generatePatches({ modules: rack, catalog, seed: 's', count: 1, categories: ['ambient' as never] })).toThrow(/Unknown patch category "ambient"/);
    expect(() => generatePatches({ modules: [{ id: 'a', catalogId: 'mi-plaits' }, { id: 'a', catalogId: 'mi-rings' }], catalog, seed: 's', count: 1 })).toThrow(/appears twice/);
  });
});

describe('racks that cannot support a category', () => {
  const modules = (...catalogIds: string[]): RackModuleRef[] => catalogIds.map((catalogId, i) => ({ id: `x${i}`, catalogId }));

  it('skips every category on an empty rack and says why', () => {
    const result = generatePatches({ modules: [], catalog, seed: 's', count: 5 });
    expect(result.patches).toEqual([]);
    expect(result.skipped.map((s) => s.category)).toEqual([...PATCH_CATEGORIES]);
    for (const s of result.skipped) expect(s.reason).toMatch(/^The rack has no/);
  });

  it('makes only drones from a lone oscillator, a filter and a reverb', () => {
    const rackOf = modules('makenoise-sto', 'mi-ripples-2020', 'intellijel-springray-2');
    const result = generatePatches({ modules: rackOf, catalog, seed: 's', count: 4, categories: ['drone', 'percussion', 'voice'] });
    expect(result.skipped).toEqual([{ category: 'percussion', reason: 'The rack has no clock, sequencer or gate source to play drums from.' }]);
    expect(result.patches.map((p) => p.category)).toEqual(['voice', 'drone', 'voice', 'drone']);
    for (const patch of result.patches) {
      expect(validatePatch(patch, rackOf, catalog)).toEqual([]);
      // No output module: the patch is heard at the last stage's own output.
      expect(patch.output).not.toBeNull();
      expect(patch.notes).toMatch(/Listen at the .+ output of /);
    }
  });

  it('leaves out modules the catalog does not know', () => {
    const rackOf = [...modules('makenoise-sto'), { id: 'ghost', catalogId: 'no-such-module' }];
    const { patches } = generatePatches({ modules: rackOf, catalog, seed: 's', count: 3 });
    for (const patch of patches) {
      expect(JSON.stringify(patch)).not.toContain('ghost');
    }
  });
});

describe('patch validation', () => {
  const rackOf: RackModuleRef[] = [
    { id: 'osc', catalogId: 'makenoise-sto' },
    { id: 'vcf', catalogId: 'mi-ripples-2020' },
    { id: 'lfo', catalogId: 'doepfer-a-143-9' },
    { id: 'env', catalogId: 'doepfer-a-140' },
  ];
  const cable = (from: string, to: string) => {
    const [fm, fj] = from.split('.') as [string, string];
    const [tm, tj] = to.split('.') as [string, string];
    return { from: { moduleId: fm, jackId: fj }, to: { moduleId: tm, jackId: tj }, color: '#000' };
  };
  const check = (cables: ReturnType<typeof cable>[], knobs: GeneratedPatch['knobs'] = []) =>
    validatePatch({ cables, knobs }, rackOf, catalog).map((p) => p.code);

  it('accepts a correct patch', () => {
    expect(check([cable('osc.sine', 'vcf.in_1'), cable('lfo.0deg', 'vcf.freq'), cable('lfo.0deg', 'osc.expo')], [{ moduleId: 'vcf', controlId: 'resonance', value: 0.4 }])).toEqual([]);
  });

  it('finds unknown modules and jacks', () => {
    expect(check([cable('nope.out', 'vcf.in_1'), cable('osc.sine', 'vcf.nope')])).toEqual(['unknown-module', 'unknown-jack']);
  });

  it('finds cables running the wrong way', () => {
    expect(check([cable('vcf.in_1', 'osc.sine')])).toEqual(['wrong-direction', 'wrong-direction']);
  });

  it('finds incompatible signals', () => {
    // A CV into an audio input, a gate into a V/oct input.
    expect(check([cable('lfo.0deg', 'vcf.in_1'), cable('env.output', 'osc.1v_oct'), cable('osc.sine', 'env.gate')])).toEqual([
      'incompatible-signals',
      'incompatible-signals',
    ]);
  });

  it('finds two cables into one input', () => {
    const problems = validatePatch({ cables: [cable('osc.sine', 'vcf.in_1'), cable('osc.sub', 'vcf.in_1')], knobs: [] }, rackOf, catalog);
    expect(problems).toEqual([expect.objectContaining({ code: 'input-taken', cable: 1 })]);
    expect(problems[0]?.message).toBe('Cable 2 goes into vcf/in_1, which cable 1 already feeds.');
  });

  it('finds knobs out of range, unknown or set twice', () => {
    expect(
      check([], [
        { moduleId: 'vcf', controlId: 'resonance', value: 1.2 },
        { moduleId: 'vcf', controlId: 'resonance', value: 0.2 },
        { moduleId: 'vcf', controlId: 'warp', value: 0.2 },
        { moduleId: 'vcf', controlId: 'frequency', value: Number.NaN },
        { moduleId: 'gone', controlId: 'x', value: 0 },
      ]),
    ).toEqual(['knob-out-of-range', 'duplicate-knob', 'unknown-control', 'knob-out-of-range', 'unknown-module']);
  });
});

describe('signal compatibility', () => {
  it('lets audio into audio and CV, and nothing else into audio', () => {
    expect(SIGNAL_COMPATIBILITY.audio).toEqual(['audio', 'cv']);
    for (const from of ['cv', 'pitch', 'gate', 'trigger', 'clock'] as const) expect(canPatch(from, 'audio')).toBe(false);
  });

  it('keeps audio and pitch out of gate, trigger and clock inputs', () => {
    for (const to of ['gate', 'trigger', 'clock'] as const) {
      expect(canPatch('audio', to)).toBe(false);
      expect(canPatch('pitch', to)).toBe(false);
      expect(canPatch('cv', to)).toBe(true);
    }
    expect(canPatch('gate', 'pitch')).toBe(false);
  });
});

describe('names', () => {
  it('are deterministic, pleasant and pinned', () => {
    const racks = Array.from({ length: 20 }, (_, i) => generateRackName(`rack-${i}`));
    const patches = PATCH_CATEGORIES.flatMap((c) => Array.from({ length: 10 }, (_, i) => generatePatchName(`patch-${i}`, c)));
    expect(racks).toEqual(Array.from({ length: 20 }, (_, i) => generateRackName(`rack-${i}`)));
    for (const name of [...racks, ...patches]) expect(name).toMatch(/^[A-Z][a-z]+( [A-Z][a-z]+| \d{1,2})+$/);
    expect(new Set(racks).size).toBeGreaterThan(15);
    expect(generateRackName('a')).not.toBe(generateRackName('b'));
    expect(sha256({ racks, patches })).toBe('ecae1cf090b7d22d8b32de3991c627507b8c1b5e1ba26238d6d54c50b69c5928');
  });

  it('fit the category they are for', () => {
    const droneWords = ['Drone', 'Hum', 'Haze', 'Horizon', 'Fog', 'Monolith', 'Swell', 'Dusk'];
    const names = Array.from({ length: 40 }, (_, i) => generatePatchName(`d${i}`, 'drone'));
    // Three templates in four carry the category's own word.
    expect(names.filter((n) => droneWords.some((w) => n.includes(w))).length).toBeGreaterThan(20);
  });
});
