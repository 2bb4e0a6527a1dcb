import type { Database } from '@patchroom/db';
import { openTestDatabase } from '@patchroom/db/testing';
import { addModule, listModules } from '@patchroom/doc-model';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { Cleanup, makeTestRack, metricValue, openSyncedClient, startCollab, storedRoom, waitFor, waitForSaved } from './helpers.ts';

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
    ['a truncated update', syncUpdateFrame(truncatedUpdate())],
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

  it('a message over the size limit closes its connection with 1009, saying why', async () => {
    const server = cleanup.add(await startCollab(db, { maxMessageBytes: 64 * 1024 }), (s) => s.close());
    const socket = cleanup.add(new WebSocket(server.url), (s) => s.terminate());
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<[number, string]>((resolve) => socket.once('close', (code, reason) => resolve([code, reason.toString()])));

    socket.send(new Uint8Array(64 * 1024 + 1));

    expect(await closed).toEqual([1009, 'message too large']);
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
    // …while a 2 MB + 1 byte frame is cut off, and so is a 50 MB one.
    raw.send(new Uint8Array(2 * 1024 * 1024 + 1));
    expect(await closed).toBe(1009);
    const huge = cleanup.add(new WebSocket(server.url), (s) => s.terminate());
    await new Promise((resolve) => huge.once('open', resolve));
    const hugeClosed = new Promise<number>((resolve) => huge.once('close', resolve));
    huge.send(Buffer.alloc(50 * 1024 * 1024));
    expect(await hugeClosed).toBe(1009);
    expect(client.closeCodes).toEqual([]);
    expect(metricValue(await server.collab.metricsText(), 'patchroom_collab_rejected_messages_total{reason="message-too-large"}')).toBe(2);
  });

  it('a flood of messages closes the flooding connection with "too many messages"', async () => {
    const rack = await makeTestRack(db);
    const server = cleanup.add(await startCollab(db), (s) => s.close());
    const alice = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.owner.token), (c) => c.destroy());
    const flooder = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.editor.token), (c) => c.destroy());
    const socket = flooder.socket.webSocket as unknown as WebSocket;
    const reasons: string[] = [];
    socket.once('close', (_code: number, reason: Buffer) => reasons.push(reason.toString()));

    // Well-formed "what do you have?" messages, as fast as the socket takes them.
    const name = new TextEncoder().encode(rack.documentName);
    const step1 = new Uint8Array([name.length, ...name, 0, 0, 1, 0]); // sync step 1, empty state vector
    for (let i = 0; i < 1_000; i += 1) sendRaw(socket, step1);

    await waitFor(() => flooder.closeCodes.includes(4429), 'flooder closed with 4429');
    expect(reasons).toEqual(['too many messages']);
    const placed = addModule(alice.doc, { catalogId: 'test-vco', widthHp: 10 });
    await waitForSaved(alice);
    expect(listModules(alice.doc)).toEqual([placed]);
    expect(alice.closeCodes).toEqual([]);
  });

  it('an update that would grow a room past the document size limit is refused; the room stays as it was', async () => {
    const rack = await makeTestRack(db);
    const server = cleanup.add(await startCollab(db, { maxDocumentBytes: 64 * 1024 }), (s) => s.close());
    const alice = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.owner.token), (c) => c.destroy());
    const bob = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.editor.token), (c) => c.destroy());
    alice.doc.getMap('meta').set('notes', 'a'.repeat(40 * 1024));
    await waitForSaved(alice);
    const reasons: string[] = [];
    (alice.socket.webSocket as unknown as WebSocket).once('close', (_code: number, reason: Buffer) => reasons.push(reason.toString()));

    alice.doc.getMap('meta').set('more notes', 'b'.repeat(40 * 1024));

    await waitFor(() => alice.closeCodes.includes(4413), 'closed with 4413');
    alice.destroy(); // its provider would keep offering the oversized change
    expect(reasons).toEqual(['document too large']);
    const placed = addModule(bob.doc, { catalogId: 'test-vco', widthHp: 10 });
    await waitForSaved(bob);
    expect(bob.doc.getMap('meta').get('more notes')).toBeUndefined();
    const stored = await storedRoom(db, rack.documentName);
    expect(stored.getMap('meta').get('more notes')).toBeUndefined();
    expect(stored.getMap('meta').get('notes')).toHaveLength(40 * 1024);
    expect(listModules(stored)).toEqual([placed]);
  });

  it('the document size limit also holds for an update sent before its room was loaded', async () => {
    const rack = await makeTestRack(db);
    const server = cleanup.add(await startCollab(db, { maxDocumentBytes: 64 * 1024 }), (s) => s.close());
    const raw = cleanup.add(new WebSocket(server.url), (s) => s.terminate());
    await new Promise((resolve) => raw.once('open', resolve));
    const closed = new Promise<[number, string]>((resolve) =>
      raw.once('close', (code: number, reason: Buffer) => resolve([code, reason.toString()])),
    );
    const big = new Y.Doc();
    big.getMap('meta').set('notes', 'x'.repeat(70 * 1024));

    // Both frames at once: the update waits in Hocuspocus' queue while the room loads.
    raw.send(authFrame(rack.documentName, rack.owner.token));
    raw.send(syncUpdateFrame(Y.encodeStateAsUpdate(big), rack.documentName));

    expect(await closed).toEqual([4413, 'document too large']);
    const reader = cleanup.add(await openSyncedClient(server.url, rack.documentName, rack.editor.token), (c) => c.destroy());
    expect(reader.doc.getMap('meta').get('notes')).toBeUndefined();
    expect((await storedRoom(db, rack.documentName)).getMap('meta').get('notes')).toBeUndefined();
  });
});

/** A Hocuspocus authentication frame, as a provider sends it first. */
function authFrame(documentName: string, token: string): Uint8Array {
  const name = new TextEncoder().encode(documentName);
  const secret = new TextEncoder().encode(token);
  return new Uint8Array([...varUint(name.length), ...name, 2, 0, ...varUint(secret.length), ...secret]);
}

/** A Hocuspocus sync/update frame for rack:x with the given (possibly broken) Yjs update. */
function syncUpdateFrame(update: Uint8Array, documentName = 'rack:x'): Uint8Array {
  const name = new TextEncoder().encode(documentName);
  return new Uint8Array([name.length, ...name, 0, 2, ...varUint(update.length), ...update]);
}

function varUint(value: number): number[] {
  const bytes: number[] = [];
  while (value > 0x7f) {
    bytes.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 128);
  }
  bytes.push(value);
  return bytes;
}

/** A real rack edit, cut short. */
function truncatedUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('modules').set('m1', { catalogId: 'test-vco', row: 0, hp: 0, widthHp: 10 });
  const update = Y.encodeStateAsUpdate(doc);
  return update.slice(0, update.length - 6);
}
