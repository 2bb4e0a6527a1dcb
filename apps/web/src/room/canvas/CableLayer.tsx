import type { Cable } from '@patchroom/doc-model';
import type { CatalogModule } from '@patchroom/engine';
import { memo, useContext, useEffect } from 'react';
import { useEditor, useValue, type Editor } from 'tldraw';
import { useCables } from '../rack-view.ts';
import { cablePath, type Point } from './cable-path.ts';
import { useDraft, useLooseEnd } from './cable-draft.ts';
import { defaultCableColor, jackLabel } from './cable-rules.ts';
import { RACK_MODULE, type RackModuleShape } from './module-shape.tsx';
import { jackAtPoint, jackPagePoint } from './patching.ts';
import { shapeIdFor } from './projection.ts';
import { CatalogContext, useRoomCanvas, useSignal, type RoomCanvas } from './room-canvas-context.ts';

/**
 * Every cable of the active patch, drawn in page space over the module panels (and under the
 * notes and arrows drawn over the rack). Each cable follows its two modules as they move.
 */
export function CableLayer() {
  const editor = useEditor();
  const room = useRoomCanvas();
  const catalog = useContext(CatalogContext);
  const cables = useCables(room.view);
  const selected = useSignal(room.selectedCable);
  const peerCables = useSignal(room.peerCables);
  // Shapes are stacked by z-index from 2 × maxShapesPerPage in paint order, panels first: the
  // layer sits right above the last panel.
  const zIndex = useValue(
    'cable layer z-index',
    () => 2 * editor.options.maxShapesPerPage + editor.getCurrentPageShapes().filter((s) => s.type === RACK_MODULE).length,
    [editor],
  );
  // Where every cable's plugs are, as one reactive value: it follows the module shapes (moved
  // by a drag or by the document), and cables whose ends did not move keep their element.
  const ends = useValue(
    'cable ends',
    () => {
      const out = new Map<string, string>();
      for (const cable of cables) {
        const a = jackPagePoint(editor, catalog, cable.from);
        const b = jackPagePoint(editor, catalog, cable.to);
        if (a && b) out.set(cable.id, `${a.x} ${a.y} ${b.x} ${b.y}`);
      }
      return out;
    },
    [editor, catalog, cables],
  );
  useDraftPointer(room, editor);
  useCableKeys(room);

  return (
    <svg className="cable-layer" style={{ zIndex }} width={1} height={1} aria-label="Cables" role="group">
      {cables.map((cable) => (
        <CableView
          key={cable.id}
          cable={cable}
          ends={ends.get(cable.id) ?? null}
          catalog={catalog}
          editor={editor}
          room={room}
          selected={cable.id === selected}
          peerColor={peerCables.get(cable.id) ?? null}
        />
      ))}
      <DraftCable editor={editor} room={room} catalog={catalog} />
    </svg>
  );
}

interface CableViewProps {
  cable: Cable;
  /** "ax ay bx by": where its plugs are on the page. */
  ends: string | null;
  catalog: ReadonlyMap<string, CatalogModule>;
  editor: Editor;
  room: RoomCanvas;
  selected: boolean;
  peerColor: string | null;
}

const CableView = memo(function CableView({ cable, ends, catalog, editor, room, selected, peerColor }: CableViewProps) {
  if (!ends) return null;
  const [ax, ay, bx, by] = ends.split(' ').map(Number) as [number, number, number, number];
  const d = cablePath({ x: ax, y: ay }, { x: bx, y: by });
  const select = () => {
    room.drafts.cancel();
    editor.selectNone();
    room.selectedCable.set(cable.id);
  };
  return (
    // No group element: a room with hundreds of cables keeps its element count (and style work) down.
    <>
      {peerColor ? <path className="cable-peer" d={d} style={{ stroke: peerColor }} /> : null}
      {selected ? <path className="cable-halo" d={d} /> : null}
      <path className="cable-line" d={d} style={{ stroke: cable.color }} />
      <path className="cable-plug" d={plugsPath(ax, ay, bx, by)} style={{ fill: cable.color }} />
      <path
        className="cable-hit"
        d={d}
        data-cable-id={cable.id}
        role="button"
        tabIndex={0}
        aria-label={`Cable from ${endName(editor, catalog, cable.from, 'out')} to ${endName(editor, catalog, cable.to, 'in')}`}
        aria-pressed={selected}
        data-testid="cable"
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          editor.markEventAsHandled(e);
          e.stopPropagation();
          select();
        }}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' && e.key !== ' ') return;
          e.preventDefault();
          e.stopPropagation();
          select();
          // Keyboard users go straight to what they can do with it.
          requestAnimationFrame(() => document.querySelector<HTMLElement>('.cable-toolbar button')?.focus());
        }}
      />
    </>
  );
});

