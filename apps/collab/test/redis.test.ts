import type { Database } from '@patchroom/db';
import { openTestDatabase } from '@patchroom/db/testing';
import { addModule, listModules, removeModule } from '@patchroom/doc-model';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCollab } from '../src/index.ts';
import { Cleanup, makeTestRack, metricValue, openSyncedClient, startCollab, storedRoom, testLogger, waitFor, waitForSaved } from './helpers.ts';
import { startRedisServer } from './support/redis-server.ts';

const redisUrl = process.env.REDIS_URL;
let db: Database;
const cleanup = new Cleanup();

beforeAll(async () => {
  db = await openTestDatabase();
});
afterEach(() => cleanup.run());
afterAll(() => db?.close());

describe.skipIf(!redisUrl)('several collab processes on one Redis', () => {
  it('share a room: edits on one instance reach clients of the other, both ways', async () => {
    const rack = await makeTestRack(db);
    const east = cleanup.add(await startCollab(db, { redisUrl, instanceName: 'east' }), (s) => s.close());
    const west = cleanup.add(await startCollab(db, { redisUrl, instanceName: 'west' }), (s) => s.close());
    const alice = cleanup.add(await openSyncedClient(east.url, rack.documentName, rack.owner.token), (c) => c.destroy());
    const bob = cleanup.add(await openSyncedClient(west.url, rack.documentName, rack.editor.token), (c) => c.destroy());

    const fromAlice = addModule(alice.doc, { catalogId: 'test-vco', widthHp: 10 });
    await waitFor(() => listModules(bob.doc).some((m) => m.id === fromAlice.id), 'east edit on the west client');
    const fromBob = addModule(bob.doc, { catalogId: 'test-vcf', widthHp: 8 });
    removeModule(bob.doc, fromAlice.id);
    await waitFor(
      () => listModules(alice.doc).map((m) => m.id).join() === fromBob.id,
      'west edits (add and remove) on the east client',
    );

    expect(listModules(alice.doc)).toEqual([fromBob]);
    await waitForSaved(alice);
    await waitForSaved(bob);
    await Promise.all([east.close(), west.close()]);
    expect(listModules(await storedRoom(db, rack.documentName))).toEqual([fromBob]);
  });

  it('log each update once on every instance holding the room, whichever client sent it', async () => {
    const rack = await makeTestRack(db);
    const east = cleanup.add(await startCollab(db, { redisUrl, instanceName: 'east' }), (s) => s.close());
    const west = cleanup.add(await startCollab(db, { redisUrl, instanceName: 'west' }), (s) => s.close());
    const alice = cleanup.add(await openSyncedClient(east.url, rack.documentName, rack.owner.token), (c) => c.destroy());
    const bob = cleanup.add(await openSyncedClient(west.url, rack.documentName, rack.editor.token), (c) => c.destroy());

    for (let hp = 0; hp < 20; hp += 2) {
      addModule(alice.doc, { catalogId: 'test-vca', widthHp: 2, slot: { row: 0, hp } });
      await waitForSaved(alice);
    }
    await waitFor(() => listModules(bob.doc).length === 10, 'all edits on the west client');

    const appended = async (server: typeof east) =>
      metricValue(await server.collab.metricsText(), 'patchroom_collab_updates_appended_total');
    // West logs what it heard through Redis too (it may be the one to acknowledge it later, see
    // kill9-redis.test.ts), once each: nothing echoes back and forth.
    expect(await appended(east)).toBe(10);
    await waitFor(async () => (await appended(west)) === 10, 'west logged the ten edits it heard');
    expect(await appended(west)).toBe(10);
  });

  it('take server-side edits made by an api process (a collab without sockets) to clients of a collab process', async () => {
    const rack = await makeTestRack(db);
    const api = cleanup.add(await createCollab({ db, redisUrl, logger: testLogger, instanceName: 'api' }), (c) => c.close());
    const west = cleanup.add(await startCollab(db, { redisUrl, instanceName: 'west' }), (s) => s.close());
    const client = cleanup.add(await openSyncedClient(west.url, rack.documentName, rack.editor.token), (c) => c.destroy());

    const placed = await api.withRoom(rack.rackId, (doc) => addModule(doc, { catalogId: 'test-env', widthHp: 4 }));

    await waitFor(() => listModules(client.doc).some((m) => m.id === placed.id), 'server-side edit on the other instance');
    // Durable once withRoom resolved: the api process logged it.
    expect(listModules(await storedRoom(db, rack.documentName)).map((m) => m.id)).toContain(placed.id);
  });
});

describe('a Redis restart', () => {
  it('leaves rooms shared once Redis is back, edits made meanwhile included', async () => {
    const redis = cleanup.add(await startRedisServer(), (r) => r.kill());
    const rack = await makeTestRack(db);
    const east = cleanup.add(await startCollab(db, { redisUrl: redis.url, instanceName: 'east' }), (s) => s.close());
    const west = cleanup.add(await startCollab(db, { redisUrl: redis.url, instanceName: 'west' }), (s) => s.close());
    const alice = cleanup.add(await openSyncedClient(east.url, rack.documentName, rack.owner.token), (c) => c.destroy());
    const bob = cleanup.add(await openSyncedClient(west.url, rack.documentName, rack.editor.token), (c) => c.destroy());
    const before = addModule(alice.doc, { catalogId: 'test-vco', widthHp: 4, slot: { row: 0, hp: 0 } });
    await waitFor(() => listModules(bob.doc).some((m) => m.id === before.id), 'shared before the restart');

    await redis.kill();
    // Each instance keeps serving (and saving) its own clients meanwhile.
    const during = addModule(alice.doc, { catalogId: 'test-vcf', widthHp: 4, slot: { row: 0, hp: 8 } });
    await waitForSaved(alice);
    await redis.start();

    await waitFor(() => listModules(bob.doc).some((m) => m.id === during.id), 'edit made while Redis was away', 15_000);
    const after = addModule(bob.doc, { catalogId: 'test-vca', widthHp: 4, slot: { row: 0, hp: 16 } });
    await waitFor(() => listModules(alice.doc).some((m) => m.id === after.id), 'edits flow again');
    expect(listModules(alice.doc)).toEqual(listModules(bob.doc));
  });
});
