// Euclidean fill of a track: which steps to turn on or off so the track plays E(pulses, length)
// rotated by `rotation`. Only the steps that change are written, so a fill is one small undo
// step and leaves velocity, probability, timing and pitch of every step alone.
import { getPattern, RackRuleError, setStep } from '@patchroom/doc-model';
import { euclid } from '@patchroom/engine';
import type * as Y from 'yjs';

export interface StepSwitch {
  step: number;
  on: boolean;
}

/** The on/off rhythm of a Euclidean fill; pulses are kept within 0…length. */
export function euclidRhythm(pulses: number, length: number, rotation: number): boolean[] {
  const steps = Math.max(0, Math.round(length));
  const onsets = Math.min(steps, Math.max(0, Math.round(pulses)));
  return euclid(onsets, steps, Math.round(rotation));
}

/** The steps of a track (its current on/off states) that must change to play the fill. */
export function euclidSwitches(current: readonly boolean[], pulses: number, rotation: number): StepSwitch[] {
  const rhythm = euclidRhythm(pulses, current.length, rotation);
  const out: StepSwitch[] = [];
  rhythm.forEach((on, step) => {
    if (current[step] !== on) out.push({ step, on });
  });
  return out;
}

/**
 * Writes a Euclidean fill into a track of the shared pattern (call inside the user's
 * transaction). Returns how many steps changed.
 */
export function fillTrack(doc: Y.Doc, patternId: string, trackIndex: number, pulses: number, rotation: number): number {
  const track = getPattern(doc, patternId)?.tracks[trackIndex];
  if (!track) throw new RackRuleError(`The pattern has no track ${trackIndex + 1}.`, 'NO_SUCH_TRACK');
  const switches = euclidSwitches(track.steps.map((s) => s.on), pulses, rotation);
  for (const { step, on } of switches) setStep(doc, patternId, trackIndex, step, { on });
  return switches.length;
}
