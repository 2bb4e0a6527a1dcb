import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { SESSION_COOKIE } from '@patchroom/db';
import { addModule, listModules } from '@patchroom/doc-model';
import type { AnyProcedure } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BYTES } from '../src/app.ts';
import { appRouter } from '../src/trpc/app-router.ts';
import { browser, codeOf, startApi, uniqueEmail, type TestServer, signUpPerson } from './helpers.ts';
import { joinRoom, waitFor, type RoomClient } from './room-client.ts';

// The security promises of the public service, each checked against the real server (real
// database, real collab socket). Lists of procedures are read from the router itself, so a
// procedure added later is covered without touching this file.

let server: TestServer;
let webDist: string;
const clients: RoomClient[] = [];
beforeAll(async () => {
  webDist = mkdtempSync(joinPath(tmpdir(), 'patchroom-web-'));
  mkdirSync(joinPath(webDist, 'assets'));
  writeFileSync(joinPath(webDist, 'index.html'), '<!doctype html><title>Patchroom</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(joinPath(webDist, 'assets', 'app.js'), 'console.log("patchroom");');
  server = await startApi({ withCollab: true, webDist });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server?.close();
  rmSync(webDist, { recursive: true, force: true });
});

const procedures = Object.entries((appRouter as unknown as { _def: { procedures: Record<string, AnyProcedure> } })._def.procedures);
const mutations = procedures.filter(([, p]) => p._def.type === 'mutation').map(([path]) => path);
/** Input keys of a procedure (the shape of its zod object, if it takes one). */
function inputKeys(procedure: AnyProcedure): string[] {
  const [input] = (procedure._def as { inputs: { shape?: Record<string, unknown> }[] }).inputs;
  return Object.keys(input?.shape ?? {});
}

const person = (name: string) => signUpPerson(server, name);

function join(rackId: string, token: string) {
  const client = joinRoom(server.url, rackId, token);
  clients.push(client);
  return client;
}

/** A private rack with one module placed live by its owner. */
async function privateRack() {
  const owner = await person('Owner');
  const { id } = await owner.client.racks.create.mutate({ name: 'Private', caseId: 'doepfer-a100-lc9' });
  const vco = (await owner.client.catalog.modules.query({ type: 'oscillator' })).items[0]!;
  const room = join(id, owner.token);
  await room.synced;
  addModule(room.doc, { catalogId: vco.id, widthHp: vco.hp });
  await waitFor(() => room.doc.store.clients.size > 0, 'the module to be placed');
  return { id, owner, room, vco };
}

async function postRaw(path: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

describe('CSRF: every mutation needs x-requested-with: patchroom', () => {
  it('finds the mutations in the router', () => {
    expect(mutations).toEqual(expect.arrayContaining(['auth.signUp', 'auth.logIn', 'auth.changePassword', 'racks.create', 'generation.patches']));
  });

  it.each(mutations)('%s is refused without the header, even with a valid session', async (path) => {
    const { token } = await person('Csrf');
    const cookie = `${SESSION_COOKIE}=${token}`;
    const refused = await postRaw(`/trpc/${path}`, '{}', { cookie });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text).error.message).toBe('Missing the x-requested-with: patchroom header.');
    // With the header the guard lets it through (to input validation or the procedure itself).
    const allowed = await postRaw(`/trpc/${path}`, '{}', { cookie, 'x-requested-with': 'patchroom' });
    expect(allowed.text).not.toContain('x-requested-with');
  });

  it('changes nothing when refused', async () => {
    const { client } = browser(server, { csrfHeader: false });
    const email = uniqueEmail('csrf');
    expect(await codeOf(client.auth.signUp.mutate({ email, password: 'password1', displayName: 'X' }))).toBe('FORBIDDEN');
    expect(await server.db.prisma.user.count({ where: { email } })).toBe(0);
  });
});

