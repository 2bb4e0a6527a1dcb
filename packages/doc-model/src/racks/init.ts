import type * as Y from 'yjs';
import { RackRuleError } from '../errors.ts';
import { rackParts, type RowShape } from '../rack-doc.ts';
import { createPatchRecord, FIRST_PATCH_ID } from '../patches/patches.ts';
import { transactAsSharedWriter } from '../schema/shared-writer.ts';
import { SCHEMA_VERSION } from '../schema/version.ts';

/**
 * Sets up an empty rack for a case, with one patch "Patch 1", active. Safe to call on an
 * already-initialised doc (no-op). Two replicas that set up the same empty room at once
 * (two collab instances loading a new room) write identical changes, which Yjs merges into one.
 */
export function initRack(doc: Y.Doc, init: { caseId: string; rows: RowShape[] }): void {
  const { meta } = rackParts(doc);
  if (meta.has('caseId')) return;
  const rows = init.rows.map((r) => ({ hp: r.hp }));
  if (typeof init.caseId !== 'string' || !init.caseId) throw new RackRuleError('A rack needs a case.', 'BAD_INPUT');
  if (!rows.every((r) => Number.isInteger(r.hp) && r.hp > 0 && r.hp <= 1000)) {
    throw new RackRuleError('Every row of a case is a whole number of HP.', 'BAD_INPUT');
  }
  transactAsSharedWriter(doc, `init:${JSON.stringify([init.caseId, rows])}`, () => {
    meta.set('schemaVersion', SCHEMA_VERSION);
    meta.set('caseId', init.caseId);
    meta.set('rows', rows);
    createPatchRecord(doc, FIRST_PATCH_ID, { name: 'Patch 1', category: 'other', notes: '', createdAt: 0 });
    meta.set('activePatchId', FIRST_PATCH_ID);
  });
}
