// One-way projection of the rack's modules into tldraw shapes. The Yjs document is the truth;
// the canvas store only mirrors it (as "remote" changes, so tldraw's own history never holds
// them). Only modules whose place or size changed are written to the store.
import { listModules } from '@patchroom/doc-model';
import type { Editor, IndexKey, TLParentId, TLShapeId } from 'tldraw';
import { createShapeId, getIndexAbove, getIndexBetween } from 'tldraw';
import type * as Y from 'yjs';
import type { CaseLayout } from './layout.ts';
import { hpToPx, parkingPoints, rowHeightPx, slotToPoint } from './layout.ts';
import { RACK_MODULE, type RackModuleProps, type RackModuleShape } from './module-shape.tsx';

export function shapeIdFor(moduleId: string): TLShapeId {
  return createShapeId(moduleId);
}

export interface ProjectOptions {
  /** Shapes the user is dragging right now: leave their position alone until the drop. */
  holdPositionOf?: ReadonlySet<TLShapeId>;
}

/** Brings the canvas in line with the document: creates, updates and removes module shapes. */
export function projectRack(editor: Editor, doc: Y.Doc, layout: CaseLayout, options: ProjectOptions = {}): void {
  const pageId = editor.getCurrentPageId();
  const existing = new Map<TLShapeId, RackModuleShape>();
  let highestModule: IndexKey | null = null;
  let lowestOther: IndexKey | null = null;
  let highest: IndexKey | null = null;
  for (const shape of editor.getCurrentPageShapes()) {
    if (shape.type === RACK_MODULE) {
      existing.set(shape.id, shape as RackModuleShape);
      if (!highestModule || shape.index > highestModule) highestModule = shape.index;
    } else if (!lowestOther || shape.index < lowestOther) {
      lowestOther = shape.index;
    }
    if (!highest || shape.index > highest) highest = shape.index;
  }
  const modules = listModules(doc);
  const parked = modules.filter((m) => m.parked);
  const parkedAt = new Map(parkingPoints(layout, parked.map((m) => m.widthHp)).map((p, i) => [parked[i]!.id, p]));

  const puts: RackModuleShape[] = [];
  const seen = new Set<TLShapeId>();
  for (const placed of modules) {
    const point = placed.parked ? parkedAt.get(placed.id) : slotToPoint(layout, placed);
    if (!point) continue; // a row that no longer exists: nothing sensible to draw
    const id = shapeIdFor(placed.id);
    seen.add(id);
    const current = existing.get(id);
    const held = current && options.holdPositionOf?.has(id);
    const props: RackModuleProps = {
      w: hpToPx(placed.widthHp),
      h: placed.parked ? rowHeightPx(3) : (layout.rows[placed.row]?.height ?? rowHeightPx(3)),
      moduleId: placed.id,
      catalogId: placed.catalogId,
      hp: placed.widthHp,
      parked: placed.parked,
    };
    const x = held ? current.x : point.x;
    const y = held ? current.y : point.y;
    if (current && current.x === x && current.y === y && current.rotation === 0 && sameProps(current.props, props)) continue;
    let base = current;
    if (!base) {
      // Panels stay under notes and arrows drawn over the rack: new ones slot in below them.
      const below = lowestOther !== null && (highestModule === null || highestModule < lowestOther);
      const index = below ? getIndexBetween(highestModule, lowestOther) : getIndexAbove(highest);
      highestModule = index;
      if (!highest || index > highest) highest = index;
      base = baseShape(id, pageId, index);
    }
    puts.push({ ...base, x, y, rotation: 0, props });
  }
  const removed = [...existing.keys()].filter((id) => !seen.has(id));
  if (puts.length === 0 && removed.length === 0) return;
  editor.store.mergeRemoteChanges(() => {
    if (removed.length > 0) editor.store.remove(removed);
    if (puts.length > 0) editor.store.put(puts);
  });
}

function baseShape(id: TLShapeId, pageId: TLParentId, index: IndexKey): RackModuleShape {
  return {
    id,
    typeName: 'shape',
    type: RACK_MODULE,
    parentId: pageId,
    index,
    x: 0,
    y: 0,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: {} as RackModuleProps,
  };
}

function sameProps(a: RackModuleProps, b: RackModuleProps): boolean {
  return (
    a.w === b.w &&
    a.h === b.h &&
    a.moduleId === b.moduleId &&
    a.catalogId === b.catalogId &&
    a.hp === b.hp &&
    a.parked === b.parked
  );
}
