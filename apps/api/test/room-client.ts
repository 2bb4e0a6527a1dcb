import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';

/** A collaborator connected to a live room over a real WebSocket, as the browser is. */
export interface RoomClient {
  doc: Y.Doc;
  synced: Promise<void>;
  close(): void;
}

export function joinRoom(serverUrl: string, rackId: string, sessionToken: string): RoomClient {
  const socket = new HocuspocusProviderWebsocket({ url: `${serverUrl.replace(/^http/, 'ws')}/collab`, WebSocketPolyfill: WebSocket, minDelay: 50, maxDelay: 500 });
  const doc = new Y.Doc();
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: `rack:${rackId}`, document: doc, token: sessionToken });
  const synced = new Promise<void>((resolve, reject) => {
    provider.on('synced', () => resolve());
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => reject(new Error(`refused: ${reason}`)));
  });
  provider.attach();
  return {
    doc,
    synced,
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
