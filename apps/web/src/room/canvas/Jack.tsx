import { memo, useMemo, useRef } from 'react';
import { useEditor } from 'tldraw';
import type { JackTargetState } from './cable-draft.ts';
import { jackKey, jackLabel, type JackEnd } from './cable-rules.ts';
import { finishCable, jackAtPoint, startCable } from './patching.ts';
import type { PanelItem } from './panel-layout.ts';
import { useRoomCanvas, type RoomCanvas } from './room-canvas-context.ts';

interface JackProps {
  moduleId: string;
  moduleName: string;
  jack: { id: string; name: string; dir: 'in' | 'out'; signal: string };
  item: PanelItem;
  readOnly: boolean;
  /** The colour of the (first) cable plugged in, and how many are. */
  plugColor: string | null;
  cableCount: number;
  /** How the jack looks while a cable is being patched. */
  target: JackTargetState;
}

/** A pointer that moves less than this (px) between press and release is a click. */
const CLICK_SLOP = 4;

/**
 * A jack on a panel: drag from it to another jack to patch a cable, or click / press Enter on
 * it, then on the other jack (keys are handled for the whole canvas in panel-input.ts). While a
 * cable is being patched, jacks that would take it light up and the others say why not.
 */
export const Jack = memo(function Jack({ moduleId, moduleName, jack, item, readOnly, plugColor, cableCount, target }: JackProps) {
  const room = useRoomCanvas();
  const editor = useEditor();
  const end = useMemo<JackEnd>(
    () => ({ moduleId, jackId: jack.id, dir: jack.dir, signal: jack.signal, moduleName, jackName: jack.name }),
    [moduleId, moduleName, jack.id, jack.dir, jack.signal, jack.name],
  );
  const key = jackKey(end);
  const press = useRef<{ x: number; y: number } | null>(null);
  const pagePoint = (e: { clientX: number; clientY: number }) => editor.screenToPage({ x: e.clientX, y: e.clientY });

  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    if (readOnly || e.button !== 0) return;
    editor.markEventAsHandled(e);
    e.stopPropagation();
    e.currentTarget.focus({ preventScroll: true });
    if (room.drafts.current) {
      // The second click of click-to-patch.
      finishCable(room, end);
      return;
    }
    e.currentTarget.setPointerCapture(e.pointerId);
    press.current = { x: e.clientX, y: e.clientY };
    startCable(room, end, 'drag', pagePoint(e));
  };
  const onPointerMove = (e: React.PointerEvent<HTMLDivElement>) => {
    if (!press.current || room.drafts.current?.mode !== 'drag') return;
    editor.markEventAsHandled(e);
    room.drafts.moveEnd(pagePoint(e));
    room.drafts.setTarget(jackAtPoint(room, e.clientX, e.clientY));
  };
  const onPointerUp = (e: React.PointerEvent<HTMLDivElement>) => {
    const start = press.current;
    press.current = null;
    if (!start || room.drafts.current?.mode !== 'drag') return;
    editor.markEventAsHandled(e);
    e.stopPropagation();
    const moved = Math.hypot(e.clientX - start.x, e.clientY - start.y) > CLICK_SLOP;
    const over = jackAtPoint(room, e.clientX, e.clientY);
    if (!moved && (!over || jackKey(over) === key)) {
      // A plain click: keep the cable in hand until the next click on a jack.
      startCable(room, end, 'click', pagePoint(e));
      return;
    }
    if (over) finishCable(room, over);
    else room.drafts.cancel();
  };

  const reason = target === 'invalid' ? reasonOf(room, end) : undefined;
  const description = reason ?? (cableCount > 0 ? `patched, ${cableCount} cable${cableCount > 1 ? 's' : ''}` : undefined);
  // The socket is printed on the panel face; this element lights up and takes focus and cables.
  return (
    <div
      role="button"
      tabIndex={0}
      aria-label={jackLabel(moduleName, jack.name, jack.dir)}
      aria-description={description}
      aria-disabled={readOnly || target === 'invalid' ? true : undefined}
      className={`jack jack-${jack.dir}${plugColor ? ' is-plugged' : ''}${target ? ` is-${target}-target` : ''}`}
      data-jack-key={key}
      title={`${jack.name} · ${jack.dir === 'in' ? 'input' : 'output'} · ${jack.signal}`}
      style={{
        left: item.cx - item.size / 2,
        top: item.cy - item.size / 2,
        width: item.size,
        height: item.size,
        ...(plugColor ? { ['--plug-color' as string]: plugColor } : {}),
      }}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => {
        press.current = null;
        if (room.drafts.current?.mode === 'drag') room.drafts.cancel();
      }}
    />
  );
});

function reasonOf(room: RoomCanvas, end: JackEnd): string | undefined {
  const check = room.drafts.check(end);
  return check && !check.ok ? check.reason : undefined;
}