describe('security headers on every response', () => {
  const paths = [
    ['an HTML page', '/racks/some-rack'],
    ['an asset', '/assets/app.js'],
    ['the api', '/api/health'],
    ['a tRPC query', '/trpc/auth.me'],
    ['a missing api route', '/api/no-such-route'],
  ] as const;

  it.each(paths)('%s (%s) carries the CSP and the hardening headers', async (_what, path) => {
    const response = await fetch(`${server.url}${path}`);
    const csp = response.headers.get('content-security-policy') ?? '';
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    // Only our own scripts: no inline script, no eval, no other origin.
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'self'"]);
    // Sockets and fetches only to ourselves (the collab socket is same-origin).
    expect(directives.get('connect-src')).toEqual(["'self'", 'data:']);
    expect(csp).not.toMatch(/\*|unsafe-eval|https?:/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});

describe('error responses never leak internals', () => {
  it('a missing route answers 404 { error } for the api and the page for the client', async () => {
    const api = await fetch(`${server.url}/api/no-such-route`);
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: 'Not found' });
    const trpc = await fetch(`${server.url}/trpc/racks.noSuchProcedure`);
    expect(trpc.status).toBe(404);
    const body = await trpc.text();
    expect(JSON.parse(body).error.data.code).toBe('NOT_FOUND');
    expect(body).not.toMatch(/\bat .+:\d+:\d+|stack|node_modules/);
    const page = await fetch(`${server.url}/racks/anything`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('malformed JSON and oversized bodies get a clear error, no stack', async () => {
    const malformed = await postRaw('/trpc/auth.logIn', '{"email": ', { 'x-requested-with': 'patchroom' });
    expect(malformed.status).toBe(400);
    expect(malformed.text).not.toMatch(/\bat .+:\d+:\d+|stack|node_modules/);
    const huge = await postRaw('/trpc/auth.logIn', JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(MAX_REQUEST_BYTES) }), { 'x-requested-with': 'patchroom' });
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.text)).toEqual({ error: expect.stringMatching(/too large/i) });
  });

  it('an internal failure says only "something went wrong", never the cause or a stack', async () => {
    // A second server whose database goes away: every query fails inside the procedure.
    const broken = await startApi();
    const b = browser(broken);
    await b.client.auth.signUp.mutate({ email: uniqueEmail('broken'), password: 'password1', displayName: 'B' });
    await broken.db.close();
    try {
      const response = await fetch(`${broken.url}/trpc/catalog.cases`);
      const text = await response.text();
      expect(response.status).toBe(500);
      expect(JSON.parse(text).error.message).toBe('Something went wrong on our side. Please try again.');
      expect(text).not.toMatch(/\bat .+:\d+:\d+|stack|prisma|pglite|postgres|node_modules/i);
    } finally {
      await broken.app.close();
    }
  });
});

