import type {
  Extension,
  LocalTransactionOrigin,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from '@hocuspocus/server';
import type { Database } from '@patchroom/db';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { loadStoredState, storeDocument } from '../persistence/document-store.ts';
import { rackIdOf } from './names.ts';
import { initialiseIfNew } from './new-room.ts';
import { RoomRefusal } from './refusal.ts';

// Stored state merged in during a store is already durable: it must not schedule another store.
const FROM_STORAGE: LocalTransactionOrigin = { source: 'local', skipStoreHooks: true };

/**
 * Loads a room from the database (setting up new rooms from their rack's case) and stores it
 * back. A room that fails to load is refused: Hocuspocus then drops the half-built document,
 * so it is never served empty and never stored over the saved one.
 */
export function roomLifecycle(db: Database, logger: Logger): Extension {
  return {
    extensionName: 'patchroom-room-lifecycle',

    async onLoadDocument({ documentName, document }: onLoadDocumentPayload): Promise<void> {
      const rackId = rackIdOf(documentName);
      if (!rackId) throw new RoomRefusal('not-a-rack-room');
      try {
        for (const update of await loadStoredState(db, documentName)) Y.applyUpdate(document, update);
        if (await initialiseIfNew(db, document, rackId)) {
          // Saved at once so every later load (on any instance) starts from the same case.
          await storeDocument(db, documentName, document, (update) => Y.applyUpdate(document, update));
          logger.info({ documentName }, 'new room initialised');
        }
      } catch (error) {
        logger.error({ documentName, err: error }, 'room failed to load; refusing it');
        throw error instanceof RoomRefusal ? error : new RoomRefusal('room-unavailable');
      }
    },

    async onStoreDocument({ documentName, document }: onStoreDocumentPayload): Promise<void> {
      try {
        await storeDocument(db, documentName, document, (update) =>
          Y.applyUpdate(document, update, FROM_STORAGE),
        );
        logger.debug({ documentName }, 'room stored');
      } catch (error) {
        // Hocuspocus keeps the document in memory and retries with the next change or close.
        logger.error({ documentName, err: error }, 'room could not be stored');
        throw error;
      }
    },
  };
}
