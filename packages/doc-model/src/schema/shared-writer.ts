// Writes that every replica may perform on its own — setting up a new room, migrating it,
// repairing it after a merge — must not happen twice when two replicas do them at once.
// Yjs identifies each change by (clientID, clock). If two replicas start from the same state
// and make the same changes under the same clientID, they produce byte-identical changes and
// Yjs keeps one copy when they sync. So these writes run under a clientID derived from the
// document's state and the job, and must depend only on that state (sorted iteration, no
// clocks, no random ids). Replicas that start from different states get different clientIDs,
// so their changes never collide: they merge like any concurrent edits.
import * as Y from 'yjs';

/**
 * Runs `write` in one transaction under a clientID derived from `job` and the document state,
 * then restores the replica's own clientID. Call it outside other transactions.
 */
export function transactAsSharedWriter(doc: Y.Doc, job: string, write: () => void, origin: unknown = null): void {
  const writer = sharedWriterId(doc, job);
  doc.transact(() => {
    const own = doc.clientID;
    doc.clientID = writer;
    try {
      write();
    } finally {
      // Restored before the transaction ends, so observers that write answer as this replica.
      doc.clientID = own;
    }
  }, origin);
}

/** clientID for `job` on this exact state (state vector + delete set, which Yjs encodes canonically). */
export function sharedWriterId(doc: Y.Doc, job: string): number {
  let hash = fnv1a(0x811c9dc5, job);
  const state = Y.encodeSnapshot(Y.snapshot(doc));
  for (const byte of state) hash = Math.imul(hash ^ byte, 0x01000193);
  // Yjs client ids are unsigned 32-bit numbers; 0 is avoided only for readability in logs.
  return hash >>> 0 || 1;
}

function fnv1a(seed: number, text: string): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}
