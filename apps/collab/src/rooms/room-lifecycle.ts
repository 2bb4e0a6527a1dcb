import type {
  Extension,
  LocalTransactionOrigin,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from '@hocuspocus/server';
import type { Database } from '@patchroom/db';
import { readCaseId } from '@patchroom/doc-model';
import type { Logger } from 'pino';
import { saveAutomaticCheckpoint } from '../persistence/checkpoints.ts';
import { applyStoredState, loadStoredState, storeDocument } from '../persistence/document-store.ts';
import { rackIdOf } from './names.ts';
import { needsSetUp, rackCaseOf, setUp } from './new-room.ts';
import { RoomRefusal } from './refusal.ts';
import type { RoomSizes } from './room-size.ts';

// Stored state merged in during a compaction is already durable: it must not schedule another.
const FROM_STORAGE: LocalTransactionOrigin = { source: 'local', skipStoreHooks: true };

export interface LifecycleEvents {
  compacted(documentName: string, folded: number): void;
  compactionFailed(documentName: string): void;
}

/**
 * Loads a room from the database (snapshot + logged tail; new rooms get their rack's case, older
 * ones are migrated to the current schema, both under the room's lock) and
 * compacts it: Hocuspocus' "store" is our compaction, run when the log has grown, some time
 * after a change, when the last client leaves, and on shutdown. Every change is already in the
 * log by then (see durable-acks.ts); a compaction only folds it into a snapshot.
 *
 * A room that fails to load is refused: Hocuspocus then drops the half-built document, so it
 * is never served empty and never stored over the saved one.
 */
export function roomLifecycle(
  db: Database,
  sizes: RoomSizes,
  events: LifecycleEvents,
  logger: Logger,
  /** Minimum time between two automatic checkpoints of a room (saved at compactions that fold changes). */
  checkpointEveryMs: number,
): Extension {
  return {
    extensionName: 'patchroom-room-lifecycle',

    async onLoadDocument({ documentName, document }: onLoadDocumentPayload): Promise<void> {
      const rackId = rackIdOf(documentName);
      if (!rackId) throw new RoomRefusal('not-a-rack-room');
      try {
        const stored = await loadStoredState(db, documentName);
        applyStoredState(document, stored.updates);
        sizes.track(document, stored.bytes);
        if (needsSetUp(document)) {
          const rackCase = readCaseId(document) === null ? await rackCaseOf(db, rackId) : null;
          let outcome: ReturnType<typeof setUp> | undefined;
          // Under the room's lock, after merging what another process may have stored meanwhile;
          // saved at once, so every later load (on any process) starts from the same state.
          await storeDocument(
            db,
            documentName,
            document,
            (missing) => applyStoredState(document, missing),
            () => (outcome = setUp(document, rackCase)),
          );
          if (outcome?.initialised) logger.info({ documentName }, 'new room set up');
          if (outcome && outcome.migrated.from !== outcome.migrated.to) {
            logger.info({ documentName, ...outcome.migrated }, 'room migrated to the current schema');
          }
        }
      } catch (error) {
        logger.error({ documentName, err: error }, 'room failed to load; refusing it');
        throw error instanceof RoomRefusal ? error : new RoomRefusal('room-unavailable');
      }
    },

    async onStoreDocument({ documentName, document }: onStoreDocumentPayload): Promise<void> {
      try {
        const rackId = rackIdOf(documentName);
        const compaction = await storeDocument(
          db,
          documentName,
          document,
          (missing) => applyStoredState(document, missing, FROM_STORAGE),
          undefined,
          async (query, state, folded) => {
            if (rackId && folded > 0 && (await saveAutomaticCheckpoint(query, rackId, state, checkpointEveryMs))) {
              logger.info({ documentName }, 'automatic checkpoint saved');
            }
          },
        );
        sizes.measured(document, compaction.bytes);
        events.compacted(documentName, compaction.folded);
        logger.info({ documentName, folded: compaction.folded, bytes: compaction.bytes }, 'room compacted');
      } catch (error) {
        // Hocuspocus keeps the room in memory and compacts again with the next change or close.
        // Nothing is at risk meanwhile: every change is in the log.
        events.compactionFailed(documentName);
        logger.error({ documentName, err: error }, 'room could not be compacted');
        throw error;
      }
    },
  };
}
