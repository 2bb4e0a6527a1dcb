// Per-user undo: each user's edits are transactions with that user's origin, and their undo
// manager tracks only that origin, so undo never reverts someone else's edit.
import * as Y from 'yjs';
import { rackParts } from '../rack-doc.ts';

/** Runs `edit` as one transaction with `origin` (e.g. the local user's): one undo step. */
export function withOrigin<T>(doc: Y.Doc, origin: unknown, edit: () => T): T {
  let result: T | undefined;
  doc.transact(() => {
    result = edit();
  }, origin);
  return result as T;
}

export interface UndoOptions {
  /** The origin of this user's edits (pass the same value to withOrigin). */
  origin: unknown;
  /** Edits closer together than this (ms) undo as one step; default 500. */
  captureTimeout?: number;
}

/**
 * An undo manager over the rack's content — modules, cables, knobs, patches, patterns, notes,
 * annotations — that reverts only edits made with `origin`. The transport (play/stop/tempo)
 * and the active-patch choice are deliberately out of its scope: undoing them would change
 * what everyone hears or sees.
 */
export function createUndoManager(doc: Y.Doc, options: UndoOptions): Y.UndoManager {
  const p = rackParts(doc);
  return new Y.UndoManager([p.modules, p.cables, p.knobs, p.patches, p.patterns, p.notes, p.annotations], {
    trackedOrigins: new Set([options.origin]),
    captureTimeout: options.captureTimeout ?? 500,
  });
}
