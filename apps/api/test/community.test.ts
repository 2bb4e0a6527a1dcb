import { SESSION_COOKIE } from '@patchroom/db';
import { addModule, connect, listCables, listModules, listPatches, getModule, withOrigin, setNotes, readNotes, play, readTransport } from '@patchroom/doc-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, codeOf, startApi, type TestServer, signUpPerson } from './helpers.ts';
import { joinRoom, waitFor, type RoomClient } from './room-client.ts';

let server: TestServer;
const rooms: RoomClient[] = [];
beforeAll(async () => {
  server = await startApi({ withCollab: true, rateLimits: { comment: { points: 5, windowSeconds: 60 } } });
});
afterAll(async () => {
  for (const room of rooms) room.close();
  await server?.close();
});

const person = (name: string) => signUpPerson(server, name);

/** Waits until the live room on the server (not just the client's copy) satisfies `condition`. */
async function serverSees(rackId: string, condition: (doc: Parameters<typeof listModules>[0]) => boolean) {
  for (let i = 0; i < 200; i += 1) {
    if (await server.collab!.withRoom(rackId, condition)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the server never saw the edit');
}

function join(rackId: string, token: string) {
  const room = joinRoom(server.url, rackId, token);
  rooms.push(room);
  return room;
}

/** A rack whose owner places a VCO and a VCA live and patches the VCO's output into the VCA. */
async function patchedRack(owner: Awaited<ReturnType<typeof person>>, name: string) {
  const { id } = await owner.client.racks.create.mutate({ name, caseId: 'doepfer-a100-lc9' });
  const vco = (await owner.client.catalog.modules.query({ type: 'oscillator' })).items[0]!;
  const vca = (await owner.client.catalog.modules.query({ type: 'vca' })).items[0]!;
  const room = join(id, owner.token);
  await room.synced;
  withOrigin(room.doc, 'owner', () => {
    const a = addModule(room.doc, { catalogId: vco.id, widthHp: vco.hp });
    const b = addModule(room.doc, { catalogId: vca.id, widthHp: vca.hp });
    const patchId = listPatches(room.doc)[0]!.id;
    const out = vco.jacks.find((j) => j.dir === 'out')!;
    const into = vca.jacks.find((j) => j.dir === 'in')!;
    connect(room.doc, { patchId, from: { moduleId: a.id, jackId: out.id }, to: { moduleId: b.id, jackId: into.id } });
    setNotes(room.doc, 'warm drone');
    play(room.doc, { atMs: Date.now(), bpm: 100 });
  });
  await serverSees(id, (doc) => listCables(doc, listPatches(doc)[0]!.id).length === 1);
  return { id, room };
}

describe('publishing and the feed', () => {
  it('publishes a private rack (making it public) and lists it newest first, then by votes, in pages', async () => {
    const ada = await person('Ada');
    const bea = await person('Bea');
    const tag = `tag${Date.now().toString(36)}`;
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const { id } = await ada.client.racks.create.mutate({ name: `${tag} rack ${n}`, caseId: 'doepfer-a100-lc9' });
      const pub = await ada.client.publications.publish.mutate({ rackId: id, title: `Drone ${n}` });
      ids.push(pub.id);
      expect((await bea.client.racks.get.query({ id })).visibility).toBe('public');
    }
    const latest = await bea.client.feed.list.query({ sort: 'latest', query: tag, limit: 2 });
    expect(latest.items.map((i) => i.id)).toEqual([ids[2], ids[1]]);
    expect(latest.items[0]).toMatchObject({ title: 'Drone 3', rackName: `${tag} rack 3`, publisher: { id: ada.id, displayName: 'Ada' } });
    const next = await bea.client.feed.list.query({ sort: 'latest', query: tag, limit: 2, cursor: latest.nextCursor });
    expect(next.items.map((i) => i.id)).toEqual([ids[0]]);
    expect(next.nextCursor).toBeNull();

    expect(await bea.client.votes.toggle.mutate({ publicationId: ids[0]! })).toEqual({ voted: true, voteCount: 1 });
    const top = await bea.client.feed.list.query({ sort: 'top', window: 'day', query: tag });
    expect(top.items.map((i) => i.id)).toEqual([ids[0], ids[2], ids[1]]);
    expect(top.items[0]).toMatchObject({ voteCount: 1, votedByMe: true });

    // "Top" counts the votes cast within the window: a publication from three days ago whose
    // vote also came three days ago drops out of today's top, and leads the week's.
    await server.db.prisma.publication.update({ where: { id: ids[0]! }, data: { publishedAt: new Date(Date.now() - 3 * 86_400_000) } });
    expect((await bea.client.feed.list.query({ sort: 'top', window: 'day', query: tag })).items.map((i) => i.id)).toEqual([ids[0], ids[2], ids[1]]);
    await server.db.prisma.publicationVote.updateMany({ where: { publicationId: ids[0]! }, data: { createdAt: new Date(Date.now() - 3 * 86_400_000) } });
    expect((await bea.client.feed.list.query({ sort: 'top', window: 'day', query: tag })).items.map((i) => i.id)).toEqual([ids[2], ids[1]]);
    const week = await bea.client.feed.list.query({ sort: 'top', window: 'week', query: tag, limit: 2 });
    expect(week.items.map((i) => i.id)).toEqual([ids[0], ids[2]]);
    const weekNext = await bea.client.feed.list.query({ sort: 'top', window: 'week', query: tag, limit: 2, cursor: week.nextCursor });
    expect(weekNext).toMatchObject({ items: [{ id: ids[1] }], nextCursor: null });

    // Search matches the title and the rack's name, case-insensitively; SQL-looking text is inert.
    expect((await bea.client.feed.list.query({ query: `DRONE 2` })).items.map((i) => i.id)).toContain(ids[1]);
    expect((await bea.client.feed.list.query({ query: `${tag} rack 1` })).items.map((i) => i.id)).toEqual([ids[0]]);
    expect((await bea.client.feed.list.query({ query: `${tag}' OR '1'='1` })).items).toEqual([]);
    for (const sort of ['latest', 'top'] as const) {
      expect((await bea.client.feed.list.query({ sort, window: 'all', query: `${tag}%` })).items).toEqual([]);
      expect((await bea.client.feed.list.query({ sort, window: 'month', query: `${tag}_rack` })).items).toEqual([]);
    }

    // Unpublished: gone from the feed and the profile.
    await ada.client.publications.unpublish.mutate({ id: ids[1]! });
    expect((await bea.client.feed.list.query({ query: tag })).items.map((i) => i.id)).toEqual([ids[2], ids[0]]);
    expect((await bea.client.profiles.get.query({ userId: ada.id })).publications.map((p) => p.id)).toEqual([ids[2], ids[0]]);
  });

  it('hides publications of a rack made private again, and never shows private racks on a profile', async () => {
    const ada = await person('Ada');
    const bea = await person('Bea');
    const { id: publicRack } = await ada.client.racks.create.mutate({ name: 'Open', caseId: 'doepfer-a100-lc9' });
    const { id: privateRack } = await ada.client.racks.create.mutate({ name: 'Secret', caseId: 'doepfer-a100-lc9' });
    await ada.client.racks.setVisibility.mutate({ id: publicRack, visibility: 'public' });
    const pub = await ada.client.publications.publish.mutate({ rackId: publicRack, title: 'Open sketch' });
    await ada.client.profiles.updateMine.mutate({ displayName: 'Ada L.', bio: 'Drones & <b>clocks</b>' });

    const profile = await bea.client.profiles.get.query({ userId: ada.id });
    expect(profile).toMatchObject({ displayName: 'Ada L.', bio: 'Drones & <b>clocks</b>', isMe: false });
    expect(profile.racks.map((r) => r.id)).toEqual([publicRack]);
    expect(profile.racks.map((r) => r.id)).not.toContain(privateRack);

    await ada.client.racks.setVisibility.mutate({ id: publicRack, visibility: 'private' });
    expect((await bea.client.profiles.get.query({ userId: ada.id })).publications).toEqual([]);
    expect(await codeOf(bea.client.publications.get.query({ id: pub.id }))).toBe('NOT_FOUND');
    expect(await codeOf(bea.client.votes.toggle.mutate({ publicationId: pub.id }))).toBe('NOT_FOUND');
  });

  it('lets owners and editors publish, refuses viewers, strangers, editors of private racks and missing CSRF headers', async () => {
    const ada = await person('Ada');
    const ed = await person('Ed');
    const vi = await person('Vi');
    const stranger = await person('Stranger');
    const { id } = await ada.client.racks.create.mutate({ name: 'Shared', caseId: 'doepfer-a100-lc9' });
    await ada.client.racks.share.mutate({ id, email: ed.email, role: 'editor' });
    await ada.client.racks.share.mutate({ id, email: vi.email, role: 'viewer' });
    expect(await codeOf(ed.client.publications.publish.mutate({ rackId: id, title: 'Early' }))).toBe('FORBIDDEN');
    expect(await codeOf(vi.client.publications.publish.mutate({ rackId: id, title: 'x' }))).toBe('FORBIDDEN');
    expect(await codeOf(stranger.client.publications.publish.mutate({ rackId: id, title: 'x' }))).toBe('NOT_FOUND');
    const noCsrf = browser(server, { csrfHeader: false });
    noCsrf.jar.set(SESSION_COOKIE, ada.token);
    expect(await codeOf(noCsrf.client.publications.publish.mutate({ rackId: id, title: 'x' }))).toBe('FORBIDDEN');
    expect((await ada.client.racks.get.query({ id })).visibility).toBe('private');

    await ada.client.racks.setVisibility.mutate({ id, visibility: 'public' });
    const { id: pubId } = await ed.client.publications.publish.mutate({ rackId: id, title: 'By the editor' });
    expect(await codeOf(stranger.client.publications.unpublish.mutate({ id: pubId }))).toBe('FORBIDDEN');
    expect(await codeOf(ada.client.publications.unpublish.mutate({ id: pubId }))).toBe('OK');
  });

  it('publishes one patch of a rack with its cables as the snapshot', async () => {
    const ada = await person('Ada');
    const { id, room } = await patchedRack(ada, 'Patched');
    const patchId = listPatches(room.doc)[0]!.id;
    const { id: pubId } = await ada.client.publications.publish.mutate({ rackId: id, patchId, title: 'VCO into VCA' });
    const pub = await ada.client.publications.get.query({ id: pubId });
    expect(pub.kind).toBe('patch');
    expect(pub.snapshot.modules).toHaveLength(2);
    expect(pub.snapshot.patches.map((p) => p.id)).toEqual([patchId]);
    expect(pub.snapshot.patches[0]!.cables).toHaveLength(1);
    expect(await codeOf(ada.client.publications.publish.mutate({ rackId: id, patchId: 'nope', title: 'x' }))).toBe('NOT_FOUND');
  });
});

describe('votes and comments', () => {
  async function published() {
    const ada = await person('Ada');
    const { id } = await ada.client.racks.create.mutate({ name: 'Voted', caseId: 'doepfer-a100-lc9' });
    const { id: publicationId } = await ada.client.publications.publish.mutate({ rackId: id, title: 'Vote me' });
    return { ada, publicationId };
  }

  it('counts one vote per person and takes it back on a second toggle', async () => {
    const { publicationId } = await published();
    const bea = await person('Bea');
    const cy = await person('Cy');
    const results = await Promise.all([bea.client.votes.toggle.mutate({ publicationId }), cy.client.votes.toggle.mutate({ publicationId })]);
    expect(results.every((r) => r.voted)).toBe(true);
    expect((await bea.client.publications.get.query({ id: publicationId })).voteCount).toBe(2);
    expect(await bea.client.votes.toggle.mutate({ publicationId })).toEqual({ voted: false, voteCount: 1 });
    expect(await bea.client.votes.toggle.mutate({ publicationId })).toEqual({ voted: true, voteCount: 2 });
    expect(await codeOf(browser(server).client.votes.toggle.mutate({ publicationId }))).toBe('UNAUTHORIZED');
  });

  it('stores an XSS-looking comment verbatim, limits length and rate, and lets the author and the rack owner delete', async () => {
    const { ada, publicationId } = await published();
    const bea = await person('Bea');
    const cy = await person('Cy');
    const payload = '<img src=x onerror=alert(1)><script>alert("x")</script> & more';
    await bea.client.comments.add.mutate({ publicationId, body: payload });
    const [comment] = await cy.client.comments.list.query({ publicationId });
    expect(comment).toMatchObject({ body: payload, author: { id: bea.id, displayName: 'Bea' }, canDelete: false });

    expect(await codeOf(bea.client.comments.add.mutate({ publicationId, body: 'x'.repeat(2001) }))).toBe('BAD_REQUEST');
    expect(await codeOf(bea.client.comments.add.mutate({ publicationId, body: '   ' }))).toBe('BAD_REQUEST');
    await bea.client.comments.add.mutate({ publicationId, body: 'x'.repeat(2000) });

    expect(await codeOf(cy.client.comments.delete.mutate({ id: comment!.id }))).toBe('FORBIDDEN');
    const { id: cyComment } = await cy.client.comments.add.mutate({ publicationId, body: 'mine' });
    expect(await codeOf(cy.client.comments.delete.mutate({ id: cyComment }))).toBe('OK');
    expect(await codeOf(ada.client.comments.delete.mutate({ id: comment!.id }))).toBe('OK');
    const after = await cy.client.comments.list.query({ publicationId });
    expect(after.filter((c) => !c.deleted).map((c) => c.body)).toEqual(['x'.repeat(2000)]);
    expect(after.filter((c) => c.deleted).every((c) => c.body === null)).toBe(true);

    // The comment allowance here is 5 a minute per person. Bea has spent 2 (refused input never
    // reaches the limiter), so 3 more pass and the next is refused.
    const codes: string[] = [];
    for (let i = 0; i < 4; i += 1) codes.push(await codeOf(bea.client.comments.add.mutate({ publicationId, body: `spam ${i}` })));
    expect(codes).toEqual(['OK', 'OK', 'OK', 'TOO_MANY_REQUESTS']);
  });
});

describe('forks', () => {
  it('copies the live rack into a new rack the forker owns, with lineage on both sides', async () => {
    const ada = await person('Ada');
    const bea = await person('Bea');
    const { id, room } = await patchedRack(ada, 'Original');
    await ada.client.racks.setVisibility.mutate({ id, visibility: 'public' });
    const { id: forkId } = await bea.client.racks.fork.mutate({ id });

    const forkRack = await bea.client.racks.get.query({ id: forkId });
    expect(forkRack).toMatchObject({ name: 'Original (fork)', role: 'owner', visibility: 'private' });
    const forkRoom = join(forkId, bea.token);
    await forkRoom.synced;
    await waitFor(() => listModules(forkRoom.doc).length === 2, 'the copied modules');
    expect(listModules(forkRoom.doc)).toEqual(listModules(room.doc));
    const patchId = listPatches(room.doc)[0]!.id;
    expect(listPatches(forkRoom.doc)).toEqual(listPatches(room.doc));
    expect(listCables(forkRoom.doc, patchId)).toEqual(listCables(room.doc, patchId));
    expect(readNotes(forkRoom.doc)).toBe('warm drone');
    expect(readTransport(room.doc).playing).toBe(true);
    expect(readTransport(forkRoom.doc)).toMatchObject({ playing: false, bpm: 100 });

    // The copy is independent: a module added to the fork does not appear in the original.
    const extra = listModules(room.doc)[0]!;
    const added = addModule(forkRoom.doc, { catalogId: extra.catalogId, widthHp: extra.widthHp });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(getModule(room.doc, added.id)).toBeNull();

    expect(await bea.client.racks.lineage.query({ id: forkId })).toMatchObject({ forkedFrom: { id, name: 'Original', private: false } });
    expect(await ada.client.racks.lineage.query({ id })).toMatchObject({ forkedFrom: null, forks: [], privateForks: 1 });
    await bea.client.racks.setVisibility.mutate({ id: forkId, visibility: 'public' });
    expect((await ada.client.racks.lineage.query({ id })).forks).toEqual([{ id: forkId, name: 'Original (fork)', owner: { id: bea.id, displayName: 'Bea' } }]);
  });

  it('refuses to fork or show a private rack to a non-member, and lets a member fork it', async () => {
    const ada = await person('Ada');
    const bea = await person('Bea');
    const vi = await person('Vi');
    const { id } = await patchedRack(ada, 'Private one');
    expect(await codeOf(bea.client.racks.fork.mutate({ id }))).toBe('NOT_FOUND');
    expect(await codeOf(bea.client.racks.lineage.query({ id }))).toBe('NOT_FOUND');
    expect(await codeOf(bea.client.racks.get.query({ id }))).toBe('NOT_FOUND');
    expect(await codeOf(browser(server).client.racks.fork.mutate({ id }))).toBe('UNAUTHORIZED');
    await ada.client.racks.share.mutate({ id, email: vi.email, role: 'viewer' });
    const { id: forkId } = await vi.client.racks.fork.mutate({ id, name: 'My copy' });
    // Bea cannot see that Vi's private copy came from Ada's private rack, nor its name.
    expect((await vi.client.racks.lineage.query({ id: forkId })).forkedFrom).toMatchObject({ id, name: 'Private one' });
    await vi.client.racks.setVisibility.mutate({ id: forkId, visibility: 'public' });
    expect((await bea.client.racks.lineage.query({ id: forkId })).forkedFrom).toEqual({ private: true });
  });
});
