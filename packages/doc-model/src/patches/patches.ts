// Patches: several named patch graphs per rack, one of them active. A patch is a Y.Map under
// `patches`; its cables and knob values sit in the top-level `cables` and `knobs` (see rack-doc).
import * as Y from 'yjs';
import { RackRuleError } from '../errors.ts';
import { newId, rackParts, type Provenance } from '../rack-doc.ts';
import { deleteEntries } from '../shared/key-value.ts';
import { compareIds, sortedKeys } from '../shared/order.ts';
import { replaceText } from '../shared/text.ts';
import * as valid from '../shared/validate.ts';

export const PATCH_CATEGORIES = [
  'voice',
  'modulation',
  'clock-rhythm',
  'drone',
  'percussion',
  'generative',
  'other',
] as const;
export type PatchCategory = (typeof PATCH_CATEGORIES)[number];

/** The patch a new rack starts with, and the one version-1 racks are migrated into. */
export const FIRST_PATCH_ID = 'patch_1';
const NOTES_MAX = 10_000;

export interface PatchInfo {
  id: string;
  name: string;
  category: PatchCategory;
  notes: string;
  createdAt: number;
  provenance: Provenance | null;
}

export interface AddPatchInput {
  name: string;
  category?: PatchCategory;
  notes?: string;
  id?: string;
  /** For generated patches: seed, generator version and configuration. */
  provenance?: Provenance;
  /** Make it the active patch too. */
  activate?: boolean;
}

/** Writes a new patch record. Deterministic given its arguments (used by init and migrations). */
export function createPatchRecord(
  doc: Y.Doc,
  id: string,
  fields: { name: string; category: PatchCategory; notes: string; createdAt: number; provenance?: Provenance },
): void {
  const patch = new Y.Map<unknown>();
  patch.set('name', fields.name);
  patch.set('category', fields.category);
  patch.set('createdAt', fields.createdAt);
  patch.set('notes', new Y.Text(fields.notes));
  if (fields.provenance) patch.set('provenance', fields.provenance);
  rackParts(doc).patches.set(id, patch);
}

export function readPatch(id: string, value: unknown): PatchInfo | null {
  if (!(value instanceof Y.Map)) return null;
  const name = value.get('name');
  const category = value.get('category');
  const createdAt = value.get('createdAt');
  const notes = value.get('notes');
  const provenance = value.get('provenance');
  return {
    id,
    name: typeof name === 'string' && name ? name : 'Untitled patch',
    category: PATCH_CATEGORIES.includes(category as PatchCategory) ? (category as PatchCategory) : 'other',
    notes: notes instanceof Y.Text ? notes.toString() : '',
    createdAt: typeof createdAt === 'number' && Number.isFinite(createdAt) ? createdAt : 0,
    provenance: readProvenance(provenance),
  };
}

export function readProvenance(value: unknown): Provenance | null {
  if (!valid.isJsonObject(value)) return null;
  const { seed, generatorVersion, config } = value;
  if ((typeof seed !== 'string' && typeof seed !== 'number') || typeof generatorVersion !== 'string') return null;
  return { seed, generatorVersion, config: valid.isJsonObject(config) ? config : {} };
}

/** Patches in the order they were made. */
export function listPatches(doc: Y.Doc): PatchInfo[] {
  const out: PatchInfo[] = [];
  rackParts(doc).patches.forEach((value, id) => {
    const patch = readPatch(id, value);
    if (patch) out.push(patch);
  });
  return out.sort((a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id));
}

export function getPatch(doc: Y.Doc, id: string): PatchInfo | null {
  return readPatch(id, rackParts(doc).patches.get(id));
}

/** The active patch; when it was deleted concurrently, the first remaining one; null if none. */
export function activePatchId(doc: Y.Doc): string | null {
  const chosen = rackParts(doc).meta.get('activePatchId');
  if (typeof chosen === 'string' && getPatch(doc, chosen)) return chosen;
  return listPatches(doc)[0]?.id ?? null;
}

