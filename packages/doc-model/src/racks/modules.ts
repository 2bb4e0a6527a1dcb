import type * as Y from 'yjs';
import { RackRuleError } from '../errors.ts';
import { newId, rackParts, readRows, type ModulePlacementData } from '../rack-doc.ts';
import { deleteEntries } from '../shared/key-value.ts';
import * as valid from '../shared/validate.ts';
import { Floor, readPlacement, resolveModules, type PlacedModule, type Slot } from './layout.ts';

export { RackRuleError } from '../errors.ts';
export type { PlacedModule, Slot } from './layout.ts';

/** Every module as the rack shows it (after merge resolution), placed ones by row and HP, parked last. */
export function listModules(doc: Y.Doc): PlacedModule[] {
  return resolveModules(doc);
}

export function getModule(doc: Y.Doc, id: string): PlacedModule | null {
  return resolveModules(doc).find((m) => m.id === id) ?? null;
}

/** Throws a RackRuleError when `widthHp` at `slot` leaves the row or overlaps another module. */
export function checkFit(doc: Y.Doc, slot: Slot, widthHp: number, ignoreId?: string): void {
  checkFitOn(Floor.of(readRows(doc), resolveModules(doc), ignoreId), slot, widthHp);
}

function checkFitOn(floor: Floor, slot: Slot, widthHp: number): void {
  const row = floor.rows[slot.row];
  if (!Number.isInteger(slot.row) || !row) {
    throw new RackRuleError(`The case has no row ${slot.row + 1}.`, 'NO_SUCH_ROW');
  }
  if (!Number.isInteger(slot.hp) || !floor.inRow(slot, widthHp)) {
    throw new RackRuleError(`A ${widthHp} HP module at HP ${slot.hp} does not fit in a ${row.hp} HP row.`, 'OUT_OF_ROW');
  }
  if (!floor.isFree(slot, widthHp)) throw new RackRuleError(`That space is taken by another module.`, 'OVERLAP');
}

/** First free slot, scanning rows top to bottom and left to right; null when the case is full. */
export function findFreeSlot(doc: Y.Doc, widthHp: number): Slot | null {
  return Floor.of(readRows(doc), resolveModules(doc)).firstFree(widthHp);
}

export interface AddModuleInput {
  catalogId: string;
  widthHp: number;
  /** Where to put it; the first free slot when omitted. */
  slot?: Slot;
  id?: string;
}

export function addModule(doc: Y.Doc, input: AddModuleInput): PlacedModule {
  if (typeof input.catalogId !== 'string' || !input.catalogId) {
    throw new RackRuleError('Choose a module from the catalog.', 'BAD_INPUT');
  }
  const widthHp = valid.numberIn(input.widthHp, 1, 200, 'A module is 1 to 200 HP wide.', { integer: true });
  const id = input.id === undefined ? newId(doc, 'mod') : valid.id(input.id, 'Module');
  const { modules } = rackParts(doc);
  if (modules.has(id)) throw new RackRuleError('A module with this id is already in the rack.', 'DUPLICATE_ID');
  const view = resolveModules(doc);
  const floor = Floor.of(readRows(doc), view);
  const slot = input.slot ?? floor.firstFree(widthHp);
  if (!slot) throw new RackRuleError('There is no free space for this module.', 'OUT_OF_ROW');
  checkFitOn(floor, slot, widthHp);
  const value: ModulePlacementData = { catalogId: input.catalogId, row: slot.row, hp: slot.hp, widthHp };
  doc.transact(() => {
    settleModules(doc, view);
    modules.set(id, value);
  });
  return { id, ...value, parked: false };
}

/** Moves a module to a free slot; a parked module moved into the case is placed again. */
export function moveModule(doc: Y.Doc, id: string, slot: Slot): PlacedModule {
  const view = resolveModules(doc);
  const current = view.find((m) => m.id === id);
  if (!current) throw new RackRuleError('That module is no longer in the rack.', 'NO_SUCH_MODULE');
  checkFitOn(Floor.of(readRows(doc), view, id), slot, current.widthHp);
  const value: ModulePlacementData = {
    catalogId: current.catalogId,
    row: slot.row,
    hp: slot.hp,
    widthHp: current.widthHp,
  };
  doc.transact(() => {
    settleModules(doc, view);
    rackParts(doc).modules.set(id, value);
  });
  return { id, ...value, parked: false };
}

/** Takes a module out of the case into the parking area, keeping its cables and knob values. */
export function parkModule(doc: Y.Doc, id: string): PlacedModule {
  const current = getModule(doc, id);
  if (!current) throw new RackRuleError('That module is no longer in the rack.', 'NO_SUCH_MODULE');
  const { parked: _parked, id: _id, ...rest } = current;
  doc.transact(() => {
    settleModules(doc);
    rackParts(doc).modules.set(id, { ...rest, parked: true });
  });
  return { ...current, parked: true };
}

/**
 * Removes a module with everything attached to it — its cables, its knob values in every patch,
 * sequencer tracks aimed at it — in one transaction (so one undo brings it all back).
 */
export function removeModule(doc: Y.Doc, id: string): void {
  const { modules, cables, knobs, patterns } = rackParts(doc);
  doc.transact(() => {
    settleModules(doc);
    modules.delete(id);
    for (const [cableId, cable] of [...cables.entries()]) {
      if (cable?.from?.moduleId === id || cable?.to?.moduleId === id) cables.delete(cableId);
    }
    deleteEntries(knobs, (key) => key.split('/')[1] === id);
    patterns.forEach((pattern) => {
      const targets = pattern.get('targets') as Y.Map<{ moduleId?: string } | null> | undefined;
      for (const [trackId, target] of targets ? [...targets.entries()] : []) {
        if (target?.moduleId === id) targets!.set(trackId, null);
      }
    });
  });
}

/**
 * Stores the resolved layout: displaced modules get their shown slot, unplaceable ones are
 * marked parked. After this the stored layout is the shown one, so a later edit elsewhere
 * cannot make a displaced module jump. Returns the ids it changed.
 */
export function settleModules(doc: Y.Doc, view: PlacedModule[] = resolveModules(doc)): string[] {
  const { modules } = rackParts(doc);
  const changed: string[] = [];
  for (const m of view) {
    const stored = readPlacement(modules.get(m.id));
    if (!stored) continue;
    const same = m.parked
      ? stored.parked === true
      : stored.parked !== true && stored.row === m.row && stored.hp === m.hp;
    if (same) continue;
    const { id: _id, parked, ...place } = m;
    modules.set(m.id, parked ? { ...place, parked: true } : place);
    changed.push(m.id);
  }
  return changed;
}
