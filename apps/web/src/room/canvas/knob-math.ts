// Knob, slider and switch values: how pointer drags, wheel turns and keys change them, and how
// a value turns the pointer on the panel. Pure maths shared by the control and its tests.

export interface ControlRange {
  min: number;
  max: number;
  /** Switches and buttons sit on whole positions; knobs and sliders move smoothly. */
  discrete: boolean;
}

/** A knob's pointer sweeps 270°, from 7 o'clock to 5 o'clock, like a real pot. */
export const SWEEP_DEGREES = 270;
/** A vertical drag of this many px sweeps the whole range (ten times more with Shift: fine). */
export const DRAG_PX_FOR_RANGE = 200;
/** Wheel "ticks" needed to sweep the whole range. */
const WHEEL_STEPS_FOR_RANGE = 50;
const WHEEL_PX_PER_STEP = 100;

export function rangeOf(control: { min: number; max: number; kind: string }): ControlRange {
  const min = Number.isFinite(control.min) ? control.min : 0;
  const max = Number.isFinite(control.max) && control.max > min ? control.max : min + 1;
  return { min, max, discrete: control.kind === 'switch' || control.kind === 'button' };
}

export function clampValue(value: number, range: ControlRange): number {
  const clamped = Math.min(range.max, Math.max(range.min, Number.isFinite(value) ? value : range.min));
  return range.discrete ? Math.round(clamped) : roundTo(clamped, range);
}

/** Keeps stored values short (and equal on every screen) without a visible loss of precision. */
function roundTo(value: number, range: ControlRange): number {
  const span = range.max - range.min;
  const digits = Math.max(0, 4 - Math.floor(Math.log10(span)));
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** The share of the range a value is at: 0 at min, 1 at max. */
export function valueShare(value: number, range: ControlRange): number {
  return (clampValue(value, range) - range.min) / (range.max - range.min);
}

/** Rotation of the knob's pointer in degrees, 0 pointing up, negative to the left. */
export function valueToAngle(value: number, range: ControlRange): number {
  return -SWEEP_DEGREES / 2 + valueShare(value, range) * SWEEP_DEGREES;
}

/** One arrow-key step: one position of a switch, 1 % of a knob's range. */
export function stepOf(range: ControlRange): number {
  return range.discrete ? 1 : (range.max - range.min) / 100;
}

/** The value after dragging `dy` px (positive is down) from where the drag started. */
export function dragValue(start: number, dy: number, range: ControlRange, fine = false): number {
  const pxForRange = DRAG_PX_FOR_RANGE * (fine ? 10 : 1) * (range.discrete ? 0.5 : 1);
  return clampValue(start - (dy / pxForRange) * (range.max - range.min), range);
}

/** The value after a wheel turn (`deltaY` as the wheel event gives it; up is negative). */
export function wheelValue(value: number, deltaY: number, range: ControlRange): number {
  if (deltaY === 0) return value;
  if (range.discrete) return clampValue(value - Math.sign(deltaY), range);
  const steps = -deltaY / WHEEL_PX_PER_STEP;
  return clampValue(value + steps * ((range.max - range.min) / WHEEL_STEPS_FOR_RANGE), range);
}

/** The value a key moves the control to, or null for keys a slider does not use. */
export function keyValue(value: number, key: string, range: ControlRange, shift = false): number | null {
  const step = stepOf(range) * (shift && !range.discrete ? 10 : 1);
  const big = range.discrete ? 1 : (range.max - range.min) / 10;
  switch (key) {
    case 'ArrowUp':
    case 'ArrowRight':
      return clampValue(value + step, range);
    case 'ArrowDown':
    case 'ArrowLeft':
      return clampValue(value - step, range);
    case 'PageUp':
      return clampValue(value + big, range);
    case 'PageDown':
      return clampValue(value - big, range);
    case 'Home':
      return range.min;
    case 'End':
      return range.max;
    default:
      return null;
  }
}

/** What a screen reader says for the value: "3 of 0 to 4" for a switch, "45 %" for a knob. */
export function valueText(value: number, range: ControlRange): string {
  if (range.discrete) return `position ${clampValue(value, range)} of ${range.min} to ${range.max}`;
  return `${Math.round(valueShare(value, range) * 100)} %`;
}
