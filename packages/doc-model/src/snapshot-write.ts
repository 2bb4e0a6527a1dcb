// The inverse of toSnapshot: writes a plain rack snapshot into a document, replacing its whole
// rack content in one transaction. Used to import a rack from JSON into a new room and to
// restore an earlier version as a new change everyone receives (history is never rewritten).
import * as Y from 'yjs';
import { RackRuleError } from './errors.ts';
import { createPatchRecord } from './patches/patches.ts';
import { rackParts, type CableData, type ModulePlacementData } from './rack-doc.ts';
import { DEFAULT_STEP, type Pattern, type Step } from './sequencer/patterns.ts';
import { replaceText } from './shared/text.ts';
import { SCHEMA_VERSION } from './schema/version.ts';
import type { RackSnapshot } from './snapshot.ts';

/**
 * Makes `doc` show exactly `snapshot`: toSnapshot(doc) deep-equals `snapshot` afterwards
 * (for any snapshot toSnapshot produced). Keys that stay are overwritten in place and the notes
 * are edited by their changed part, so the change is small when little differs. Returns `doc`.
 * `snapshot.cables` (the active patch's cables, a convenience copy) is ignored: each patch
 * carries its own cables.
 */
export function replaceRackContent(doc: Y.Doc, snapshot: RackSnapshot, origin: unknown = null): Y.Doc {
  if (snapshot.schemaVersion !== SCHEMA_VERSION) {
    throw new RackRuleError(
      `This rack was saved in layout version ${snapshot.schemaVersion}; this server reads version ${SCHEMA_VERSION}.`,
      'BAD_INPUT',
    );
  }
  doc.transact(() => {
    writeMeta(doc, snapshot);
    writeModules(doc, snapshot);
    writePatches(doc, snapshot);
    writePatterns(doc, snapshot.patterns);
    const { transport, notes, annotations } = rackParts(doc);
    transport.set('state', { ...snapshot.transport });
    replaceText(notes, snapshot.notes);
    syncMap(
      annotations,
      new Map(snapshot.annotations.map((a) => [a.id, { kind: a.kind, props: a.props }])),
    );
  }, origin);
  return doc;
}

function writeMeta(doc: Y.Doc, snapshot: RackSnapshot): void {
  const { meta } = rackParts(doc);
  meta.set('schemaVersion', SCHEMA_VERSION);
  if (snapshot.caseId === null) meta.delete('caseId');
  else meta.set('caseId', snapshot.caseId);
  meta.set('rows', snapshot.rows.map((r) => ({ hp: r.hp })));
  if (snapshot.activePatchId === null) meta.delete('activePatchId');
  else meta.set('activePatchId', snapshot.activePatchId);
}

function writeModules(doc: Y.Doc, snapshot: RackSnapshot): void {
  const modules = new Map<string, ModulePlacementData>();
  for (const m of snapshot.modules) {
    modules.set(m.id, {
      catalogId: m.catalogId,
      row: m.row,
      hp: m.hp,
      widthHp: m.widthHp,
      ...(m.parked ? { parked: true } : {}),
    });
  }
  syncMap(rackParts(doc).modules, modules);
}

function writePatches(doc: Y.Doc, snapshot: RackSnapshot): void {
  const { patches, cables, knobs } = rackParts(doc);
  for (const id of [...patches.keys()]) patches.delete(id);
  const cableValues = new Map<string, CableData>();
  const knobEntries: { key: string; val: number }[] = [];
  for (const p of snapshot.patches) {
    createPatchRecord(doc, p.id, {
      name: p.name,
      category: p.category,
      notes: p.notes,
      createdAt: p.createdAt,
      ...(p.provenance ? { provenance: p.provenance } : {}),
    });
    for (const c of p.cables) {
      cableValues.set(c.id, { patchId: p.id, from: { ...c.from }, to: { ...c.to }, color: c.color });
    }
    for (const k of p.knobs) knobEntries.push({ key: `${p.id}/${k.moduleId}/${k.controlId}`, val: k.value });
  }
  syncMap(cables, cableValues);
  // Knobs are a YKeyValue array: rewritten whole, one entry per key (its observer keeps the cache).
  if (knobs.length > 0) knobs.delete(0, knobs.length);
  if (knobEntries.length > 0) knobs.push(knobEntries);
}

function writePatterns(doc: Y.Doc, patterns: Pattern[]): void {
  const stored = rackParts(doc).patterns;
  for (const id of [...stored.keys()]) stored.delete(id);
  for (const p of patterns) stored.set(p.id, patternRecord(p));
}

function patternRecord(p: Pattern): Y.Map<unknown> {
  const record = new Y.Map<unknown>();
  record.set('name', p.name);
  record.set('bpm', p.bpm);
  record.set('swing', p.swing);
  record.set('length', p.length);
  record.set('createdAt', p.createdAt);
  if (p.provenance) record.set('provenance', p.provenance);
  record.set('tracks', Y.Array.from(p.tracks.map((t) => t.id)));
  const targets = new Y.Map<unknown>();
  const steps: { key: string; val: Step }[] = [];
  for (const t of p.tracks) {
    if (t.target) targets.set(t.id, { moduleId: t.target.moduleId, jackId: t.target.jackId });
    t.steps.forEach((step, i) => {
      // Default steps are left out: a missing step reads as the default.
      if (!isDefaultStep(step)) steps.push({ key: `${t.id}/${i}`, val: { ...step } });
    });
  }
  record.set('targets', targets);
  record.set('steps', Y.Array.from(steps));
  return record;
}

function isDefaultStep(step: Step): boolean {
  return (Object.keys(DEFAULT_STEP) as (keyof Step)[]).every((k) => step[k] === DEFAULT_STEP[k]);
}

/** Makes a map of plain values hold exactly `next`: drops other keys, writes changed values. */
function syncMap<T>(map: Y.Map<T>, next: Map<string, T>): void {
  for (const key of [...map.keys()]) if (!next.has(key)) map.delete(key);
  for (const [key, value] of next) {
    if (JSON.stringify(map.get(key)) !== JSON.stringify(value)) map.set(key, value);
  }
}
