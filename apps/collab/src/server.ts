import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import type { Database } from '@patchroom/db';
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import { roomAccess } from './access/room-access.ts';
import { documentNameOf } from './rooms/names.ts';
import { roomLifecycle } from './rooms/room-lifecycle.ts';
import { redisScaling } from './scaling/redis.ts';
import { roomSockets } from './transport/sockets.ts';

export interface CollabOptions {
  db: Database;
  /** With a URL, rooms are shared with every other collab process on the same Redis. */
  redisUrl?: string;
  logger: Logger;
  instanceName?: string;
  /** Larger WebSocket messages close the socket (1009). Default 2 MB. */
  maxMessageBytes?: number;
}

export interface Collab {
  hocuspocus: Hocuspocus;
  /** Call from an http server's 'upgrade' event for requests under /collab. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Server-side edits (used by the api): open the room, run fn inside a transaction, release. */
  withRoom<T>(rackId: string, fn: (doc: Y.Doc) => T): Promise<T>;
  /** Graceful: refuses new sockets, closes open ones, stores every open room. */
  close(): Promise<void>;
}

const DEFAULT_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
/** How long close() waits for rooms to be stored before giving up on them (and saying so). */
const STORE_ON_CLOSE_TIMEOUT_MS = 15_000;

export async function createCollab(options: CollabOptions): Promise<Collab> {
  const instanceName = options.instanceName ?? 'collab';
  const logger = options.logger.child({ component: 'collab', instance: instanceName });
  const extensions: Extension[] = [roomAccess(options.db, logger), roomLifecycle(options.db, logger)];
  if (options.redisUrl) extensions.push(redisScaling(options.redisUrl, instanceName));

  const hocuspocus = new Hocuspocus({
    name: instanceName,
    quiet: true,
    // Stores within ~1 s of a pause in editing and at least every 3 s while editing goes on.
    debounce: 1_000,
    maxDebounce: 3_000,
    extensions,
  });
  const sockets = roomSockets(hocuspocus, logger, options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES);
  logger.info({ redis: Boolean(options.redisUrl) }, 'collab ready');

  let closed: Promise<void> | undefined;
  return {
    hocuspocus,
    handleUpgrade: sockets.handleUpgrade,
    withRoom: (rackId, fn) => withRoom(hocuspocus, rackId, fn),
    close() {
      closed ??= shutDown(hocuspocus, sockets.close, logger);
      return closed;
    },
  };
}

async function withRoom<T>(hocuspocus: Hocuspocus, rackId: string, fn: (doc: Y.Doc) => T): Promise<T> {
  const connection = await hocuspocus.openDirectConnection(documentNameOf(rackId), { server: true });
  try {
    let result: T | undefined;
    await connection.transact((document) => {
      result = fn(document);
    });
    return result as T;
  } finally {
    // Stores the room now (and unloads it if no client has it open).
    await connection.disconnect();
  }
}

async function shutDown(hocuspocus: Hocuspocus, closeSockets: () => Promise<void>, logger: Logger): Promise<void> {
  await closeSockets();
  await Promise.allSettled(hocuspocus.loadingDocuments.values());
  // Store every room still open now: debounced stores, rooms opened only by server-side
  // edits, and rooms whose last store failed (Hocuspocus keeps those in memory).
  for (const document of hocuspocus.documents.values()) {
    void hocuspocus.storeDocumentHooks(
      document,
      {
        instance: hocuspocus,
        clientsCount: document.getConnectionsCount(),
        document,
        documentName: document.name,
        lastContext: {},
        lastTransactionOrigin: { source: 'local' },
      },
      true,
    );
  }
  const unsaved = await waitForRoomsUnloaded(hocuspocus, STORE_ON_CLOSE_TIMEOUT_MS);
  if (unsaved.length > 0) logger.error({ rooms: unsaved }, 'closing with rooms that could not be stored');
  await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
  logger.info('collab closed');
}

/** Hocuspocus unloads a room once it is stored and nobody is connected. */
async function waitForRoomsUnloaded(hocuspocus: Hocuspocus, timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  while (hocuspocus.getDocumentsCount() > 0 || hocuspocus.loadingDocuments.size > 0) {
    if (Date.now() > deadline) return [...hocuspocus.documents.keys()];
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return [];
}
