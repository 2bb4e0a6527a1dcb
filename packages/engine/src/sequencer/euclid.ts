// Euclidean rhythms (Toussaint, "The Euclidean Algorithm Generates Traditional Musical Rhythms"):
// `pulses` onsets spread as evenly as possible over `steps`, by Bjorklund's algorithm.

/**
 * E(pulses, steps) rotated left by `rotation` steps: E(3,8) is "x..x..x.", E(5,8) is "x.xx.xx."
 * and euclid(3, 8, 1) is "..x..x.x". Pulses beyond the step count fill every step; a negative
 * rotation rotates right (euclid(2, 16, -4) puts a backbeat on steps 4 and 12).
 */
export function euclid(pulses: number, steps: number, rotation = 0): boolean[] {
  if (!Number.isInteger(pulses) || !Number.isInteger(steps) || !Number.isInteger(rotation) || pulses < 0 || steps < 0) {
    throw new RangeError(`euclid needs whole numbers with pulses ≥ 0 and steps ≥ 0, got (${pulses}, ${steps}, ${rotation})`);
  }
  if (steps === 0) return [];
  const onsets = Math.min(pulses, steps);
  const base = bjorklund(onsets, steps);
  const shift = ((rotation % steps) + steps) % steps;
  return base.map((_, i) => base[(i + shift) % steps] as boolean);
}

/** Pairs the onset groups with the rest groups until at most one rest group is left over. */
function bjorklund(pulses: number, steps: number): boolean[] {
  if (pulses === 0) return new Array<boolean>(steps).fill(false);
  let heads: boolean[][] = Array.from({ length: pulses }, () => [true]);
  let tails: boolean[][] = Array.from({ length: steps - pulses }, () => [false]);
  while (tails.length > 0) {
    const paired = Math.min(heads.length, tails.length);
    const merged = heads.slice(0, paired).map((group, i) => [...group, ...(tails[i] as boolean[])]);
    const rest = heads.length > paired ? heads.slice(paired) : tails.slice(paired);
    heads = merged;
    tails = rest;
    if (tails.length <= 1) break;
  }
  return [...heads.flat(), ...tails.flat()];
}

/** A pattern as text, x for an onset and . for a rest: euclid(3, 8) → "x..x..x.". */
export function rhythmText(steps: readonly boolean[]): string {
  return steps.map((on) => (on ? 'x' : '.')).join('');
}
