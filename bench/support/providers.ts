// Browser-like clients: the real HocuspocusProvider over `ws`, one socket each.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';

export interface ProviderClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Resolves with the milliseconds from attach to synced; rejects when the server refuses. */
  synced: Promise<number>;
  destroy(): void;
}

export interface ProviderOptions {
  /** Share presence like a browser tab does (default), or not at all (pure edit traffic). */
  awareness?: boolean;
}

export function openProvider(url: string, documentName: string, token: string, options: ProviderOptions = {}): ProviderClient {
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket, delay: 100, minDelay: 100, maxDelay: 1_000 });
  const doc = new Y.Doc();
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: documentName,
    document: doc,
    token,
    ...(options.awareness === false ? { awareness: null } : {}),
  });
  const startedAt = performance.now();
  const synced = new Promise<number>((resolve, reject) => {
    provider.on('synced', () => resolve(performance.now() - startedAt));
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => reject(new Error(`refused: ${reason}`)));
  });
  synced.catch(() => undefined);
  provider.attach();
  return {
    doc,
    provider,
    synced,
    destroy() {
      provider.destroy();
      socket.destroy();
    },
  };
}
