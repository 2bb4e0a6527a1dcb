// Restoring an earlier state of a rack as a new change: the past is never rewritten. The changes
// made since the checkpoint are replayed onto a copy of the checkpoint and undone there; the
// undo is an ordinary Yjs update (deletions of what was added, re-insertions of what was
// removed) that every replica receives and merges like any other edit.
import * as Y from 'yjs';
import { RackRuleError } from '../errors.ts';
import { rackParts } from '../rack-doc.ts';
import { migrateRack } from '../schema/migrations.ts';

export const RESTORE_ORIGIN = Symbol('patchroom-restore');
const REPLAY = Symbol('patchroom-restore-replay');

export interface RestoreResult {
  /** Bytes of the update that brought the room back (0: it already had that content). */
  bytes: number;
}

/**
 * Makes `doc`'s rack content equal to the content in `pastState` (an encoded state of the same
 * room, e.g. a checkpoint). The transport (playing, tempo) is left as it is: restoring a
 * version must not start or stop what everyone hears. A state from an older schema is migrated.
 */
export function restoreRack(doc: Y.Doc, pastState: Uint8Array): RestoreResult {
  if (!pastIsAncestor(doc, pastState)) throw new RackRuleError('This version does not belong to this rack.', 'BAD_INPUT');
  const past = new Y.Doc();
  Y.applyUpdate(past, pastState);
  const { transport: _transport, ...content } = rackParts(past);
  const undo = new Y.UndoManager(Object.values(content), { trackedOrigins: new Set([REPLAY]), captureTimeout: 0 });
  Y.applyUpdate(past, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(past)), REPLAY);
  const inverse: Uint8Array[] = [];
  const collect = (update: Uint8Array, origin: unknown) => {
    if (origin !== REPLAY) inverse.push(update);
  };
  past.on('update', collect);
  undo.undo();
  past.off('update', collect);
  undo.destroy();
  const update = inverse.length > 0 ? Y.mergeUpdates(inverse) : null;
  doc.transact(() => {
    if (update) Y.applyUpdate(doc, update, RESTORE_ORIGIN);
  }, RESTORE_ORIGIN);
  migrateRack(doc);
  return { bytes: update?.byteLength ?? 0 };
}

/** Every change in the past state is already in the room (it is an earlier state of it). */
function pastIsAncestor(doc: Y.Doc, pastState: Uint8Array): boolean {
  const nowClocks = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVectorFromUpdate(pastState))) {
    if ((nowClocks.get(client) ?? 0) < clock) return false;
  }
  return true;
}
