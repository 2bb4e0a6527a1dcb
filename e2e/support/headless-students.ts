// Students without a browser: each joins the workshop as a guest through the api (as the join
// page does) and sits in the teacher's room with a Hocuspocus provider over `ws`, like a tab.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';

class QuietWebSocket extends WebSocket {
  constructor(address: string) {
    super(address);
    this.on('error', () => undefined);
  }
}

export interface HeadlessStudent {
  name: string;
  doc: Y.Doc;
  synced: Promise<void>;
  /** Updates the server answered "not applied". */
  refused(): number;
  /** What the server last said this connection may do (its workshop messages). */
  scope(): 'read-write' | 'readonly' | null;
  /** One line for a failing test's output. */
  describe(): string;
  close(): void;
}

/** Joins with a display name only; returns the guest's session token. */
async function joinAsGuest(baseUrl: string, code: string, displayName: string): Promise<{ token: string; rackId: string }> {
  const response = await fetch(`${baseUrl}/trpc/workshops.join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'patchroom' },
    body: JSON.stringify({ code, displayName }),
  });
  if (!response.ok) throw new Error(`join failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { result: { data: { rackId: string } } };
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('patchroom_session='));
  if (!cookie) throw new Error('join set no session cookie');
  return { token: decodeURIComponent(cookie.split(';')[0]!.split('=')[1]!), rackId: body.result.data.rackId };
}

export async function headlessStudent(baseUrl: string, code: string, name: string): Promise<HeadlessStudent> {
  const { token, rackId } = await joinAsGuest(baseUrl, code, name);
  const socket = new HocuspocusProviderWebsocket({ url: `${baseUrl.replace(/^http/, 'ws')}/collab`, WebSocketPolyfill: QuietWebSocket, minDelay: 100, maxDelay: 1_000 });
  const doc = new Y.Doc();
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: `rack:${rackId}`, document: doc, token });
  let refused = 0;
  let scope: 'read-write' | 'readonly' | null = null;
  provider.on('authenticated', ({ scope: given }: { scope: 'read-write' | 'readonly' }) => (scope = given));
  provider.on('stateless', ({ payload }: { payload: string }) => {
    const message = JSON.parse(payload) as { type?: string; scope?: 'read-write' | 'readonly' };
    if (message.type === 'patchroom:workshop' && message.scope) scope = message.scope;
  });
  provider.on('message', ({ event }: { event: MessageEvent }) => {
    if (isRefusedSyncStatus(new Uint8Array(event.data as ArrayBuffer))) refused += 1;
  });
  const synced = new Promise<void>((resolve, reject) => {
    provider.on('synced', () => resolve());
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => reject(new Error(`refused: ${reason}`)));
  });
  provider.attach();
  return {
    name,
    doc,
    synced,
    refused: () => refused,
    scope: () => scope,
    describe: () => `${name}: scope ${scope}, refused ${refused}, unsynced ${provider.unsyncedChanges}, status ${socket.status}`,
    close() {
      provider.destroy();
      socket.destroy();
    },
  };
}

/** A Hocuspocus SyncStatus message (type 8) whose flag says "not applied". */
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
  const nameLength = uint(); // (not `position += uint()`: that reads position before uint moves it)
  position += nameLength;
  return uint() === 8 && data[position] === 0;
}
