import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Hocuspocus, type Connection, type Document, type Extension } from '@hocuspocus/server';
import type { Database } from '@patchroom/db';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { AccessWatch } from './access/access-changes.ts';
import { heldTransport } from './access/held-transport.ts';
import { roomAccess } from './access/room-access.ts';
import { timeServer } from './clock/time-server.ts';
import { CollabMetrics } from './observability/metrics.ts';
import { DEFAULT_CHECKPOINT_EVERY_MS } from './persistence/checkpoints.ts';
import { durableAcks } from './persistence/durable-acks.ts';
import { RoomLog } from './persistence/room-log.ts';
import { UpdateLog } from './persistence/update-log.ts';
import { documentNameOf } from './rooms/names.ts';
import { RoomRefusal } from './rooms/refusal.ts';
import { roomLifecycle } from './rooms/room-lifecycle.ts';
import { RoomSizes } from './rooms/room-size.ts';
import { redisScaling } from './scaling/redis.ts';
import { CLOSE, type CloseReason } from './transport/close-reasons.ts';
import { roomSockets } from './transport/sockets.ts';

export interface CollabOptions {
  db: Database;
  /** With a URL, rooms are shared with every other collab process on the same Redis. */
  redisUrl?: string;
  logger: Logger;
  instanceName?: string;
  /** Larger WebSocket messages close the socket (1009). Default 2 MB. */
  maxMessageBytes?: number;
  /** An update that would take a room's encoded state past this is refused. Default 10 MB. */
  maxDocumentBytes?: number;
  /** Per connection: sustained messages per second and burst (token bucket). Default 200 / 400. */
  messagesPerSecond?: number;
  messageBurst?: number;
  /** Compact a room once this many of its updates are logged. Default 500. */
  compactAfterUpdates?: number;
  /** Compact a room at most this long after its first change since the last compaction. Default 30 s. */
  compactAfterMs?: number;
  /** Updates waiting for the log past which writes are refused (database down). Default 20,000. */
  maxQueuedUpdates?: number;
  /** Minimum time between two automatic checkpoints (version history) of a room. Default 10 min. */
  checkpointEveryMs?: number;
}

export interface Collab {
  hocuspocus: Hocuspocus;
  /**
   * Call from an http server's 'upgrade' event for requests under /collab. Optional: an api
   * process of the scaled deployment creates its collab with `redisUrl` and never calls this;
   * it then serves no sockets and only makes server-side edits (withRoom), which reach the
   * collab processes' clients through Redis.
   */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /**
   * Server-side edits (used by the api): opens the room, runs fn inside one transaction, and
   * resolves once the change is in the durable log (and on its way to every client).
   */
  withRoom<T>(rackId: string, fn: (doc: Y.Doc) => T): Promise<T>;
  /** Prometheus text format: rooms, connections, appends, latencies, compactions, refusals. */
  metricsText(): Promise<string>;
  /** Graceful: refuses new sockets, closes open ones, commits the log, compacts every room. */
  close(): Promise<void>;
}

const DEFAULT_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
const DEFAULT_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
// A room loads as its snapshot plus the log since: a shorter tail loads faster (a 250-row tail
// of a 90 KB rack takes about 10 ms to merge in here), at the price of writing snapshots more often.
const DEFAULT_COMPACT_AFTER_UPDATES = 250;
const DEFAULT_COMPACT_AFTER_MS = 30_000;
/** How long close() waits for the log and the rooms before giving up on them (and saying so). */
const STORE_ON_CLOSE_TIMEOUT_MS = 15_000;

export async function createCollab(options: CollabOptions): Promise<Collab> {
  const { db } = options;
  const instanceName = options.instanceName ?? 'collab';
  const logger = options.logger.child({ component: 'collab', instance: instanceName });
  const compactAfterMs = options.compactAfterMs ?? DEFAULT_COMPACT_AFTER_MS;

  // The metric gauges and the log callbacks only read these once everything below exists.
  let socketCount = () => 0;
  const metrics = new CollabMetrics({
    rooms: () => hocuspocus.getDocumentsCount(),
    connections: () => socketCount(),
    unfoldedUpdates: () => roomLog.unfoldedUpdates,
    queuedUpdates: () => roomLog.queued,
    loggedUpdatesOfOpenRooms: () => loggedUpdatesOf(db, [...hocuspocus.documents.keys()]),
  });
  const updateLog = new UpdateLog(db, logger.child({ part: 'log' }), {
    maxQueued: options.maxQueuedUpdates,
    onCommitted: ({ rooms, size, latenciesMs }) => {
      metrics.committed(size, latenciesMs);
      roomLog.committed(rooms);
    },
    onFailure: () => metrics.appendFailures.inc(),
  });
  const roomLog = new RoomLog(updateLog, options.compactAfterUpdates ?? DEFAULT_COMPACT_AFTER_UPDATES, (name) =>
    compactNow(hocuspocus, name),
  );
  const sizes = new RoomSizes(options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES);

  const closeConnection = (connection: Connection, why: CloseReason) => {
    metrics.rejected(why.metric);
    connection.webSocket.close(why.code, why.reason);
  };
  const access = new AccessWatch(db, () => hocuspocus.documents, logger.child({ part: 'access' }), closeConnection);
  const extensions: Extension[] = [
    roomAccess(db, access, logger, (reason) => metrics.refusedJoins.inc({ reason })),
    roomLifecycle(
      db,
      sizes,
      {
        compacted: (name, folded) => {
          roomLog.folded(name, folded);
          metrics.compactions.inc({ outcome: 'done' });
        },
        compactionFailed: () => metrics.compactions.inc({ outcome: 'failed' }),
      },
      logger,
      options.checkpointEveryMs ?? DEFAULT_CHECKPOINT_EVERY_MS,
    ),
    heldTransport(logger.child({ part: 'workshop' })),
    durableAcks(roomLog, sizes, closeConnection, () => metrics.rejected('read-only'), logger),
    // Clock pings (stateless messages) answered with this process's clock: the shared clock.
    timeServer(),
  ];
  if (options.redisUrl) extensions.push(redisScaling(options.redisUrl, instanceName, logger));
  const hocuspocus = new Hocuspocus({
    name: instanceName,
    quiet: true,
    // Compaction by time: a few seconds after editing pauses, at most compactAfterMs after the
    // first change. (By count: RoomLog. Durability never waits for it: the log has every change.)
    debounce: Math.min(5_000, compactAfterMs),
    maxDebounce: compactAfterMs,
    extensions,
  });

  const sockets = roomSockets(hocuspocus, logger, {
    maxMessageBytes: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    messagesPerSecond: options.messagesPerSecond ?? 200,
    messageBurst: options.messageBurst ?? 400,
    refuseUpdate(documentName, update) {
      if (roomLog.overloaded) return CLOSE.storageUnavailable;
      const document = hocuspocus.documents.get(documentName);
      if (document && sizes.wouldExceed(document, update.byteLength)) return CLOSE.documentTooLarge;
      return null;
    },
    onClosed: (why) => metrics.rejected(why.metric),
  });
  socketCount = () => sockets.count;
  await access.start();
  logger.info({ redis: Boolean(options.redisUrl) }, 'collab ready');

  let closed: Promise<void> | undefined;
  return {
    hocuspocus,
    handleUpgrade: sockets.handleUpgrade,
    withRoom: (rackId, fn) => withRoom(hocuspocus, roomLog, rackId, fn),
    metricsText: () => metrics.text(),
    close() {
      closed ??= shutDown(hocuspocus, { sockets, updateLog, access }, logger);
      return closed;
    },
  };
}

