import type { Database } from '@patchroom/db';
import { openTestDatabase } from '@patchroom/db/testing';
import { addModule, listModules } from '@patchroom/doc-model';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { notifyAccessChanged } from '../src/index.ts';
import { Cleanup, makeTestRack, openClient, openSyncedClient, startCollab, storedRoom, waitFor, waitForSaved } from './helpers.ts';

let db: Database;
const cleanup = new Cleanup();

beforeAll(async () => {
  db = await openTestDatabase();
});
afterEach(() => cleanup.run());
afterAll(() => db?.close());

describe('who may join a rack room', () => {
  it('lets a viewer watch but refuses the viewer’s edits', async () => {
    const rack = await makeTestRack(db);
    const server = cleanup.add(await startCollab(db), (s) => s.close());
    const editor = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.editor.token), (c) => c.destroy());
    const viewer = cleanup.add(openClient(server.url, rack.documentName, rack.viewer.token), (c) => c.destroy());
    expect(await viewer.outcome).toEqual({ admitted: true, scope: 'readonly' });
    await waitFor(() => viewer.provider.isSynced, 'viewer synced');

    addModule(viewer.doc, { catalogId: 'viewer-module', widthHp: 6 });
    await waitFor(() => viewer.refusedUpdates() > 0, 'server refusing the viewer’s update');
    // The editor's own edit reaches the viewer: the room is live, only the viewer's write was dropped.
    addModule(editor.doc, { catalogId: 'editor-module', widthHp: 4, slot: { row: 0, hp: 20 } });
    await waitForSaved(editor);
    await waitFor(() => listModules(viewer.doc).some((m) => m.catalogId === 'editor-module'), 'editor module on viewer');

    expect(listModules(editor.doc).map((m) => m.catalogId)).toEqual(['editor-module']);
    expect(viewer.provider.hasUnsyncedChanges).toBe(true);
    await server.close();
    expect(listModules(await storedRoom(db, rack.documentName)).map((m) => m.catalogId)).toEqual(['editor-module']);

    // A fresh load of the room (new server, new client) has no trace of the viewer's module.
    const again = cleanup.add(await startCollab(db), (s) => s.close());
    const fresh = cleanup.add(await openSyncedClient(again.url, rack.documentName, rack.owner.token), (c) => c.destroy());
    expect(listModules(fresh.doc).map((m) => m.catalogId)).toEqual(['editor-module']);
  });

  it('admits owners and editors read-write', async () => {
    const rack = await makeTestRack(db);
    const server = cleanup.add(await startCollab(db), (s) => s.close());
    const owner = cleanup.add(openClient(server.url, rack.documentName, rack.owner.token), (c) => c.destroy());
    const editor = cleanup.add(openClient(server.url, rack.documentName, rack.editor.token), (c) => c.destroy());

    expect(await owner.outcome).toEqual({ admitted: true, scope: 'read-write' });
    expect(await editor.outcome).toEqual({ admitted: true, scope: 'read-write' });
  });

  it('reads the session from the cookie when the token says "cookie"', async () => {
    const rack = await makeTestRack(db);
    const server = cleanup.add(await startCollab(db), (s) => s.close());
    const withCookie = cleanup.add(
      openClient(server.url, rack.documentName, 'cookie', { headers: { cookie: `theme=dark; patchroom_session=${rack.editor.token}` } }),
      (c) => c.destroy(),
    );
    const withoutCookie = cleanup.add(openClient(server.url, rack.documentName, 'cookie'), (c) => c.destroy());

    expect(await withCookie.outcome).toEqual({ admitted: true, scope: 'read-write' });
    expect(await withoutCookie.outcome).toEqual({ admitted: false, reason: 'no-session' });
  });

  it.each([
    ['no session', (rack: Rack) => ({ token: '', room: rack.documentName }), 'no-session'],
    ['a bad token', (rack: Rack) => ({ token: 'not-a-real-token', room: rack.documentName }), 'invalid-session'],
    ['a non-member', (rack: Rack) => ({ token: rack.outsider.token, room: rack.documentName }), 'not-a-member'],
    ['a room that is not a rack', (rack: Rack) => ({ token: rack.owner.token, room: `notes:${rack.rackId}` }), 'not-a-rack-room'],
    ['a rack that does not exist', (rack: Rack) => ({ token: rack.owner.token, room: 'rack:missing' }), 'not-a-member'],
  ])('refuses %s', async (_case, connect, reason) => {
    const rack = await makeTestRack(db);
    const server = cleanup.add(await startCollab(db), (s) => s.close());
    const { token, room } = connect(rack);

    const client = cleanup.add(openClient(server.url, room, token), (c) => c.destroy());

    expect(await client.outcome).toEqual({ admitted: false, reason });
    expect(server.collab.hocuspocus.getDocumentsCount()).toBe(0);
  });
});

