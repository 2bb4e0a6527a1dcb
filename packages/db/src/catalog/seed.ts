// The bundled catalog (packages/db/catalog/*.json) in the database. Start-up calls
// syncBundledCatalog: one indexed query when the files are as last imported, an upsert of the
// changed rows when they are not. Rows that left the files stay, because racks may still hold them.
import type { PrismaClient } from '../generated/prisma/client.ts';
import { baseSummary, catalogChecksum, checkCatalog, latestChecksum, writeCatalog, type ImportSummary } from './import.ts';
import type { RawCatalog } from './schema.ts';
import { BUNDLED_ORIGIN, bundledCatalogSource } from './sources.ts';

export { readCatalogFiles } from './sources.ts';

function emptySummary(origin: string, checksum: string): ImportSummary {
  return baseSummary({ origin, checksum, rows: [], problems: [], total: 0 });
}

export interface SeedCatalogOptions {
  /** Catalog data to import instead of the bundled files (tests). */
  catalog?: RawCatalog;
  /** Import log origin (default "bundled catalog"); tests use their own so they never mark the real bundle as current. */
  origin?: string;
}

/** Validates every bundled row (throws CatalogDataError naming each bad row), then upserts them all by id. */
export async function seedCatalog(prisma: PrismaClient, options: SeedCatalogOptions = {}): Promise<ImportSummary> {
  const checked = await checkCatalog(bundledCatalogSource(options.catalog, options.origin));
  return writeCatalog(prisma, checked);
}

/**
 * Brings the database up to the bundled catalog if the files changed since they were last
 * imported (or were never imported); otherwise costs one query. Safe when several processes start at once.
 */
export async function syncBundledCatalog(prisma: PrismaClient, options: SeedCatalogOptions = {}): Promise<ImportSummary> {
  const source = bundledCatalogSource(options.catalog, options.origin ?? BUNDLED_ORIGIN);
  const [checksum, imported] = await Promise.all([catalogChecksum(source), latestChecksum(prisma, source.name)]);
  // An imported checksum was validated when it was imported: no need to validate the rows again.
  if (checksum === imported) return { ...emptySummary(source.name, checksum), alreadyCurrent: true };
  return writeCatalog(prisma, await checkCatalog(source), { onlyIfChanged: true });
}