const PLUG_RADIUS = 5;

/** Both plugs as one path (two circles): fewer elements in a room with hundreds of cables. */
function plugsPath(ax: number, ay: number, bx: number, by: number): string {
  const r = PLUG_RADIUS;
  const circle = (x: number, y: number) => `M${x - r} ${y}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;
  return circle(ax, ay) + circle(bx, by);
}

function endName(editor: Editor, catalog: ReadonlyMap<string, CatalogModule>, ref: Cable['from'], dir: 'in' | 'out'): string {
  const shape = editor.getShape(shapeIdFor(ref.moduleId)) as RackModuleShape | undefined;
  const entry = shape ? catalog.get(shape.props.catalogId) : undefined;
  const jack = entry?.jacks.find((j) => j.id === ref.jackId);
  return jackLabel(entry?.name ?? 'module', jack?.name ?? ref.jackId, dir);
}

/** The cable being patched: from its jack to the pointer, or to the jack focused with the keyboard. */
function DraftCable({ editor, room, catalog }: { editor: Editor; room: RoomCanvas; catalog: ReadonlyMap<string, CatalogModule> }) {
  const draft = useDraft(room.drafts);
  const loose = useLooseEnd(room.drafts);
  const from = useValue('draft start', () => (draft ? jackPagePoint(editor, catalog, draft.source) : null), [editor, catalog, draft]);
  const targetPoint = useValue(
    'draft target',
    () => (draft?.target && draft.mode === 'keyboard' ? jackPagePoint(editor, catalog, draft.target) : null),
    [editor, catalog, draft],
  );
  if (!draft || !from) return null;
  const to: Point | null = targetPoint ?? loose;
  const valid = draft.target ? room.drafts.check(draft.target)?.ok === true : null;
  const color = defaultCableColor(draft.source.signal);
  return (
    <g className={`cable cable-draft${valid === false ? ' is-invalid' : ''}`} style={{ ['--cable-color' as string]: color }} aria-hidden="true">
      <circle className="cable-plug" cx={from.x} cy={from.y} r={5} />
      {to ? (
        <>
          <path className="cable-shadow" d={cablePath(from, to)} />
          <path className="cable-line" d={cablePath(from, to)} />
          <circle className="cable-plug loose" cx={to.x} cy={to.y} r={6} />
        </>
      ) : null}
    </g>
  );
}

/**
 * A cable picked up with a click follows the pointer until the next click: on a jack it is
 * patched (the jack handles that), anywhere else it is put back. Escape puts it back too.
 */
function useDraftPointer(room: RoomCanvas, editor: Editor) {
  const draft = useDraft(room.drafts);
  const mode = draft?.mode ?? null;
  useEffect(() => {
    if (!mode) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      room.drafts.cancel();
      room.announce('Patching cancelled.');
    };
    window.addEventListener('keydown', onKeyDown);
    if (mode !== 'click') return () => window.removeEventListener('keydown', onKeyDown);
    const onMove = (e: PointerEvent) => {
      room.drafts.moveEnd(editor.screenToPage({ x: e.clientX, y: e.clientY }));
      room.drafts.setTarget(jackAtPoint(room, e.clientX, e.clientY));
    };
    const onDown = (e: PointerEvent) => {
      if (!(e.target instanceof Element) || !e.target.closest('[data-jack-key]')) room.drafts.cancel();
    };
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerdown', onDown, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerdown', onDown, true);
    };
  }, [mode, room, editor]);
}

/** Delete removes the selected cable, Escape lets go of it; a click on the canvas does too. */
function useCableKeys(room: RoomCanvas) {
  const editor = useEditor();
  const selected = useSignal(room.selectedCable);
  useEffect(() => {
    if (!selected) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (isTextField(e.target)) return;
      if (e.key === 'Escape') {
        room.selectedCable.set(null);
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && !room.readOnly.get()) {
        e.preventDefault();
        room.removeCable(selected);
      }
    };
    const onEvent = (info: { type: string; name: string }) => {
      if (info.type === 'pointer' && info.name === 'pointer_down') room.selectedCable.set(null);
    };
    window.addEventListener('keydown', onKeyDown);
    editor.on('event', onEvent);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      editor.off('event', onEvent);
    };
  }, [selected, room, editor]);
}

export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}
