// Read-time resolution of module placements. Concurrent edits can merge into states no single
// user made: two modules in one slot, a module past the end of its row. Every replica computes
// the same valid layout from the same merged state, so nothing has to be "fixed" before the
// rack can be shown, and no module is ever dropped: a module that cannot be placed is parked.
import type * as Y from 'yjs';
import { rackParts, readRows, type ModulePlacementData, type RowShape } from '../rack-doc.ts';
import { compareIds } from '../shared/order.ts';

export interface Slot {
  row: number;
  hp: number;
}

/** A module as the rack shows it. `parked`: no room in the case; `row`/`hp` are then where it was. */
export interface PlacedModule extends ModulePlacementData {
  id: string;
  parked: boolean;
}

/** A stored placement, or null when the value is not one (a foreign or damaged write). */
export function readPlacement(value: unknown): ModulePlacementData | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.catalogId !== 'string' || !isCount(v.widthHp) || v.widthHp < 1) return null;
  return {
    catalogId: v.catalogId,
    row: isCount(v.row) ? v.row : -1,
    hp: isCount(v.hp) ? v.hp : -1,
    widthHp: v.widthHp,
    ...(v.parked === true ? { parked: true } : {}),
  };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** Ids of every module in the merged state (placed or parked). */
export function moduleIds(doc: Y.Doc): Set<string> {
  const ids = new Set<string>();
  rackParts(doc).modules.forEach((value, id) => {
    if (readPlacement(value)) ids.add(id);
  });
  return ids;
}

/**
 * The layout every replica shows. Modules claim their stored slot in id order (the lower id
 * wins a contested slot); a module that lost its slot, or whose slot is outside its row, moves
 * to the nearest free slot in its row, else in the nearest other row, else it is parked.
 * Placed modules come sorted by row and HP, parked ones last.
 */
export function resolveModules(doc: Y.Doc): PlacedModule[] {
  const stored: PlacedModule[] = [];
  rackParts(doc).modules.forEach((value, id) => {
    const placement = readPlacement(value);
    if (placement) stored.push({ id, ...placement, parked: placement.parked === true });
  });
  stored.sort((a, b) => compareIds(a.id, b.id));
  const floor = new Floor(readRows(doc));
  const placed: PlacedModule[] = [];
  const parked: PlacedModule[] = [];
  const displaced: PlacedModule[] = [];
  for (const m of stored) {
    if (m.parked) parked.push(withoutFlag(m, true));
    else if (floor.isFree(m, m.widthHp)) placed.push(floor.claim(m, m));
    else displaced.push(m);
  }
  for (const m of displaced) {
    const slot = floor.nearestFree(m, m.widthHp);
    if (slot) placed.push(floor.claim(m, slot));
    else parked.push(withoutFlag(m, true));
  }
  placed.sort((a, b) => a.row - b.row || a.hp - b.hp || compareIds(a.id, b.id));
  parked.sort((a, b) => compareIds(a.id, b.id));
  return [...placed, ...parked];
}

function withoutFlag(m: PlacedModule, parked: boolean): PlacedModule {
  return { id: m.id, catalogId: m.catalogId, row: m.row, hp: m.hp, widthHp: m.widthHp, parked };
}

/** Free and taken HP of every row. */
export class Floor {
  private readonly taken: { hp: number; widthHp: number }[][];

  constructor(readonly rows: RowShape[]) {
    this.taken = rows.map(() => []);
  }

  static of(rows: RowShape[], modules: PlacedModule[], ignoreId?: string): Floor {
    const floor = new Floor(rows);
    for (const m of modules) if (!m.parked && m.id !== ignoreId) floor.claim(m, m);
    return floor;
  }

  inRow(slot: Slot, widthHp: number): boolean {
    const row = this.rows[slot.row];
    return !!row && slot.hp >= 0 && slot.hp + widthHp <= row.hp;
  }

  isFree(slot: Slot, widthHp: number): boolean {
    if (!this.inRow(slot, widthHp)) return false;
    return this.taken[slot.row]!.every((t) => slot.hp >= t.hp + t.widthHp || t.hp >= slot.hp + widthHp);
  }

  claim(m: PlacedModule, slot: Slot): PlacedModule {
    this.taken[slot.row]!.push({ hp: slot.hp, widthHp: m.widthHp });
    return withoutFlag({ ...m, row: slot.row, hp: slot.hp }, false);
  }

  /** Nearest free slot to `near`: its own row first, then rows by distance (upper first). */
  nearestFree(near: Slot, widthHp: number): Slot | null {
    const home = Math.min(Math.max(near.row, 0), this.rows.length - 1);
    const order = this.rows.map((_, i) => i).sort((a, b) => Math.abs(a - home) - Math.abs(b - home) || a - b);
    for (const row of order) {
      const positions: number[] = [];
      for (let hp = 0; hp + widthHp <= this.rows[row]!.hp; hp++) positions.push(hp);
      positions.sort((a, b) => Math.abs(a - near.hp) - Math.abs(b - near.hp) || a - b);
      const hp = positions.find((p) => this.isFree({ row, hp: p }, widthHp));
      if (hp !== undefined) return { row, hp };
    }
    return null;
  }

  /** First free slot scanning rows top to bottom and left to right. */
  firstFree(widthHp: number): Slot | null {
    for (let row = 0; row < this.rows.length; row++) {
      for (let hp = 0; hp + widthHp <= this.rows[row]!.hp; hp++) {
        if (this.isFree({ row, hp }, widthHp)) return { row, hp };
      }
    }
    return null;
  }
}
