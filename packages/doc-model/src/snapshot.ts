import type * as Y from 'yjs';
import { listAnnotations, type Annotation } from './annotations/annotations.ts';
import { resolveCables, type Cable } from './patches/cables.ts';
import { resolveKnobs, type KnobValue } from './patches/knobs.ts';
import { activePatchId, listPatches, type PatchInfo } from './patches/patches.ts';
import { rackParts, readCaseId, readRows, type RowShape } from './rack-doc.ts';
import { resolveModules, type PlacedModule } from './racks/layout.ts';
import { readSchemaVersion } from './schema/version.ts';
import { listPatterns, type Pattern } from './sequencer/patterns.ts';
import { readTransport, type TransportState } from './transport/transport.ts';

export interface PatchSnapshot extends PatchInfo {
  cables: Cable[];
  knobs: KnobValue[];
}

/**
 * Plain data of a whole rack room, resolved (what every replica shows after a merge): what
 * packages/engine and the exports consume.
 */
export interface RackSnapshot {
  schemaVersion: number;
  caseId: string | null;
  rows: RowShape[];
  /** Placed modules by row and HP, then parked ones (`parked: true`). */
  modules: PlacedModule[];
  /** The active patch's cables (kept for readers written before patches existed). */
  cables: Cable[];
  activePatchId: string | null;
  patches: PatchSnapshot[];
  patterns: Pattern[];
  transport: TransportState;
  notes: string;
  annotations: Annotation[];
}

export function toSnapshot(doc: Y.Doc): RackSnapshot {
  const modules = resolveModules(doc);
  const present = new Set(modules.map((m) => m.id));
  const patchList = listPatches(doc);
  const patchIds = new Set(patchList.map((p) => p.id));
  const cables = resolveCables(doc, present, patchIds);
  const knobs = resolveKnobs(doc, present, patchIds);
  const active = activePatchId(doc);
  return {
    schemaVersion: readSchemaVersion(doc),
    caseId: readCaseId(doc),
    rows: readRows(doc),
    modules,
    cables: cables.filter((c) => c.patchId === active),
    activePatchId: active,
    patches: patchList.map((p) => ({
      ...p,
      cables: cables.filter((c) => c.patchId === p.id),
      knobs: knobs.get(p.id) ?? [],
    })),
    patterns: listPatterns(doc),
    transport: readTransport(doc),
    notes: rackParts(doc).notes.toString(),
    annotations: listAnnotations(doc),
  };
}

/** Calls `onChange` after every change to the rack's content, local or remote. */
export function observeRack(doc: Y.Doc, onChange: (tx: Y.Transaction) => void): () => void {
  const types = Object.values(rackParts(doc));
  const handler = (_events: unknown, tx: Y.Transaction) => onChange(tx);
  for (const t of types) t.observeDeep(handler);
  return () => {
    for (const t of types) t.unobserveDeep(handler);
  };
}
