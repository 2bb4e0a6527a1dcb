// Keyboard movement over a pattern's steps: the same rules for the grid and the ring, so a
// player who learned one view already knows the other.

export interface StepPosition {
  track: number;
  step: number;
}

export interface PatternShape {
  tracks: number;
  length: number;
}

/** How far one press of + or − moves a step's velocity: 16 levels across the MIDI range. */
export const VELOCITY_STEP = 8;

/**
 * Where a navigation key moves the selection, or null for a key that is not a movement.
 * Left/right go to the previous/next step and wrap around the bar (a pattern loops); up/down
 * go to the previous/next track and stop at the first and last; Home/End jump to the ends.
 */
export function moveSelection(from: StepPosition, key: string, shape: PatternShape): StepPosition | null {
  const at = clampPosition(from, shape);
  const lastStep = shape.length - 1;
  switch (key) {
    case 'ArrowRight':
      return { track: at.track, step: at.step === lastStep ? 0 : at.step + 1 };
    case 'ArrowLeft':
      return { track: at.track, step: at.step === 0 ? lastStep : at.step - 1 };
    case 'ArrowDown':
      return { track: Math.min(shape.tracks - 1, at.track + 1), step: at.step };
    case 'ArrowUp':
      return { track: Math.max(0, at.track - 1), step: at.step };
    case 'Home':
      return { track: at.track, step: 0 };
    case 'End':
      return { track: at.track, step: lastStep };
    default:
      return null;
  }
}

/** Keeps a selection inside the pattern after someone shortened it or removed a track. */
export function clampPosition(at: StepPosition, shape: PatternShape): StepPosition {
  return {
    track: Math.min(Math.max(0, at.track), Math.max(0, shape.tracks - 1)),
    step: Math.min(Math.max(0, at.step), Math.max(0, shape.length - 1)),
  };
}

/** The velocity after a + or − press, kept within 0–127; null for any other key. */
export function velocityAfterKey(velocity: number, key: string): number | null {
  const delta = key === '+' || key === '=' ? VELOCITY_STEP : key === '-' || key === '_' ? -VELOCITY_STEP : 0;
  if (delta === 0) return null;
  return Math.min(127, Math.max(0, velocity + delta));
}

/** True for the keys that turn a step on or off. */
export function isToggleKey(key: string): boolean {
  return key === ' ' || key === 'Enter';
}

/** What a screen reader and the end-to-end tests call a step: "Track 2 step 5" (1-based). */
export function stepLabel(at: StepPosition): string {
  return `Track ${at.track + 1} step ${at.step + 1}`;
}