describe('public racks', () => {
  it('can be watched without an account, read-only', async () => {
    const rack = await makeTestRack(db);
    await db.query(`UPDATE racks SET visibility = 'public' WHERE id = $1`, [rack.rackId]);
    const server = cleanup.add(await startCollab(db), (s) => s.close());
    const editor = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.editor.token), (c) => c.destroy());
    const placed = addModule(editor.doc, { catalogId: 'test-vco', widthHp: 10 });
    await waitForSaved(editor);

    const visitor = cleanup.add(openClient(server.url, rack.documentName, ''), (c) => c.destroy());
    const outsider = cleanup.add(openClient(server.url, rack.documentName, rack.outsider.token), (c) => c.destroy());

    expect(await visitor.outcome).toEqual({ admitted: true, scope: 'readonly' });
    expect(await outsider.outcome).toEqual({ admitted: true, scope: 'readonly' });
    await waitFor(() => listModules(visitor.doc).some((m) => m.id === placed.id), 'visitor sees the rack');
    addModule(visitor.doc, { catalogId: 'graffiti', widthHp: 2, slot: { row: 0, hp: 20 } });
    await waitFor(() => visitor.refusedUpdates() > 0, 'visitor’s edit refused');
    expect(listModules(editor.doc).map((m) => m.id)).toEqual([placed.id]);
  });
});

describe('access changes while connected', () => {
  it('disconnects a member whose access is revoked, on every collab process', async () => {
    const rack = await makeTestRack(db);
    const east = cleanup.add(await startCollab(db, { instanceName: 'east' }), (s) => s.close());
    const west = cleanup.add(await startCollab(db, { instanceName: 'west' }), (s) => s.close());
    const owner = cleanup.add(await openSyncedClient(east.url, rack.documentName, rack.owner.token), (c) => c.destroy());
    const onEast = cleanup.add(await openSyncedClient(east.url, rack.documentName, rack.editor.token), (c) => c.destroy());
    const onWest = cleanup.add(await openSyncedClient(west.url, rack.documentName, rack.editor.token), (c) => c.destroy());

    await db.query('DELETE FROM rack_members WHERE rack_id = $1 AND user_id = $2', [rack.rackId, rack.editor.user.id]);
    await notifyAccessChanged(db, rack.rackId);

    await waitFor(() => onEast.closeCodes.includes(4403) && onWest.closeCodes.includes(4403), 'both closed: access revoked');
    // Their providers reconnect on their own and are refused at the door.
    await waitFor(() => onEast.refusals.includes('not-a-member'), 'rejoin refused');
    expect(owner.closeCodes).toEqual([]);
    const placed = addModule(owner.doc, { catalogId: 'test-vco', widthHp: 10 });
    await waitForSaved(owner);
    expect(listModules(onEast.doc).map((m) => m.id)).not.toContain(placed.id);
  });

  it('makes an editor turned viewer read-only', async () => {
    const rack = await makeTestRack(db);
    const server = cleanup.add(await startCollab(db), (s) => s.close());
    const owner = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.owner.token), (c) => c.destroy());
    const editor = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.editor.token), (c) => c.destroy());
    const rejoined = new Promise<string>((resolve) => {
      editor.provider.on('authenticated', ({ scope }: { scope: string }) => resolve(scope));
    });

    await db.query(`UPDATE rack_members SET role = 'viewer' WHERE rack_id = $1 AND user_id = $2`, [
      rack.rackId,
      rack.editor.user.id,
    ]);
    await notifyAccessChanged(db, rack.rackId);

    await waitFor(() => editor.closeCodes.includes(4409), 'closed: role changed');
    expect(await rejoined).toBe('readonly');
    await waitFor(() => editor.provider.isSynced, 'resynced as a viewer');
    addModule(editor.doc, { catalogId: 'late-edit', widthHp: 2, slot: { row: 0, hp: 30 } });
    await waitFor(() => editor.refusedUpdates() > 0, 'edit refused');
    expect(listModules(owner.doc)).toEqual([]);
  });
});

type Rack = Awaited<ReturnType<typeof makeTestRack>>;
