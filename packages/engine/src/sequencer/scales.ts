// Scales as semitone offsets from the root; pitches are MIDI note numbers (60 = middle C).

export const SCALES = {
  major: [0, 2, 4, 5, 7, 9, 11],
  minor: [0, 2, 3, 5, 7, 8, 10],
  dorian: [0, 2, 3, 5, 7, 9, 10],
  phrygian: [0, 1, 3, 5, 7, 8, 10],
  lydian: [0, 2, 4, 6, 7, 9, 11],
  mixolydian: [0, 2, 4, 5, 7, 9, 10],
  'harmonic-minor': [0, 2, 3, 5, 7, 8, 11],
  'major-pentatonic': [0, 2, 4, 7, 9],
  'minor-pentatonic': [0, 3, 5, 7, 10],
  blues: [0, 3, 5, 6, 7, 10],
} as const satisfies Record<string, readonly number[]>;

export type ScaleName = keyof typeof SCALES;
export const SCALE_NAMES = Object.keys(SCALES).sort() as ScaleName[];

/** Every MIDI note of the scale from `lo` to `hi` (both included), ascending. */
export function scaleNotes(scale: ScaleName, root: number, lo: number, hi: number): number[] {
  const notes: number[] = [];
  for (let note = Math.max(0, lo); note <= Math.min(127, hi); note++) if (inScale(note, scale, root)) notes.push(note);
  return notes;
}

export function inScale(note: number, scale: ScaleName, root: number): boolean {
  const degree = (((note - root) % 12) + 12) % 12;
  return (SCALES[scale] as readonly number[]).includes(degree);
}

export function isScaleName(name: string): name is ScaleName {
  return Object.prototype.hasOwnProperty.call(SCALES, name);
}
