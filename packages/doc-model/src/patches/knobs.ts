// Knob values per patch, in the YKeyValue array `knobs` keyed `${patchId}/${moduleId}/${controlId}`.
// A value overwrites the previous one in place, so turning a knob does not grow the document.
import * as Y from 'yjs';
import { RackRuleError } from '../errors.ts';
import { rackParts } from '../rack-doc.ts';
import { moduleIds } from '../racks/layout.ts';
import { addModule } from '../racks/modules.ts';
import { initRack } from '../racks/init.ts';
import { deleteEntries, readEntries, readEntry, writeEntry } from '../shared/key-value.ts';
import { compareIds } from '../shared/order.ts';
import * as valid from '../shared/validate.ts';
import { listPatches, resolvePatchId } from './patches.ts';

export interface KnobValue {
  moduleId: string;
  controlId: string;
  value: number;
}

export interface KnobRef {
  moduleId: string;
  controlId: string;
  /** The active patch when omitted. */
  patchId?: string;
}

function knobKey(patchId: string, moduleId: string, controlId: string): string {
  return `${patchId}/${moduleId}/${controlId}`;
}

/** Knob values per patch id; values of deleted patches or modules are left out. */
export function resolveKnobs(
  doc: Y.Doc,
  modules: ReadonlySet<string> = moduleIds(doc),
  patches: ReadonlySet<string> = new Set(listPatches(doc).map((p) => p.id)),
): Map<string, KnobValue[]> {
  const out = new Map<string, KnobValue[]>();
  for (const [key, value] of readEntries(rackParts(doc).knobs)) {
    const [patchId, moduleId] = key.split('/', 2);
    if (!patchId || !moduleId || !patches.has(patchId) || !modules.has(moduleId)) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    const controlId = key.slice(patchId.length + moduleId.length + 2);
    if (!out.has(patchId)) out.set(patchId, []);
    out.get(patchId)!.push({ moduleId, controlId, value });
  }
  for (const list of out.values()) {
    list.sort((a, b) => compareIds(a.moduleId, b.moduleId) || compareIds(a.controlId, b.controlId));
  }
  return out;
}

/** The knob values of a patch (the active one when omitted), by module and control. */
export function listKnobs(doc: Y.Doc, patchId?: string): KnobValue[] {
  return resolveKnobs(doc).get(resolvePatchId(doc, patchId)) ?? [];
}

function checkedKey(doc: Y.Doc, ref: KnobRef): string {
  const patchId = resolvePatchId(doc, ref.patchId);
  if (!moduleIds(doc).has(ref.moduleId)) {
    throw new RackRuleError('That module is no longer in the rack.', 'NO_SUCH_MODULE');
  }
  return knobKey(patchId, ref.moduleId, valid.panelId(ref.controlId, 'Control'));
}

/** Sets a knob in a patch. The value's range comes from the catalog, so only finiteness is checked here. */
export function setKnob(doc: Y.Doc, input: KnobRef & { value: number }): void {
  const key = checkedKey(doc, input);
  const value = valid.finiteNumber(input.value, 'A knob value must be a number.');
  const { knobs } = rackParts(doc);
  if (readEntry(knobs, key) === value) return;
  writeEntry(knobs, key, value);
}

/** A knob's value in a patch; undefined when it was never turned (the catalog default applies). */
export function getKnob(doc: Y.Doc, ref: KnobRef): number | undefined {
  const patchId = resolvePatchId(doc, ref.patchId);
  const value = readEntry(rackParts(doc).knobs, knobKey(patchId, ref.moduleId, ref.controlId));
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Returns a knob to its catalog default. */
export function resetKnob(doc: Y.Doc, ref: KnobRef): void {
  const key = checkedKey(doc, ref);
  deleteEntries(rackParts(doc).knobs, (k) => k === key);
}

/**
 * Bytes that `changes` knob changes (cycling over `knobCount` knobs of one module, one
 * transaction each, like a user turning them) add to the encoded document. For the benchmark.
 */
export function measureKnobGrowth(changes: number, knobCount = 4): number {
  const doc = new Y.Doc();
  initRack(doc, { caseId: 'measure', rows: [{ hp: 84 }] });
  const { id: moduleId } = addModule(doc, { catalogId: 'measure-vcf', widthHp: 10 });
  const controls = Array.from({ length: knobCount }, (_, i) => `knob-${i}`);
  for (const controlId of controls) setKnob(doc, { moduleId, controlId, value: 0 });
  const before = Y.encodeStateAsUpdate(doc).byteLength;
  for (let i = 1; i <= changes; i++) {
    setKnob(doc, { moduleId, controlId: controls[i % knobCount]!, value: i / changes });
  }
  const grown = Y.encodeStateAsUpdate(doc).byteLength - before;
  doc.destroy();
  return grown;
}
