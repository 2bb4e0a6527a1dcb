import type { Database } from '@patchroom/db';
import { initRack, readCaseId } from '@patchroom/doc-model';
import type * as Y from 'yjs';
import { RoomRefusal } from './refusal.ts';

interface RackCaseRow {
  case_id: string;
  rows: unknown;
}

/**
 * Gives a room that was never set up its rack's case (the rows of HP). Returns true when it
 * did, so the caller can save the new room right away.
 */
export async function initialiseIfNew(db: Database, document: Y.Doc, rackId: string): Promise<boolean> {
  if (readCaseId(document) !== null) return false;
  const [rack] = await db.query<RackCaseRow>(
    `SELECT r.case_id, c.rows FROM racks r JOIN catalog_cases c ON c.id = r.case_id WHERE r.id = $1`,
    [rackId],
  );
  if (!rack) throw new RoomRefusal('rack-not-found');
  initRack(document, { caseId: rack.case_id, rows: rowsOf(rack.rows) });
  return true;
}

/** catalog_cases.rows is JSON [{ hp, heightU }]; pg parses it, PGlite may hand back text. */
function rowsOf(value: unknown): { hp: number }[] {
  const rows: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (!Array.isArray(rows) || !rows.every((row) => typeof row?.hp === 'number' && row.hp > 0)) {
    throw new Error('catalog case has malformed rows');
  }
  return rows.map((row: { hp: number }) => ({ hp: row.hp }));
}
