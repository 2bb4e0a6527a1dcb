// Catalog rows as the engine and the apps use them: plain data, JSON columns checked on the way out
// (a hand-edited row fails here with its id rather than deep inside a rack computation).
import type { CatalogCase, CatalogModule, RailCurrents } from '@patchroom/engine';
import { z } from 'zod';
import type {
  CatalogCase as CatalogCaseRecord,
  CatalogModule as CatalogModuleRecord,
} from '../generated/prisma/client.ts';
import { caseRowSchema, controlSchema, jackSchema } from './schema.ts';

export type CatalogModuleRow = Pick<
  CatalogModuleRecord,
  | 'id'
  | 'manufacturer'
  | 'name'
  | 'hp'
  | 'heightU'
  | 'depthMm'
  | 'powerP12'
  | 'powerM12'
  | 'powerP5'
  | 'type'
  | 'archetype'
  | 'description'
  | 'tags'
  | 'jacks'
  | 'controls'
>;
export type CatalogCaseRow = Pick<
  CatalogCaseRecord,
  'id' | 'manufacturer' | 'name' | 'rows' | 'powerP12' | 'powerM12' | 'powerP5' | 'depthMm'
>;

const jacksSchema = z.array(jackSchema);
const controlsSchema = z.array(controlSchema);
const caseRowsSchema = z.array(caseRowSchema).min(1);

export function catalogModuleFromRow(row: CatalogModuleRow): CatalogModule {
  return {
    id: row.id,
    manufacturer: row.manufacturer,
    name: row.name,
    hp: row.hp,
    heightU: row.heightU,
    depthMm: row.depthMm,
    power: railCurrents(row),
    type: row.type,
    archetype: row.archetype,
    description: row.description,
    tags: row.tags,
    jacks: parseColumn(jacksSchema, row.jacks, `catalog module ${row.id}: jacks`),
    controls: parseColumn(controlsSchema, row.controls, `catalog module ${row.id}: controls`),
  };
}

export function catalogCaseFromRow(row: CatalogCaseRow): CatalogCase {
  return {
    id: row.id,
    manufacturer: row.manufacturer,
    name: row.name,
    rows: parseColumn(caseRowsSchema, row.rows, `catalog case ${row.id}: rows`),
    power: railCurrents(row),
    depthMm: row.depthMm,
  };
}

/** The three rail columns; null when no figure is known at all. */
function railCurrents(row: { powerP12: number | null; powerM12: number | null; powerP5: number | null }): RailCurrents | null {
  if (row.powerP12 === null && row.powerM12 === null && row.powerP5 === null) return null;
  return { p12: row.powerP12, m12: row.powerM12, p5: row.powerP5 };
}

function parseColumn<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`Invalid ${what} in the database: ${z.prettifyError(result.error)}`);
  return result.data;
}
