import { RackRuleError } from '@patchroom/doc-model';
import type * as Y from 'yjs';
import { LOCAL_EDIT } from './connection.ts';

/** Runs an edit of the rack as one transaction marked as this user's own (for undo). */
export function localEdit<T>(doc: Y.Doc, edit: () => T): T {
  let result: T | undefined;
  doc.transact(() => {
    result = edit();
  }, LOCAL_EDIT);
  return result as T;
}

/** Rack rules explain themselves; anything else is unexpected and gets a generic message. */
export function describeEditError(error: unknown): string {
  if (error instanceof RackRuleError) return error.message;
  console.error(error);
  return 'That change could not be made. Please try again.';
}
