import type { Database, Query } from '@patchroom/db';
import * as Y from 'yjs';

// Durable state of a room: one snapshot per document plus the logged updates not yet folded
// into it. Loading reads both (snapshot + tail); compaction folds the log into a new snapshot.
//
// Which rows a snapshot folds is an exact set of ids, never "every id up to N": ids come from a
// sequence when a row is inserted, not when it commits, so an append committing late can carry
// an id below rows already folded. It stays in the log (and is loaded) until a later compaction.

interface StoredState {
  /** Snapshot first, then every logged update, in log order. */
  updates: Uint8Array[];
  /** Ids of the logged updates read. */
  loggedIds: string[];
  lastUpdateId: string;
}

export interface LoadedState {
  updates: Uint8Array[];
  bytes: number;
}

export interface Compaction {
  /** Logged updates folded into the new snapshot (and deleted from the log). */
  folded: number;
  /** Encoded size of the new snapshot. */
  bytes: number;
}

/** Everything stored for a document; no updates at all for a room never stored. */
export async function loadStoredState(db: Database, documentName: string): Promise<LoadedState> {
  // One statement, so one round trip and one MVCC snapshot: a compaction commits its snapshot
  // and its deletions together, so we see the room entirely before it or entirely after it.
  const stored = await readStoredState(db.query, documentName);
  return { updates: stored.updates, bytes: stored.updates.reduce((sum, update) => sum + update.byteLength, 0) };
}

/** Longest tail merged before it is applied: Y.mergeUpdates takes seconds on 10,000 updates. */
const MERGED_TAIL_LIMIT = 2_000;

/**
 * Applies stored updates (snapshot first, then the log) in one transaction: one round of
 * observers and one update event, not one per update. A tail of the usual length (up to a
 * compaction's worth) is merged into one update first, which integrates about a third faster
 * than its updates one by one; a very long one is applied one by one.
 */
export function applyStoredState(document: Y.Doc, updates: Uint8Array[], origin: unknown = null): void {
  if (updates.length === 0) return;
  const [first, ...tail] = updates as [Uint8Array, ...Uint8Array[]];
  const rest = tail.length > 1 && tail.length <= MERGED_TAIL_LIMIT ? [Y.mergeUpdates(tail)] : tail;
  document.transact(() => {
    Y.applyUpdate(document, first);
    for (const update of rest) Y.applyUpdate(document, update);
  }, origin);
}

/**
 * Saves the document as the new snapshot and deletes the logged updates folded into it.
 * Stored state the document doesn't have yet (another process logged it) is merged into the
 * document first, through `applyMissing`, so a compaction never drops what someone else saved.
 * `prepare` runs after that merge, still under the room's lock (setting up a new room);
 * `afterSnapshot` runs in the same transaction once the snapshot is written (checkpoints).
 */
export async function storeDocument(
  db: Database,
  documentName: string,
  document: Y.Doc,
  applyMissing: (updates: Uint8Array[]) => void,
  prepare?: () => void,
  afterSnapshot?: (query: Query, state: Uint8Array, folded: number) => Promise<unknown>,
): Promise<Compaction> {
  return db.transaction(async (query) => {
    await query('SELECT pg_advisory_xact_lock(hashtext($1))', [documentName]);
    const stored = await readStoredState(query, documentName);
    const current = Y.snapshot(document);
    const missing = stored.updates.filter((update) => !Y.snapshotContainsUpdate(current, update));
    if (missing.length > 0) applyMissing(missing);
    prepare?.();
    const state = Buffer.from(Y.encodeStateAsUpdate(document));
    await query(
      `INSERT INTO document_snapshots (document_name, state, last_update_id, updated_at)
       VALUES ($1, $2, $3::bigint, now())
       ON CONFLICT (document_name) DO UPDATE
         SET state = EXCLUDED.state,
             last_update_id = GREATEST(document_snapshots.last_update_id, EXCLUDED.last_update_id),
             updated_at = now()`,
      [documentName, state, stored.lastUpdateId],
    );
    await deleteLogged(query, documentName, stored.loggedIds);
    await afterSnapshot?.(query, state, stored.loggedIds.length);
    return { folded: stored.loggedIds.length, bytes: state.byteLength };
  });
}

interface StoredRow {
  /** 'snapshot' (at most one, first) or 'update' (the log, in id order). */
  kind: 'snapshot' | 'update';
  id: string;
  bytes: Uint8Array;
}

async function readStoredState(query: Query, documentName: string): Promise<StoredState> {
  const rows = await query<StoredRow>(
    `SELECT 'snapshot' AS kind, last_update_id::text AS id, state AS bytes, 0 AS part, 0::bigint AS seq
       FROM document_snapshots WHERE document_name = $1
     UNION ALL
     SELECT 'update', id::text, update, 1, id
       FROM document_updates WHERE document_name = $1
     ORDER BY part, seq`,
    [documentName],
  );
  const snapshot = rows[0]?.kind === 'snapshot' ? rows[0] : undefined;
  const logged = snapshot ? rows.slice(1) : rows;
  const updates = rows.map((row) => toBytes(row.bytes));
  const loggedIds = logged.map((row) => row.id);
  return { updates, loggedIds, lastUpdateId: loggedIds.at(-1) ?? snapshot?.id ?? '0' };
}

const DELETE_CHUNK = 5_000;

async function deleteLogged(query: Query, documentName: string, ids: string[]): Promise<void> {
  for (let start = 0; start < ids.length; start += DELETE_CHUNK) {
    const chunk = ids.slice(start, start + DELETE_CHUNK);
    // The ids are bigint text read from the database; checked anyway before they go into SQL.
    if (!chunk.every((id) => /^\d+$/.test(id))) throw new Error('unexpected update id');
    await query(`DELETE FROM document_updates WHERE document_name = $1 AND id IN (${chunk.join(',')})`, [documentName]);
  }
}

/** bytea arrives as a Buffer from `pg` and as a Uint8Array from PGlite. */
function toBytes(value: Uint8Array): Uint8Array {
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}