async function loggedUpdatesOf(db: Database, documentNames: string[]): Promise<number> {
  if (documentNames.length === 0) return 0;
  const [row] = await db.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM document_updates WHERE document_name = ANY($1::text[])',
    [documentNames],
  );
  return row?.count ?? 0;
}

/** Compacts a room now (its log reached the threshold), if this process has it open. */
function compactNow(hocuspocus: Hocuspocus, documentName: string): void {
  const document = hocuspocus.documents.get(documentName);
  if (document) void storeNow(hocuspocus, document);
}

function storeNow(hocuspocus: Hocuspocus, document: Document): Promise<unknown> {
  return hocuspocus.storeDocumentHooks(
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

async function withRoom<T>(hocuspocus: Hocuspocus, roomLog: RoomLog, rackId: string, fn: (doc: Y.Doc) => T): Promise<T> {
  const documentName = documentNameOf(rackId);
  if (roomLog.overloaded) throw new RoomRefusal('storage-unavailable');
  const connection = await hocuspocus.openDirectConnection(documentName, { server: true });
  const document = connection.document!;
  const changes: Uint8Array[] = [];
  const collect = (update: Uint8Array) => changes.push(update);
  try {
    let result: T | undefined;
    document.on('update', collect);
    try {
      await connection.transact((doc) => {
        result = fn(doc);
      });
    } finally {
      // Whatever fn changed before a throw is in the room now: it must reach the log too.
      document.off('update', collect);
      if (changes.length > 0) roomLog.append(documentName, Y.mergeUpdates(changes)).catch(() => undefined);
    }
    const settled = roomLog.settled(documentName);
    if (settled && !(await settled)) throw new RoomRefusal('storage-unavailable');
    return result as T;
  } finally {
    // The room stays warm for a while (further edits reuse it) and is compacted and unloaded
    // by the usual debounce; nothing waits on that, the log already has the change.
    await connection.disconnect({ unloadImmediately: false });
  }
}

interface Parts {
  sockets: { close(): Promise<void> };
  updateLog: UpdateLog;
  access: AccessWatch;
}

async function shutDown(hocuspocus: Hocuspocus, parts: Parts, logger: Logger): Promise<void> {
  const deadline = Date.now() + STORE_ON_CLOSE_TIMEOUT_MS;
  await parts.access.stop().catch((error: unknown) => logger.warn({ err: error }, 'could not stop access notifications'));
  await parts.sockets.close();
  await Promise.allSettled(hocuspocus.loadingDocuments.values());
  // Compact every room still open now: rooms with clients that just left, rooms opened only
  // by server-side edits, and rooms whose last compaction failed (Hocuspocus keeps those).
  for (const document of hocuspocus.documents.values()) void storeNow(hocuspocus, document);
  const unsaved = await waitForRoomsUnloaded(hocuspocus, deadline);
  if (!(await parts.updateLog.flush(Math.max(0, deadline - Date.now())))) {
    logger.error({ updates: parts.updateLog.length }, 'closing with updates the log could not commit');
  }
  parts.updateLog.close();
  if (unsaved.length > 0) logger.error({ rooms: unsaved }, 'closing with rooms that could not be compacted');
  await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
  logger.info('collab closed');
}

/** Hocuspocus unloads a room once it is compacted and nobody is connected. */
async function waitForRoomsUnloaded(hocuspocus: Hocuspocus, deadline: number): Promise<string[]> {
  while (hocuspocus.getDocumentsCount() > 0 || hocuspocus.loadingDocuments.size > 0) {
    if (Date.now() > deadline) return [...hocuspocus.documents.keys()];
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return [];
}
