import { connectPglite, connectPostgres, type Database } from './connection.ts';
import { seedCatalog } from './catalog/seed.ts';
import { applyMigrations } from './schema/migrate.ts';

export interface OpenDatabaseOptions {
  /** A PostgreSQL URL; without one, PGlite runs in-process in `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
  /** Seed the catalog when it is empty (default true). */
  seed?: boolean;
}

export interface OpenedDatabase extends Database {
  /** Migrations applied by this open (empty when the schema was current). */
  migrationsApplied: string[];
}

/** Connects, brings the schema up to date and seeds the catalog on first start. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const db = options.databaseUrl
    ? await connectPostgres(options.databaseUrl)
    : await connectPglite(options.dataDir ?? '.data');
  try {
    const migrationsApplied = await applyMigrations(db);
    if (options.seed !== false) await seedIfEmpty(db);
    return Object.assign(db, { migrationsApplied });
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

async function seedIfEmpty(db: Database): Promise<void> {
  await seedCatalog(db.prisma, { onlyIfEmpty: true });
}
