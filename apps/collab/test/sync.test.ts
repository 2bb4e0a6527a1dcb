import type { Database } from '@patchroom/db';
import { openTestDatabase } from '@patchroom/db/testing';
import { addModule, listModules, readCaseId, readRows } from '@patchroom/doc-model';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Cleanup, makeTestRack, openSyncedClient, startCollab, storedRoom, waitFor } from './helpers.ts';

let db: Database;
const cleanup = new Cleanup();

beforeAll(async () => {
  db = await openTestDatabase();
});
afterEach(() => cleanup.run());
afterAll(() => db?.close());

describe('a rack room', () => {
  it('carries an editor’s new module to another editor', async () => {
    const rack = await makeTestRack(db);
    const server = cleanup.add(await startCollab(db), (s) => s.close());
    const alice = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.owner.token), (c) => c.destroy());
    const bob = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.editor.token), (c) => c.destroy());

    const placed = addModule(alice.doc, { catalogId: 'test-vco', widthHp: 10, slot: { row: 0, hp: 4 } });

    await waitFor(() => listModules(bob.doc).length === 1, 'module on the second editor');
    expect(listModules(bob.doc)).toEqual([placed]);
  });

  it('is set up with its case’s rows the first time it is opened', async () => {
    const rack = await makeTestRack(db);
    const [rackCase] = await db.query<{ rows: { hp: number }[] }>('SELECT rows FROM catalog_cases WHERE id = $1', [
      rack.caseId,
    ]);
    const server = cleanup.add(await startCollab(db), (s) => s.close());

    const client = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.owner.token), (c) => c.destroy());

    expect(readCaseId(client.doc)).toBe(rack.caseId);
    expect(readRows(client.doc)).toEqual(rackCase!.rows.map((row) => ({ hp: row.hp })));
    expect(readRows(client.doc).length).toBeGreaterThan(0);
  });

  it('takes server-side edits (withRoom) to connected clients and stores them', async () => {
    const rack = await makeTestRack(db);
    const server = cleanup.add(await startCollab(db), (s) => s.close());
    const client = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.editor.token), (c) => c.destroy());

    const placed = await server.collab.withRoom(rack.rackId, (doc) =>
      addModule(doc, { catalogId: 'test-filter', widthHp: 8 }),
    );

    await waitFor(() => listModules(client.doc).length === 1, 'server-side module on the client');
    expect(listModules(client.doc)).toEqual([placed]);
    // Stored before withRoom resolves: the api may answer its caller right away.
    expect(listModules(await storedRoom(db, rack.documentName))).toEqual([placed]);
  });

  it('refuses server-side edits to a rack that does not exist', async () => {
    const server = cleanup.add(await startCollab(db), (s) => s.close());

    await expect(server.collab.withRoom('no-such-rack', () => 1)).rejects.toMatchObject({ reason: 'rack-not-found' });
    expect(server.collab.hocuspocus.getDocumentsCount()).toBe(0);
  });
});
