import type * as Y from 'yjs';
import { RackRuleError } from '../errors.ts';
import { newId, rackParts } from '../rack-doc.ts';
import { writeEntry } from '../shared/key-value.ts';
import { resolveCables } from './cables.ts';
import { resolveKnobs } from './knobs.ts';
import { addPatch, getPatch, type PatchInfo } from './patches.ts';

/** A copy of a patch — cables, knob values, notes — to try a variation without losing the original. */
export function duplicatePatch(doc: Y.Doc, id: string, input: { name?: string; id?: string } = {}): PatchInfo {
  const source = getPatch(doc, id);
  if (!source) throw new RackRuleError('That patch is no longer in the rack.', 'NO_SUCH_PATCH');
  const cables = resolveCables(doc).filter((c) => c.patchId === id);
  const knobs = resolveKnobs(doc).get(id) ?? [];
  const parts = rackParts(doc);
  let copy: PatchInfo | undefined;
  doc.transact(() => {
    copy = addPatch(doc, {
      name: input.name ?? `${source.name} (copy)`.slice(0, 80),
      category: source.category,
      notes: source.notes,
      ...(input.id !== undefined ? { id: input.id } : {}),
    });
    for (const { id: _old, ...cable } of cables) parts.cables.set(newId(doc, 'cab'), { ...cable, patchId: copy.id });
    for (const k of knobs) writeEntry(parts.knobs, `${copy.id}/${k.moduleId}/${k.controlId}`, k.value);
  });
  return copy!;
}
