// Geometry of a rack drawn on the canvas, in page pixels. Pure maths: the canvas, drag-snapping
// and tests share it. Eurorack sizes: 1 HP = 5.08 mm wide; a 3U panel is 128.5 mm tall and
// an Intellijel-style 1U tile 39.65 mm.

export const MM_PER_HP = 5.08;
export const PX_PER_HP = 12;
export const PX_PER_MM = PX_PER_HP / MM_PER_HP;
/** Space around the rows inside the case frame, in px. */
export const CASE_PADDING_PX = 28;
/** Gap between two rows (the rails), in px. */
export const ROW_GAP_PX = 22;

export interface RowInput {
  hp: number;
  /** Panel height in U (3 for standard Eurorack); 3 when the case does not say. */
  heightU?: number | undefined;
}

export interface RowLayout {
  index: number;
  hp: number;
  /** Page coordinates of the row's left edge and top. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface CaseLayout {
  x: number;
  y: number;
  width: number;
  height: number;
  rows: RowLayout[];
}

export interface Point {
  x: number;
  y: number;
}

export interface Slot {
  row: number;
  hp: number;
}

export function hpToPx(hp: number): number {
  return hp * PX_PER_HP;
}

export function panelHeightMm(heightU: number): number {
  if (heightU === 1) return 39.65;
  return (heightU / 3) * 128.5;
}

export function rowHeightPx(heightU = 3): number {
  return Math.round(panelHeightMm(heightU) * PX_PER_MM);
}

/** Lays the rows out top to bottom inside a case frame whose top-left is `origin`. */
export function layoutCase(rows: RowInput[], origin: Point = { x: 0, y: 0 }): CaseLayout {
  const out: RowLayout[] = [];
  let y = origin.y + CASE_PADDING_PX;
  const x = origin.x + CASE_PADDING_PX;
  rows.forEach((row, index) => {
    const height = rowHeightPx(row.heightU ?? 3);
    out.push({ index, hp: row.hp, x, y, width: hpToPx(row.hp), height });
    y += height + ROW_GAP_PX;
  });
  const widest = Math.max(0, ...out.map((r) => r.width));
  const bottom = out.length > 0 ? y - ROW_GAP_PX : y;
  return {
    x: origin.x,
    y: origin.y,
    width: widest + 2 * CASE_PADDING_PX,
    height: bottom - origin.y + CASE_PADDING_PX,
    rows: out,
  };
}

/** Top-left page point of a module whose left edge is at `slot`; null for a missing row. */
export function slotToPoint(layout: CaseLayout, slot: Slot): Point | null {
  const row = layout.rows[slot.row];
  if (!row) return null;
  return { x: row.x + hpToPx(slot.hp), y: row.y };
}

/**
 * The slot nearest to a module whose top-left is at `point`: the row whose top is closest, the
 * whole HP closest to the left edge, kept inside the row. Null when the case has no rows.
 */
export function snapToSlot(layout: CaseLayout, point: Point, widthHp: number): Slot | null {
  let best: RowLayout | null = null;
  for (const row of layout.rows) {
    if (!best || Math.abs(row.y - point.y) < Math.abs(best.y - point.y)) best = row;
  }
  if (!best) return null;
  const maxHp = Math.max(0, best.hp - widthHp);
  const hp = Math.round((point.x - best.x) / PX_PER_HP);
  return { row: best.index, hp: Math.min(maxHp, Math.max(0, hp)) };
}

/** Space between the case and the parking strip under it, in px. */
export const PARKING_GAP_PX = 48;

/**
 * Where parked modules wait: left to right in a strip under the case, wrapping at the case's
 * width, each strip as tall as a 3U row.
 */
export function parkingPoints(layout: CaseLayout, widthsHp: readonly number[]): Point[] {
  const left = layout.x + CASE_PADDING_PX;
  const maxWidth = Math.max(hpToPx(1), layout.width - 2 * CASE_PADDING_PX);
  const lineHeight = rowHeightPx(3) + ROW_GAP_PX;
  let x = left;
  let y = layout.y + layout.height + PARKING_GAP_PX;
  return widthsHp.map((hp) => {
    const w = hpToPx(hp);
    if (x > left && x + w > left + maxWidth) {
      x = left;
      y += lineHeight;
    }
    const point = { x, y };
    x += w + PX_PER_HP;
    return point;
  });
}

/** Module ids in reading order: placed panels by row and HP, then parked ones. */
export function readingOrder(panels: readonly { moduleId: string; x: number; y: number; parked: boolean }[]): string[] {
  return [...panels]
    .sort((a, b) => Number(a.parked) - Number(b.parked) || a.y - b.y || a.x - b.x || a.moduleId.localeCompare(b.moduleId))
    .map((p) => p.moduleId);
}
