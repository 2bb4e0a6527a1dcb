import { setKnob } from '@patchroom/doc-model';
import { memo, useMemo, useRef, useState } from 'react';
import { useEditor } from 'tldraw';
import { tryLocalEdit } from '../edits.ts';
import { throttle } from '../presence/throttle.ts';
import { useKnobValue } from '../rack-view.ts';
import { clampValue, dragValue, rangeOf, valueShare, valueText, valueToAngle } from './knob-math.ts';
import type { PanelItem } from './panel-layout.ts';
import { useRoomCanvas } from './room-canvas-context.ts';

interface KnobProps {
  moduleId: string;
  moduleName: string;
  control: { id: string; name: string; kind: string; min: number; max: number; default: number };
  item: PanelItem;
  readOnly: boolean;
}

/** Writes while dragging go out about 30 times a second; the last value always lands. */
const WRITE_INTERVAL_MS = 33;

/**
 * A knob, slider or switch of a module, set per patch. Drag it up or down, turn the mouse wheel
 * over it, or focus it and use the arrow keys, Page Up/Down, Home and End (wheel and keys are
 * handled for the whole canvas in panel-input.ts).
 */
export const Knob = memo(function Knob({ moduleId, moduleName, control, item, readOnly }: KnobProps) {
  const room = useRoomCanvas();
  const editor = useEditor();
  const range = useMemo(() => rangeOf(control), [control]);
  const stored = useKnobValue(room.view, moduleId, control.id);
  const [dragging, setDragging] = useState<number | null>(null);
  const value = clampValue(dragging ?? stored ?? control.default, range);
  const drag = useRef<{ startY: number; startValue: number; last: number; write: ReturnType<typeof throttle<[number]>> } | null>(null);

  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    if (readOnly || e.button !== 0) return;
    editor.markEventAsHandled(e);
    e.stopPropagation();
    e.preventDefault();
    e.currentTarget.focus({ preventScroll: true });
    e.currentTarget.setPointerCapture(e.pointerId);
    // A drag is one step of undo, however many values it wrote.
    room.undoManager.stopCapturing();
    const write = throttle((next: number) => {
      tryLocalEdit(room.doc, () => setKnob(room.doc, { moduleId, controlId: control.id, value: next }), room.notice);
    }, WRITE_INTERVAL_MS);
    drag.current = { startY: e.clientY, startValue: value, last: value, write };
    setDragging(value);
  };
  const onPointerMove = (e: React.PointerEvent<HTMLDivElement>) => {
    const current = drag.current;
    if (!current) return;
    editor.markEventAsHandled(e);
    // Screen px, not page px: the feel of a knob does not change with zoom.
    const next = dragValue(current.startValue, e.clientY - current.startY, range, e.shiftKey);
    if (next === current.last) return;
    current.last = next;
    setDragging(next);
    current.write(next);
  };
  const endDrag = (e: React.PointerEvent<HTMLDivElement>) => {
    const current = drag.current;
    if (!current) return;
    editor.markEventAsHandled(e);
    drag.current = null;
    current.write.flush();
    room.undoManager.stopCapturing();
    setDragging(null);
  };

  const discrete = range.discrete;
  // The knob body is printed on the panel face; this element is the pointer that turns (or a
  // switch's lever) and what takes focus.
  const style: React.CSSProperties = {
    left: item.cx - item.size / 2,
    top: item.cy - item.size / 2,
    width: item.size,
    height: item.size,
    ...(discrete
      ? { ['--lever' as string]: `${(1 - valueShare(value, range)) * 60 + 8}%` }
      : { transform: `rotate(${valueToAngle(value, range)}deg)` }),
  };
  return (
    <div
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
      style={style}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
    />
  );
});
