// Imports the bundled catalog (packages/db/catalog/*.json) into catalog_cases / catalog_modules.
// Upserts by id, so re-running refreshes figures; rows that left the files stay, because racks
// may still hold those modules.
import { readFile } from 'node:fs/promises';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { parseCatalog, type CatalogCaseEntry, type CatalogModuleEntry, type RawCatalog } from './schema.ts';

const CATALOG_DIR = new URL('../../catalog/', import.meta.url);

export interface SeedCatalogOptions {
  /** Do nothing when the catalog already has modules or cases (first start only). */
  onlyIfEmpty?: boolean;
  /** Catalog data to import instead of the bundled files. */
  catalog?: RawCatalog;
}

export interface SeedCatalogResult {
  /** Rows written by this call (0 when skipped). */
  modules: number;
  cases: number;
}

/** Validates every row (throws CatalogDataError naming each bad row), then upserts them all by id in one transaction. */
export async function seedCatalog(prisma: PrismaClient, options: SeedCatalogOptions = {}): Promise<SeedCatalogResult> {
  if (options.onlyIfEmpty && (await hasCatalog(prisma))) return { modules: 0, cases: 0 };
  const catalog = parseCatalog(options.catalog ?? (await readCatalogFiles()));
  const importedAt = new Date();
  const cases = catalog.cases.map((entry) => caseData(entry, importedAt));
  const modules = catalog.modules.map((entry) => moduleData(entry, importedAt));
  // New rows go in with one INSERT each table (first start, and every test database, takes this
  // path); only rows already present are updated one by one. skipDuplicates: another process
  // seeding the same empty database at the same moment inserts the same rows.
  await prisma.$transaction(
    async (tx) => {
      const [knownCases, knownModules] = await Promise.all([
        existingIds(tx.catalogCase.findMany({ select: { id: true } })),
        existingIds(tx.catalogModule.findMany({ select: { id: true } })),
      ]);
      await tx.catalogCase.createMany({ data: cases.filter((row) => !knownCases.has(row.id)), skipDuplicates: true });
      await tx.catalogModule.createMany({ data: modules.filter((row) => !knownModules.has(row.id)), skipDuplicates: true });
      for (const row of cases.filter((r) => knownCases.has(r.id))) {
        await tx.catalogCase.update({ where: { id: row.id }, data: row });
      }
      for (const row of modules.filter((r) => knownModules.has(r.id))) {
        await tx.catalogModule.update({ where: { id: row.id }, data: row });
      }
    },
    { timeout: 60_000 },
  );
  return { modules: catalog.modules.length, cases: catalog.cases.length };
}

/** The bundled catalog files, unvalidated. */
export async function readCatalogFiles(): Promise<RawCatalog> {
  const [modules, cases] = await Promise.all(
    ['modules.json', 'cases.json'].map(async (file) => JSON.parse(await readFile(new URL(file, CATALOG_DIR), 'utf8')) as unknown),
  );
  return { modules, cases };
}

async function existingIds(rows: Promise<{ id: string }[]>): Promise<Set<string>> {
  return new Set((await rows).map((row) => row.id));
}

async function hasCatalog(prisma: PrismaClient): Promise<boolean> {
  const [module, rackCase] = await Promise.all([
    prisma.catalogModule.findFirst({ select: { id: true } }),
    prisma.catalogCase.findFirst({ select: { id: true } }),
  ]);
  return module !== null || rackCase !== null;
}

function caseData(entry: CatalogCaseEntry, importedAt: Date): Prisma.CatalogCaseCreateManyInput {
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
    importedAt,
  };
}

function moduleData(entry: CatalogModuleEntry, importedAt: Date): Prisma.CatalogModuleCreateManyInput {
  return {
    id: entry.id,
    manufacturer: entry.manufacturer,
    name: entry.name,
    hp: entry.hp,
    depthMm: entry.depthMm,
    powerP12: entry.power?.p12 ?? null,
    powerM12: entry.power?.m12 ?? null,
    powerP5: entry.power?.p5 ?? null,
    type: entry.type,
    archetype: entry.archetype,
    description: entry.description,
    jacks: entry.jacks,
    controls: entry.controls,
    tags: entry.tags ?? [],
    source: entry.source,
    importedAt,
  };
}
