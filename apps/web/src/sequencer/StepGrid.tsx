import type { Pattern } from '@patchroom/doc-model';
import { usePlayhead } from '../transport/playhead.ts';
import type { StepKeys } from './useStepKeys.ts';
import { stepLabel, type StepPosition } from './navigation.ts';

interface StepGridProps {
  pattern: Pattern;
  selected: StepPosition;
  readOnly: boolean;
  keys: StepKeys;
  /** The track headers (name, target, remove): drawn by the panel, one per row. */
  trackHeader(track: number): React.ReactNode;
}

/** Steps of every track in rows; one tab stop for the whole grid, arrows move within it. */
export function StepGrid({ pattern, selected, readOnly, keys, trackHeader }: StepGridProps) {
  // The step the shared transport is playing now (the same one for everyone in the room).
  const playhead = usePlayhead(pattern.id, pattern.length);
  return (
    <div className="seq-grid" style={{ ['--seq-steps' as string]: pattern.length }} data-playhead={playhead ?? undefined}>
      {pattern.tracks.map((track, t) => (
        <div key={track.id} className="seq-grid-row">
          {trackHeader(t)}
          <div className="seq-grid-steps" role="group" aria-label={`Track ${t + 1} steps`}>
            {track.steps.map((step, s) => {
              const isSelected = selected.track === t && selected.step === s;
              return (
                <button
                  key={s}
                  type="button"
                  ref={keys.refFor({ track: t, step: s })}
                  className={`seq-step${step.on ? ' is-on' : ''}${isSelected ? ' is-selected' : ''}${s % 4 === 0 ? ' is-beat' : ''}${s === playhead ? ' is-playhead' : ''}`}
                  style={step.on ? { ['--seq-velocity' as string]: step.velocity / 127 } : undefined}
                  aria-label={stepLabel({ track: t, step: s })}
                  aria-pressed={step.on}
                  aria-disabled={readOnly || undefined}
                  tabIndex={isSelected ? 0 : -1}
                  onClick={() => keys.click({ track: t, step: s })}
                  onFocus={() => keys.focus({ track: t, step: s })}
                  onKeyDown={(e) => keys.keyDown(e, { track: t, step: s })}
                  title={step.on ? `${stepLabel({ track: t, step: s })}: velocity ${step.velocity}` : undefined}
                />
              );
            })}
          </div>
        </div>
      ))}
    </div>
  );
}
