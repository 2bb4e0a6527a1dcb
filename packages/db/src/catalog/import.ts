// Catalog import: read every row of a source, validate them all, then upsert by id in one
// transaction. A file with a bad row writes nothing (unless the caller skips invalid rows), so a
// half-imported catalog never reaches a rack. Rows whose figures did not change are left as they
// were, keeping their import time and origin truthful.
import { createHash, type Hash } from 'node:crypto';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import {
  CatalogDataError,
  checkRow,
  readableId,
  type CatalogCaseEntry,
  type CatalogModuleEntry,
  type CatalogProblem,
  type CheckedRow,
} from './schema.ts';
import type { CatalogSource, RawRow } from './sources.ts';

/** Bump when the way rows are stored changes (e.g. what search text holds), so start-up rewrites the bundled rows. */
const STORAGE_VERSION = 2;
const CHUNK = 500;

export interface CheckedCatalog {
  origin: string;
  rows: CheckedRow[];
  problems: CatalogProblem[];
  /** SHA-256 of the rows as read (and of the storage version). */
  checksum: string;
  /** Rows read, valid or not. */
  total: number;
}

export interface ImportSummary {
  origin: string;
  checksum: string;
  /** Valid rows of each kind (0 when start-up found the bundled catalog current and did not validate it). */
  modules: number;
  cases: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Invalid rows left out (only with `skipInvalid`). */
  skipped: number;
  problems: CatalogProblem[];
  /** True when `onlyIfChanged` found this exact data already imported from the same origin: nothing was written. */
  alreadyCurrent: boolean;
}

export interface WriteOptions {
  /** Import the valid rows of a file that also has invalid ones (else nothing is written). */
  skipInvalid?: boolean;
  /** Write nothing when the newest import from the same origin had the same checksum. */
  onlyIfChanged?: boolean;
}

/** Reads and validates every row of the source; touches no database. */
export async function checkCatalog(source: CatalogSource): Promise<CheckedCatalog> {
  const hash = newChecksum();
  const rows: CheckedRow[] = [];
  const problems: CatalogProblem[] = [];
  const seen = new Set<string>();
  let total = 0;
  for await (const raw of source.read()) {
    total += 1;
    addToChecksum(hash, raw);
    const checked = checkRawRow(raw, source.defaultRowSource);
    if ('reason' in checked) {
      problems.push({ at: raw.at, id: readableId(raw.data), reason: checked.reason });
      continue;
    }
    const key = `${checked.row.kind}:${checked.row.entry.id}`;
    if (seen.has(key)) {
      problems.push({ at: raw.at, id: checked.row.entry.id, reason: `duplicate id (an earlier ${checked.row.kind} row has it)` });
      continue;
    }
    seen.add(key);
    rows.push(checked.row);
  }
  return { origin: source.name, rows, problems, checksum: hash.digest('hex'), total };
}

/** The checksum checkCatalog would give, without validating: what start-up compares before doing any work. */
export async function catalogChecksum(source: CatalogSource): Promise<string> {
  const hash = newChecksum();
  for await (const raw of source.read()) addToChecksum(hash, raw);
  return hash.digest('hex');
}

function newChecksum(): Hash {
  return createHash('sha256').update(`patchroom-catalog-v${STORAGE_VERSION}\n`);
}

function addToChecksum(hash: Hash, raw: RawRow): void {
  hash.update(`${raw.kind}\t${JSON.stringify(raw.data) ?? 'undefined'}\n`);
}

function checkRawRow(raw: RawRow, defaultSource: string | undefined): ReturnType<typeof checkRow> {
  if (raw.problem !== undefined) return { reason: raw.problem };
  return checkRow(raw.kind, withDefaultSource(raw.data, defaultSource));
}

