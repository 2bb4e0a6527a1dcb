import type * as Y from 'yjs';
import { newId, rackParts, type CableData, type JackRef } from '../rack-doc.ts';
import { getModule, RackRuleError } from '../racks/modules.ts';

export interface Cable extends CableData {
  id: string;
}

export const DEFAULT_CABLE_COLOR = '#e8b04a';

export function listCables(doc: Y.Doc): Cable[] {
  const out: Cable[] = [];
  rackParts(doc).cables.forEach((value, id) => out.push({ id, ...value }));
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

export interface ConnectInput {
  /** An output jack. */
  from: JackRef;
  /** An input jack; it takes one cable at most. */
  to: JackRef;
  color?: string;
  id?: string;
}

/** Patches a cable from an output to an input. Jack directions are checked by callers that
 * know the catalog (engine); the document enforces what it can see: modules exist, one cable
 * per input, no cable from a jack to itself. */
export function connect(doc: Y.Doc, input: ConnectInput): Cable {
  for (const end of [input.from, input.to]) {
    if (!getModule(doc, end.moduleId)) {
      throw new RackRuleError('A cable must join two modules in the rack.', 'NO_SUCH_MODULE');
    }
  }
  if (input.from.moduleId === input.to.moduleId && input.from.jackId === input.to.jackId) {
    throw new RackRuleError('A cable cannot join a jack to itself.', 'BAD_CABLE');
  }
  const taken = listCables(doc).some(
    (c) => c.to.moduleId === input.to.moduleId && c.to.jackId === input.to.jackId,
  );
  if (taken) throw new RackRuleError('That input already has a cable.', 'BAD_CABLE');
  const id = input.id ?? newId(doc, 'cab');
  const value: CableData = {
    from: { ...input.from },
    to: { ...input.to },
    color: input.color ?? DEFAULT_CABLE_COLOR,
  };
  rackParts(doc).cables.set(id, value);
  return { id, ...value };
}

export function disconnect(doc: Y.Doc, id: string): void {
  rackParts(doc).cables.delete(id);
}
