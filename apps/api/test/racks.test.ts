import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, codeOf, startApi, uniqueEmail, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startApi();
});
afterAll(() => server?.close());

async function signedUp(name: string) {
  const b = browser(server);
  const email = uniqueEmail(name);
  const { user } = await b.client.auth.signUp.mutate({ email, password: 'password1', displayName: name });
  return { ...b, user, email };
}

describe('catalog', () => {
  it('lists cases and searches modules by free text and type, page by page', async () => {
    const { client } = browser(server);
    const cases = await client.catalog.cases.query();
    expect(cases.length).toBeGreaterThanOrEqual(10);
    expect(cases[0]!.rows.length).toBeGreaterThan(0);

    const vcos = await client.catalog.modules.query({ q: 'vco' });
    expect(vcos.items.length).toBeGreaterThan(0);
    expect(vcos.items.every((m) => /vco/i.test(`${m.name} ${m.manufacturer} ${m.type} ${m.archetype} ${m.description} ${m.tags.join(' ')}`))).toBe(true);
    expect(vcos.items.some((m) => /vco/i.test(m.name))).toBe(true);

    const first = await client.catalog.modules.query({});
    expect(first.items).toHaveLength(50);
    expect(first.nextCursor).not.toBeNull();
    const second = await client.catalog.modules.query({ cursor: first.nextCursor });
    const firstIds = new Set(first.items.map((m) => m.id));
    expect(second.items.some((m) => firstIds.has(m.id))).toBe(false);

    const type = first.items[0]!.type;
    const ofType = await client.catalog.modules.query({ type });
    expect(ofType.items.every((m) => m.type === type)).toBe(true);
    const byIds = await client.catalog.byIds.query({ ids: [first.items[3]!.id] });
    expect(byIds[0]!.jacks.length).toBe(first.items[3]!.jacks.length);
  });
});

describe('racks', () => {
  it('creates a rack for its owner, hides it from others, and shares it by email', async () => {
    const ada = await signedUp('ada');
    const bob = await signedUp('bob');
    const [rackCase] = await ada.client.catalog.cases.query();
    const { id } = await ada.client.racks.create.mutate({ name: 'Night drive', caseId: rackCase!.id });

    const adaRacks = await ada.client.racks.list.query();
    expect(adaRacks.map((r) => [r.id, r.name, r.role])).toContainEqual([id, 'Night drive', 'owner']);
    expect((await ada.client.racks.get.query({ id })).case.id).toBe(rackCase!.id);

    expect(await codeOf(bob.client.racks.get.query({ id }))).toBe('NOT_FOUND');
    expect((await bob.client.racks.list.query()).some((r) => r.id === id)).toBe(false);
    expect(await codeOf(bob.client.racks.share.mutate({ id, email: bob.email, role: 'editor' }))).toBe('NOT_FOUND');

    await ada.client.racks.share.mutate({ id, email: bob.email, role: 'viewer' });
    expect((await bob.client.racks.get.query({ id })).role).toBe('viewer');
    expect(await codeOf(bob.client.racks.share.mutate({ id, email: ada.email, role: 'editor' }))).toBe('FORBIDDEN');
    await ada.client.racks.share.mutate({ id, email: bob.email.toUpperCase(), role: 'editor' });
    expect((await bob.client.racks.list.query()).find((r) => r.id === id)?.role).toBe('editor');
  });

  it('refuses unknown cases, unknown emails and anonymous callers with clear errors', async () => {
    const ada = await signedUp('carol');
    expect(await codeOf(ada.client.racks.create.mutate({ name: 'x', caseId: 'no-such-case' }))).toBe('BAD_REQUEST');
    expect(await codeOf(ada.client.racks.create.mutate({ name: '   ', caseId: 'x' }))).toBe('BAD_REQUEST');
    const [rackCase] = await ada.client.catalog.cases.query();
    const { id } = await ada.client.racks.create.mutate({ name: 'Mine', caseId: rackCase!.id });
    expect(await codeOf(ada.client.racks.share.mutate({ id, email: uniqueEmail('ghost'), role: 'viewer' }))).toBe('NOT_FOUND');
    expect(await codeOf(browser(server).client.racks.list.query())).toBe('UNAUTHORIZED');
    expect(await codeOf(browser(server).client.racks.create.mutate({ name: 'x', caseId: rackCase!.id }))).toBe('UNAUTHORIZED');
  });
});
