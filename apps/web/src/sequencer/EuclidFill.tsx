import { useId, useState } from 'react';
import { euclidRhythm } from './euclid-fill.ts';

interface EuclidFillProps {
  track: number;
  length: number;
  readOnly: boolean;
  onFill(pulses: number, rotation: number): void;
}

/** Spreads N pulses as evenly as possible over the selected track, rotated by R steps. */
export function EuclidFill({ track, length, readOnly, onFill }: EuclidFillProps) {
  const id = useId();
  const [pulses, setPulses] = useState(Math.min(4, length));
  const [rotation, setRotation] = useState(0);
  const safePulses = Math.min(Math.max(0, pulses || 0), length);
  const preview = euclidRhythm(safePulses, length, rotation || 0);
  return (
    <form
      className="seq-euclid"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        onFill(safePulses, rotation || 0);
      }}
    >
      <h3 id={`${id}-title`}>Euclidean fill</h3>
      <div className="seq-euclid-fields">
        <div className="seq-field">
          <label htmlFor={`${id}-pulses`}>Pulses</label>
          <input
            id={`${id}-pulses`}
            type="number"
            min={0}
            max={length}
            value={pulses}
            disabled={readOnly}
            onChange={(e) => setPulses(Math.round(Number(e.target.value)))}
          />
        </div>
        <div className="seq-field">
          <label htmlFor={`${id}-rotation`}>Rotation</label>
          <input
            id={`${id}-rotation`}
            type="number"
            min={-(length - 1)}
            max={length - 1}
            value={rotation}
            disabled={readOnly}
            onChange={(e) => setRotation(Math.round(Number(e.target.value)))}
          />
        </div>
      </div>
      <p className="seq-euclid-preview" role="img" aria-label={`Preview: ${describeRhythm(preview)}`}>
        {preview.map((on, i) => (
          <span key={i} className={on ? 'is-on' : undefined} />
        ))}
      </p>
      <button type="submit" className="button" disabled={readOnly}>
        Fill track {track + 1}
      </button>
    </form>
  );
}

/** "3 of 8 steps on: 1, 4, 7": the preview's dots in words. */
function describeRhythm(steps: readonly boolean[]): string {
  const on = steps.flatMap((isOn, i) => (isOn ? [i + 1] : []));
  return `${on.length} of ${steps.length} steps on${on.length > 0 ? `: ${on.join(', ')}` : ''}`;
}
