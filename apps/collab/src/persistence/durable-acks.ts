import {
  isTransactionOrigin,
  type afterHandleMessagePayload,
  type beforeHandleMessagePayload,
  type Connection,
  type Extension,
  type onChangePayload,
} from '@hocuspocus/server';
import type { Logger } from 'pino';
import type { RoomSizes } from '../rooms/room-size.ts';
import { CLOSE, type CloseReason } from '../transport/close-reasons.ts';
import { readSyncStatus, updateOfFrame } from '../transport/frames.ts';
import type { RoomLog } from './room-log.ts';

// "No acknowledged edit is ever lost". Hocuspocus applies a client's update, broadcasts it to
// everyone else at once, and answers the sender with a SyncStatus message (the provider's
// acknowledgement). We let the first two happen untouched and hold only the acknowledgement:
// the update the client sent is appended to the log, and the SyncStatus goes out once the
// room's log has committed it and everything before it. Acknowledgements leave in order.
//
// The update appended is the one the client sent (read from its frame), not the change it
// made: an update whose dependencies haven't arrived yet changes nothing now, yet the client
// is told it is saved. It is appended only when Hocuspocus says "applied" — never for a
// read-only connection, never for a frame that failed to apply — so the log never holds an
// update the room refused.
//
// With several processes, an update that arrives through Redis is appended here as well. Its
// author's process appends it too, but may die before committing; the author then reconnects
// here, finds nothing this room lacks, and would be acknowledged at once — for an update only
// this process's memory holds. Appended here, it is part of what every later acknowledgement of
// the room waits for. Logging it twice is harmless: Yjs applies an update once.

interface Refusal {
  (connection: Connection, why: CloseReason): void;
}

/** Per connection: the update being handled and the acknowledgements held back. */
class AckGate {
  /** Set between beforeHandleMessage and afterHandleMessage of an update-carrying frame. */
  current: Uint8Array | null = null;
  private readonly held: { message: Uint8Array; ready: boolean }[] = [];

  constructor(
    private readonly documentName: string,
    private readonly roomLog: RoomLog,
    private readonly send: (message: Uint8Array) => void,
    private readonly onRefusedUpdate: () => void,
  ) {}

  /** Every message Hocuspocus sends on this connection passes here first. */
  outgoing(message: Uint8Array): void {
    const status = readSyncStatus(message);
    if (!status) {
      this.send(message);
      return;
    }
    if (status.applied && this.current) {
      // Failures surface through the room's settled promise; the log retries until it commits.
      this.roomLog.append(this.documentName, this.current).catch(() => undefined);
      this.current = null;
    }
    if (!status.applied) this.onRefusedUpdate();
    const settled = status.applied ? this.roomLog.settled(this.documentName) : null;
    if (!settled && this.held.length === 0) {
      this.send(message);
      return;
    }
    const entry = { message, ready: !settled };
    this.held.push(entry);
    if (!settled) return;
    void settled.then((committed) => {
      // Never committed (the log was closed on shutdown): the client is never told it was saved.
      if (!committed) return;
      entry.ready = true;
      this.release();
    });
  }

  private release(): void {
    while (this.held[0]?.ready) this.send(this.held.shift()!.message);
  }
}

export function durableAcks(
  roomLog: RoomLog,
  sizes: RoomSizes,
  refuse: Refusal,
  onRefusedUpdate: () => void,
  logger: Logger,
): Extension {
  const gates = new WeakMap<Connection, AckGate>();

  function gateOf(connection: Connection): AckGate {
    const existing = gates.get(connection);
    if (existing) return existing;
    const send = connection.send.bind(connection);
    const created = new AckGate(connection.document.name, roomLog, send, onRefusedUpdate);
    // Hocuspocus sends through this method whether or not the socket is still open, so even a
    // frame applied after its socket closed is appended (nothing in memory misses the log).
    connection.send = (message: Uint8Array) => created.outgoing(message);
    gates.set(connection, created);
    return created;
  }

  return {
    extensionName: 'patchroom-durable-acks',

    async beforeHandleMessage({ connection, update: frame, document }: beforeHandleMessagePayload): Promise<void> {
      const gate = gateOf(connection);
      const update = updateOfFrame(frame);
      gate.current = null;
      if (!update || isEmptyUpdate(update) || connection.readOnly) return;
      // The socket layer checks this too, before Hocuspocus queues a frame; frames queued while
      // the room was loading are only checked here.
      if (sizes.wouldExceed(document, update.byteLength)) {
        logger.warn({ documentName: document.name, bytes: update.byteLength }, 'update refused: document too large');
        refuse(connection, CLOSE.documentTooLarge);
        // Stops Hocuspocus from applying the frame; it closes this document connection.
        throw Object.assign(new Error(''), { code: CLOSE.documentTooLarge.code, reason: CLOSE.documentTooLarge.reason });
      }
      gate.current = update;
    },

    async afterHandleMessage({ connection }: afterHandleMessagePayload): Promise<void> {
      const gate = gates.get(connection);
      if (gate) gate.current = null;
    },

    async onChange({ documentName, update, transactionOrigin }: onChangePayload): Promise<void> {
      if (!isTransactionOrigin(transactionOrigin) || transactionOrigin.source !== 'redis') return;
      roomLog.append(documentName, update).catch(() => undefined);
    },
  };
}

/** A sync step 2 from a client that has nothing the server lacks: no structs, no deletions. */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}
