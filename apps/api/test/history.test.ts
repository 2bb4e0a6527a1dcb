import { addModule, listModules, readNotes, setNotes } from '@patchroom/doc-model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { browser, codeOf, liveApi } from './helpers.ts';
import { waitFor } from './room-client.ts';

const api = liveApi();
const { person, join } = api;

/** Every update ever stored for the room: the snapshot and the log rows, as they are now. */
async function storedUpdates(rackId: string): Promise<Uint8Array[]> {
  const rows = await api.server.db.query<{ data: Uint8Array }>(
    `SELECT state AS data FROM document_snapshots WHERE document_name = $1
     UNION ALL SELECT update AS data FROM document_updates WHERE document_name = $1`,
    [`rack:${rackId}`],
  );
  return rows.map((r) => new Uint8Array(r.data));
}

/** The stored updates once the stored room satisfies `ready` (the edits are committed). */
async function storedUntil(rackId: string, ready: (doc: Y.Doc) => boolean): Promise<Uint8Array[]> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const updates = await storedUpdates(rackId);
    const doc = new Y.Doc();
    for (const update of updates) Y.applyUpdate(doc, update);
    if (ready(doc)) return updates;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the edits never reached the database');
}

/** A rack with an owner (connected), an editor (connected) and a viewer, and one module. */
async function sharedRack() {
  const ada = await person('Ada');
  const bea = await person('Bea');
  const cy = await person('Cy');
  const { id } = await ada.client.racks.create.mutate({ name: 'Versions', caseId: 'doepfer-a100-lc9' });
  await ada.client.racks.share.mutate({ id, email: bea.email, role: 'editor' });
  await ada.client.racks.share.mutate({ id, email: cy.email, role: 'viewer' });
  const vco = (await ada.client.catalog.modules.query({ type: 'oscillator' })).items[0]!;
  const adaRoom = join(id, ada.token);
  const beaRoom = join(id, bea.token);
  await Promise.all([adaRoom.synced, beaRoom.synced]);
  addModule(adaRoom.doc, { catalogId: vco.id, widthHp: vco.hp });
  setNotes(adaRoom.doc, 'first take');
  await waitFor(() => listModules(beaRoom.doc).length === 1 && readNotes(beaRoom.doc) === 'first take', 'Bea to see the first take');
  return { id, ada, bea, cy, adaRoom, beaRoom, vco };
}

describe('version history', () => {
  it('restores a checkpoint as a new change both live clients receive, without rewriting history', async () => {
    const { id, ada, bea, adaRoom, beaRoom, vco } = await sharedRack();
    const saved = await ada.client.history.checkpoint.mutate({ rackId: id, name: 'First take' });
    expect(saved).toMatchObject({ name: 'First take', automatic: false, author: 'Ada' });

    // Later edits, by both people.
    addModule(beaRoom.doc, { catalogId: vco.id, widthHp: vco.hp });
    setNotes(adaRoom.doc, 'second take');
    await waitFor(() => listModules(adaRoom.doc).length === 2 && readNotes(beaRoom.doc) === 'second take', 'the later edits to reach both');
    const beforeRestore = await storedUntil(id, (doc) => listModules(doc).length === 2 && readNotes(doc) === 'second take');
    const editedState = Y.encodeStateVector(adaRoom.doc);

    const preview = await bea.client.history.get.query({ checkpointId: saved.id });
    expect(preview.snapshot.modules).toHaveLength(1);
    expect(preview.snapshot.notes).toBe('first take');

    expect(await bea.client.history.restore.mutate({ checkpointId: saved.id })).toEqual({ restored: true });
    for (const room of [adaRoom, beaRoom]) {
      await waitFor(() => listModules(room.doc).length === 1 && readNotes(room.doc) === 'first take', 'the restored version to reach everyone');
    }
    // History was added to, not rewritten: the room still contains every earlier change…
    const clocks = Y.decodeStateVector(Y.encodeStateVector(beaRoom.doc));
    for (const [client, clock] of Y.decodeStateVector(editedState)) expect(clocks.get(client)).toBeGreaterThanOrEqual(clock);
    // …and so does what is stored: every update stored before the restore is still in it.
    const stored = new Y.Doc();
    for (const update of await storedUpdates(id)) Y.applyUpdate(stored, update);
    const storedSnapshot = Y.snapshot(stored);
    for (const update of beforeRestore) expect(Y.snapshotContainsUpdate(storedSnapshot, update)).toBe(true);
    expect(listModules(stored)).toHaveLength(1);
    expect(readNotes(stored)).toBe('first take');

    // The state before the restore is kept as a version of its own.
    const { items } = await ada.client.history.list.query({ rackId: id });
    expect(items.map((c) => c.name)).toEqual(['Before restoring “First take”', 'First take']);
    const undoRestore = await ada.client.history.get.query({ checkpointId: items[0]!.id });
    expect(undoRestore.snapshot.notes).toBe('second take');
  });

  it('lets viewers browse but not restore or save; the room stays as it was', async () => {
    const { id, ada, cy, adaRoom } = await sharedRack();
    const saved = await ada.client.history.checkpoint.mutate({ rackId: id, name: 'Keep' });
    setNotes(adaRoom.doc, 'changed');
    const list = await cy.client.history.list.query({ rackId: id });
    expect(list.items.map((c) => c.name)).toEqual(['Keep']);
    expect(list.canRestore).toBe(false);
    expect((await cy.client.history.get.query({ checkpointId: saved.id })).snapshot.notes).toBe('first take');
    expect(await codeOf(cy.client.history.restore.mutate({ checkpointId: saved.id }))).toBe('FORBIDDEN');
    expect(await codeOf(cy.client.history.checkpoint.mutate({ rackId: id, name: 'Mine' }))).toBe('FORBIDDEN');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(readNotes(adaRoom.doc)).toBe('changed');
    expect(await api.server.db.prisma.rackCheckpoint.count({ where: { rackId: id } })).toBe(1);
  });

  it('shows nothing to non-members, signed in or not', async () => {
    const { id, ada } = await sharedRack();
    const saved = await ada.client.history.checkpoint.mutate({ rackId: id, name: 'Secret' });
    const stranger = await person('Stranger');
    for (const who of [stranger.client, browser(api.server).client]) {
      expect(await codeOf(who.history.list.query({ rackId: id }))).toBe('NOT_FOUND');
      expect(await codeOf(who.history.get.query({ checkpointId: saved.id }))).toBe('NOT_FOUND');
    }
    expect(await codeOf(stranger.client.history.restore.mutate({ checkpointId: saved.id }))).toBe('NOT_FOUND');
    expect(await codeOf(stranger.client.history.checkpoint.mutate({ rackId: id, name: 'x' }))).toBe('NOT_FOUND');
  });

  it('refuses a bad checkpoint name with a clear error, and pages through long histories', async () => {
    const { id, ada } = await sharedRack();
    const empty = await ada.client.history.checkpoint.mutate({ rackId: id, name: '   ' }).catch((e: Error) => e);
    expect((empty as Error).message).toBe('name: Give the checkpoint a name.');
    for (const name of ['one', 'two', 'three']) await ada.client.history.checkpoint.mutate({ rackId: id, name });
    const first = await ada.client.history.list.query({ rackId: id, limit: 2 });
    expect(first.items.map((c) => c.name)).toEqual(['three', 'two']);
    const second = await ada.client.history.list.query({ rackId: id, limit: 2, cursor: first.nextCursor });
    expect(second.items.map((c) => c.name)).toEqual(['one']);
    expect(second.nextCursor).toBeNull();
  });
});
