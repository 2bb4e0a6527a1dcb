import type { Database } from '@patchroom/db';
import { openTestDatabase } from '@patchroom/db/testing';
import { addModule, listModules } from '@patchroom/doc-model';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Cleanup, makeTestRack, openSyncedClient, startCollab, waitFor } from './helpers.ts';

let db: Database;
const cleanup = new Cleanup();

beforeAll(async () => {
  db = await openTestDatabase();
});
afterEach(() => cleanup.run());
afterAll(() => db?.close());

/** Sends raw bytes on a client's open WebSocket, as a buggy or hostile client would. */
function sendRaw(socket: WebSocket | null | undefined, bytes: Uint8Array): void {
  if (!socket) throw new Error('client has no open socket');
  socket.send(bytes);
}

describe('protocol limits', () => {
  it.each([
    ['random bytes', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x01])],
    ['a sync message carrying a broken update', syncUpdateFrame(new Uint8Array([1, 2, 3, 4, 5, 6, 7]))],
    ['an unknown message type', new Uint8Array([0, 42])],
  ])('a malformed message (%s) closes only its own connection', async (_case, garbage) => {
    const rack = await makeTestRack(db);
    const server = cleanup.add(await startCollab(db), (s) => s.close());
    const alice = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.owner.token), (c) => c.destroy());
    const bob = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.editor.token), (c) => c.destroy());
    const mallory = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.editor.token), (c) => c.destroy());

    sendRaw(mallory.socket.webSocket as WebSocket | null, garbage);
    await waitFor(() => mallory.closeCodes.includes(1007), 'malformed connection closed with 1007');

    const placed = addModule(alice.doc, { catalogId: 'test-vco', widthHp: 10 });
    await waitFor(() => listModules(bob.doc).length === 1, 'edit still reaching the other client');
    expect(listModules(bob.doc)).toEqual([placed]);
    expect(alice.closeCodes).toEqual([]);
    expect(bob.closeCodes).toEqual([]);
  });

  it('a message over the size limit closes its connection with 1009', async () => {
    const server = cleanup.add(await startCollab(db, { maxMessageBytes: 64 * 1024 }), (s) => s.close());
    const socket = cleanup.add(new WebSocket(server.url), (s) => s.terminate());
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));

    socket.send(new Uint8Array(64 * 1024 + 1));

    expect(await closed).toBe(1009);
  });

  it('accepts messages up to 2 MB by default and refuses larger ones', async () => {
    const rack = await makeTestRack(db);
    const server = cleanup.add(await startCollab(db), (s) => s.close());
    const client = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.owner.token), (c) => c.destroy());
    const raw = cleanup.add(new WebSocket(server.url), (s) => s.terminate());
    await new Promise((resolve) => raw.once('open', resolve));
    const closed = new Promise<number>((resolve) => raw.once('close', resolve));

    // A large but legal edit still gets through…
    client.doc.getMap('meta').set('notes', 'x'.repeat(1024 * 1024));
    await waitFor(() => !client.provider.hasUnsyncedChanges, '1 MB edit acknowledged');
    // …while a 2 MB + 1 byte frame is cut off.
    raw.send(new Uint8Array(2 * 1024 * 1024 + 1));
    expect(await closed).toBe(1009);
    expect(client.closeCodes).toEqual([]);
  });
});

/** A Hocuspocus sync/update frame for rack:x with the given (possibly broken) Yjs update. */
function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const name = new TextEncoder().encode('rack:x');
  return new Uint8Array([name.length, ...name, 0, 2, update.length, ...update]);
}
