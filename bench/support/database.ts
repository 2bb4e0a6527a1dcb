// A scratch database per bench run: a fresh PostgreSQL database on DATABASE_URL's server (created
// through its `postgres` database, dropped at the end), or PGlite in a temp folder without one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '@patchroom/db';
import pg from 'pg';

export interface BenchDatabase {
  db: Database;
  /** The scratch database's URL (PostgreSQL only), for processes that open their own connection. */
  databaseUrl?: string;
  /** 'postgres' or 'pglite', for the report. */
  kind: Database['kind'];
  close(): Promise<void>;
}

export async function openBenchDatabase(bench: string): Promise<BenchDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  return serverUrl ? openScratchPostgres(serverUrl, bench) : openScratchPglite(bench);
}

async function openScratchPostgres(serverUrl: string, bench: string): Promise<BenchDatabase> {
  const name = `patchroom_bench_${bench.replace(/\W/g, '_')}_${Date.now()}_${process.pid}`;
  await admin(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  let db: Database;
  try {
    db = await openDatabase({ databaseUrl });
  } catch (error) {
    await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    throw error;
  }
  return {
    db,
    databaseUrl,
    kind: 'postgres',
    async close() {
      await db.close().catch((error: unknown) => console.error(`closing the scratch database failed: ${String(error)}`));
      await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function openScratchPglite(bench: string): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), `patchroom-bench-${bench}-`));
  const db = await openDatabase({ dataDir });
  return {
    db,
    kind: 'pglite',
    async close() {
      await db.close().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs one statement in the server's `postgres` database (CREATE/DROP DATABASE can't run inside the target). */
async function admin(serverUrl: string, sql: string): Promise<void> {
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