function withDefaultSource(data: unknown, defaultSource: string | undefined): unknown {
  if (defaultSource === undefined || typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  const source = (data as { source?: unknown }).source;
  return source === undefined || source === null || source === '' ? { ...data, source: defaultSource } : data;
}

/** checkCatalog + writeCatalog: throws CatalogDataError (and writes nothing) when a row is invalid and `skipInvalid` is off. */
export async function importCatalog(prisma: PrismaClient, source: CatalogSource, options: WriteOptions = {}): Promise<ImportSummary> {
  return writeCatalog(prisma, await checkCatalog(source), options);
}

export async function writeCatalog(prisma: PrismaClient, checked: CheckedCatalog, options: WriteOptions = {}): Promise<ImportSummary> {
  if (checked.problems.length > 0 && !options.skipInvalid) throw new CatalogDataError(checked.problems, checked.origin);
  const modules = checked.rows.filter((row) => row.kind === 'module').map((row) => moduleData(row.entry, checked.origin));
  const cases = checked.rows.filter((row) => row.kind === 'case').map((row) => caseData(row.entry, checked.origin));
  const summary = baseSummary(checked);
  return prisma.$transaction(
    async (tx) => {
      // One import at a time: two processes starting together on an empty database (or an import
      // racing start-up) take turns, and the second sees the first one's log row.
      await tx.$executeRawUnsafe('LOCK TABLE catalog_imports IN SHARE ROW EXCLUSIVE MODE');
      if (options.onlyIfChanged && (await latestChecksum(tx, checked.origin)) === checked.checksum) {
        return { ...summary, alreadyCurrent: true };
      }
      // Cases first: racks point at them, and nothing points at modules.
      const caseCounts = await upsertRows(caseTable(tx), cases);
      const moduleCounts = await upsertRows(moduleTable(tx), modules);
      for (const key of ['inserted', 'updated', 'unchanged'] as const) summary[key] = caseCounts[key] + moduleCounts[key];
      await tx.catalogImport.create({
        data: {
          origin: checked.origin,
          checksum: checked.checksum,
          inserted: summary.inserted,
          updated: summary.updated,
          unchanged: summary.unchanged,
          skipped: summary.skipped,
        },
      });
      return summary;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

/** What an import of `checked` reports before anything is written. */
export function baseSummary(checked: CheckedCatalog): ImportSummary {
  return {
    origin: checked.origin,
    checksum: checked.checksum,
    modules: checked.rows.filter((row) => row.kind === 'module').length,
    cases: checked.rows.filter((row) => row.kind === 'case').length,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    skipped: checked.problems.length,
    problems: checked.problems,
    alreadyCurrent: false,
  };
}

/** The checksum of the newest import from this origin, or null when there was none. */
export async function latestChecksum(prisma: Pick<PrismaClient, 'catalogImport'>, origin: string): Promise<string | null> {
  const latest = await prisma.catalogImport.findFirst({ where: { origin }, orderBy: { id: 'desc' }, select: { checksum: true } });
  return latest?.checksum ?? null;
}

type Tx = Prisma.TransactionClient;
type ModuleData = Prisma.CatalogModuleCreateManyInput & { id: string };
type CaseData = Prisma.CatalogCaseCreateManyInput & { id: string };

/** The three calls an upsert needs, so modules and cases share one implementation. */
interface Table<Row extends { id: string }> {
  existing(ids: string[]): Promise<Record<string, unknown>[]>;
  insert(rows: Row[]): Promise<unknown>;
  update(row: Row): Promise<unknown>;
  /** The stored columns compared to decide whether a row changed. */
  compared: (keyof Row & string)[];
}

function moduleTable(tx: Tx): Table<ModuleData> {
  return {
    existing: (ids) => tx.catalogModule.findMany({ where: { id: { in: ids } } }),
    insert: (rows) => tx.catalogModule.createMany({ data: rows, skipDuplicates: true }),
    update: (row) => tx.catalogModule.update({ where: { id: row.id }, data: row }),
    compared: [
      'manufacturer', 'name', 'hp', 'heightU', 'depthMm', 'powerP12', 'powerM12', 'powerP5', 'type', 'archetype',
      'description', 'jacks', 'jacksComplete', 'controls', 'tags', 'notes', 'searchText', 'source',
    ],
  };
}

function caseTable(tx: Tx): Table<CaseData> {
  return {
    existing: (ids) => tx.catalogCase.findMany({ where: { id: { in: ids } } }),
    insert: (rows) => tx.catalogCase.createMany({ data: rows, skipDuplicates: true }),
    update: (row) => tx.catalogCase.update({ where: { id: row.id }, data: row }),
    compared: ['manufacturer', 'name', 'rows', 'powerP12', 'powerM12', 'powerP5', 'depthMm', 'notes', 'source'],
  };
}

async function upsertRows<Row extends { id: string }>(table: Table<Row>, rows: Row[]) {
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const stored = new Map((await table.existing(chunk.map((row) => row.id))).map((row) => [row.id as string, row]));
    const fresh = chunk.filter((row) => !stored.has(row.id));
    if (fresh.length > 0) await table.insert(fresh);
    counts.inserted += fresh.length;
    for (const row of chunk) {
      const before = stored.get(row.id);
      if (before === undefined) continue;
      if (sameFigures(before, row, table.compared)) {
        counts.unchanged += 1;
      } else {
        await table.update(row);
        counts.updated += 1;
      }
    }
  }
  return counts;
}

function sameFigures<Row>(stored: Record<string, unknown>, next: Row, columns: (keyof Row & string)[]): boolean {
  return columns.every((column) => canonicalJson(stored[column] ?? null) === canonicalJson(next[column] ?? null));
}

/** JSON with object keys sorted: PostgreSQL's jsonb does not keep the key order it was given. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function moduleData(entry: CatalogModuleEntry, importedFrom: string): ModuleData {
  const tags = entry.tags ?? [];
  return {
    id: entry.id,
    manufacturer: entry.manufacturer,
    name: entry.name,
    hp: entry.hp,
    heightU: entry.heightU ?? 3,
    depthMm: entry.depthMm,
    powerP12: entry.power?.p12 ?? null,
    powerM12: entry.power?.m12 ?? null,
    powerP5: entry.power?.p5 ?? null,
    type: entry.type,
    archetype: entry.archetype,
    description: entry.description,
    jacks: entry.jacks,
    jacksComplete: entry.jacksComplete ?? null,
    controls: entry.controls,
    tags,
    notes: entry.notes ?? null,
    searchText: searchText([entry.manufacturer, entry.name, entry.type, entry.archetype, entry.description, ...tags]),
    source: entry.source,
    importedFrom,
    importedAt: new Date(),
  };
}

function caseData(entry: CatalogCaseEntry, importedFrom: string): CaseData {
  return {
    id: entry.id,
    manufacturer: entry.manufacturer,
    name: entry.name,
    rows: entry.rows,
    powerP12: entry.power?.p12 ?? null,
    powerM12: entry.power?.m12 ?? null,
    powerP5: entry.power?.p5 ?? null,
    depthMm: entry.depthMm,
    notes: entry.notes ?? null,
    source: entry.source,
    importedFrom,
    importedAt: new Date(),
  };
}

/** What free-text search matches: lower-cased, one space between words. */
export function searchText(parts: string[]): string {
  return parts.join(' ').toLowerCase().replace(/\s+/g, ' ').trim();
}
