import { newRandomId, type Query } from '@patchroom/db';

// Version history: the log is folded into one snapshot per room, so earlier states survive only
// as checkpoints (rack_checkpoints). People save named ones through the api; the collab saves an
// automatic one when it compacts a room that changed, at most one per room per interval.
// Automatic ones are thinned as they age (a rack edited every day would otherwise keep ~50 full
// states a day forever): every one from the last two days, then the last of each day for 90
// days, then the last of each week. Named ones are the user's and are never removed.

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
  if (saved.length === 0) return false;
  await thinAutomaticCheckpoints(query, rackId);
  return true;
}

/** Removes the rack's automatic checkpoints that the retention above no longer keeps. */
export async function thinAutomaticCheckpoints(query: Query, rackId: string): Promise<number> {
  const removed = await query<{ id: string }>(
    `DELETE FROM rack_checkpoints WHERE id IN (
       SELECT id FROM (
         SELECT id, created_at,
           row_number() OVER (PARTITION BY date_trunc('day', created_at) ORDER BY created_at DESC, id DESC) AS newest_of_day,
           row_number() OVER (PARTITION BY date_trunc('week', created_at) ORDER BY created_at DESC, id DESC) AS newest_of_week
         FROM rack_checkpoints
         WHERE rack_id = $1 AND automatic AND created_at < now() - interval '2 days'
       ) aged
       WHERE (created_at >= now() - interval '90 days' AND newest_of_day > 1)
          OR (created_at < now() - interval '90 days' AND newest_of_week > 1))
     RETURNING id`,
    [rackId],
  );
  return removed.length;
}
