import { PATTERN_LIMITS, type Pattern } from '@patchroom/doc-model';
import { useEffect, useId, useRef, useState } from 'react';
import { NumberField } from './NumberField.tsx';

export type SequencerView = 'grid' | 'ring';

interface PatternBarProps {
  patterns: readonly Pattern[];
  pattern: Pattern;
  readOnly: boolean;
  view: SequencerView;
  onView(view: SequencerView): void;
  onChoose(id: string): void;
  onAdd(): void;
  onRename(name: string): void;
  onTempo(bpm: number): void;
  onSwing(swing: number): void;
  onLength(length: number): void;
}

/** Which pattern, its name, tempo, swing and length, and how to look at it. */
export function PatternBar(props: PatternBarProps) {
  const { patterns, pattern, readOnly, view, onView, onChoose, onAdd, onRename, onTempo, onSwing, onLength } = props;
  const id = useId();
  return (
    <div className="seq-bar">
      <div className="seq-field">
        <label htmlFor={`${id}-pattern`}>Pattern</label>
        <select id={`${id}-pattern`} value={pattern.id} onChange={(e) => onChoose(e.target.value)}>
          {patterns.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      {readOnly ? null : (
        <button type="button" className="button seq-add-pattern" onClick={onAdd}>
          New pattern
        </button>
      )}
      <PatternName name={pattern.name} readOnly={readOnly} onRename={onRename} />
      <NumberField label="Tempo (BPM)" value={pattern.bpm} min={PATTERN_LIMITS.bpm.min} max={PATTERN_LIMITS.bpm.max} step={0.1} disabled={readOnly} onCommit={onTempo} />
      <NumberField label="Swing (%)" value={pattern.swing} min={PATTERN_LIMITS.swing.min} max={PATTERN_LIMITS.swing.max} disabled={readOnly} onCommit={onSwing} />
      <NumberField label="Length (steps)" value={pattern.length} min={PATTERN_LIMITS.length.min} max={PATTERN_LIMITS.length.max} disabled={readOnly} onCommit={onLength} />
      <div className="seq-view-toggle" role="group" aria-label="View">
        <button type="button" aria-pressed={view === 'grid'} onClick={() => onView('grid')}>
          Grid
        </button>
        <button type="button" aria-pressed={view === 'ring'} onClick={() => onView('ring')}>
          Ring
        </button>
      </div>
    </div>
  );
}

/** Renamed on Enter or when the field loses focus; Escape puts the shared name back. */
function PatternName({ name, readOnly, onRename }: { name: string; readOnly: boolean; onRename(name: string): void }) {
  const id = useId();
  const [draft, setDraft] = useState(name);
  const [editing, setEditing] = useState(false);
  const cancelled = useRef(false);
  useEffect(() => {
    if (!editing) setDraft(name);
  }, [name, editing]);
  const commit = () => {
    setEditing(false);
    const next = cancelled.current ? '' : draft.trim();
    cancelled.current = false;
    if (next && next !== name) onRename(next);
    else setDraft(name);
  };
  return (
    <div className="seq-field seq-name">
      <label htmlFor={id}>Pattern name</label>
      <input
        id={id}
        value={draft}
        maxLength={80}
        disabled={readOnly}
        onFocus={() => setEditing(true)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          if (e.key === 'Escape') {
            cancelled.current = true;
            e.currentTarget.blur();
          }
        }}
      />
    </div>
  );
}
