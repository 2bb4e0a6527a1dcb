import type * as Y from 'yjs';
import { rackParts } from '../rack-doc.ts';

/** Version of the document layout written by this code. Each migration bumps it by one. */
export const SCHEMA_VERSION = 2;

/**
 * The layout version of a stored document: `meta.schemaVersion`; 1 for a set-up document that
 * predates the field; 0 for an empty document (a room nobody has set up yet).
 */
export function readSchemaVersion(doc: Y.Doc): number {
  const { meta, modules, cables } = rackParts(doc);
  const version = meta.get('schemaVersion');
  if (typeof version === 'number' && Number.isInteger(version) && version > 0) return version;
  return meta.has('caseId') || modules.size > 0 || cables.size > 0 ? 1 : 0;
}
