import type { afterHandleMessagePayload, beforeHandleMessagePayload, Connection, Extension } from '@hocuspocus/server';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { updateOfFrame } from '../transport/frames.ts';
import type { RoomContext } from './room-access.ts';

/** The rack document's top-level map holding the transport (see packages/doc-model). */
const TRANSPORT = 'transport';

/**
 * While a workshop's transport is held, only the teacher may change it. The transport lives in
 * the room's Yjs document, so an update from anyone else is tried on a scratch copy of the room
 * first; one that would change the transport (or that cannot be applied yet, so its effect is
 * unknown) is refused whole, exactly like a viewer's update: Hocuspocus answers "not applied"
 * and nobody receives it. Updates that leave the transport alone pass untouched.
 *
 * Counted with the read-only refusals. Must run before durableAcks (which skips read-only connections) in the extension list.
 */
export function heldTransport(logger: Logger): Extension {
  const refusing = new WeakSet<Connection>();
  return {
    extensionName: 'patchroom-held-transport',

    async beforeHandleMessage({ connection, update: frame, document }: beforeHandleMessagePayload): Promise<void> {
      const context = connection.context as RoomContext;
      const workshop = context.workshop;
      if (!workshop?.transportHeld || connection.readOnly || context.user?.id === workshop.teacherId) return;
      const update = updateOfFrame(frame);
      if (!update || !wouldChangeTransport(document, update)) return;
      logger.info({ documentName: document.name, userId: context.user?.id ?? null }, 'transport is held: update refused');
      refusing.add(connection);
      connection.readOnly = true;
    },

    async afterHandleMessage({ connection }: afterHandleMessagePayload): Promise<void> {
      if (!refusing.delete(connection)) return;
      // Back to what the lock says now (it may have changed while this message was handled).
      connection.readOnly = (connection.context as RoomContext).role === 'viewer';
    },
  };
}

/** Whether applying `update` to `room` would change its transport map. */
export function wouldChangeTransport(room: Y.Doc, update: Uint8Array): boolean {
  const scratch = new Y.Doc({ gc: false });
  try {
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(room));
    let changed = false;
    scratch.getMap(TRANSPORT).observe(() => {
      changed = true;
    });
    Y.applyUpdate(scratch, update);
    // Structs waiting for missing ones: their effect is unknown until those arrive, so no.
    return changed || scratch.store.pendingStructs !== null || scratch.store.pendingDs !== null;
  } finally {
    scratch.destroy();
  }
}
