import { newRandomId, type Query } from '@patchroom/db';

// Version history: the log is folded into one snapshot per room, so earlier states survive only
// as checkpoints (rack_checkpoints). People save named ones through the api; the collab saves an
// automatic one when it compacts a room that changed, at most one per room per interval.

export const AUTOMATIC_CHECKPOINT_NAME = 'Automatic checkpoint';
export const DEFAULT_CHECKPOINT_EVERY_MS = 10 * 60 * 1000;

/**
 * Saves `state` as the room's automatic checkpoint unless one was saved less than `everyMs` ago.
 * Runs inside the compaction's transaction, under the room's lock, so two processes compacting
 * the same room cannot both save one. A rack deleted meanwhile gets none.
 */
export async function saveAutomaticCheckpoint(query: Query, rackId: string, state: Uint8Array, everyMs: number): Promise<boolean> {
  const saved = await query<{ id: string }>(
    `INSERT INTO rack_checkpoints (id, rack_id, name, automatic, state)
     SELECT $1, $2, $3, true, $4
     WHERE EXISTS (SELECT 1 FROM racks WHERE id = $2)
       AND NOT EXISTS (
         SELECT 1 FROM rack_checkpoints
         WHERE rack_id = $2 AND automatic AND created_at > now() - $5::double precision * interval '1 millisecond')
     RETURNING id`,
    [newRandomId(), rackId, AUTOMATIC_CHECKPOINT_NAME, Buffer.from(state), everyMs],
  );
  return saved.length > 0;
}
