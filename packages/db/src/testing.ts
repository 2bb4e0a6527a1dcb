// Test support for every workspace: a real database (PostgreSQL when DATABASE_URL is set, else a
// fresh PGlite folder) and quick fixtures. Not part of the runtime entry.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from './connection.ts';
import { newRandomId } from './ids.ts';
import { openDatabase } from './open.ts';
import { createSession } from './sessions/sessions.ts';

export async function openTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) return openDatabase({ databaseUrl: url });
  const dataDir = mkdtempSync(join(tmpdir(), 'patchroom-test-'));
  const db = await openDatabase({ dataDir });
  const close = db.close;
  return Object.assign(db, {
    async close() {
      await close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

export interface TestUser {
  user: { id: string; email: string; displayName: string };
  token: string;
}

/** A user with a live session. The password hash is a placeholder: such users log in by token only. */
export async function makeUser(db: Database, input: { email?: string; displayName?: string } = {}): Promise<TestUser> {
  const id = newRandomId();
  const user = await db.prisma.user.create({
    data: {
      id,
      email: input.email ?? `user-${id}@test.patchroom`,
      displayName: input.displayName ?? `User ${id.slice(0, 4)}`,
      passwordHash: 'not-a-password',
    },
    select: { id: true, email: true, displayName: true },
  });
  const { token } = await createSession(db, user.id);
  return { user, token };
}

/** A rack owned by `ownerId` in the first catalog case, with optional extra members. */
export async function makeRack(
  db: Database,
  ownerId: string,
  members: { userId: string; role: 'editor' | 'viewer' }[] = [],
): Promise<{ id: string; caseId: string }> {
  const rackCase = await db.prisma.catalogCase.findFirstOrThrow({ orderBy: { id: 'asc' } });
  const id = newRandomId();
  await db.prisma.rack.create({
    data: {
      id,
      name: `Test rack ${id.slice(0, 4)}`,
      caseId: rackCase.id,
      ownerId,
      members: { create: [{ userId: ownerId, role: 'owner' }, ...members] },
    },
  });
  return { id, caseId: rackCase.id };
}