describe('password change', () => {
  it('needs the current password, ends every other session and keeps this one', async () => {
    const laptop = await person('Pat');
    const phone = browser(server);
    await phone.client.auth.logIn.mutate({ email: laptop.email, password: 'password1' });
    expect((await phone.client.auth.me.query()).user?.email).toBe(laptop.email);

    const wrong = await laptop.client.auth.changePassword.mutate({ current: 'not-it', next: 'new-password-2' }).catch((e: Error) => e);
    expect((wrong as Error).message).toBe('Your current password is wrong.');
    const short = await laptop.client.auth.changePassword.mutate({ current: 'password1', next: 'short' }).catch((e: Error) => e);
    expect((short as Error).message).toBe('next: Use at least 8 characters.');
    expect((await phone.client.auth.me.query()).user).not.toBeNull();

    // Both devices have the rack open.
    const { id } = await laptop.client.racks.create.mutate({ name: 'Mine', caseId: 'doepfer-a100-lc9' });
    const laptopRoom = join(id, laptop.token);
    const phoneRoom = join(id, phone.jar.get(SESSION_COOKIE)!);
    await Promise.all([laptopRoom.synced, phoneRoom.synced]);

    await laptop.client.auth.changePassword.mutate({ current: 'password1', next: 'new-password-2' });
    expect((await laptop.client.auth.me.query()).user?.email).toBe(laptop.email);
    // The phone's open socket is closed and refused on rejoining; the laptop's stays and edits.
    await waitFor(() => phoneRoom.closeCodes.includes(4403), 'the phone socket to be closed');
    await waitFor(() => phoneRoom.refusals.length > 0, 'the phone to be refused on rejoining');
    expect(laptopRoom.closeCodes).toEqual([]);
    const vco = (await laptop.client.catalog.modules.query({ type: 'oscillator' })).items[0]!;
    addModule(laptopRoom.doc, { catalogId: vco.id, widthHp: vco.hp });
    await waitFor(() => phoneRoom.closeCodes.length > 0 && listModules(laptopRoom.doc).length === 1, 'the edit');
    const check = join(id, laptop.token);
    await check.synced;
    await waitFor(() => listModules(check.doc).length === 1, 'the laptop edit to be stored and served');
    expect((await phone.client.auth.me.query()).user).toBeNull();
    expect(await codeOf(phone.client.racks.list.query())).toBe('UNAUTHORIZED');
    expect(await codeOf(browser(server).client.auth.logIn.mutate({ email: laptop.email, password: 'password1' }))).toBe('UNAUTHORIZED');
    expect(await codeOf(browser(server).client.auth.logIn.mutate({ email: laptop.email, password: 'new-password-2' }))).toBe('OK');
  });

  it('is refused without a session', async () => {
    expect(await codeOf(browser(server).client.auth.changePassword.mutate({ current: 'password1', next: 'password2' }))).toBe('UNAUTHORIZED');
  });
});

describe('private racks stay private', () => {
  // Inputs for the procedures that need more than the rack's id; the rest get { rackId, id }.
  const extraInput: Record<string, Record<string, unknown>> = {};
  // Queries whose `id` names something else (a workshop, a publication): their own suites check
  // that strangers are refused (workshops.test.ts, community.test.ts).
  const notRackIds = new Set(['workshops.get', 'workshops.listCopies', 'publications.get']);
  const rackQueries = procedures
    .filter(([, p]) => p._def.type === 'query')
    .filter(([, p]) => inputKeys(p).some((key) => key === 'rackId' || key === 'id'))
    .map(([path]) => path)
    .filter((path) => !notRackIds.has(path));

  it('finds the queries that read a rack', () => {
    expect(rackQueries).toEqual(expect.arrayContaining(['racks.get', 'racks.members']));
  });

  it.each(rackQueries)('%s answers the owner but not a stranger or an anonymous visitor', async (path) => {
    const { id, owner } = await privateRack();
    const stranger = await person('Stranger');
    const input = { rackId: id, id, ...extraInput[path] };
    const call = (who: ReturnType<typeof browser>['client']) =>
      codeOf((path.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], who) as { query(i: unknown): Promise<unknown> }).query(input));
    expect(await call(owner.client), `${path} must work for the owner (add its input to extraInput)`).toBe('OK');
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(await call(stranger.client));
    expect(['NOT_FOUND', 'FORBIDDEN', 'UNAUTHORIZED']).toContain(await call(browser(server).client));
  });

  it('a non-member cannot join the room, by session or without one', async () => {
    const { id } = await privateRack();
    const stranger = await person('Stranger');
    const byToken = join(id, stranger.token);
    await expect(byToken.synced).rejects.toThrow(/refused/);
    expect(listModules(byToken.doc)).toHaveLength(0);
    const anonymous = join(id, 'cookie');
    await expect(anonymous.synced).rejects.toThrow(/refused/);
  });

  it('a viewer cannot write: the room and its stored state stay as they were', async () => {
    const { id, owner, room, vco } = await privateRack();
    const viewer = await person('Viewer');
    await owner.client.racks.share.mutate({ id, email: viewer.email, role: 'viewer' });
    const viewerRoom = join(id, viewer.token);
    await viewerRoom.synced;
    await waitFor(() => listModules(viewerRoom.doc).length === 1, 'the viewer to see the module');
    addModule(viewerRoom.doc, { catalogId: vco.id, widthHp: vco.hp });
    expect(listModules(viewerRoom.doc)).toHaveLength(2); // only locally
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(listModules(room.doc)).toHaveLength(1);
    const fresh = join(id, owner.token);
    await fresh.synced;
    expect(listModules(fresh.doc)).toHaveLength(1);
    expect(await server.collab!.withRoom(id, (doc) => listModules(doc).length)).toBe(1);
  });
});

