import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimits } from '../src/limits/rate-limits.ts';
import { browser, codeOf, startApi, uniqueEmail, type TestServer } from './helpers.ts';

describe('rate limits on auth', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startApi({ rateLimits: { signUp: { points: 3, windowSeconds: 60 }, logIn: { points: 4, windowSeconds: 60 } } });
  });
  afterAll(() => server?.close());

  it('slows password guessing: past the allowance even the right password is refused for a while', async () => {
    const email = uniqueEmail('target');
    await browser(server).client.auth.signUp.mutate({ email, password: 'the-right-one', displayName: 'T' });
    const attacker = browser(server).client;
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) codes.push(await codeOf(attacker.auth.logIn.mutate({ email, password: `guess-${i}` })));
    expect(codes).toEqual(['UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED']);
    const blocked = await attacker.auth.logIn.mutate({ email, password: 'the-right-one' }).catch((e: Error) => e);
    expect(blocked).toBeInstanceOf(Error);
    expect((blocked as Error).message).toMatch(/Too many attempts\. Try again in \d+ s\./);
    // Another account from the same address is not locked by it.
    const other = uniqueEmail('other');
    await browser(server).client.auth.signUp.mutate({ email: other, password: 'password1', displayName: 'O' });
    expect(await codeOf(browser(server).client.auth.logIn.mutate({ email: other, password: 'password1' }))).toBe('OK');
  });

  it('limits sign-ups per address and creates nothing past the limit', async () => {
    // One sign-up was spent by each test above; spend the rest.
    const results: string[] = [];
    const emails = [uniqueEmail('s1'), uniqueEmail('s2')];
    for (const email of emails) results.push(await codeOf(browser(server).client.auth.signUp.mutate({ email, password: 'password1', displayName: 'S' })));
    expect(results).toEqual(['OK', 'TOO_MANY_REQUESTS']);
    expect(await server.db.prisma.user.count({ where: { email: emails[1]! } })).toBe(0);
  });
});

describe('rate limits through Redis', () => {
  // CI always sets REDIS_URL, so this runs there.
  it.skipIf(!process.env.REDIS_URL)('are shared by every api process', async () => {
    const policy = { signUp: { points: 2, windowSeconds: 60 }, logIn: { points: 2, windowSeconds: 60 }, generation: { points: 2, windowSeconds: 60 }, comment: { points: 2, windowSeconds: 60 }, workshopJoin: { points: 2, windowSeconds: 60 } };
    const a = createRateLimits(policy, process.env.REDIS_URL);
    const b = createRateLimits(policy, process.env.REDIS_URL);
    await Promise.all([a.ready(), b.ready()]);
    const key = `test-${Date.now()}-${Math.random()}`;
    await a.consume('comment', key);
    await b.consume('comment', key);
    await expect(a.consume('comment', key)).rejects.toThrow(/Too many attempts/);
    await a.close();
    await b.close();
  });
});
