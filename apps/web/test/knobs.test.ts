import { describe, expect, it } from 'vitest';
import {
  clampValue,
  dragValue,
  keyValue,
  rangeOf,
  SWEEP_DEGREES,
  valueText,
  valueToAngle,
  wheelValue,
} from '../src/room/canvas/knob-math.ts';

const knob = rangeOf({ min: 0, max: 1, kind: 'knob' });
const wide = rangeOf({ min: -5, max: 5, kind: 'knob' });
const switch3 = rangeOf({ min: 0, max: 2, kind: 'switch' });

describe('knob pointer', () => {
  it('sweeps from 7 to 5 o’clock, straight up in the middle of the range', () => {
    expect(valueToAngle(0, knob)).toBe(-SWEEP_DEGREES / 2);
    expect(valueToAngle(1, knob)).toBe(SWEEP_DEGREES / 2);
    expect(valueToAngle(0, wide)).toBe(0);
    expect(valueToAngle(99, knob)).toBe(SWEEP_DEGREES / 2);
  });
});

describe('knob values', () => {
  it('stay inside the range; switches sit on whole positions', () => {
    expect(clampValue(1.5, knob)).toBe(1);
    expect(clampValue(-3, knob)).toBe(0);
    expect(clampValue(1.4, switch3)).toBe(1);
    expect(clampValue(Number.NaN, knob)).toBe(0);
  });

  it('go up when dragged up, the whole range over 200 px, finer with Shift', () => {
    expect(dragValue(0.5, -100, knob)).toBe(1);
    expect(dragValue(0.5, 40, knob)).toBeCloseTo(0.3);
    expect(dragValue(0.5, -100, knob, true)).toBeCloseTo(0.55);
    expect(dragValue(-5, -100, wide)).toBe(0);
  });

  it('step a switch one position per short drag', () => {
    expect(dragValue(0, -60, switch3)).toBe(1);
    expect(dragValue(0, -200, switch3)).toBe(2);
  });

  it('turn with the wheel: up raises, down lowers', () => {
    expect(wheelValue(0.5, -100, knob)).toBeCloseTo(0.52);
    expect(wheelValue(0.5, 100, knob)).toBeCloseTo(0.48);
    expect(wheelValue(1, -100, switch3)).toBe(2);
    expect(wheelValue(2, -100, switch3)).toBe(2);
  });

  it('follow the slider keys', () => {
    expect(keyValue(0.5, 'ArrowUp', knob)).toBeCloseTo(0.51);
    expect(keyValue(0.5, 'ArrowLeft', knob)).toBeCloseTo(0.49);
    expect(keyValue(0.5, 'ArrowUp', knob, true)).toBeCloseTo(0.6);
    expect(keyValue(0.5, 'PageUp', knob)).toBeCloseTo(0.6);
    expect(keyValue(0.5, 'PageDown', knob)).toBeCloseTo(0.4);
    expect(keyValue(0.5, 'Home', knob)).toBe(0);
    expect(keyValue(0.5, 'End', knob)).toBe(1);
    expect(keyValue(1, 'ArrowRight', switch3)).toBe(2);
    expect(keyValue(0.5, 'Enter', knob)).toBeNull();
  });

  it('are told to screen readers in words', () => {
    expect(valueText(0.25, knob)).toBe('25 %');
    expect(valueText(1, switch3)).toBe('position 1 of 0 to 2');
  });

  it('survive a catalog range that makes no sense', () => {
    const broken = rangeOf({ min: 3, max: 3, kind: 'knob' });
    expect(broken.max).toBeGreaterThan(broken.min);
    expect(Number.isFinite(valueToAngle(3, broken))).toBe(true);
  });
});
