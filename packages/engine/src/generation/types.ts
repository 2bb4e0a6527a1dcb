// Plain shapes of generated content: what the api writes into the rack room.
import type { CatalogModule } from '../racks/catalog-types.ts';

/** Categories in the order generation cycles through them (patch i gets the (i mod n)-th supported one). */
export const PATCH_CATEGORIES = ['voice', 'modulation', 'clock/rhythm', 'drone', 'percussion', 'generative'] as const;
export type PatchCategory = (typeof PATCH_CATEGORIES)[number];

/** A module placed in the rack, as generation needs it. */
export interface RackModuleRef {
  id: string;
  catalogId: string;
}

export interface JackRef {
  moduleId: string;
  jackId: string;
}

export interface GeneratedCable {
  from: JackRef;
  to: JackRef;
  color: string;
}

export interface KnobSetting {
  moduleId: string;
  controlId: string;
  value: number;
}

export interface Provenance<Config> {
  seed: string;
  generatorVersion: string;
  config: Config;
}

export interface PatchConfig {
  /** Position of this patch in its batch; with the seed it identifies the patch. */
  index: number;
  count: number;
  category: PatchCategory;
  /** The categories asked for (all when none were given). */
  categories: readonly PatchCategory[];
  /** Fingerprint of the rack's modules (ids and catalog ids, sorted): the input this came from. */
  rackFingerprint: string;
}

export interface GeneratedPatch {
  name: string;
  category: PatchCategory;
  cables: GeneratedCable[];
  knobs: KnobSetting[];
  /**
   * Where the patch is heard: the output module's left/mono input when the rack has an output
   * module, otherwise the last audio stage's output jack (the one to take to a mixer or line-out).
   * Null for a patch with no audio path.
   */
  output: JackRef | null;
  notes: string;
  provenance: Provenance<PatchConfig>;
}

export interface SkippedCategory {
  category: PatchCategory;
  reason: string;
}

export interface GeneratePatchesInput {
  modules: readonly RackModuleRef[];
  catalog: readonly CatalogModule[];
  seed: string;
  count: number;
  categories?: readonly PatchCategory[];
}

export interface GeneratePatchesResult {
  generatorVersion: string;
  patches: GeneratedPatch[];
  skipped: SkippedCategory[];
}