/** The patch an edit acts on: the one given, else the active one. */
export function resolvePatchId(doc: Y.Doc, patchId?: string): string {
  const id = patchId ?? activePatchId(doc);
  if (id === null) throw new RackRuleError('The rack has no patch yet: add one first.', 'NO_SUCH_PATCH');
  if (!getPatch(doc, id)) throw new RackRuleError('That patch is no longer in the rack.', 'NO_SUCH_PATCH');
  return id;
}

function patchMap(doc: Y.Doc, id: string): Y.Map<unknown> {
  const value = rackParts(doc).patches.get(id);
  if (!(value instanceof Y.Map)) throw new RackRuleError('That patch is no longer in the rack.', 'NO_SUCH_PATCH');
  return value;
}

export function addPatch(doc: Y.Doc, input: AddPatchInput): PatchInfo {
  const name = valid.name(input.name, 'A patch');
  const category = valid.oneOf(input.category ?? 'other', PATCH_CATEGORIES, 'Unknown patch category.');
  const notes = notesText(input.notes ?? '');
  const id = input.id === undefined ? newId(doc, 'patch') : valid.id(input.id, 'Patch');
  if (rackParts(doc).patches.has(id)) throw new RackRuleError('A patch with this id already exists.', 'DUPLICATE_ID');
  const provenance = input.provenance && provenanceOf(input.provenance);
  const createdAt = Date.now();
  doc.transact(() => {
    createPatchRecord(doc, id, { name, category, notes, createdAt, ...(provenance ? { provenance } : {}) });
    if (input.activate) rackParts(doc).meta.set('activePatchId', id);
  });
  return { id, name, category, notes, createdAt, provenance: provenance ?? null };
}

function provenanceOf(value: Provenance): Provenance {
  const checked = readProvenance(valid.jsonObject(value, 'Provenance', 10_000));
  if (!checked) throw new RackRuleError('Provenance needs a seed and a generator version.', 'BAD_INPUT');
  return checked;
}

function notesText(value: unknown): string {
  if (typeof value !== 'string') throw new RackRuleError('Notes must be text.', 'BAD_INPUT');
  if (value.length > NOTES_MAX) throw new RackRuleError(`Patch notes are at most ${NOTES_MAX} characters.`, 'BAD_INPUT');
  return value;
}

export function renamePatch(doc: Y.Doc, id: string, name: string): void {
  const patch = patchMap(doc, id);
  patch.set('name', valid.name(name, 'A patch'));
}

export function setPatchCategory(doc: Y.Doc, id: string, category: PatchCategory): void {
  const patch = patchMap(doc, id);
  patch.set('category', valid.oneOf(category, PATCH_CATEGORIES, 'Unknown patch category.'));
}

export function setActivePatch(doc: Y.Doc, id: string): void {
  patchMap(doc, id);
  rackParts(doc).meta.set('activePatchId', id);
}

/** The patch's shared notes, for binding a text editor. */
export function patchNotesText(doc: Y.Doc, id: string): Y.Text {
  const notes = patchMap(doc, id).get('notes');
  if (!(notes instanceof Y.Text)) throw new RackRuleError('That patch has no notes.', 'NO_SUCH_PATCH');
  return notes;
}

export function setPatchNotes(doc: Y.Doc, id: string, notes: string): void {
  replaceText(patchNotesText(doc, id), notesText(notes));
}

/** Deletes a patch with its cables and knob values. The last patch of a rack stays. */
export function removePatch(doc: Y.Doc, id: string): void {
  patchMap(doc, id);
  const others = listPatches(doc).filter((p) => p.id !== id);
  if (others.length === 0) throw new RackRuleError('A rack keeps at least one patch.', 'LAST_ONE');
  const { patches, cables, knobs, meta } = rackParts(doc);
  doc.transact(() => {
    patches.delete(id);
    for (const cableId of sortedKeys(cables)) {
      if (cables.get(cableId)?.patchId === id) cables.delete(cableId);
    }
    deleteEntries(knobs, (key) => key.startsWith(`${id}/`));
    if (meta.get('activePatchId') === id) meta.set('activePatchId', others[0]!.id);
  });
}
