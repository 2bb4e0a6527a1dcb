import type * as Y from 'yjs';
import { listCables, type Cable } from './patches/cables.ts';
import { readCaseId, readRows, rackParts, type RowShape } from './rack-doc.ts';
import { listModules, type PlacedModule } from './racks/modules.ts';

/** Plain data of a whole rack room: what packages/engine and exports consume. */
export interface RackSnapshot {
  schemaVersion: number;
  caseId: string | null;
  rows: RowShape[];
  modules: PlacedModule[];
  cables: Cable[];
}

export function toSnapshot(doc: Y.Doc): RackSnapshot {
  const version = rackParts(doc).meta.get('schemaVersion');
  return {
    schemaVersion: typeof version === 'number' ? version : 0,
    caseId: readCaseId(doc),
    rows: readRows(doc),
    modules: listModules(doc),
    cables: listCables(doc),
  };
}

/** Calls `onChange` after every change to the rack's content, local or remote. */
export function observeRack(doc: Y.Doc, onChange: (tx: Y.Transaction) => void): () => void {
  const parts = rackParts(doc);
  const types = [parts.meta, parts.modules, parts.cables];
  const handler = (_events: unknown, tx: Y.Transaction) => onChange(tx);
  for (const t of types) t.observeDeep(handler);
  return () => {
    for (const t of types) t.unobserveDeep(handler);
  };
}
