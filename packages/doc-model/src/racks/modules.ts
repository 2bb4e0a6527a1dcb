import type * as Y from 'yjs';
import { newId, rackParts, readRows, type ModulePlacementData } from '../rack-doc.ts';

export class RackRuleError extends Error {
  constructor(
    message: string,
    readonly code: 'NO_SUCH_ROW' | 'OUT_OF_ROW' | 'OVERLAP' | 'NO_SUCH_MODULE' | 'BAD_CABLE',
  ) {
    super(message);
    this.name = 'RackRuleError';
  }
}

export interface PlacedModule extends ModulePlacementData {
  id: string;
}

export interface Slot {
  row: number;
  hp: number;
}

export function listModules(doc: Y.Doc): PlacedModule[] {
  const out: PlacedModule[] = [];
  rackParts(doc).modules.forEach((value, id) => out.push({ id, ...value }));
  return out.sort((a, b) => a.row - b.row || a.hp - b.hp || a.id.localeCompare(b.id));
}

export function getModule(doc: Y.Doc, id: string): PlacedModule | null {
  const value = rackParts(doc).modules.get(id);
  return value ? { id, ...value } : null;
}

/** Throws a RackRuleError when `widthHp` at `slot` leaves the row or overlaps another module. */
export function checkFit(doc: Y.Doc, slot: Slot, widthHp: number, ignoreId?: string): void {
  const row = readRows(doc)[slot.row];
  if (!row) throw new RackRuleError(`The case has no row ${slot.row + 1}.`, 'NO_SUCH_ROW');
  if (slot.hp < 0 || slot.hp + widthHp > row.hp) {
    throw new RackRuleError(
      `A ${widthHp} HP module at HP ${slot.hp} does not fit in a ${row.hp} HP row.`,
      'OUT_OF_ROW',
    );
  }
  const clash = listModules(doc).find(
    (m) => m.id !== ignoreId && m.row === slot.row && overlaps(m, slot.hp, widthHp),
  );
  if (clash) throw new RackRuleError(`That space is taken by another module.`, 'OVERLAP');
}

function overlaps(m: PlacedModule, hp: number, widthHp: number): boolean {
  return hp < m.hp + m.widthHp && m.hp < hp + widthHp;
}

/** First free slot, scanning rows top to bottom and left to right; null when the case is full. */
export function findFreeSlot(doc: Y.Doc, widthHp: number): Slot | null {
  const rows = readRows(doc);
  for (let row = 0; row < rows.length; row++) {
    for (let hp = 0; hp + widthHp <= rows[row]!.hp; hp++) {
      try {
        checkFit(doc, { row, hp }, widthHp);
        return { row, hp };
      } catch {
        // taken: keep scanning
      }
    }
  }
  return null;
}

export interface AddModuleInput {
  catalogId: string;
  widthHp: number;
  /** Where to put it; the first free slot when omitted. */
  slot?: Slot;
  id?: string;
}

export function addModule(doc: Y.Doc, input: AddModuleInput): PlacedModule {
  const slot = input.slot ?? findFreeSlot(doc, input.widthHp);
  if (!slot) throw new RackRuleError('There is no free space for this module.', 'OUT_OF_ROW');
  checkFit(doc, slot, input.widthHp);
  const id = input.id ?? newId(doc, 'mod');
  const value: ModulePlacementData = {
    catalogId: input.catalogId,
    row: slot.row,
    hp: slot.hp,
    widthHp: input.widthHp,
  };
  rackParts(doc).modules.set(id, value);
  return { id, ...value };
}

export function moveModule(doc: Y.Doc, id: string, slot: Slot): PlacedModule {
  const current = getModule(doc, id);
  if (!current) throw new RackRuleError('That module is no longer in the rack.', 'NO_SUCH_MODULE');
  checkFit(doc, slot, current.widthHp, id);
  const { id: _drop, ...rest } = current;
  const value = { ...rest, row: slot.row, hp: slot.hp };
  rackParts(doc).modules.set(id, value);
  return { id, ...value };
}

/** Removes a module and every cable plugged into it, in one transaction. */
export function removeModule(doc: Y.Doc, id: string): void {
  const { modules, cables } = rackParts(doc);
  doc.transact(() => {
    modules.delete(id);
    cables.forEach((cable, cableId) => {
      if (cable.from.moduleId === id || cable.to.moduleId === id) cables.delete(cableId);
    });
  });
}
