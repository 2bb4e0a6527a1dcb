import { validateSessionToken, SESSION_COOKIE, type Database, type SessionUser } from '@patchroom/db';
import type { Collab } from '@patchroom/collab';
import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { RateLimits } from '../limits/rate-limits.ts';

/** What every procedure can reach: the database, the live rooms, the caller, and cookie helpers. */
export interface Services {
  db: Database;
  collab: Collab | null;
  config: Config;
  logger: Logger;
  rateLimits: RateLimits;
}

export interface Context extends Services {
  user: SessionUser | null;
  sessionToken: string | null;
  requestedWith: string | undefined;
  /** The caller's address (the proxy's X-Forwarded-For when TRUST_PROXY is on). */
  clientIp: string;
  setSessionCookie(token: string, expiresAt: Date): void;
  clearSessionCookie(): void;
}

export async function createContext(services: Services, { req, res }: CreateFastifyContextOptions): Promise<Context> {
  const token = req.cookies[SESSION_COOKIE] ?? null;
  const valid = token ? await validateSessionToken(services.db, token) : null;
  const cookies = sessionCookies(res, services.config.cookieSecure);
  if (valid?.renewed && token) cookies.set(token, valid.session.expiresAt);
  if (token && !valid) cookies.clear();
  const requestedWith = req.headers['x-requested-with'];
  return {
    ...services,
    user: valid?.user ?? null,
    sessionToken: valid ? token : null,
    requestedWith: Array.isArray(requestedWith) ? requestedWith[0] : requestedWith,
    clientIp: req.ip,
    setSessionCookie: cookies.set,
    clearSessionCookie: cookies.clear,
  };
}

function sessionCookies(res: FastifyReply, secure: boolean) {
  const base = { httpOnly: true, sameSite: 'lax' as const, path: '/', secure };
  return {
    set: (token: string, expiresAt: Date) => void res.setCookie(SESSION_COOKIE, token, { ...base, expires: expiresAt }),
    clear: () => void res.clearCookie(SESSION_COOKIE, base),
  };
}
