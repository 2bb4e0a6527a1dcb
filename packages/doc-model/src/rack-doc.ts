// The stored layout of a rack room: one Y.Doc, these top-level shared types. Their names and
// value shapes are the stored format — change them only with a migration (schema/).
import type * as Y from 'yjs';
import type { KeyValueArray } from './shared/key-value.ts';
import type { JsonValue } from './shared/validate.ts';

export interface RowShape {
  hp: number;
}

/**
 * - `meta`        Y.Map: schemaVersion, caseId, rows [{hp}], activePatchId.
 * - `modules`     Y.Map moduleId → ModulePlacementData.
 * - `cables`      Y.Map cableId → CableData (each names its patch; version 1 cables had none).
 * - `knobs`       Y.Array of YKeyValue entries `${patchId}/${moduleId}/${controlId}` → number.
 * - `patches`     Y.Map patchId → Y.Map { name, category, createdAt, notes: Y.Text, provenance? }.
 * - `patterns`    Y.Map patternId → Y.Map { name, bpm, swing, length, createdAt, provenance?,
 *                 tracks: Y.Array<trackId>, targets: Y.Map trackId → JackRef|null,
 *                 steps: Y.Array of YKeyValue entries `${trackId}/${stepIndex}` → StepData }.
 * - `transport`   Y.Map with one key, `state` → TransportData (one value so the clock fields
 *                 always come from the same writer).
 * - `notes`       Y.Text: the rack's notes.
 * - `annotations` Y.Map annotationId → AnnotationData.
 *
 * Cables and knobs sit at the top level, not inside their patch, so that two replicas which
 * create the same patch concurrently (a migration, say) cannot hide each other's cables.
 */
export function rackParts(doc: Y.Doc) {
  return {
    meta: doc.getMap<unknown>('meta'),
    modules: doc.getMap<ModulePlacementData>('modules'),
    cables: doc.getMap<CableData>('cables'),
    knobs: doc.getArray('knobs') as KeyValueArray<number>,
    patches: doc.getMap<Y.Map<unknown>>('patches'),
    patterns: doc.getMap<Y.Map<unknown>>('patterns'),
    transport: doc.getMap<unknown>('transport'),
    notes: doc.getText('notes'),
    annotations: doc.getMap<unknown>('annotations'),
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
  /** Set when a merge left no room for the module: it waits in the parking area. */
  parked?: boolean;
}

export interface JackRef {
  moduleId: string;
  jackId: string;
}

export interface CableData {
  /** Absent on version-1 cables, which belonged to the rack's only patch. */
  patchId?: string;
  from: JackRef;
  to: JackRef;
  color: string;
}

export type AnnotationKind = 'sticky' | 'arrow' | 'freehand';

export interface AnnotationData {
  kind: AnnotationKind;
  props: { readonly [key: string]: JsonValue };
}

/** Where a generated patch or pattern came from: same inputs ⇒ same output. */
export interface Provenance {
  seed: string | number;
  generatorVersion: string;
  config: { readonly [key: string]: JsonValue };
}

export function readRows(doc: Y.Doc): RowShape[] {
  const rows = rackParts(doc).meta.get('rows');
  if (!Array.isArray(rows)) return [];
  return rows.map((r: unknown) => {
    const hp = (r as { hp?: unknown } | null)?.hp;
    return { hp: typeof hp === 'number' && Number.isInteger(hp) && hp > 0 ? hp : 0 };
  });
}

export function readCaseId(doc: Y.Doc): string | null {
  const id = rackParts(doc).meta.get('caseId');
  return typeof id === 'string' ? id : null;
}

let counter = 0;
/** Ids unique across replicas: client id + time + local counter, no shared state needed. */
export function newId(doc: Y.Doc, prefix: string): string {
  counter += 1;
  return `${prefix}_${doc.clientID.toString(36)}${Date.now().toString(36)}${counter.toString(36)}`;
}