describe('hostile input is inert', () => {
  const xss = '<img src=x onerror=alert(1)><script>alert(2)</script>';
  const sql = "'; DROP TABLE users; --";

  it('an XSS payload in a rack name or a display name comes back verbatim', async () => {
    const b = browser(server);
    await b.client.auth.signUp.mutate({ email: uniqueEmail('xss'), password: 'password1', displayName: xss });
    expect((await b.client.auth.me.query()).user?.displayName).toBe(xss);
    const { id } = await b.client.racks.create.mutate({ name: xss, caseId: 'doepfer-a100-lc9' });
    expect((await b.client.racks.get.query({ id })).name).toBe(xss);
    // JSON, never HTML: a browser sniffing it could not render the markup.
    const raw = await fetch(`${server.url}/trpc/racks.list`, { headers: { cookie: `${SESSION_COOKIE}=${b.jar.get(SESSION_COOKIE)}` } });
    expect(raw.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('SQL-looking input is stored verbatim and the tables stay intact', async () => {
    const usersBefore = await server.db.prisma.user.count();
    const b = browser(server);
    await b.client.auth.signUp.mutate({ email: uniqueEmail('sql'), password: sql, displayName: sql });
    const { id } = await b.client.racks.create.mutate({ name: sql, caseId: 'doepfer-a100-lc9' });
    expect((await b.client.racks.get.query({ id })).name).toBe(sql);
    expect((await b.client.auth.me.query()).user?.displayName).toBe(sql);
    expect((await b.client.catalog.modules.query({ q: sql })).items).toEqual([]);
    expect(await codeOf(b.client.auth.logIn.mutate({ email: `x' OR '1'='1@example.test`, password: sql }))).not.toBe('OK');
    expect(await codeOf(b.client.racks.get.query({ id: `${id}' OR '1'='1` }))).toBe('NOT_FOUND');
    expect(await server.db.prisma.user.count()).toBe(usersBefore + 1);
    expect((await server.db.prisma.catalogModule.count()) > 0).toBe(true);
  });

  it('oversized inputs are refused with a clear error and nothing is stored', async () => {
    const b = await person('Big');
    const name = 'n'.repeat(10_000);
    const refused = await b.client.racks.create.mutate({ name, caseId: 'doepfer-a100-lc9' }).catch((e: Error) => e);
    expect((refused as Error).message).toBe('name: Use at most 80 characters.');
    expect(await server.db.prisma.rack.count({ where: { ownerId: b.user.id } })).toBe(0);
    const longName = await browser(server).client.auth.signUp.mutate({ email: uniqueEmail('long'), password: 'password1', displayName: 'd'.repeat(61) }).catch((e: Error) => e);
    expect((longName as Error).message).toBe('displayName: Use at most 60 characters.');
    const longPassword = await browser(server).client.auth.signUp.mutate({ email: uniqueEmail('long'), password: 'p'.repeat(201), displayName: 'L' }).catch((e: Error) => e);
    expect((longPassword as Error).message).toBe('password: Use at most 200 characters.');
  });
});
