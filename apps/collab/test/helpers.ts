import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type { Database } from '@patchroom/db';
import { makeRack, makeUser, type TestUser } from '@patchroom/db/testing';
import { pino } from 'pino';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { documentNameOf, type CollabOptions } from '../src/index.ts';
import { killHard, runCollabProcess, serveCollabOnLoopback, type CollabProcess, type RunningCollab } from '../src/testing.ts';

/** Quiet by default; LOG_LEVEL=debug shows the collab's logs while debugging a test. */
export const testLogger = pino({ level: process.env.LOG_LEVEL ?? 'silent' });

/** Things to close after each test, newest first. */
export class Cleanup {
  private readonly steps: (() => unknown)[] = [];

  add<T>(value: T, close: (value: T) => unknown): T {
    this.steps.push(() => close(value));
    return value;
  }

  async run(): Promise<void> {
    while (this.steps.length > 0) {
      const step = this.steps.pop()!;
      await step();
    }
  }
}

export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export type { RunningCollab };

/** A standalone collab process (src/main.ts, as the scaled deployment runs it), killed by `cleanup`. */
export async function startCollabProcess(
  cleanup: Cleanup,
  options: { name: string; databaseUrl: string; redisUrl: string },
): Promise<{ collab: CollabProcess; url: string }> {
  const { name, databaseUrl, redisUrl } = options;
  const collab = runCollabProcess({ PORT: '0', DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, COLLAB_INSTANCE: name, LOG_LEVEL: 'info' });
  cleanup.add(collab, (c) => killHard(c));
  return { collab, url: `ws://127.0.0.1:${await collab.port()}/collab` };
}

/** A collab mounted on its own HTTP server (ephemeral port), like the api and main.ts do. */
export function startCollab(db: Database, options: Partial<CollabOptions> = {}): Promise<RunningCollab> {
  return serveCollabOnLoopback({ db, logger: testLogger, ...options });
}

export type AuthOutcome = { admitted: true; scope: string } | { admitted: false; reason: string };

export interface TestClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  /** How the server answered the first authentication. */
  outcome: Promise<AuthOutcome>;
  /** Close codes of the WebSocket, in order. */
  closeCodes: number[];
  /** Every refusal reason the server sent (also after a first "authenticated"). */
  refusals: string[];
  /** How many of its document updates the server answered "not applied" (read-only). */
  refusedUpdates(): number;
  destroy(): void;
}

export interface ClientOptions {
  /** Sent with the upgrade request, as a browser sends its cookies. */
  headers?: Record<string, string>;
  /** The replica to sync (a client moving to another server keeps its document). Default: new. */
  doc?: Y.Doc;
}

/** A real browser-like client: Hocuspocus provider over `ws`. */
export function openClient(url: string, documentName: string, token: string, options: ClientOptions = {}): TestClient {
  const { headers } = options;
  // A socket destroyed while still connecting emits 'error' ("closed before the connection was
  // established"); the provider only listens for 'close', so without a listener the error would
  // be uncaught. The close that follows is what the tests observe.
  const WebSocketPolyfill = class extends WebSocket {
    constructor(address: string) {
      super(address, headers ? { headers } : {});
      this.on('error', () => undefined);
    }
  };
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill, delay: 100, minDelay: 50, maxDelay: 500 });
  const doc = options.doc ?? new Y.Doc();
  const closeCodes: number[] = [];
  socket.on('close', ({ event }: { event: { code: number } }) => closeCodes.push(event.code));
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: documentName, document: doc, token });
  let refused = 0;
  const refusals: string[] = [];
  provider.on('authenticationFailed', ({ reason }: { reason: string }) => refusals.push(reason));
  provider.on('message', ({ event }: { event: MessageEvent }) => {
    if (isRefusedSyncStatus(new Uint8Array(event.data as ArrayBuffer))) refused += 1;
  });
  const outcome = new Promise<AuthOutcome>((resolve) => {
    provider.on('authenticated', ({ scope }: { scope: string }) => resolve({ admitted: true, scope }));
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => resolve({ admitted: false, reason }));
  });
  provider.attach();
  return {
    doc,
    provider,
    socket,
    outcome,
    closeCodes,
    refusals,
    refusedUpdates: () => refused,
    destroy() {
      provider.destroy();
      socket.destroy();
    },
  };
}

const SYNC_STATUS = 8;

/** A Hocuspocus SyncStatus message saying "your update was not applied". */
function isRefusedSyncStatus(data: Uint8Array): boolean {
  let position = 0;
  const uint = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = data[position++] ?? 0;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  };
  const nameLength = uint();
  position += nameLength; // skip the document name
  return uint() === SYNC_STATUS && data[position] === 0;
}

/** Opens a client and waits until it holds the room's stored state. */
export async function openSyncedClient(
  url: string,
  documentName: string,
  token: string,
  options: ClientOptions = {},
): Promise<TestClient> {
  const client = openClient(url, documentName, token, options);
  const outcome = await client.outcome;
  if (!outcome.admitted) {
    client.destroy();
    throw new Error(`client refused: ${outcome.reason}`);
  }
  await waitFor(() => client.provider.isSynced, `${documentName} synced`);
  return client;
}

/** Waits until the server has acknowledged every local change of the client. */
export function waitForSaved(client: TestClient, timeoutMs?: number): Promise<void> {
  return waitFor(() => client.provider.isSynced && !client.provider.hasUnsyncedChanges, 'changes acknowledged', timeoutMs);
}

/** Counts rows in the update log of a room (logged, not yet folded into its snapshot). */
export async function loggedUpdates(db: Database, documentName: string): Promise<number> {
  const [row] = await db.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM document_updates WHERE document_name = $1',
    [documentName],
  );
  return row?.count ?? 0;
}

/** A metric's value in Prometheus text (the first sample whose name and labels start so). */
export function metricValue(text: string, sample: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `) || l.startsWith(`${sample}{`));
  if (!line) throw new Error(`no metric ${sample} in:\n${text}`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

export interface TestRack {
  rackId: string;
  caseId: string;
  documentName: string;
  owner: TestUser;
  editor: TestUser;
  viewer: TestUser;
  outsider: TestUser;
}

/** A rack in the first catalog case with an owner, an editor, a viewer and a non-member. */
export async function makeTestRack(db: Database): Promise<TestRack> {
  const [owner, editor, viewer, outsider] = await Promise.all([makeUser(db), makeUser(db), makeUser(db), makeUser(db)]);
  const rack = await makeRack(db, owner.user.id, [
    { userId: editor.user.id, role: 'editor' },
    { userId: viewer.user.id, role: 'viewer' },
  ]);
  return { rackId: rack.id, caseId: rack.caseId, documentName: documentNameOf(rack.id), owner, editor, viewer, outsider };
}

/** The room as stored in the database right now (snapshot plus any logged updates). */
export async function storedRoom(db: Database, documentName: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const [snapshot] = await db.query<{ state: Uint8Array }>(
    'SELECT state FROM document_snapshots WHERE document_name = $1',
    [documentName],
  );
  if (snapshot) Y.applyUpdate(doc, new Uint8Array(snapshot.state));
  const updates = await db.query<{ update: Uint8Array }>(
    'SELECT update FROM document_updates WHERE document_name = $1 ORDER BY id',
    [documentName],
  );
  for (const { update } of updates) Y.applyUpdate(doc, new Uint8Array(update));
  return doc;
}
