// How a patch cable hangs between two jacks: a cubic Bézier whose control points sit below both
// plugs, so it sags like a real cable (a cheap stand-in for a catenary). Longer cables sag more,
// up to a limit, so a cable across the whole case does not fall off the screen.

export interface Point {
  x: number;
  y: number;
}

/** Sag of a short cable (px), and the most any cable sags. */
export const MIN_SAG = 18;
export const MAX_SAG = 200;
/** Extra sag per px of distance between the plugs. */
const SAG_PER_PX = 0.28;
/** How far the control points lean towards each other, as a share of the horizontal span. */
const LEAN = 0.18;

export function cableSag(a: Point, b: Point): number {
  const distance = Math.hypot(b.x - a.x, b.y - a.y);
  return Math.min(MAX_SAG, MIN_SAG + distance * SAG_PER_PX);
}

/** The two control points of the cable's curve. */
export function cableControls(a: Point, b: Point): [Point, Point] {
  const sag = cableSag(a, b);
  const lean = (b.x - a.x) * LEAN;
  return [
    { x: a.x + lean, y: a.y + sag },
    { x: b.x - lean, y: b.y + sag },
  ];
}

const round = (n: number) => Math.round(n * 10) / 10;

/** SVG path data of a cable from `a` to `b`, in the same coordinates as the points. */
export function cablePath(a: Point, b: Point): string {
  const [c1, c2] = cableControls(a, b);
  return `M${round(a.x)} ${round(a.y)}C${round(c1.x)} ${round(c1.y)} ${round(c2.x)} ${round(c2.y)} ${round(b.x)} ${round(b.y)}`;
}

/** A point on the cable, t in [0, 1] (0 at `a`). */
export function pointOnCable(a: Point, b: Point, t: number): Point {
  const [c1, c2] = cableControls(a, b);
  const u = 1 - t;
  const w0 = u * u * u;
  const w1 = 3 * u * u * t;
  const w2 = 3 * u * t * t;
  const w3 = t * t * t;
  return {
    x: w0 * a.x + w1 * c1.x + w2 * c2.x + w3 * b.x,
    y: w0 * a.y + w1 * c1.y + w2 * c2.y + w3 * b.y,
  };
}

export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** A box that contains the whole cable (a Bézier stays inside its control polygon). */
export function cableBounds(a: Point, b: Point): Box {
  const points = [a, b, ...cableControls(a, b)];
  return {
    minX: Math.min(...points.map((p) => p.x)),
    minY: Math.min(...points.map((p) => p.y)),
    maxX: Math.max(...points.map((p) => p.x)),
    maxY: Math.max(...points.map((p) => p.y)),
  };
}
