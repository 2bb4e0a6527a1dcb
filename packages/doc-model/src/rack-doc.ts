import type * as Y from 'yjs';

/** Version of the document layout written by this code. Issue-by-issue migrations bump it. */
export const SCHEMA_VERSION = 1;

export interface RowShape {
  hp: number;
}

/** The top-level shared types of a rack room. Names are part of the stored format. */
export function rackParts(doc: Y.Doc) {
  return {
    meta: doc.getMap<unknown>('meta'),
    modules: doc.getMap<ModulePlacementData>('modules'),
    cables: doc.getMap<CableData>('cables'),
  };
}

/** A module placed in the case: which catalog module, and where. Stored as one value per module. */
export interface ModulePlacementData {
  catalogId: string;
  row: number;
  /** Left edge, in HP from the row's start. */
  hp: number;
  /** Width in HP, copied from the catalog so fit can be checked without it. */
  widthHp: number;
}

export interface JackRef {
  moduleId: string;
  jackId: string;
}

export interface CableData {
  from: JackRef;
  to: JackRef;
  color: string;
}

/** Sets up an empty rack for a case. Safe to call on an already-initialised doc (no-op). */
export function initRack(doc: Y.Doc, init: { caseId: string; rows: RowShape[] }): void {
  const { meta } = rackParts(doc);
  if (meta.has('caseId')) return;
  doc.transact(() => {
    meta.set('schemaVersion', SCHEMA_VERSION);
    meta.set('caseId', init.caseId);
    meta.set('rows', init.rows.map((r) => ({ hp: r.hp })));
  });
}

export function readRows(doc: Y.Doc): RowShape[] {
  const rows = rackParts(doc).meta.get('rows');
  return Array.isArray(rows) ? (rows as RowShape[]) : [];
}

export function readCaseId(doc: Y.Doc): string | null {
  const id = rackParts(doc).meta.get('caseId');
  return typeof id === 'string' ? id : null;
}

let counter = 0;
/** Ids unique across replicas: client id + local counter + time, no shared state needed. */
export function newId(doc: Y.Doc, prefix: string): string {
  counter += 1;
  return `${prefix}_${doc.clientID.toString(36)}${Date.now().toString(36)}${counter.toString(36)}`;
}
