// The bundled catalog (packages/db/catalog/*.json) in the database. Start-up calls
// syncBundledCatalog: one indexed query when the files are as last imported, an upsert of the
// changed rows when they are not. Rows that left the files stay, because racks may still hold them.
import type { PrismaClient } from '../generated/prisma/client.ts';
import { baseSummary, checkCatalog, latestChecksum, writeCatalog, type ImportSummary } from './import.ts';
import type { RawCatalog } from './schema.ts';
import { BUNDLED_ORIGIN, bundledCatalogSource } from './sources.ts';

export { readCatalogFiles } from './sources.ts';

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
  const checked = await checkCatalog(bundledCatalogSource(options.catalog, options.origin ?? BUNDLED_ORIGIN));
  if ((await latestChecksum(prisma, checked.origin)) === checked.checksum && checked.problems.length === 0) {
    return { ...baseSummary(checked), alreadyCurrent: true };
  }
  return writeCatalog(prisma, checked, { onlyIfChanged: true });
}
