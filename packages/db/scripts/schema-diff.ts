// Diffs the committed SQL migrations against prisma/schema.prisma with Prisma's WebAssembly
// schema engine. The Prisma CLI would download a native engine first, which these machines
// cannot reach; the wasm engine from npm does the same diff against in-memory PGlite databases.
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import * as engineBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { DiffTarget, MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { PrismaPGlite } from 'pglite-prisma-adapter';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const schemaPath = path.join(repoRoot, 'prisma/schema.prisma');
export const migrationsDir = path.join(repoRoot, 'prisma/migrations');

/** What the engine prints for a diff without steps. */
const EMPTY_SCRIPT = '-- This is an empty migration.';

export interface DiffOptions {
  /** Schema text to diff against; defaults to the contents of prisma/schema.prisma. */
  schemaText?: string;
  /** Migrations folder; defaults to prisma/migrations. */
  migrationsDir?: string;
}

/**
 * SQL that brings a database built from the committed migrations up to the Prisma schema;
 * '' when they agree.
 */
export async function diffMigrationsToSchema(options: DiffOptions = {}): Promise<string> {
  const schemaText = options.schemaText ?? (await readFile(schemaPath, 'utf8'));
  const migrations = await listMigrations(options.migrationsDir ?? migrationsDir);
  const from: DiffTarget =
    migrations.migrationDirectories.length === 0 ? { tag: 'empty' } : { tag: 'migrations', ...migrations };
  const to: DiffTarget = { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schemaText }] };

  const databases = new InMemoryDatabases();
  try {
    const engine = await startEngine(schemaText, databases);
    try {
      const filters = { externalTables: [], externalEnums: [] };
      const result = await engine.diff({ from, to, script: true, exitCode: null, filters });
      const script = withoutPublicSchema(result.stdout ?? '').trim();
      return script === EMPTY_SCRIPT || script === '' ? '' : `${script}\n`;
    } finally {
      engine.free();
    }
  } finally {
    await databases.close();
  }
}

/**
 * Drops the engine's `CREATE SCHEMA IF NOT EXISTS "public"`: every PostgreSQL database has that
 * schema, and the statement needs CREATE rights on the database, which a hosted app role may lack.
 */
function withoutPublicSchema(script: string): string {
  return script.replace(/-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n*/, '');
}

/** Migration folders with their migration.sql, in the lexical order the migrator applies them. */
async function listMigrations(dir: string): Promise<MigrationList> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const folders = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  const migrationDirectories = await Promise.all(
    folders.map(async (folder) => {
      const file = path.join(dir, folder, 'migration.sql');
      const content = await readFile(file, 'utf8').then(
        (value) => ({ tag: 'ok' as const, value }),
        (error: Error) => ({ tag: 'error' as const, value: error.message }),
      );
      return { path: folder, migrationFile: { path: 'migration.sql', content } };
    }),
  );
  return {
    baseDir: dir,
    // The engine reads the provider from Prisma's lock file; we keep no such file (our own
    // migrator applies the folders), so the lock file is supplied here.
    lockfile: { path: 'migration_lock.toml', content: 'provider = "postgresql"\n' },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

// The project's lib (ES2023, no DOM) leaves out TypeScript's WebAssembly types; Node has the global.
declare const WebAssembly: {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

let wasmReady: Promise<void> | undefined;

/** Instantiates the engine's wasm once per process (the package's own entry needs a bundler). */
function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const bindingsFile = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(path.join(path.dirname(bindingsFile), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': engineBindings });
    engineBindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return wasmReady;
}

async function startEngine(schemaText: string, databases: InMemoryDatabases): Promise<SchemaEngine> {
  await loadWasm();
  const adapterFactory = bindMigrationAwareSqlAdapterFactory(databases.adapterFactory());
  const ignoreLog = () => {};
  return engineBindings.SchemaEngine.new({ datamodels: [[schemaPath, schemaText]] }, ignoreLog, adapterFactory);
}

/**
 * The engine's main and shadow databases, all in memory. pglite-prisma-adapter's own factory opens
 * a shadow PGlite per diff and never closes it; this one closes every database it opened.
 */
class InMemoryDatabases {
  private readonly opened: PGlite[] = [];

  /** Opens each database only when the engine asks for it (a PGlite takes a second or two to boot). */
  adapterFactory(): SqlMigrationAwareDriverAdapterFactory {
    let main: Promise<SqlDriverAdapter> | undefined;
    return {
      provider: 'postgres',
      adapterName: 'pglite-prisma-adapter',
      connect: () => (main ??= new PrismaPGlite(this.open()).connect()),
      connectToShadowDb: () => new PrismaPGlite(this.open()).connect(),
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.opened.splice(0).map((database) => database.close()));
  }

  private open(): PGlite {
    const database = new PGlite();
    this.opened.push(database);
    return database;
  }
}
