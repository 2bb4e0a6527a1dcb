import { SESSION_COOKIE } from '@patchroom/db';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '../src/index.ts';
import { browser, codeOf, startApi, uniqueEmail, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startApi();
});
afterAll(() => server?.close());

describe('auth', () => {
  it('signs up with an HttpOnly SameSite=Lax session cookie whose token is stored only as a hash', async () => {
    const { client, jar, setCookies } = browser(server);
    const email = uniqueEmail('ada');
    const { user } = await client.auth.signUp.mutate({ email: ` ${email.toUpperCase()} `, password: 'correct horse', displayName: 'Ada' });
    expect(user.email).toBe(email);
    const cookie = setCookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const token = jar.get(SESSION_COOKIE)!;
    const sessions = await server.db.prisma.session.findMany({ where: { userId: user.id } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.id).not.toContain(token);
    expect(sessions[0]!.id).toMatch(/^[0-9a-f]{64}$/);
    const stored = await server.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await client.auth.me.query()).user?.displayName).toBe('Ada');
  });

  it('refuses a second account for the same email, and bad fields with the field named', async () => {
    const email = uniqueEmail('dup');
    await browser(server).client.auth.signUp.mutate({ email, password: 'password1', displayName: 'One' });
    expect(await codeOf(browser(server).client.auth.signUp.mutate({ email, password: 'password2', displayName: 'Two' }))).toBe('CONFLICT');
    const bad = await browser(server).client.auth.signUp.mutate({ email: 'not-an-email', password: 'short', displayName: '' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(TRPCClientError);
    const data = (bad as TRPCClientError<AppRouter>).data as { code: string; fieldErrors: Record<string, string> };
    expect(data.code).toBe('BAD_REQUEST');
    expect(Object.keys(data.fieldErrors).sort()).toEqual(['displayName', 'email', 'password']);
    const error = bad as Error;
    expect(error.message).not.toMatch(/at .*\.ts:\d+/);
  });

  it('logs in with the right password only, and logging out ends the session', async () => {
    const email = uniqueEmail('grace');
    await browser(server).client.auth.signUp.mutate({ email, password: 'hopper1906', displayName: 'Grace' });
    const wrong = browser(server);
    expect(await codeOf(wrong.client.auth.logIn.mutate({ email, password: 'hopper1907' }))).toBe('UNAUTHORIZED');
    expect(await codeOf(wrong.client.auth.logIn.mutate({ email: uniqueEmail('nobody'), password: 'whatever1' }))).toBe('UNAUTHORIZED');
    expect(wrong.jar.has(SESSION_COOKIE)).toBe(false);

    const right = browser(server);
    await right.client.auth.logIn.mutate({ email, password: 'hopper1906' });
    const token = right.jar.get(SESSION_COOKIE)!;
    expect((await right.client.auth.me.query()).user?.email).toBe(email);
    await right.client.auth.logOut.mutate();
    expect((await right.client.auth.me.query()).user).toBeNull();
    // The old token is dead on the server, not just forgotten by this client.
    const replay = browser(server);
    replay.jar.set(SESSION_COOKIE, token);
    expect((await replay.client.auth.me.query()).user).toBeNull();
  });

  it('refuses a mutation without the CSRF header and changes nothing', async () => {
    const email = uniqueEmail('csrf');
    const { client } = browser(server, { csrfHeader: false });
    expect(await codeOf(client.auth.signUp.mutate({ email, password: 'password1', displayName: 'X' }))).toBe('FORBIDDEN');
    expect(await server.db.prisma.user.count({ where: { email } })).toBe(0);
  });

  it('slides the expiry of a session that is in use', async () => {
    const b = browser(server);
    const { user } = await b.client.auth.signUp.mutate({ email: uniqueEmail('slide'), password: 'password1', displayName: 'S' });
    const soon = new Date(Date.now() + 60_000);
    await server.db.prisma.session.updateMany({ where: { userId: user.id }, data: { expiresAt: soon } });
    const before = b.setCookies.length;
    await b.client.auth.me.query();
    const session = await server.db.prisma.session.findFirstOrThrow({ where: { userId: user.id } });
    expect(session.expiresAt.getTime()).toBeGreaterThan(Date.now() + 20 * 24 * 3600 * 1000);
    expect(b.setCookies.length).toBe(before + 1);
  });
});

describe('health', () => {
  it('reports the database kind', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', db: server.db.kind });
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});
