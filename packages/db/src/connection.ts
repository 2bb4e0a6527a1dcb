import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/prisma/client.ts';
import { lockDataDir } from './data-dir-lock.ts';

/** Runs one SQL statement with `$1…` parameters and returns its rows. */
export type Query = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

export interface Database {
  kind: 'pglite' | 'postgres';
  prisma: PrismaClient;
  /** Raw SQL for hot paths (the collab log) and migrations. int8 columns come back as strings
   * on PostgreSQL and numbers on PGlite: cast in SQL (`::int`, `::text`) when it matters. */
  query: Query;
  /** Several statements that commit or roll back together. */
  transaction<T>(fn: (query: Query) => Promise<T>): Promise<T>;
  /** Runs a multi-statement script (migrations). */
  exec(script: string): Promise<void>;
  /**
   * Calls `onMessage` with the payload of every `NOTIFY channel` (from any process on the same
   * database). On PostgreSQL a dedicated connection listens and reconnects by itself; after a
   * reconnect `onResume` runs, since notifications sent meanwhile were missed. Resolves once
   * listening, with a function that stops.
   */
  listen(channel: string, onMessage: (payload: string) => void, onResume?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export async function connectPostgres(databaseUrl: string): Promise<Database> {
  // A database that silently drops packets must fail fast (then retried by callers), not stall for minutes.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 5_000, keepAlive: true });
  // An idle client can lose its server (restart, network): log it, don't crash the process.
  pool.on('error', (error) => console.error(JSON.stringify({ msg: 'postgres pool error', error: error.message })));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const query: Query = async (sql, params) => (await pool.query(sql, params)).rows;
  const listeners = new Set<() => Promise<void>>();
  return {
    kind: 'postgres',
    prisma,
    query,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(async (sql, params) => (await client.query(sql, params)).rows);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async exec(script) {
      await pool.query(script);
    },
    async listen(channel, onMessage, onResume) {
      const stop = await listenPostgres(databaseUrl, checkedChannel(channel), onMessage, onResume);
      const tracked = async () => {
        listeners.delete(tracked);
        await stop();
      };
      listeners.add(tracked);
      return tracked;
    },
    async close() {
      await Promise.all([...listeners].map((stop) => stop()));
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

export async function connectPglite(dataDir: string): Promise<Database> {
  const lock = lockDataDir(dataDir);
  let pglite: PGlite;
  try {
    pglite = new PGlite(dataDir);
    await pglite.waitReady;
  } catch (error) {
    lock.release();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const query: Query = async (sql, params) => (await pglite.query(sql, params)).rows as never[];
  return {
    kind: 'pglite',
    prisma,
    query,
    transaction: (fn) =>
      pglite.transaction((tx) => fn(async (sql, params) => (await tx.query(sql, params)).rows as never[])),
    async exec(script) {
      await pglite.exec(script);
    },
    async listen(channel, onMessage) {
      // In-process: nothing to lose between notifications, so onResume never runs.
      const stop = await pglite.listen(checkedChannel(channel), onMessage);
      return async () => {
        if (!pglite.closed) await stop();
      };
    },
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      lock.release();
    },
  };
}

function checkedChannel(channel: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`Not a channel name: ${JSON.stringify(channel)}`);
  return channel;
}

const LISTEN_RETRY_MAX_MS = 5_000;

/**
 * LISTEN on a dedicated client (a pooled one would drop the subscription when released). When
 * the connection is lost it reconnects with backoff and calls `onResume` once listening again.
 */
async function listenPostgres(
  databaseUrl: string,
  channel: string,
  onMessage: (payload: string) => void,
  onResume?: () => void,
): Promise<() => Promise<void>> {
  let stopped = false;
  let current: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;
  let failures = 0;

  const retryLater = () => {
    failures += 1;
    retry = setTimeout(() => void open(true), Math.min(100 * 2 ** failures, LISTEN_RETRY_MAX_MS));
  };
  const open = async (resuming: boolean): Promise<void> => {
    if (stopped) return;
    const client = new pg.Client({ connectionString: databaseUrl });
    let listening = false;
    const onLost = () => {
      if (!listening) return;
      listening = false;
      if (current === client) current = null;
      client.end().catch(() => undefined);
      if (!stopped) retryLater();
    };
    // Errors before LISTEN succeeded surface through connect()/query() below.
    client.on('error', onLost);
    client.on('end', onLost);
    client.on('notification', (message) => {
      if (message.channel === channel) onMessage(message.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      if (!resuming) throw error;
      if (!stopped) retryLater();
      return;
    }
    if (stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    listening = true;
    current = client;
    failures = 0;
    if (resuming) onResume?.();
  };

  await open(false);
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await current?.end().catch(() => undefined);
    current = null;
  };
}
