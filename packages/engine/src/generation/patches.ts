// Seeded patch generation for a rack: N named patches across categories, each one valid under
// the patching rules, each recording where it came from.
import { PatchBuilder } from './builder.ts';
import { knobSettings } from './knobs.ts';
import { generatePatchName, uniqueNames } from './names.ts';
import { analyseRack } from './rack.ts';
import { deriveSeed, rng } from './random.ts';
import { RECIPES } from './recipes.ts';
import {
  PATCH_CATEGORIES,
  type GeneratePatchesInput,
  type GeneratePatchesResult,
  type GeneratedPatch,
  type PatchCategory,
  type SkippedCategory,
} from './types.ts';

/**
 * Version of the patch generator's output. Same seed + same rack + same catalog + same version ⇒
 * byte-identical output. Bump it whenever a change alters any generated patch (recipes, knob
 * spans, word lists, colours); the pinned hashes in test/generation.test.ts say when.
 */
export const GENERATOR_VERSION = 'patches@1';

export const MAX_GENERATED_PATCHES = 10_000;

/**
 * Generates `count` patches for the rack. Patch i gets the (i mod n)-th category the rack can
 * support (in PATCH_CATEGORIES order) and its own sub-seed, so a longer batch starts with the
 * same patches as a shorter one. Modules whose catalog entry is unknown are left out; the order
 * in which modules are listed does not matter.
 */
export function generatePatches(input: GeneratePatchesInput): GeneratePatchesResult {
  const { seed, count } = input;
  if (!Number.isInteger(count) || count < 0 || count > MAX_GENERATED_PATCHES) {
    throw new RangeError(`count must be a whole number from 0 to ${MAX_GENERATED_PATCHES}, got ${count}`);
  }
  const categories = requestedCategories(input.categories);
  const rack = analyseRack(input.modules, input.catalog);
  const skipped: SkippedCategory[] = [];
  const supported: PatchCategory[] = [];
  for (const category of categories) {
    const reason = RECIPES[category].unsupported(rack);
    if (reason === null) supported.push(category);
    else skipped.push({ category, reason });
  }
  const unique = uniqueNames();
  const patches: GeneratedPatch[] = [];
  if (supported.length > 0) {
    for (let index = 0; index < count; index++) {
      const category = supported[index % supported.length] as PatchCategory;
      const patchSeed = deriveSeed(seed, 'patch', index);
      // One stream per patch: the recipe draws the cables, then the knobs draw their values.
      const r = rng(`${patchSeed}:patch`);
      const b = new PatchBuilder(rack, r);
      const output = RECIPES[category].build(b);
      patches.push({
        name: unique(generatePatchName(patchSeed, category)),
        category,
        cables: b.cables,
        knobs: knobSettings(b, category, r),
        output,
        notes: b.notes(),
        provenance: {
          seed,
          generatorVersion: GENERATOR_VERSION,
          config: { index, count, category, categories, rackFingerprint: rack.fingerprint },
        },
      });
    }
  }
  return { generatorVersion: GENERATOR_VERSION, patches, skipped };
}

function requestedCategories(asked: readonly PatchCategory[] | undefined): PatchCategory[] {
  if (asked === undefined || asked.length === 0) return [...PATCH_CATEGORIES];
  for (const category of asked) {
    if (!(PATCH_CATEGORIES as readonly string[]).includes(category)) {
      throw new RangeError(`Unknown patch category "${category}"; expected one of ${PATCH_CATEGORIES.join(', ')}`);
    }
  }
  // Canonical order, each once: the same set asked in another order gives the same patches.
  return PATCH_CATEGORIES.filter((c) => asked.includes(c));
}
