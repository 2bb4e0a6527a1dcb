/// <reference types="node" />
// Shared by the generation tests and bench/generation.ts: the real catalog (read from the db
// package's seed file; engine code itself never reads files) and a fixed 40-module rack.
import { readFileSync } from 'node:fs';
import type { CatalogModule, RackModuleRef } from '../src/index.ts';

export function loadCatalog(): CatalogModule[] {
  return JSON.parse(readFileSync(new URL('../../db/catalog/modules.json', import.meta.url), 'utf8')) as CatalogModule[];
}

/** A full rack: every role generation knows (sources, processors, VCAs, modulation, clocks, drums…). */
export const FORTY_MODULE_RACK_CATALOG_IDS = [
  'mi-plaits', 'makenoise-sto', 'doepfer-a-110-1', 'intellijel-dixie-2-plus', 'verbos-complex-oscillator', '2hp-pluck',
  'doepfer-a-118',
  'mi-ripples-2020', 'doepfer-a-124', 'joranalogue-filter-8', 'erica-black-lpg',
  'mi-clouds', 'ne-desmodus-versio', '4ms-dld', 'intellijel-springray-2', 'doepfer-a-116',
  'intellijel-quad-vca', 'doepfer-a-130', 'mi-veils-2020',
  'doepfer-a-138a', 'befaco-stmix',
  'intellijel-stereo-line-out-1u',
  'makenoise-maths', 'doepfer-a-140', 'intellijel-quadrax', 'mi-peaks',
  'xaoc-batumi', 'doepfer-a-143-9',
  'mi-marbles', 'doepfer-a-148', '2hp-tm',
  '4ms-qcd', 'alm-pamelas-pro-workout',
  'intellijel-metropolix', 'mi-grids',
  'doepfer-a-156',
  'tiptop-bd808', 'tiptop-sd808', 'tiptop-hats808',
  'doepfer-a-180-1',
] as const;

/** The rack's placed modules: ids m01…m40 in the order above. */
export function fortyModuleRack(): RackModuleRef[] {
  return FORTY_MODULE_RACK_CATALOG_IDS.map((catalogId, i) => ({ id: `m${String(i + 1).padStart(2, '0')}`, catalogId }));
}
