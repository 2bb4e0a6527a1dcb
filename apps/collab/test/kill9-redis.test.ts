import type { Database } from '@patchroom/db';
import { openTestDatabase } from '@patchroom/db/testing';
import { addModule, findFreeSlot, listModules } from '@patchroom/doc-model';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Cleanup, makeTestRack, openSyncedClient, startCollabProcess, waitFor, waitForSaved } from './helpers.ts';
import { killHard } from '../src/testing.ts';
import { startRedisServer } from './support/redis-server.ts';
import { proxiedDatabaseUrl } from './support/tcp-proxy.ts';

const databaseUrl = process.env.DATABASE_URL;
let db: Database;
const cleanup = new Cleanup();

beforeAll(async () => {
  db = await openTestDatabase();
});
afterEach(() => cleanup.run());
afterAll(() => db?.close());

// Two collab processes share a room through Redis. An edit reaches the second process through
// Redis before the first one has stored it; the first is killed. Its author reconnects to the
// second process, which already holds the edit, and is told it is saved; then the second is
// killed too. What the author was told is saved must still be there.
describe.skipIf(!databaseUrl)('kill -9 of collab processes sharing a room through Redis', () => {
  it('keeps an edit acknowledged by the process that only heard of it through Redis', async () => {
    const redis = cleanup.add(await startRedisServer(), (r) => r.kill());
    const rack = await makeTestRack(db);
    // East reaches PostgreSQL through a proxy the test can cut: its edits then cannot be stored.
    const eastDatabase = await proxiedDatabaseUrl(databaseUrl!);
    cleanup.add(eastDatabase.proxy, (p) => p.close());
    const east = await startCollabProcess(cleanup, { name: 'east', databaseUrl: eastDatabase.url, redisUrl: redis.url });
    const west = await startCollabProcess(cleanup, { name: 'west', databaseUrl: databaseUrl!, redisUrl: redis.url });

    const watcher = cleanup.add(await openSyncedClient(west.url, rack.documentName, rack.owner.token), (c) => c.destroy());
    const author = await openSyncedClient(east.url, rack.documentName, rack.editor.token);
    cleanup.add(author, (c) => c.destroy());

    eastDatabase.proxy.cut();
    const placed: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const slot = findFreeSlot(author.doc, 4);
      placed.push(addModule(author.doc, { catalogId: 'module-4', widthHp: 4, slot: slot! }).id);
    }
    await waitFor(() => listModules(watcher.doc).length === placed.length, 'west holds the edits, through Redis');
    // East could not store them, so it has not acknowledged them.
    expect(author.provider.hasUnsyncedChanges).toBe(true);
    await killHard(east.collab);

    // The author moves to west with the same replica and waits until west says saved.
    author.destroy();
    const moved = cleanup.add(
      await openSyncedClient(west.url, rack.documentName, rack.editor.token, { doc: author.doc }),
      (c) => c.destroy(),
    );
    await waitForSaved(moved);
    await killHard(west.collab);

    const restarted = await startCollabProcess(cleanup, { name: 'again', databaseUrl: databaseUrl!, redisUrl: redis.url });
    const reader = cleanup.add(await openSyncedClient(restarted.url, rack.documentName, rack.owner.token), (c) => c.destroy());
    const present = new Set(listModules(reader.doc).map((m) => m.id));
    expect(placed.filter((id) => !present.has(id))).toEqual([]);
  }, 60_000);
});
