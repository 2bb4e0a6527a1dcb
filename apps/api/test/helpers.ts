import { SESSION_COOKIE, type Database } from '@patchroom/db';
import { createCollab, type Collab } from '@patchroom/collab';
import { openTestDatabase } from '@patchroom/db/testing';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createRateLimits, DEFAULT_RATE_LIMITS, type RateLimitPolicy } from '../src/limits/rate-limits.ts';
import type { AppRouter } from '../src/index.ts';
import { afterAll, beforeAll } from 'vitest';
import { joinRoom, type RoomClient } from './room-client.ts';

export interface TestServer {
  db: Database;
  collab: Collab | null;
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/** The real api on a real HTTP port over a real database (PostgreSQL in CI, else PGlite). */
export interface StartOptions {
  rateLimits?: Partial<RateLimitPolicy>;
  withCollab?: boolean;
  /** Rate limits kept in this Redis (shared by every server given the same URL). */
  rateLimitRedisUrl?: string;
  /** Serve a built web client from this folder. */
  webDist?: string;
}

export async function startApi(options: StartOptions = {}): Promise<TestServer> {
  const db = await openTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', SERVE_WEB: '0', SERVE_COLLAB: '0' });
  const logger = pino({ level: 'silent' });
  // Many test users share one address: generous limits unless a test asks for real ones.
  const generous = { points: 1000, windowSeconds: 60 };
  const policy = { ...DEFAULT_RATE_LIMITS, signUp: generous, logIn: generous, ...options.rateLimits };
  const rateLimits = createRateLimits(policy, options.rateLimitRedisUrl);
  await rateLimits.ready();
  const collab = options.withCollab ? await createCollab({ db, logger }) : null;
  const app = await createApp({ current: { db, collab, config, logger, rateLimits } }, { logger, webDist: options.webDist ?? null });
  if (collab) app.server.on('upgrade', (request, socket, head) => collab.handleUpgrade(request, socket, head));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    db,
    collab,
    app,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await collab?.close();
      await app.close();
      await rateLimits.close();
      await db.close();
    },
  };
}

/** A browser-like client: keeps the cookies the server sets, sends the CSRF header unless told not to. */
export function browser(server: Pick<TestServer, 'url'>, options: { csrfHeader?: boolean } = {}) {
  const jar = new Map<string, string>();
  const setCookies: string[] = [];
  const fetchWithCookies: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(input, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      setCookies.push(line);
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=');
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name!);
      else jar.set(name!, value);
    }
    return response;
  };
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${server.url}/trpc`,
        fetch: fetchWithCookies,
        headers: options.csrfHeader === false ? {} : { 'x-requested-with': 'patchroom' },
      }),
    ],
  });
  return { client, jar, setCookies };
}

let counter = 0;
export function uniqueEmail(label = 'user'): string {
  counter += 1;
  return `${label.toLowerCase()}-${Date.now().toString(36)}-${counter}@example.test`;
}

/** The tRPC error code of a failed call, or 'OK' when it succeeded. */
export async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCClientError) return String((error.data as { code?: string } | undefined)?.code);
    throw error;
  }
}

/** A new person, signed up (password `password1`): their browser-like client, email, user, and
 * session as a token (to open rooms) and as a cookie header (for plain HTTP downloads). */
export async function signUpPerson(server: Pick<TestServer, 'url'>, name: string) {
  const b = browser(server);
  const email = uniqueEmail(name.replace(/\W+/g, ''));
  const { user } = await b.client.auth.signUp.mutate({ email, password: 'password1', displayName: name });
  const token = b.jar.get(SESSION_COOKIE)!;
  return { ...b, email, user, id: user.id, token, cookie: `${SESSION_COOKIE}=${token}` };
}

/**
 * The api with its collab for one test file: started before the file's tests, closed after them
 * together with the room clients they joined. Call it at the top level of the test file.
 */
export function liveApi(options: StartOptions = {}) {
  let server: TestServer | undefined;
  const clients: RoomClient[] = [];
  beforeAll(async () => {
    server = await startApi({ withCollab: true, ...options });
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await server?.close();
  });
  const live = {
    get server(): TestServer {
      if (!server) throw new Error('the api is not started yet (use it inside a test)');
      return server;
    },
    person: (name: string) => signUpPerson(live.server, name),
    /** Joins the rack's live room as the holder of this session; closed after the file's tests. */
    join(rackId: string, token: string): RoomClient {
      const client = joinRoom(live.server.url, rackId, token);
      clients.push(client);
      return client;
    },
  };
  return live;
}
