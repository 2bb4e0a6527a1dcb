import type { TLShape, TLShapePartial } from 'tldraw';
import { HTMLContainer, Rectangle2d, ShapeUtil, T, type RecordProps } from 'tldraw';
import type { CaseLayout, Slot } from './layout.ts';
import { slotToPoint, snapToSlot } from './layout.ts';
import { ModulePanel } from './ModulePanel.tsx';

export const RACK_MODULE = 'rack-module';

/**
 * A module panel on the canvas. Its place comes from the Yjs document; its face (name, knobs,
 * jacks) from the catalog, looked up when drawn, so the shape itself stays small.
 */
export interface RackModuleProps {
  w: number;
  h: number;
  moduleId: string;
  catalogId: string;
  hp: number;
  /** No room for it in the case after a merge: it waits below the case. */
  parked: boolean;
}

declare module '@tldraw/tlschema' {
  interface TLGlobalShapePropsMap {
    [RACK_MODULE]: RackModuleProps;
  }
}

export type RackModuleShape = TLShape<typeof RACK_MODULE>;

/** How the canvas tells the shape about the case and hears about drops; set by the canvas. */
export interface RackBridge {
  layout: CaseLayout;
  onDrop(moduleId: string, slot: Slot): void;
}

const props: RecordProps<RackModuleShape> = {
  w: T.number,
  h: T.number,
  moduleId: T.string,
  catalogId: T.string,
  hp: T.number,
  parked: T.boolean,
};

export class RackModuleShapeUtil extends ShapeUtil<RackModuleShape> {
  static override type = RACK_MODULE;
  static override props = props;
  override options: { bridge: RackBridge | null } = { bridge: null };

  override getDefaultProps(): RackModuleProps {
    return { w: 96, h: 303, moduleId: '', catalogId: '', hp: 8, parked: false };
  }

  override getGeometry(shape: RackModuleShape) {
    return new Rectangle2d({ width: shape.props.w, height: shape.props.h, isFilled: true });
  }

  override getIndicatorPath(shape: RackModuleShape) {
    const path = new Path2D();
    path.rect(0, 0, shape.props.w, shape.props.h);
    return path;
  }

  // A panel has a fixed size and stands upright: only moving it makes sense.
  override canResize() {
    return false;
  }
  override canEdit() {
    return false;
  }
  override canSnap() {
    return false;
  }
  // Arrows drawn over the rack are notes for people, not attached to panels.
  override canBind() {
    return false;
  }
  override hideResizeHandles() {
    return true;
  }
  override hideRotateHandle() {
    return true;
  }
  override isAspectRatioLocked() {
    return true;
  }
  override onBeforeUpdate(_prev: RackModuleShape, next: RackModuleShape) {
    return next.rotation === 0 ? next : { ...next, rotation: 0 };
  }

  /** While dragging, the panel jumps from HP to HP so the user sees where it will land. */
  override onTranslate(_initial: RackModuleShape, current: RackModuleShape): TLShapePartial<RackModuleShape> | void {
    const layout = this.options.bridge?.layout;
    if (!layout) return;
    const slot = snapToSlot(layout, current, current.props.hp);
    const point = slot && slotToPoint(layout, slot);
    if (!point || (point.x === current.x && point.y === current.y)) return;
    return { id: current.id, type: RACK_MODULE, x: point.x, y: point.y };
  }

  override onTranslateEnd(_initial: RackModuleShape, current: RackModuleShape) {
    const bridge = this.options.bridge;
    if (!bridge) return;
    const slot = snapToSlot(bridge.layout, current, current.props.hp);
    if (slot) bridge.onDrop(current.props.moduleId, slot);
  }

  override component(shape: RackModuleShape) {
    return (
      <HTMLContainer style={{ width: shape.props.w, height: shape.props.h }}>
        <ModulePanel {...shape.props} />
      </HTMLContainer>
    );
  }
}
