import type { TLShape, TLShapePartial } from 'tldraw';
import { HTMLContainer, Rectangle2d, ShapeUtil, T, type RecordProps } from 'tldraw';
import type { CaseLayout, Slot } from './layout.ts';
import { slotToPoint, snapToSlot } from './layout.ts';

export const RACK_MODULE = 'rack-module';

export interface PanelJack {
  id: string;
  name: string;
  dir: 'in' | 'out';
  signal: string;
}

export interface PanelControl {
  id: string;
  name: string;
}

/** What a module panel on the canvas shows: its place comes from the Yjs document, its face from the catalog. */
export interface RackModuleProps {
  w: number;
  h: number;
  moduleId: string;
  catalogId: string;
  hp: number;
  name: string;
  manufacturer: string;
  jacks: PanelJack[];
  controls: PanelControl[];
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
  name: T.string,
  manufacturer: T.string,
  jacks: T.arrayOf(
    T.object({ id: T.string, name: T.string, dir: T.literalEnum('in', 'out'), signal: T.string }),
  ),
  controls: T.arrayOf(T.object({ id: T.string, name: T.string })),
};

export class RackModuleShapeUtil extends ShapeUtil<RackModuleShape> {
  static override type = RACK_MODULE;
  static override props = props;
  override options: { bridge: RackBridge | null } = { bridge: null };

  override getDefaultProps(): RackModuleProps {
    return { w: 96, h: 303, moduleId: '', catalogId: '', hp: 8, name: '', manufacturer: '', jacks: [], controls: [] };
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
    return <ModulePanel shape={shape} />;
  }
}

/** Narrow panels print their name sideways, as real 2–4 HP modules do. */
const NARROW_HP = 4;

function ModulePanel({ shape }: { shape: RackModuleShape }) {
  const { w, h, moduleId, catalogId, hp, name, manufacturer, jacks, controls } = shape.props;
  const narrow = hp <= NARROW_HP;
  const inputs = jacks.filter((j) => j.dir === 'in');
  const outputs = jacks.filter((j) => j.dir === 'out');
  return (
    <HTMLContainer
      className={`rack-module${narrow ? ' is-narrow' : ''}`}
      style={{ width: w, height: h }}
      data-testid="module-shape"
      data-module-id={moduleId}
      data-catalog-id={catalogId}
      title={`${manufacturer} ${name} · ${hp} HP`}
    >
      <span className="rack-module-screw top" aria-hidden="true" />
      <header className="rack-module-title">
        <span className="rack-module-name">{name || catalogId}</span>
        <span className="rack-module-maker">{manufacturer}</span>
      </header>
      <div className="rack-module-controls" aria-label="Controls">
        {controls.map((c) => (
          <span key={c.id} className="rack-module-knob" title={c.name} />
        ))}
      </div>
      <JackGroup label="in" jacks={inputs} />
      <JackGroup label="out" jacks={outputs} />
      <span className="rack-module-hp">{hp} HP</span>
      <span className="rack-module-screw bottom" aria-hidden="true" />
    </HTMLContainer>
  );
}

function JackGroup({ label, jacks }: { label: 'in' | 'out'; jacks: PanelJack[] }) {
  if (jacks.length === 0) return null;
  return (
    <div className={`rack-module-jacks jacks-${label}`} aria-label={label === 'in' ? 'Inputs' : 'Outputs'}>
      <span className="rack-module-jacks-label">{label}</span>
      {jacks.map((j) => (
        <span
          key={j.id}
          className={`rack-module-jack jack-${j.dir} signal-${j.signal}`}
          data-jack-id={j.id}
          data-jack-dir={j.dir}
          title={`${j.name} (${j.dir === 'in' ? 'input' : 'output'}, ${j.signal})`}
        >
          <span className="jack-socket" aria-hidden="true" />
          <span className="jack-name">{j.name}</span>
        </span>
      ))}
    </div>
  );
}
