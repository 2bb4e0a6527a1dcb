import { setKnob } from '@patchroom/doc-model';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useEditor } from 'tldraw';
import { tryLocalEdit } from '../edits.ts';
import { throttle } from '../presence/throttle.ts';
import { useKnobValue } from '../rack-view.ts';
import { clampValue, dragValue, keyValue, rangeOf, valueShare, valueText, valueToAngle, wheelValue } from './knob-math.ts';
import type { PanelItem } from './panel-layout.ts';
import { useRoomCanvas, useSignal } from './room-canvas-context.ts';

interface KnobProps {
  moduleId: string;
  moduleName: string;
  control: { id: string; name: string; kind: string; min: number; max: number; default: number };
  item: PanelItem;
  cellWidth: number;
  showLabel: boolean;
}

/** Writes while dragging go out about 30 times a second; the last value always lands. */
const WRITE_INTERVAL_MS = 33;

/**
 * A knob, slider or switch of a module, set per patch. Drag it up or down, turn the mouse wheel
 * over it, or focus it and use the arrow keys, Page Up/Down, Home and End.
 */
export const Knob = memo(function Knob({ moduleId, moduleName, control, item, cellWidth, showLabel }: KnobProps) {
  const room = useRoomCanvas();
  const editor = useEditor();
  const readOnly = useSignal(room.readOnly);
  const ref = useRef<HTMLDivElement>(null);
  const range = useMemo(() => rangeOf(control), [control]);
  const stored = useKnobValue(room.view, moduleId, control.id);
  const [dragging, setDragging] = useState<number | null>(null);
  const value = clampValue(dragging ?? stored ?? control.default, range);
  const latest = useRef(value);
  latest.current = value;

  // One writer per knob: throttled while the pointer or wheel moves it, flushed when it stops.
  const write = useMemo(
    () =>
      throttle((next: number) => {
        tryLocalEdit(room.doc, () => setKnob(room.doc, { moduleId, controlId: control.id, value: next }), room.notice);
      }, WRITE_INTERVAL_MS),
    [room, moduleId, control.id],
  );
  useEffect(() => () => write.flush(), [write]);

  useEffect(() => {
    const element = ref.current;
    if (!element || readOnly) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return; // undo, redo and other shortcuts pass through
      const next = keyValue(latest.current, e.key, range, e.shiftKey);
      if (next === null) return;
      e.preventDefault();
      e.stopPropagation();
      if (next !== latest.current) {
        latest.current = next;
        write(next);
        write.flush();
      }
    };
    // Over a knob the wheel turns it instead of scrolling or zooming the canvas.
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      e.stopPropagation();
      const next = wheelValue(latest.current, e.deltaY, range);
      if (next === latest.current) return;
      latest.current = next;
      setDragging(next);
      write(next);
      scheduleWheelEnd();
    };
    let wheelEnd: ReturnType<typeof setTimeout> | null = null;
    const scheduleWheelEnd = () => {
      if (wheelEnd) clearTimeout(wheelEnd);
      wheelEnd = setTimeout(() => {
        write.flush();
        setDragging(null);
      }, 150);
    };
    element.addEventListener('keydown', onKeyDown);
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      element.removeEventListener('keydown', onKeyDown);
      element.removeEventListener('wheel', onWheel);
      if (wheelEnd) clearTimeout(wheelEnd);
    };
  }, [range, readOnly, write]);

  const drag = useRef<{ startY: number; startValue: number } | null>(null);
  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    if (readOnly || e.button !== 0) return;
    editor.markEventAsHandled(e);
    e.stopPropagation();
    e.preventDefault();
    ref.current?.focus({ preventScroll: true });
    e.currentTarget.setPointerCapture(e.pointerId);
    // A drag is one step of undo, however many values it wrote.
    room.undoManager.stopCapturing();
    drag.current = { startY: e.clientY, startValue: latest.current };
    setDragging(latest.current);
  };
  const onPointerMove = (e: React.PointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    if (!start) return;
    editor.markEventAsHandled(e);
    // Screen px, not page px: the feel of a knob does not change with zoom.
    const next = dragValue(start.startValue, e.clientY - start.startY, range, e.shiftKey);
    if (next === latest.current) return;
    latest.current = next;
    setDragging(next);
    write(next);
  };
  const endDrag = (e: React.PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    editor.markEventAsHandled(e);
    drag.current = null;
    write.flush();
    room.undoManager.stopCapturing();
    setDragging(null);
  };

  const discrete = range.discrete;
  const angle = valueToAngle(value, range);
  return (
    <>
      <div
        ref={ref}
        role="slider"
        tabIndex={0}
        aria-label={`${moduleName} ${control.name}`}
        aria-valuemin={range.min}
        aria-valuemax={range.max}
        aria-valuenow={value}
        aria-valuetext={valueText(value, range)}
        aria-orientation="vertical"
        aria-readonly={readOnly || undefined}
        className={`control control-${discrete ? 'switch' : 'knob'}${dragging !== null ? ' is-turning' : ''}`}
        data-control-id={control.id}
        title={`${control.name}: ${valueText(value, range)}`}
        style={{ left: item.cx - item.size / 2, top: item.cy - item.size / 2, width: item.size, height: item.size }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
      >
        {discrete ? (
          <span className="switch-lever" style={{ top: `${(1 - valueShare(value, range)) * 60 + 8}%` }} aria-hidden="true" />
        ) : (
          <span className="knob-pointer" style={{ transform: `rotate(${angle}deg)` }} aria-hidden="true" />
        )}
      </div>
      {showLabel ? (
        <span
          className="panel-label control-label"
          aria-hidden="true"
          style={{ left: item.cx - cellWidth / 2, top: item.cy + item.size / 2 + 1, width: cellWidth }}
        >
          {control.name}
        </span>
      ) : null}
    </>
  );
});
