// Geometry of the ring view (after Orbitr): one ring per track, track 1 outermost, steps going
// clockwise from twelve o'clock, so step 1 sits where a clock's bar starts.

export interface RingStep {
  step: number;
  x: number;
  y: number;
  /** Radius of the step's dot: as large as its ring and its neighbours allow. */
  r: number;
}

export interface Ring {
  track: number;
  radius: number;
  steps: RingStep[];
}

export interface RingLayout {
  size: number;
  center: number;
  rings: Ring[];
}

/** Space kept free in the middle (for the pattern's name and tempo). */
export const RING_HOLE_SHARE = 0.4;
const MAX_DOT = 14;
const MIN_DOT = 2;

/** Dots for `tracks` rings of `length` steps in a `size`-pixel square. */
export function ringLayout(tracks: number, length: number, size: number): RingLayout {
  const center = size / 2;
  const outer = center - MAX_DOT - 2;
  const inner = Math.max(size * RING_HOLE_SHARE * 0.5, MAX_DOT);
  const gap = tracks > 1 ? (outer - inner) / (tracks - 1) : outer - inner;
  const rings: Ring[] = [];
  for (let track = 0; track < tracks; track += 1) {
    const radius = tracks > 1 ? outer - gap * track : outer;
    const spacing = length > 0 ? (2 * Math.PI * radius) / length : 0;
    const r = Math.max(MIN_DOT, Math.min(MAX_DOT, spacing * 0.38, gap * 0.42));
    const steps = Array.from({ length }, (_, step) => {
      const angle = stepAngle(step, length);
      return { step, x: center + radius * Math.cos(angle), y: center + radius * Math.sin(angle), r };
    });
    rings.push({ track, radius, steps });
  }
  return { size, center, rings };
}

/** Angle (radians, SVG's y-down frame) of a step: step 0 at the top, then clockwise. */
export function stepAngle(step: number, length: number): number {
  return -Math.PI / 2 + (2 * Math.PI * step) / length;
}
