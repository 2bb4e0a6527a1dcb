import { RackRuleError, withOrigin } from '@patchroom/doc-model';
import type * as Y from 'yjs';
import { LOCAL_EDIT } from './connection.ts';

/** Runs an edit of the rack as one transaction marked as this user's own (for undo). */
export function localEdit<T>(doc: Y.Doc, edit: () => T): T {
  return withOrigin(doc, LOCAL_EDIT, edit);
}

/** Runs a local edit; a broken rule becomes a message for the user instead of an exception. */
export function tryLocalEdit(doc: Y.Doc, edit: () => void, onNotice: (message: string) => void): boolean {
  try {
    localEdit(doc, edit);
    return true;
  } catch (error) {
    onNotice(describeEditError(error));
    return false;
  }
}

/** Rack rules explain themselves; anything else is unexpected and gets a generic message. */
export function describeEditError(error: unknown): string {
  if (error instanceof RackRuleError) return error.message;
  console.error(error);
  return 'That change could not be made. Please try again.';
}
