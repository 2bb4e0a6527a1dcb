import { openDatabase, type Database } from '@patchroom/db';
import { openTestDatabase } from '@patchroom/db/testing';
import { addModule, listModules, moveModule } from '@patchroom/doc-model';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  Cleanup,
  makeTestRack,
  metricValue,
  openSyncedClient,
  startCollab,
  storedRoom,
  waitFor,
  waitForSaved,
  type TestClient,
} from './helpers.ts';
import { proxiedDatabaseUrl } from './support/tcp-proxy.ts';

const databaseUrl = process.env.DATABASE_URL;
let db: Database;
const cleanup = new Cleanup();

beforeAll(async () => {
  db = await openTestDatabase();
});
afterEach(() => cleanup.run());
afterAll(() => db?.close());

/** Resolves at the moment the server acknowledges all of the client's changes. */
function nextAcknowledgement(client: TestClient): Promise<void> {
  return new Promise((resolve) => {
    const onChange = ({ number }: { number: number }) => {
      if (number !== 0) return;
      client.provider.off('unsyncedChanges', onChange);
      resolve();
    };
    client.provider.on('unsyncedChanges', onChange);
  });
}

// Group commit is about PostgreSQL's commit cost; PGlite runs in-process, one statement at a time.
describe.skipIf(!databaseUrl)('updates appended to PostgreSQL', () => {
  it('from many rooms are written together (group commit)', async () => {
    const server = cleanup.add(await startCollab(db), (s) => s.close());
    const racks = await Promise.all(Array.from({ length: 6 }, () => makeTestRack(db)));
    const clients = await Promise.all(
      racks.flatMap((rack) =>
        [rack.owner, rack.editor].map(async (user) =>
          cleanup.add(await openSyncedClient(server.url, rack.documentName, user.token), (c) => c.destroy()),
        ),
      ),
    );

    await Promise.all(
      clients.map(async (client, index) => {
        const placed = addModule(client.doc, { catalogId: 'test-vca', widthHp: 2, slot: { row: 0, hp: (index % 2) * 16 } });
        for (let step = 1; step <= 10; step += 1) {
          moveModule(client.doc, placed.id, { row: 0, hp: (index % 2) * 16 + (step % 7) * 2 });
          await new Promise((resolve) => setImmediate(resolve));
        }
        await waitForSaved(client);
      }),
    );

    const metrics = await server.collab.metricsText();
    const updates = metricValue(metrics, 'patchroom_collab_append_batch_size_sum');
    const batches = metricValue(metrics, 'patchroom_collab_append_batch_size_count');
    expect(updates).toBeGreaterThanOrEqual(clients.length * 11);
    expect(batches).toBeLessThan(updates);
    for (const [index, rack] of racks.entries()) {
      const stored = listModules(await storedRoom(db, rack.documentName));
      expect(stored.map((m) => m.id).sort()).toEqual(
        listModules(clients[index * 2]!.doc)
          .map((m) => m.id)
          .sort(),
      );
    }
  });
});

describe.skipIf(!databaseUrl)('acknowledged edits, on a slow PostgreSQL,', () => {
  it('are in the database by the time the client hears they are saved', async () => {
    const rack = await makeTestRack(db);
    // Commits take 20 ms or more: an acknowledgement sent before its commit would be caught.
    const { url, proxy } = await proxiedDatabaseUrl(databaseUrl!, { delayMs: 20 });
    cleanup.add(proxy, (p) => p.close());
    const slow = cleanup.add(await openDatabase({ databaseUrl: url }), (d) => d.close());
    const server = cleanup.add(await startCollab(slow), (s) => s.close());
    const editor = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.editor.token), (c) => c.destroy());

    for (let hp = 0; hp < 20; hp += 2) {
      const acknowledged = nextAcknowledgement(editor);
      const placed = addModule(editor.doc, { catalogId: 'test-lfo', widthHp: 2, slot: { row: 0, hp } });
      await acknowledged;
      // Read (directly, not through the slow proxy) right when the acknowledgement arrives.
      expect(listModules(await storedRoom(db, rack.documentName)).map((m) => m.id)).toContain(placed.id);
    }
  });
});

describe.skipIf(!databaseUrl)('when PostgreSQL is unavailable for a few seconds', () => {
  it('holds acknowledgements, turns writers away past a bound, loses nothing and recovers by itself', async () => {
    const rack = await makeTestRack(db);
    const { url, proxy } = await proxiedDatabaseUrl(databaseUrl!);
    cleanup.add(proxy, (p) => p.close());
    const proxied = cleanup.add(await openDatabase({ databaseUrl: url }), (d) => d.close());
    const server = cleanup.add(await startCollab(proxied, { maxQueuedUpdates: 40 }), (s) => s.close());
    const editor = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.editor.token), (c) => c.destroy());
    const busy = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.owner.token), (c) => c.destroy());
    const before = addModule(editor.doc, { catalogId: 'test-vco', widthHp: 2, slot: { row: 0, hp: 0 } });
    await waitForSaved(editor);
    const failures = async () => metricValue(await server.collab.metricsText(), 'patchroom_collab_append_failures_total');

    proxy.cut();
    const cutAt = Date.now();
    // The editor keeps working through the outage: an edit now, one a second later, one after two.
    const during = [addModule(editor.doc, { catalogId: 'test-vcf', widthHp: 2, slot: { row: 0, hp: 4 } })];
    await waitFor(async () => (await failures()) >= 4, 'appends failing and being retried');
    for (const [index, hp] of [6, 8].entries()) {
      await sleepUntil(cutAt + (index + 1) * 1000);
      during.push(addModule(editor.doc, { catalogId: 'test-lfo', widthHp: 2, slot: { row: 0, hp } }));
    }
    // Each edit reached the other client at once, but its author is not told it is saved.
    await waitFor(() => during.every((m) => listModules(busy.doc).some((seen) => seen.id === m.id)), 'edits fanned out');
    expect(editor.provider.hasUnsyncedChanges).toBe(true);

    // A busy writer fills the bounded queue and is turned away with a reason, not buffered forever.
    const knob = addModule(busy.doc, { catalogId: 'test-env', widthHp: 2, slot: { row: 0, hp: 10 } });
    for (let step = 0; step < 60 && busy.closeCodes.length === 0; step += 1) {
      moveModule(busy.doc, knob.id, { row: 0, hp: 10 + (step % 8) * 2 });
      await new Promise((resolve) => setImmediate(resolve));
    }
    await waitFor(() => busy.closeCodes.includes(1013), 'busy writer closed with 1013 (storage unavailable)');
    busy.destroy();

    await sleepUntil(cutAt + 3500);
    expect(editor.closeCodes).toEqual([]);
    expect(editor.provider.hasUnsyncedChanges).toBe(true);
    proxy.restore();
    const outageMs = Date.now() - cutAt;
    expect(outageMs).toBeGreaterThanOrEqual(3000);

    await waitForSaved(editor, 15_000);
    const stored = listModules(await storedRoom(db, rack.documentName)).map((m) => m.id);
    expect(stored).toEqual(expect.arrayContaining([before.id, ...during.map((m) => m.id)]));
    expect(editor.closeCodes).toEqual([]);

    // Recovered without help: new edits are saved as usual.
    const after = addModule(editor.doc, { catalogId: 'test-vca', widthHp: 2, slot: { row: 0, hp: 26 } });
    await waitForSaved(editor);
    expect(listModules(await storedRoom(db, rack.documentName)).map((m) => m.id)).toContain(after.id);
  });
});

function sleepUntil(at: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
}
