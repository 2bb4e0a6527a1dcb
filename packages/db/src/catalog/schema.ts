// The shape of catalog rows (the bundled packages/db/catalog/*.json files and every imported file),
// checked row by row before anything is written: a bad figure must stop the import with the row
// named, not reach a rack.
import { z } from 'zod';

export const SIGNAL_TYPES = ['audio', 'cv', 'pitch', 'gate', 'trigger', 'clock'] as const;
export const CONTROL_KINDS = ['knob', 'slider', 'switch', 'button'] as const;

const catalogId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a lowercase kebab-case id');
const partId = z.string().regex(/^[a-z0-9_]+$/, 'expected a lowercase snake_case id');
const text = z.string().trim().min(1);
/** Milliamps; null where the maker's figure is unknown. */
const milliamps = z.number().int().nonnegative().nullable();
/** Eurorack rows are 3U; 1U rows (Intellijel / Pulp Logic format) hold 1U modules. */
const heightU = z.union([z.literal(3), z.literal(1)]);

export const railCurrentsSchema = z.strictObject({ p12: milliamps, m12: milliamps, p5: milliamps });

export const jackSchema = z.strictObject({
  id: partId,
  name: text,
  dir: z.enum(['in', 'out']),
  signal: z.enum(SIGNAL_TYPES),
});

export const controlSchema = z
  .strictObject({
    id: partId,
    name: text,
    kind: z.enum(CONTROL_KINDS),
    min: z.number(),
    max: z.number(),
    default: z.number(),
  })
  .refine((c) => c.min <= c.default && c.default <= c.max, { message: 'default must lie between min and max' });

export const caseRowSchema = z.strictObject({ hp: z.number().int().positive(), heightU });

export const catalogModuleEntrySchema = z
  .strictObject({
    id: catalogId,
    manufacturer: text,
    name: text,
    hp: z.number().int().positive(),
    /** Only 1U modules say so; absent means 3U. */
    heightU: heightU.optional(),
    depthMm: z.number().int().positive().nullable(),
    power: railCurrentsSchema.nullable(),
    type: text,
    archetype: text,
    description: z.string(),
    jacks: z.array(jackSchema),
    /** false: the jack list is known to be partial (see notes). */
    jacksComplete: z.boolean().nullable().optional(),
    controls: z.array(controlSchema),
    tags: z.array(text).optional(),
    source: text,
    notes: z.string().nullable().optional(),
  })
  .superRefine((entry, ctx) => {
    for (const [list, ids] of [
      ['jacks', entry.jacks.map((j) => j.id)],
      ['controls', entry.controls.map((c) => c.id)],
    ] as const) {
      const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
      if (duplicate !== undefined) ctx.addIssue({ code: 'custom', path: [list], message: `duplicate id "${duplicate}"` });
    }
  });

export const catalogCaseEntrySchema = z.strictObject({
  id: catalogId,
  manufacturer: text,
  name: text,
  /** Top to bottom. */
  rows: z.array(caseRowSchema).min(1),
  /** PSU capacity in mA per rail. */
  power: railCurrentsSchema.nullable(),
  depthMm: z.number().int().positive().nullable(),
  source: text,
  notes: z.string().nullable().optional(),
});

export type CatalogModuleEntry = z.infer<typeof catalogModuleEntrySchema>;
export type CatalogCaseEntry = z.infer<typeof catalogCaseEntrySchema>;
export type CatalogRowKind = 'module' | 'case';

export type CheckedRow =
  | { kind: 'module'; entry: CatalogModuleEntry }
  | { kind: 'case'; entry: CatalogCaseEntry };

/** The two bundled catalog files as read, before validation. */
export interface RawCatalog {
  modules: unknown;
  cases: unknown;
}

export interface Catalog {
  modules: CatalogModuleEntry[];
  cases: CatalogCaseEntry[];
}

export interface CatalogProblem {
  /** Where the row is, as its author would look for it: "line 7" of a CSV file, "modules[3]" of a JSON file. */
  at: string;
  /** The row's id, when it has a readable one. */
  id: string | null;
  reason: string;
}

export class CatalogDataError extends Error {
  override name = 'CatalogDataError';
  constructor(
    readonly problems: CatalogProblem[],
    what = 'The catalog',
  ) {
    super(
      `${what} has ${problems.length} invalid row${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  ${describeProblem(p)}`).join('\n'),
    );
  }
}

/** The file itself cannot be read as a catalog (missing, not JSON, no CSV header…): none of its rows was looked at. */
export class CatalogFileError extends Error {
  override name = 'CatalogFileError';
}

export function describeProblem(problem: CatalogProblem): string {
  return `${problem.at} ${problem.id ?? '(no id)'}: ${problem.reason}`;
}

/** Validates one row; the reason names each bad field by its path ("jacks.0.signal: …"). */
export function checkRow(kind: CatalogRowKind, data: unknown): { row: CheckedRow } | { reason: string } {
  if (kind === 'module') {
    const result = catalogModuleEntrySchema.safeParse(data);
    return result.success ? { row: { kind, entry: result.data } } : { reason: describeIssues(result.error) };
  }
  const result = catalogCaseEntrySchema.safeParse(data);
  return result.success ? { row: { kind, entry: result.data } } : { reason: describeIssues(result.error) };
}

export function readableId(row: unknown): string | null {
  const id = typeof row === 'object' && row !== null ? (row as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' ? id : null;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
