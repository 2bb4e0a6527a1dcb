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

/** Scratch databases this process created and has not dropped yet (name → server URL). */
const scratch = new Map<string, string>();

/** For a bench stopped by its watchdog: drops whatever scratch database it left. */
export async function dropScratchDatabases(): Promise<void> {
  await Promise.all([...scratch].map(([name, serverUrl]) => dropDatabase(serverUrl, name).catch(() => undefined)));
}

async function openScratchPostgres(serverUrl: string, bench: string): Promise<BenchDatabase> {
  const name = `patchroom_bench_${bench.replace(/\W/g, '_')}_${Date.now()}_${process.pid}`;
  await admin(serverUrl, `CREATE DATABASE ${name}`);
  scratch.set(name, serverUrl);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  let db: Database;
  try {
    db = await openDatabase({ databaseUrl });
  } catch (error) {
    await dropDatabase(serverUrl, name);
    throw error;
  }
  return {
    db,
    databaseUrl,
    kind: 'postgres',
    async close() {
      await db.close().catch((error: unknown) => console.error(`closing the scratch database failed: ${String(error)}`));
      await dropDatabase(serverUrl, name);
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

/**
 * Drops the scratch database. Closed pool connections can take a moment to leave the server;
 * dropping with FORCE meanwhile would cut them off and make their pool log errors, so wait up
 * to 3 s for them first.
 */
async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  scratch.delete(name);
  await admin(serverUrl, async (client) => {
    for (let waited = 0; waited < 3_000; waited += 50) {
      const { rows } = await client.query<{ open: number }>('SELECT count(*)::int AS open FROM pg_stat_activity WHERE datname = $1', [name]);
      if (rows[0]?.open === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
}

/** Works in the server's `postgres` database (CREATE/DROP DATABASE can't run inside the target). */
async function admin(serverUrl: string, work: string | ((client: pg.Client) => Promise<void>)): Promise<void> {
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    if (typeof work === 'string') await client.query(work);
    else await work(client);
  } finally {
    await client.end();
  }
}
