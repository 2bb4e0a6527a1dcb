import type { Database } from '@patchroom/db';
import { initRack, migrateRack, readCaseId, readSchemaVersion, SCHEMA_VERSION, type RowShape } from '@patchroom/doc-model';
import type * as Y from 'yjs';
import { RoomRefusal } from './refusal.ts';

interface RackCaseRow {
  case_id: string;
  rows: unknown;
}

export interface RackCase {
  caseId: string;
  rows: RowShape[];
}

/** Whether a loaded room must be set up (a new room) or migrated before anyone sees it. */
export function needsSetUp(document: Y.Doc): boolean {
  return readCaseId(document) === null || readSchemaVersion(document) < SCHEMA_VERSION;
}

/** The case a new room is set up with: its rack's. */
export async function rackCaseOf(db: Database, rackId: string): Promise<RackCase> {
  const [rack] = await db.query<RackCaseRow>(
    `SELECT r.case_id, c.rows FROM racks r JOIN catalog_cases c ON c.id = r.case_id WHERE r.id = $1`,
    [rackId],
  );
  if (!rack) throw new RoomRefusal('rack-not-found');
  return { caseId: rack.case_id, rows: rowsOf(rack.rows) };
}

/**
 * Sets up a new room with its rack's case and brings an older one to the current schema.
 * Both are deterministic (every process doing it writes the same changes) and no-ops when
 * already done; the caller runs this under the room's lock, after merging what is stored.
 */
export function setUp(document: Y.Doc, rackCase: RackCase | null): { initialised: boolean; migrated: { from: number; to: number } } {
  const initialised = rackCase !== null && readCaseId(document) === null;
  if (initialised) initRack(document, rackCase);
  return { initialised, migrated: migrateRack(document) };
}

/** catalog_cases.rows is JSON [{ hp, heightU }]; pg parses it, PGlite may hand back text. */
function rowsOf(value: unknown): RowShape[] {
  const rows: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (!Array.isArray(rows) || !rows.every((row) => typeof row?.hp === 'number' && row.hp > 0)) {
    throw new Error('catalog case has malformed rows');
  }
  return rows.map((row: { hp: number }) => ({ hp: row.hp }));
}
