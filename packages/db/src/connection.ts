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
  close(): Promise<void>;
}

export async function connectPostgres(databaseUrl: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // An idle client can lose its server (restart, network): log it, don't crash the process.
  pool.on('error', (error) => console.error(JSON.stringify({ msg: 'postgres pool error', error: error.message })));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const query: Query = async (sql, params) => (await pool.query(sql, params)).rows;
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
    async close() {
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
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      lock.release();
    },
  };
}
