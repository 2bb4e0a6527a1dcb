import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMigrations, DataDirLockedError, openDatabase, readMigrations, type Database } from '../src/index.ts';
import { openTestDatabase } from '../src/testing.ts';

const open: Database[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'patchroom-db-'));
  dirs.push(dir);
  return dir;
}

describe('embedded database (PGlite)', () => {
  it('creates the schema and seeds the catalog on first open, and keeps data across reopen', async () => {
    const dir = tempDir();
    const first = await openDatabase({ dataDir: dir });
    expect(first.kind).toBe('pglite');
    expect(first.migrationsApplied).toEqual(readMigrations().map((m) => m.name));
    const modules = await first.prisma.catalogModule.count();
    expect(modules).toBeGreaterThan(100);
    await first.prisma.user.create({ data: { id: 'u1', email: 'a@b.test', displayName: 'A', passwordHash: 'x' } });
    await first.close();

    const second = await openDatabase({ dataDir: dir });
    open.push(second);
    expect(second.migrationsApplied).toEqual([]);
    expect(await second.prisma.user.count()).toBe(1);
    expect(await second.prisma.catalogModule.count()).toBe(modules);
  });

  it('refuses a second process on the same data folder, and takes over a stale lock', async () => {
    const dir = tempDir();
    const db = await openDatabase({ dataDir: dir });
    open.push(db);
    // Same pid would be re-entrant; simulate another live process with pid 1 (always alive).
    await db.close();
    open.pop();
    writeFileSync(join(dir, 'patchroom.lock'), '1');
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(DataDirLockedError);
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/in use by another Patchroom process \(pid 1\)/);
    // A lock left by a process that no longer exists is stale.
    writeFileSync(join(dir, 'patchroom.lock'), '999999999');
    const reopened = await openDatabase({ dataDir: dir });
    open.push(reopened);
    expect(await reopened.prisma.catalogCase.count()).toBeGreaterThan(0);
  });
});

describe('migrations', () => {
  it('apply once, and refuse a migration edited after it was applied', async () => {
    const db = await openTestDatabase();
    open.push(db);
    expect(await applyMigrations(db)).toEqual([]);
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    await expect(applyMigrations(db, edited)).rejects.toThrow(/was changed after it was applied/);
  });

  it('run concurrently from several connections without applying twice', async () => {
    if (!process.env.DATABASE_URL) return; // concurrency only exists on a server database
    const dbs = await Promise.all([openTestDatabase(), openTestDatabase(), openTestDatabase()]);
    open.push(...dbs);
    const rows = await dbs[0]!.query<{ n: number }>('SELECT count(*)::int AS n FROM patchroom_migrations');
    expect(rows[0]!.n).toBe(readMigrations().length);
  });
});
