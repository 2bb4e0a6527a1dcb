// One-way projection of the rack document into tldraw shapes. The Yjs document is the truth;
// the canvas store only mirrors it (as "remote" changes, so tldraw's own history never holds them).
import type { CatalogModule } from '@patchroom/engine';
import { listModules, type PlacedModule } from '@patchroom/doc-model';
import type { Editor, IndexKey, TLShapeId } from 'tldraw';
import { createShapeId, getIndexAbove } from 'tldraw';
import type * as Y from 'yjs';
import type { CaseLayout } from './layout.ts';
import { hpToPx, slotToPoint } from './layout.ts';
import { RACK_MODULE, type RackModuleProps, type RackModuleShape } from './module-shape.tsx';

export function shapeIdFor(moduleId: string): TLShapeId {
  return createShapeId(moduleId);
}

/** The panel face of a placed module; a placeholder face until its catalog entry arrives. */
export function moduleProps(
  placed: PlacedModule,
  layout: CaseLayout,
  catalog: ReadonlyMap<string, CatalogModule>,
): RackModuleProps {
  const entry = catalog.get(placed.catalogId);
  const row = layout.rows[placed.row];
  return {
    w: hpToPx(placed.widthHp),
    h: row?.height ?? 0,
    moduleId: placed.id,
    catalogId: placed.catalogId,
    hp: placed.widthHp,
    name: entry?.name ?? 'Loading…',
    manufacturer: entry?.manufacturer ?? '',
    jacks: entry?.jacks.map(({ id, name, dir, signal }) => ({ id, name, dir, signal })) ?? [],
    controls: entry?.controls.map(({ id, name }) => ({ id, name })) ?? [],
  };
}

export interface ProjectOptions {
  /** Shapes the user is dragging right now: leave their position alone until the drop. */
  holdPositionOf?: ReadonlySet<TLShapeId>;
}

/** Brings the canvas in line with the document: creates, updates and removes module shapes. */
export function projectRack(
  editor: Editor,
  doc: Y.Doc,
  layout: CaseLayout,
  catalog: ReadonlyMap<string, CatalogModule>,
  options: ProjectOptions = {},
): void {
  const pageId = editor.getCurrentPageId();
  const existing = new Map<TLShapeId, RackModuleShape>();
  for (const shape of editor.getCurrentPageShapes()) {
    if (shape.type === RACK_MODULE) existing.set(shape.id, shape as RackModuleShape);
  }
  const puts: RackModuleShape[] = [];
  const seen = new Set<TLShapeId>();
  let nextIndex: IndexKey | null = null;
  for (const placed of listModules(doc)) {
    const point = slotToPoint(layout, placed);
    if (!point) continue; // a row that no longer exists: nothing sensible to draw
    const id = shapeIdFor(placed.id);
    seen.add(id);
    const current = existing.get(id);
    const held = current && options.holdPositionOf?.has(id);
    const next: RackModuleShape = {
      ...(current ?? baseShape(id, pageId, (nextIndex = getIndexAbove(nextIndex ?? editor.getHighestIndexForParent(pageId))))),
      x: held ? current.x : point.x,
      y: held ? current.y : point.y,
      rotation: 0,
      props: moduleProps(placed, layout, catalog),
    };
    if (!current || !sameShape(current, next)) puts.push(next);
  }
  const removed = [...existing.keys()].filter((id) => !seen.has(id));
  if (puts.length === 0 && removed.length === 0) return;
  editor.store.mergeRemoteChanges(() => {
    if (removed.length > 0) editor.store.remove(removed);
    if (puts.length > 0) editor.store.put(puts);
  });
}

function baseShape(id: TLShapeId, pageId: RackModuleShape['parentId'], index: IndexKey): RackModuleShape {
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

function sameShape(a: RackModuleShape, b: RackModuleShape): boolean {
  return a.x === b.x && a.y === b.y && a.rotation === b.rotation && JSON.stringify(a.props) === JSON.stringify(b.props);
}
