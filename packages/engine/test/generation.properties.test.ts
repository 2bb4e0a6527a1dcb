// Property tests: whatever rack (any subset of the real catalog, modules repeated or not) and
// whatever seed, every generated patch obeys the patching rules and every knob is in range.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PATCH_CATEGORIES, generatePatches, validatePatch, type CatalogModule, type RackModuleRef } from '../src/index.ts';
import { loadCatalog } from './generation-fixtures.ts';

const catalog = loadCatalog();
const catalogIds = catalog.map((m) => m.id);
const byCatalogId = new Map(catalog.map((m) => [m.id, m]));

const rackArb = fc
  .array(fc.constantFrom(...catalogIds), { minLength: 0, maxLength: 40 })
  .map((ids): RackModuleRef[] => ids.map((catalogId, i) => ({ id: `mod-${i}`, catalogId })));
const inputArb = fc.record({
  modules: rackArb,
  seed: fc.string({ maxLength: 24 }),
  count: fc.integer({ min: 1, max: 12 }),
  categories: fc.subarray([...PATCH_CATEGORIES]),
});

describe('generated patches on random racks', () => {
  it('are always valid: known jacks, outputs into inputs, compatible signals, one cable per input, knobs in range', () => {
    fc.assert(
      fc.property(inputArb, ({ modules, seed, count, categories }) => {
        const result = generatePatches({ modules, catalog, seed, count, categories });
        expect(JSON.stringify(generatePatches({ modules, catalog, seed, count, categories }))).toBe(JSON.stringify(result));
        // Every asked category is either skipped (with a reason) or generated, in turn.
        const supported = (categories.length === 0 ? PATCH_CATEGORIES.length : categories.length) - result.skipped.length;
        expect(result.patches.length).toBe(supported === 0 ? 0 : count);
        expect(new Set(result.patches.map((p) => p.category)).size).toBe(Math.min(supported, count));
        for (const skipped of result.skipped) expect(skipped.reason).toMatch(/^The rack has no/);
        for (const patch of result.patches) {
          expect(validatePatch(patch, modules, catalog)).toEqual([]);
          const placed = new Map(modules.map((m) => [m.id, byCatalogId.get(m.catalogId) as CatalogModule]));
          for (const knob of patch.knobs) {
            const control = placed.get(knob.moduleId)?.controls.find((c) => c.id === knob.controlId);
            expect(control).toBeDefined();
            expect(knob.value).toBeGreaterThanOrEqual(control?.min ?? Number.NaN);
            expect(knob.value).toBeLessThanOrEqual(control?.max ?? Number.NaN);
          }
          if (patch.output) expect(placed.has(patch.output.moduleId)).toBe(true);
          expect(patch.provenance.seed).toBe(seed);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('are the same whatever order the rack lists its modules in', () => {
    fc.assert(
      fc.property(inputArb, fc.integer(), ({ modules, seed, count }, salt) => {
        const shuffled = [...modules].sort((a, b) => ((a.id.length * 31 + salt) % 7) - ((b.id.length * 31 + salt) % 7) || (a.id < b.id ? 1 : -1));
        const a = generatePatches({ modules, catalog, seed, count });
        const b = generatePatches({ modules: shuffled, catalog, seed, count });
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      { numRuns: 100 },
    );
  });
});
