import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Database } from '../connection.ts';
import { newRandomId } from '../ids.ts';

// Sessions follow Lucia's design: the client holds a random token; only its SHA-256 is stored,
// so a leaked table cannot be replayed. Expiry slides forward while the session is in use.
export const SESSION_COOKIE = 'patchroom_session';
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
const RENEW_WHEN_LEFT_MS = SESSION_LIFETIME_MS / 2;

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  /** A workshop guest (display name only, no password): see the workshops api. */
  isGuest: boolean;
}

export interface ValidSession {
  session: { id: string; userId: string; expiresAt: Date };
  user: SessionUser;
  /** True when the expiry moved: the caller should send the cookie again. */
  renewed: boolean;
}

export function sessionIdOf(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(db: Database, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = newRandomId(20);
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
  await db.prisma.session.create({ data: { id: sessionIdOf(token), userId, expiresAt } });
  return { token, expiresAt };
}

export async function validateSessionToken(db: Database, token: string): Promise<ValidSession | null> {
  if (!token || token.length > 200) return null;
  const id = sessionIdOf(token);
  const row = await db.prisma.session.findUnique({ where: { id }, include: { user: true } });
  if (!row) return null;
  const now = Date.now();
  if (row.expiresAt.getTime() <= now) {
    await db.prisma.session.deleteMany({ where: { id } });
    return null;
  }
  let expiresAt = row.expiresAt;
  const renewed = expiresAt.getTime() - now < RENEW_WHEN_LEFT_MS;
  if (renewed) {
    expiresAt = new Date(now + SESSION_LIFETIME_MS);
    await db.prisma.session.update({ where: { id }, data: { expiresAt } });
  }
  const { user } = row;
  return {
    session: { id, userId: row.userId, expiresAt },
    user: { id: user.id, email: user.email, displayName: user.displayName, isGuest: user.isGuest },
    renewed,
  };
}

export async function invalidateSession(db: Database, token: string): Promise<void> {
  await db.prisma.session.deleteMany({ where: { id: sessionIdOf(token) } });
}

/** Logs a user out everywhere (e.g. after a password change), optionally keeping one session. */
export async function invalidateUserSessions(db: Database, userId: string, keepToken?: string): Promise<void> {
  const keep = keepToken ? sessionIdOf(keepToken) : undefined;
  await db.prisma.session.deleteMany({ where: { userId, ...(keep ? { NOT: { id: keep } } : {}) } });
}
