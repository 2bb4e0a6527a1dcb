import { describe, expect, it } from 'vitest';
import {
  CASE_PADDING_PX,
  PX_PER_HP,
  ROW_GAP_PX,
  hpToPx,
  layoutCase,
  rowHeightPx,
  slotToPoint,
  snapToSlot,
} from '../src/room/canvas/layout.ts';

describe('rack layout', () => {
  it('draws HP and panel heights in Eurorack proportions', () => {
    expect(hpToPx(8)).toBe(8 * PX_PER_HP);
    // 3U is 128.5 mm tall, 1 HP 5.08 mm wide: a 3U row is ~25.3 HP tall.
    expect(rowHeightPx(3) / PX_PER_HP).toBeCloseTo(128.5 / 5.08, 0);
    // A 1U tile row is under a third of a 3U row.
    expect(rowHeightPx(1)).toBeLessThan(rowHeightPx(3) / 3);
  });

  it('stacks rows top to bottom inside the case padding', () => {
    const layout = layoutCase([{ hp: 84 }, { hp: 84, heightU: 1 }, { hp: 104 }]);
    const [first, second, third] = layout.rows;
    expect(first).toMatchObject({ x: CASE_PADDING_PX, y: CASE_PADDING_PX, width: 84 * PX_PER_HP });
    expect(second!.y).toBe(first!.y + first!.height + ROW_GAP_PX);
    expect(second!.height).toBe(rowHeightPx(1));
    expect(third!.y).toBe(second!.y + second!.height + ROW_GAP_PX);
    expect(layout.width).toBe(104 * PX_PER_HP + 2 * CASE_PADDING_PX);
    expect(layout.height).toBe(third!.y + third!.height + CASE_PADDING_PX);
  });

  it('places a slot at its row and HP offset, and knows no missing row', () => {
    const layout = layoutCase([{ hp: 84 }, { hp: 84 }], { x: 100, y: 50 });
    expect(slotToPoint(layout, { row: 1, hp: 10 })).toEqual({
      x: layout.rows[1]!.x + 10 * PX_PER_HP,
      y: layout.rows[1]!.y,
    });
    expect(slotToPoint(layout, { row: 2, hp: 0 })).toBeNull();
  });

  it('snaps a dropped panel to the nearest row and whole HP', () => {
    const layout = layoutCase([{ hp: 84 }, { hp: 84 }]);
    const row1 = layout.rows[1]!;
    const dropped = { x: row1.x + 20 * PX_PER_HP + 5, y: row1.y - 30 };
    expect(snapToSlot(layout, dropped, 8)).toEqual({ row: 1, hp: 20 });
    const justPastHalf = { x: row1.x + 20 * PX_PER_HP + PX_PER_HP * 0.6, y: row1.y };
    expect(snapToSlot(layout, justPastHalf, 8)).toEqual({ row: 1, hp: 21 });
  });

  it('keeps a snapped panel inside its row', () => {
    const layout = layoutCase([{ hp: 84 }]);
    const row = layout.rows[0]!;
    expect(snapToSlot(layout, { x: row.x - 500, y: row.y }, 8)).toEqual({ row: 0, hp: 0 });
    expect(snapToSlot(layout, { x: row.x + 5000, y: row.y }, 8)).toEqual({ row: 0, hp: 76 });
  });

  it('cannot snap into a case without rows', () => {
    expect(snapToSlot(layoutCase([]), { x: 0, y: 0 }, 4)).toBeNull();
  });
});
