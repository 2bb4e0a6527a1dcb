import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';

/** `ws` emits 'error' when closed while connecting; the provider only listens for 'close'. */
class QuietWebSocket extends WebSocket {
  constructor(address: string) {
    super(address);
    this.on('error', () => undefined);
  }
}
import * as Y from 'yjs';

/** A collaborator connected to a live room over a real WebSocket, as the browser is. */
export interface RoomClient {
  doc: Y.Doc;
  synced: Promise<void>;
  /** WebSocket close codes, in order (e.g. 4403 when access was revoked). */
  closeCodes: number[];
  /** Refusal reasons the server gave on (re)joining. */
  refusals: string[];
  close(): void;
}

export function joinRoom(serverUrl: string, rackId: string, sessionToken: string): RoomClient {
  const socket = new HocuspocusProviderWebsocket({ url: `${serverUrl.replace(/^http/, 'ws')}/collab`, WebSocketPolyfill: QuietWebSocket, minDelay: 50, maxDelay: 500 });
  const doc = new Y.Doc();
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: `rack:${rackId}`, document: doc, token: sessionToken });
  const closeCodes: number[] = [];
  const refusals: string[] = [];
  socket.on('close', ({ event }: { event: { code: number } }) => closeCodes.push(event.code));
  provider.on('authenticationFailed', ({ reason }: { reason: string }) => refusals.push(reason));
  const synced = new Promise<void>((resolve, reject) => {
    provider.on('synced', () => resolve());
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => reject(new Error(`refused: ${reason}`)));
  });
  provider.attach();
  return {
    doc,
    synced,
    closeCodes,
    refusals,
    close() {
      provider.destroy();
      socket.destroy();
    },
  };
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
