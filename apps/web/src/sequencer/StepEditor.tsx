import type { Pattern, Step } from '@patchroom/doc-model';
import { NumberField } from './NumberField.tsx';
import { stepLabel, type StepPosition } from './navigation.ts';
import { noteName } from './notes.ts';

interface StepEditorProps {
  pattern: Pattern;
  selected: StepPosition;
  readOnly: boolean;
  onChange(at: StepPosition, fields: Partial<Step>): void;
}

/** Velocity, probability, micro-timing and pitch of the selected step. */
export function StepEditor({ pattern, selected, readOnly, onChange }: StepEditorProps) {
  const step = pattern.tracks[selected.track]?.steps[selected.step];
  if (!step) return null;
  const change = (fields: Partial<Step>) => onChange(selected, fields);
  return (
    <fieldset className="seq-step-editor" disabled={readOnly}>
      <legend>
        {stepLabel(selected)} <span className="seq-step-state">{step.on ? 'on' : 'off'}</span>
      </legend>
      <NumberField label="Velocity" value={step.velocity} min={0} max={127} onCommit={(velocity) => change({ velocity })} />
      <NumberField
        label="Probability (%)"
        value={Math.round(step.probability * 100)}
        min={0}
        max={100}
        onCommit={(percent) => change({ probability: percent / 100 })}
      />
      <NumberField label="Micro-timing (ms)" value={step.microMs} min={-50} max={50} onCommit={(microMs) => change({ microMs })} />
      <NumberField label="Pitch (MIDI note)" value={step.pitch} min={0} max={127} hint={noteName(step.pitch)} onCommit={(pitch) => change({ pitch })} />
    </fieldset>
  );
}
