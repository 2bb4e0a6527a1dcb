import { connectPglite, connectPostgres, type Database } from './connection.ts';
import { syncBundledCatalog } from './catalog/seed.ts';
import { applyMigrations } from './schema/migrate.ts';

export interface OpenDatabaseOptions {
  /** A PostgreSQL URL; without one, PGlite runs in-process in `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
  /** Bring the catalog up to the bundled files when they changed since the last start (default true). */
  seed?: boolean;
}

export interface OpenedDatabase extends Database {
  /** Migrations applied by this open (empty when the schema was current). */
  migrationsApplied: string[];
}

/** Connects, brings the schema up to date and the catalog up to the bundled files. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const db = options.databaseUrl
    ? await connectPostgres(options.databaseUrl)
    : await connectPglite(options.dataDir ?? '.data');
  try {
    const migrationsApplied = await applyMigrations(db);
    if (options.seed !== false) await syncBundledCatalog(db.prisma);
    return Object.assign(db, { migrationsApplied });
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
