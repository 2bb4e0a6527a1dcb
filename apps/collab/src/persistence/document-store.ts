import type { Database, Query } from '@patchroom/db';
import * as Y from 'yjs';

// Durable state of a room (first version): one compacted snapshot per document plus logged
// updates that came after it. Loads read both; stores fold everything into a new snapshot.
// A later issue replaces this with a crash-proof append log written on every change.

interface SnapshotRow {
  state: Uint8Array;
  last_update_id: string;
}

interface UpdateRow {
  id: string;
  update: Uint8Array;
}

interface StoredState {
  /** Snapshot first, then every logged update after it, in order. */
  updates: Uint8Array[];
  /** Id of the newest logged update the state includes ('0' when none). */
  lastUpdateId: string;
}

/** Everything stored for a document, or no updates at all for a room never stored. */
export async function loadStoredState(db: Database, documentName: string): Promise<Uint8Array[]> {
  const stored = await db.transaction(async (query) => {
    // Shared lock: a concurrent store must not fold and delete updates between our two reads.
    await query('SELECT pg_advisory_xact_lock_shared(hashtext($1))', [documentName]);
    return readStoredState(query, documentName);
  });
  return stored.updates;
}

/**
 * Saves the document as the new snapshot and deletes the logged updates folded into it.
 * Stored state the document doesn't have yet (another process wrote it) is merged into the
 * document first, through `applyMissing`, so a store never overwrites what someone else saved.
 */
export async function storeDocument(
  db: Database,
  documentName: string,
  document: Y.Doc,
  applyMissing: (update: Uint8Array) => void,
): Promise<void> {
  await db.transaction(async (query) => {
    await query('SELECT pg_advisory_xact_lock(hashtext($1))', [documentName]);
    const stored = await readStoredState(query, documentName);
    for (const update of stored.updates) {
      if (!Y.snapshotContainsUpdate(Y.snapshot(document), update)) applyMissing(update);
    }
    const state = Buffer.from(Y.encodeStateAsUpdate(document));
    await query(
      `INSERT INTO document_snapshots (document_name, state, last_update_id, updated_at)
       VALUES ($1, $2, $3::bigint, now())
       ON CONFLICT (document_name) DO UPDATE
         SET state = EXCLUDED.state, last_update_id = EXCLUDED.last_update_id, updated_at = now()`,
      [documentName, state, stored.lastUpdateId],
    );
    await query('DELETE FROM document_updates WHERE document_name = $1 AND id <= $2::bigint', [
      documentName,
      stored.lastUpdateId,
    ]);
  });
}

async function readStoredState(query: Query, documentName: string): Promise<StoredState> {
  const [snapshot] = await query<SnapshotRow>(
    'SELECT state, last_update_id::text AS last_update_id FROM document_snapshots WHERE document_name = $1',
    [documentName],
  );
  const after = snapshot?.last_update_id ?? '0';
  const logged = await query<UpdateRow>(
    `SELECT id::text AS id, update FROM document_updates
     WHERE document_name = $1 AND id > $2::bigint ORDER BY id`,
    [documentName, after],
  );
  const updates = logged.map((row) => toBytes(row.update));
  if (snapshot) updates.unshift(toBytes(snapshot.state));
  return { updates, lastUpdateId: logged.at(-1)?.id ?? after };
}

/** bytea arrives as a Buffer from `pg` and as a Uint8Array from PGlite. */
function toBytes(value: Uint8Array): Uint8Array {
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}
