import type { Pattern } from '@patchroom/doc-model';
import { useMemo } from 'react';
import { stepLabel, type StepPosition } from './navigation.ts';
import { noteName } from './notes.ts';
import { ringLayout } from './ring.ts';
import type { StepKeys } from './useStepKeys.ts';

const SIZE = 360;

interface StepRingProps {
  pattern: Pattern;
  selected: StepPosition;
  readOnly: boolean;
  keys: StepKeys;
}

/** The pattern as concentric rings (track 1 outside), steps clockwise from the top, as on Orbitr. */
export function StepRing({ pattern, selected, readOnly, keys }: StepRingProps) {
  const layout = useMemo(() => ringLayout(pattern.tracks.length, pattern.length, SIZE), [pattern.tracks.length, pattern.length]);
  const selectedStep = pattern.tracks[selected.track]?.steps[selected.step];
  return (
    <div className="seq-ring">
      <svg viewBox={`0 0 ${SIZE} ${SIZE}`} width={SIZE} height={SIZE} role="group" aria-label="Pattern ring">
        {layout.rings.map((ring) => (
          <g key={ring.track} role="group" aria-label={`Track ${ring.track + 1} ring`}>
            <circle className="seq-ring-track" cx={layout.center} cy={layout.center} r={ring.radius} />
            {ring.steps.map(({ step, x, y, r }) => {
              const at = { track: ring.track, step };
              const data = pattern.tracks[ring.track]?.steps[step];
              const isSelected = selected.track === ring.track && selected.step === step;
              return (
                <circle
                  key={step}
                  ref={keys.refFor(at)}
                  cx={x}
                  cy={y}
                  r={r}
                  className={`seq-ring-step${data?.on ? ' is-on' : ''}${isSelected ? ' is-selected' : ''}${step % 4 === 0 ? ' is-beat' : ''}`}
                  style={data?.on ? { ['--seq-velocity' as string]: data.velocity / 127 } : undefined}
                  role="button"
                  aria-label={stepLabel(at)}
                  aria-pressed={data?.on ?? false}
                  aria-disabled={readOnly || undefined}
                  tabIndex={isSelected ? 0 : -1}
                  onClick={() => keys.click(at)}
                  onFocus={() => keys.focus(at)}
                  onKeyDown={(e) => keys.keyDown(e, at)}
                />
              );
            })}
          </g>
        ))}
        <text className="seq-ring-center" x={layout.center} y={layout.center - 6} textAnchor="middle">
          {pattern.bpm} BPM
        </text>
        <text className="seq-ring-center-sub" x={layout.center} y={layout.center + 12} textAnchor="middle">
          {selectedStep?.on ? `${selected.step + 1} · ${noteName(selectedStep.pitch)}` : `${pattern.length} steps`}
        </text>
      </svg>
    </div>
  );
}
