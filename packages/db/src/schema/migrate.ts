import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../connection.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../../prisma/migrations', import.meta.url));

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** The committed migrations, in the order they apply (folder names start with a timestamp). */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Applies every migration not yet recorded, each in its own transaction. Returns the names applied.
 * A changed checksum of an applied migration is an error: history is never rewritten. */
export async function applyMigrations(db: Database, migrations = readMigrations()): Promise<string[]> {
  // One transaction under an advisory lock: several processes starting at once (tests, a scaled
  // deployment) apply each migration exactly once, and a failed migration leaves nothing behind.
  return db.transaction(async (query) => {
    await query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await query(`CREATE TABLE IF NOT EXISTS patchroom_migrations (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const rows = await query<{ name: string; checksum: string }>('SELECT name, checksum FROM patchroom_migrations');
    const applied = new Map(rows.map((r) => [r.name, r.checksum]));
    const done: string[] = [];
    for (const migration of migrations) {
      const checksum = applied.get(migration.name);
      if (checksum === migration.checksum) continue;
      if (checksum !== undefined) {
        throw new MigrationError(`Migration ${migration.name} was changed after it was applied.`);
      }
      for (const statement of splitStatements(migration.sql)) await query(statement);
      await query('INSERT INTO patchroom_migrations (name, checksum) VALUES ($1, $2)', [migration.name, migration.checksum]);
      done.push(migration.name);
    }
    return done;
  });
}

const MIGRATION_LOCK_KEY = 7_270_001;

/** Splits a migration script on statement-ending semicolons (Prisma's SQL has no procedural bodies). */
export function splitStatements(script: string): string[] {
  return script
    .split(/;\s*(?:\r?\n|$)/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}
