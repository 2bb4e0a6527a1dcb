import type { Database } from '@patchroom/db';
import { openTestDatabase } from '@patchroom/db/testing';
import { addModule, listCables, listModules, moveModule, readSchemaVersion, SCHEMA_VERSION } from '@patchroom/doc-model';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyStoredState, storeDocument } from '../src/persistence/document-store.ts';
import {
  Cleanup,
  loggedUpdates,
  makeTestRack,
  openClient,
  openSyncedClient,
  startCollab,
  storedRoom,
  waitFor,
  waitForSaved,
} from './helpers.ts';

let db: Database;
const cleanup = new Cleanup();

beforeAll(async () => {
  db = await openTestDatabase();
});
afterEach(() => cleanup.run());
afterAll(() => db?.close());

describe('rack rooms in the database', () => {
  it('keep their edits across a graceful restart of the collab', async () => {
    const rack = await makeTestRack(db);
    const first = cleanup.add(await startCollab(db), (s) => s.close());
    const editor = cleanup.add(await openSyncedClient(first.url, rack.documentName, rack.editor.token), (c) => c.destroy());
    const vco = addModule(editor.doc, { catalogId: 'test-vco', widthHp: 10 });
    const vca = addModule(editor.doc, { catalogId: 'test-vca', widthHp: 4 });
    moveModule(editor.doc, vca.id, { row: 0, hp: 20 });
    await waitForSaved(editor);

    // Closed while the client is still connected and before the store debounce has run.
    await first.close();
    const second = cleanup.add(await startCollab(db), (s) => s.close());
    const fresh = cleanup.add(await openSyncedClient(second.url, rack.documentName, rack.owner.token), (c) => c.destroy());

    expect(listModules(fresh.doc)).toEqual([vco, { ...vca, row: 0, hp: 20 }]);
  });

  it('fold the log into a snapshot once enough updates are logged, keeping updates logged elsewhere', async () => {
    const rack = await makeTestRack(db);
    const server = cleanup.add(await startCollab(db, { compactAfterUpdates: 5, compactAfterMs: 60_000 }), (s) => s.close());
    const editor = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.editor.token), (c) => c.destroy());
    // An update logged by someone else (e.g. another process) that the room must not lose.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(editor.doc));
    const logged = addModule(other, { catalogId: 'logged-elsewhere', widthHp: 2, slot: { row: 0, hp: 26 } });
    const [row] = await db.query<{ id: string }>(
      'INSERT INTO document_updates (document_name, update) VALUES ($1, $2) RETURNING id::text AS id',
      [rack.documentName, Buffer.from(Y.encodeStateAsUpdate(other))],
    );

    const placed = [];
    for (let hp = 0; hp < 10; hp += 2) {
      placed.push(addModule(editor.doc, { catalogId: 'test-lfo', widthHp: 2, slot: { row: 0, hp } }));
      await waitForSaved(editor);
    }

    // Five logged updates: the room is compacted (debounced compaction would wait much longer).
    const stillLogged = async () =>
      (await db.query('SELECT 1 FROM document_updates WHERE id = $1::bigint', [row!.id])).length > 0;
    await waitFor(async () => !(await stillLogged()), 'log folded into the snapshot');
    expect(await loggedUpdates(db, rack.documentName)).toBeLessThan(5);
    expect(listModules(await storedRoom(db, rack.documentName))).toEqual([...placed, logged]);
    // The update logged elsewhere also reached the live room.
    await waitFor(() => listModules(editor.doc).length === 6, 'logged module in the live room');
  });

  it('fold the log some time after editing, even below the count threshold', async () => {
    const rack = await makeTestRack(db);
    const server = cleanup.add(await startCollab(db, { compactAfterMs: 200 }), (s) => s.close());
    const editor = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.editor.token), (c) => c.destroy());

    const placed = addModule(editor.doc, { catalogId: 'test-vco', widthHp: 10 });
    await waitForSaved(editor);
    expect(await loggedUpdates(db, rack.documentName)).toBeGreaterThan(0);

    await waitFor(async () => (await loggedUpdates(db, rack.documentName)) === 0, 'log folded after a while');
    expect(listModules(await storedRoom(db, rack.documentName))).toEqual([placed]);
  });

  it('bring a room stored by older code up to the current schema when it loads, and store that', async () => {
    const rack = await makeTestRack(db);
    const old = new Y.Doc();
    old.transact(() => {
      old.getMap('meta').set('caseId', rack.caseId);
      old.getMap('meta').set('rows', [{ hp: 84 }]);
      old.getMap('modules').set('mod_vco', { catalogId: 'vco', row: 0, hp: 0, widthHp: 10 });
      old.getMap('modules').set('mod_vcf', { catalogId: 'vcf', row: 0, hp: 10, widthHp: 8 });
      old.getMap('cables').set('cab_a', {
        from: { moduleId: 'mod_vco', jackId: 'saw' },
        to: { moduleId: 'mod_vcf', jackId: 'in' },
        color: '#f00',
      });
    });
    expect(readSchemaVersion(old)).toBe(1);
    await db.query('INSERT INTO document_snapshots (document_name, state, last_update_id) VALUES ($1, $2, 0)', [
      rack.documentName,
      Buffer.from(Y.encodeStateAsUpdate(old)),
    ]);
    const server = cleanup.add(await startCollab(db), (s) => s.close());

    const client = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.owner.token), (c) => c.destroy());

    expect(readSchemaVersion(client.doc)).toBe(SCHEMA_VERSION);
    expect(listCables(client.doc).map((cable) => [cable.id, cable.patchId])).toEqual([['cab_a', expect.any(String)]]);
    expect(readSchemaVersion(await storedRoom(db, rack.documentName))).toBe(SCHEMA_VERSION);
  });

  it('refuse a room whose stored state cannot be read, and leave it untouched', async () => {
    const rack = await makeTestRack(db);
    const corrupt = Buffer.from([0xff, 0xff, 0xff, 0xff]);
    await db.query('INSERT INTO document_snapshots (document_name, state, last_update_id) VALUES ($1, $2, 0)', [
      rack.documentName,
      corrupt,
    ]);
    const server = cleanup.add(await startCollab(db), (s) => s.close());

    const client = cleanup.add(openClient(server.url, rack.documentName, rack.owner.token), (c) => c.destroy());

    // Hocuspocus says "authenticated" before it loads the room, then refuses it.
    await waitFor(() => client.refusals.includes('room-unavailable'), 'room refused');
    expect(client.provider.isSynced).toBe(false);
    expect(server.collab.hocuspocus.getDocumentsCount()).toBe(0);
    await expect(server.collab.withRoom(rack.rackId, () => 1)).rejects.toMatchObject({ reason: 'room-unavailable' });
    await server.close();
    const [row] = await db.query<{ state: Uint8Array }>('SELECT state FROM document_snapshots WHERE document_name = $1', [
      rack.documentName,
    ]);
    expect(Buffer.from(row!.state)).toEqual(corrupt);
  });

  it('keep both sides when two processes store diverged copies of a room', async () => {
    const rack = await makeTestRack(db);
    const base = new Y.Doc();
    const server = cleanup.add(await startCollab(db), (s) => s.close());
    await server.collab.withRoom(rack.rackId, (doc) => Y.applyUpdate(base, Y.encodeStateAsUpdate(doc)));
    const east = new Y.Doc();
    const west = new Y.Doc();
    Y.applyUpdate(east, Y.encodeStateAsUpdate(base));
    Y.applyUpdate(west, Y.encodeStateAsUpdate(base));
    const fromEast = addModule(east, { catalogId: 'east', widthHp: 4, slot: { row: 0, hp: 0 } });
    const fromWest = addModule(west, { catalogId: 'west', widthHp: 4, slot: { row: 0, hp: 8 } });

    // West stores last, without having seen east's module: it must not erase it.
    await storeDocument(db, rack.documentName, east, (missing) => applyStoredState(east, missing));
    await storeDocument(db, rack.documentName, west, (missing) => applyStoredState(west, missing));

    expect(listModules(await storedRoom(db, rack.documentName))).toEqual([fromEast, fromWest]);
    expect(listModules(west)).toEqual([fromEast, fromWest]);
  });

  it('keep both sides when two processes compact diverged copies of a room at the same moment', async () => {
    const rack = await makeTestRack(db);
    const server = cleanup.add(await startCollab(db), (s) => s.close());
    const base = await server.collab.withRoom(rack.rackId, (doc) => Y.encodeStateAsUpdate(doc));
    const [east, west] = [new Y.Doc(), new Y.Doc()];
    Y.applyUpdate(east, base);
    Y.applyUpdate(west, base);
    const fromEast = addModule(east, { catalogId: 'east', widthHp: 4, slot: { row: 0, hp: 0 } });
    const fromWest = addModule(west, { catalogId: 'west', widthHp: 4, slot: { row: 0, hp: 8 } });

    // East holds its compaction open (after reading what is stored, before writing) until west's
    // has read too, or 300 ms. Without the room's lock both would write what they read alone,
    // and the second snapshot would erase the first one's module; with it, west waits and merges.
    let westReading = () => {};
    const westHasRead = new Promise<void>((resolve) => (westReading = resolve));
    const hold = () => Promise.race([westHasRead, new Promise((resolve) => setTimeout(resolve, 300))]);
    const eastStored = storeDocument(db, rack.documentName, east, (missing) => applyStoredState(east, missing), undefined, hold);
    const westStored = storeDocument(db, rack.documentName, west, (missing) => applyStoredState(west, missing), () => westReading());
    await Promise.all([eastStored, westStored]);

    expect(listModules(await storedRoom(db, rack.documentName))).toEqual([fromEast, fromWest]);
  });
});
