import { useEffect, useId, useState } from 'react';

interface NumberFieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  /** Shown after the field, e.g. "C4" next to a pitch. */
  hint?: string;
  disabled?: boolean;
  onCommit(value: number): void;
}

/**
 * A number the whole room shares. Every valid value is written as it is typed (so others see
 * it live); an out-of-range draft is marked invalid and dropped on blur. While the field has
 * focus a collaborator's change does not overwrite what the user is typing.
 */
export function NumberField({ label, value, min, max, step = 1, hint, disabled, onCommit }: NumberFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState(String(value));
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setDraft(String(value));
  }, [value, editing]);
  const parsed = parseDraft(draft, min, max, step);
  return (
    <div className="seq-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step}
        value={draft}
        disabled={disabled}
        aria-invalid={parsed === null ? true : undefined}
        onFocus={() => setEditing(true)}
        onBlur={() => {
          setEditing(false);
          setDraft(String(value));
        }}
        onChange={(e) => {
          setDraft(e.target.value);
          const next = parseDraft(e.target.value, min, max, step);
          if (next !== null && next !== value) onCommit(next);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          if (e.key === 'Escape') {
            setDraft(String(value));
            e.currentTarget.blur();
          }
        }}
      />
      {hint ? <span className="seq-field-hint">{hint}</span> : null}
    </div>
  );
}

/** A draft as a number within range (whole when `step` is whole), or null. */
export function parseDraft(draft: string, min: number, max: number, step: number): number | null {
  if (draft.trim() === '') return null;
  const n = Number(draft);
  if (!Number.isFinite(n) || n < min || n > max) return null;
  if (Number.isInteger(step) && !Number.isInteger(n)) return null;
  return n;
}
