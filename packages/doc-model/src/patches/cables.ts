import type * as Y from 'yjs';
import { RackRuleError } from '../errors.ts';
import { newId, rackParts, type CableData, type JackRef } from '../rack-doc.ts';
import { moduleIds } from '../racks/layout.ts';
import { compareIds } from '../shared/order.ts';
import * as valid from '../shared/validate.ts';
import { FIRST_PATCH_ID, listPatches, resolvePatchId } from './patches.ts';

export interface Cable {
  id: string;
  patchId: string;
  from: JackRef;
  to: JackRef;
  color: string;
}

export const DEFAULT_CABLE_COLOR = '#e8b04a';

/**
 * Every cable the rack shows, in all patches, sorted by id. Hidden: cables of a deleted patch,
 * cables plugged into a module that is gone (deleted concurrently), and — when a merge put two
 * cables into one input — every cable but the one with the lowest id.
 */
export function resolveCables(
  doc: Y.Doc,
  modules: ReadonlySet<string> = moduleIds(doc),
  patches: ReadonlySet<string> = new Set(listPatches(doc).map((p) => p.id)),
): Cable[] {
  const raw: Cable[] = [];
  rackParts(doc).cables.forEach((value, id) => {
    const cable = readCable(id, value);
    if (cable) raw.push(cable);
  });
  raw.sort((a, b) => compareIds(a.id, b.id));
  const usedInputs = new Set<string>();
  return raw.filter((c) => {
    if (!patches.has(c.patchId) || !modules.has(c.from.moduleId) || !modules.has(c.to.moduleId)) return false;
    const input = JSON.stringify([c.patchId, c.to.moduleId, c.to.jackId]);
    if (usedInputs.has(input)) return false;
    usedInputs.add(input);
    return true;
  });
}

function readCable(id: string, value: unknown): Cable | null {
  const v = value as Partial<CableData> | null;
  if (!v || !isJack(v.from) || !isJack(v.to)) return null;
  if (v.from.moduleId === v.to.moduleId && v.from.jackId === v.to.jackId) return null;
  return {
    id,
    patchId: typeof v.patchId === 'string' ? v.patchId : FIRST_PATCH_ID,
    from: { moduleId: v.from.moduleId, jackId: v.from.jackId },
    to: { moduleId: v.to.moduleId, jackId: v.to.jackId },
    color: typeof v.color === 'string' ? v.color : DEFAULT_CABLE_COLOR,
  };
}

function isJack(value: unknown): value is JackRef {
  const v = value as Partial<JackRef> | null;
  return !!v && typeof v.moduleId === 'string' && typeof v.jackId === 'string';
}

/** The cables of a patch (the active one when `patchId` is omitted), as the rack shows them. */
export function listCables(doc: Y.Doc, patchId?: string): Cable[] {
  const id = patchId ?? activeOrNull(doc);
  return id === null ? [] : resolveCables(doc).filter((c) => c.patchId === id);
}

function activeOrNull(doc: Y.Doc): string | null {
  try {
    return resolvePatchId(doc);
  } catch {
    return null;
  }
}

export interface ConnectInput {
  /** An output jack. */
  from: JackRef;
  /** An input jack; it takes one cable at most. */
  to: JackRef;
  color?: string;
  id?: string;
  /** The patch to add the cable to; the active patch when omitted. */
  patchId?: string;
}

/** Patches a cable from an output to an input. Jack directions are checked by callers that
 * know the catalog (engine); the document enforces what it can see: modules exist, one cable
 * per input, no cable from a jack to itself. */
export function connect(doc: Y.Doc, input: ConnectInput): Cable {
  const patchId = resolvePatchId(doc, input.patchId);
  const present = moduleIds(doc);
  for (const end of [input.from, input.to]) {
    if (!present.has(end?.moduleId)) {
      throw new RackRuleError('A cable must join two modules in the rack.', 'NO_SUCH_MODULE');
    }
    valid.panelId(end.jackId, 'Jack');
  }
  if (input.from.moduleId === input.to.moduleId && input.from.jackId === input.to.jackId) {
    throw new RackRuleError('A cable cannot join a jack to itself.', 'BAD_CABLE');
  }
  const taken = resolveCables(doc, present).some(
    (c) => c.patchId === patchId && c.to.moduleId === input.to.moduleId && c.to.jackId === input.to.jackId,
  );
  if (taken) throw new RackRuleError('That input already has a cable.', 'BAD_CABLE');
  const color = cableColor(input.color ?? DEFAULT_CABLE_COLOR);
  const id = input.id === undefined ? newId(doc, 'cab') : valid.id(input.id, 'Cable');
  if (rackParts(doc).cables.has(id)) throw new RackRuleError('A cable with this id already exists.', 'DUPLICATE_ID');
  const value = {
    patchId,
    from: { moduleId: input.from.moduleId, jackId: input.from.jackId },
    to: { moduleId: input.to.moduleId, jackId: input.to.jackId },
    color,
  } satisfies CableData;
  rackParts(doc).cables.set(id, value);
  return { id, ...value };
}

function cableColor(value: unknown): string {
  if (typeof value !== 'string' || !value || value.length > 32) {
    throw new RackRuleError('A cable colour is a short CSS colour such as #e8b04a.', 'BAD_INPUT');
  }
  return value;
}

export function disconnect(doc: Y.Doc, id: string): void {
  rackParts(doc).cables.delete(id);
}

export function setCableColor(doc: Y.Doc, id: string, color: string): void {
  const { cables } = rackParts(doc);
  const cable = cables.get(id);
  if (!cable) throw new RackRuleError('That cable is no longer in the patch.', 'BAD_CABLE');
  cables.set(id, { ...cable, color: cableColor(color) });
}
