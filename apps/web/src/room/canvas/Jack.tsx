import { memo, useEffect, useMemo, useRef } from 'react';
import { useEditor } from 'tldraw';
import { useCablesAt } from '../rack-view.ts';
import { useJackTargetState } from './cable-draft.ts';
import { jackKey, jackLabel, type JackEnd } from './cable-rules.ts';
import { finishCable, jackAtPoint, startCable } from './patching.ts';
import type { PanelItem } from './panel-layout.ts';
import { useRoomCanvas, useSignal } from './room-canvas-context.ts';

interface JackProps {
  moduleId: string;
  moduleName: string;
  jack: { id: string; name: string; dir: 'in' | 'out'; signal: string };
  item: PanelItem;
  cellWidth: number;
  showLabel: boolean;
}

/** A pointer that moves less than this (px) between press and release is a click. */
const CLICK_SLOP = 4;

/**
 * A jack on a panel: drag from it to another jack to patch a cable, or click / press Enter on
 * it, then on the other jack. While a cable is being patched, jacks that would take it light up
 * and the others say why not.
 */
export const Jack = memo(function Jack({ moduleId, moduleName, jack, item, cellWidth, showLabel }: JackProps) {
  const room = useRoomCanvas();
  const editor = useEditor();
  const readOnly = useSignal(room.readOnly);
  const ref = useRef<HTMLDivElement>(null);
  const end = useMemo<JackEnd>(
    () => ({ moduleId, jackId: jack.id, dir: jack.dir, signal: jack.signal, moduleName, jackName: jack.name }),
    [moduleId, moduleName, jack.id, jack.dir, jack.signal, jack.name],
  );
  const key = jackKey(end);
  const target = useJackTargetState(room.drafts, end);
  const cables = useCablesAt(room.view, end);
  const plugged = cables[0];

  useEffect(() => {
    room.jacks.set(key, end);
    return () => {
      if (room.jacks.get(key) === end) room.jacks.delete(key);
    };
  }, [room, key, end]);

  // Keys are handled before tldraw sees them (it listens higher up, on its container).
  useEffect(() => {
    const element = ref.current;
    if (!element || readOnly) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        e.stopPropagation();
        if (room.drafts.current) finishCable(room, end);
        else startCable(room, end, 'keyboard', null);
      } else if (e.key === 'Escape' && room.drafts.current) {
        e.preventDefault();
        e.stopPropagation();
        room.drafts.cancel();
        room.announce('Patching cancelled.');
      }
    };
    const onFocus = () => {
      if (room.drafts.current?.mode === 'keyboard') room.drafts.setTarget(end);
    };
    element.addEventListener('keydown', onKeyDown);
    element.addEventListener('focus', onFocus);
    return () => {
      element.removeEventListener('keydown', onKeyDown);
      element.removeEventListener('focus', onFocus);
    };
  }, [room, end, readOnly]);

  const press = useRef<{ x: number; y: number; pointerId: number } | null>(null);
  const pagePoint = (e: { clientX: number; clientY: number }) => editor.screenToPage({ x: e.clientX, y: e.clientY });

  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    if (readOnly || e.button !== 0) return;
    editor.markEventAsHandled(e);
    e.stopPropagation();
    ref.current?.focus({ preventScroll: true });
    if (room.drafts.current) {
      // The second click of click-to-patch.
      finishCable(room, end);
      return;
    }
    e.currentTarget.setPointerCapture(e.pointerId);
    press.current = { x: e.clientX, y: e.clientY, pointerId: e.pointerId };
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

  const label = jackLabel(moduleName, jack.name, jack.dir);
  const reason = target === 'invalid' ? reasonOf(room, end) : undefined;
  const description = reason ?? (plugged ? `patched, ${cables.length} cable${cables.length > 1 ? 's' : ''}` : undefined);
  return (
    <>
      <div
        ref={ref}
        role="button"
        tabIndex={0}
        aria-label={label}
        aria-description={description}
        aria-disabled={readOnly || target === 'invalid' ? true : undefined}
        className={`jack jack-${jack.dir}${plugged ? ' is-plugged' : ''}${target ? ` is-${target}-target` : ''}`}
        data-jack-key={key}
        data-signal={jack.signal}
        title={`${jack.name} · ${jack.dir === 'in' ? 'input' : 'output'} · ${jack.signal}`}
        style={{
          left: item.cx - item.size / 2,
          top: item.cy - item.size / 2,
          width: item.size,
          height: item.size,
          ...(plugged ? { ['--plug-color' as string]: plugged.color } : {}),
        }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          press.current = null;
          if (room.drafts.current?.mode === 'drag') room.drafts.cancel();
        }}
      />
      {showLabel ? (
        <span
          className="panel-label jack-label"
          aria-hidden="true"
          style={{ left: item.cx - cellWidth / 2, top: item.cy + item.size / 2 + 1, width: cellWidth }}
        >
          {jack.name}
        </span>
      ) : null}
    </>
  );
});

function reasonOf(room: ReturnType<typeof useRoomCanvas>, end: JackEnd): string | undefined {
  const check = room.drafts.check(end);
  return check && !check.ok ? check.reason : undefined;
}
