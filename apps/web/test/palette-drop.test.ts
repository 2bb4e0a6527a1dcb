import { addModule, initRack } from '@patchroom/doc-model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hpToPx, layoutCase } from '../src/room/canvas/layout.ts';
import { dropTargetAt } from '../src/room/canvas/palette-drop.ts';

function rack() {
  const doc = new Y.Doc();
  initRack(doc, { caseId: 'test-case', rows: [{ hp: 84 }, { hp: 20 }] });
  const layout = layoutCase([{ hp: 84 }, { hp: 20 }]);
  /** The pointer over HP `hp` (the held module's middle) of a row. */
  const over = (row: number, hp: number) => {
    const r = layout.rows[row]!;
    return { x: r.x + hpToPx(hp), y: r.y + r.height / 2 };
  };
  return { doc, layout, over };
}

describe('dropping a module from the palette', () => {
  it('lands with its middle under the pointer, on whole HP, in the row under the pointer', () => {
    const { doc, layout, over } = rack();
    expect(dropTargetAt(doc, layout, over(0, 30), 8)).toEqual({ row: 0, hp: 26, problem: null });
    expect(dropTargetAt(doc, layout, over(1, 10), 8)).toEqual({ row: 1, hp: 6, problem: null });
  });

  it('stays inside the row at its ends', () => {
    const { doc, layout, over } = rack();
    expect(dropTargetAt(doc, layout, over(0, 1), 8)).toMatchObject({ row: 0, hp: 0, problem: null });
    expect(dropTargetAt(doc, layout, over(0, 84), 8)).toMatchObject({ row: 0, hp: 76, problem: null });
  });

  it('says why it does not fit: a module there, or a row too narrow', () => {
    const { doc, layout, over } = rack();
    addModule(doc, { catalogId: 'vco', widthHp: 10, slot: { row: 0, hp: 20 } });
    expect(dropTargetAt(doc, layout, over(0, 24), 8)?.problem).toBe('That space is taken by another module.');
    expect(dropTargetAt(doc, layout, over(1, 10), 24)?.problem).toMatch(/does not fit in a 20 HP row/);
  });

  it('aims at nothing off the case', () => {
    const { doc, layout } = rack();
    expect(dropTargetAt(doc, layout, { x: layout.x + layout.width + 200, y: layout.y + 10 }, 8)).toBeNull();
    expect(dropTargetAt(doc, layout, { x: layout.x + 50, y: layout.y + layout.height + 200 }, 8)).toBeNull();
  });
});
