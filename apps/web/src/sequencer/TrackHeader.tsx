import type { JackRef, Track } from '@patchroom/doc-model';
import { parseTargetValue, targetValue, type TargetGroup } from './targets.ts';

interface TrackHeaderProps {
  index: number;
  track: Track;
  groups: readonly TargetGroup[];
  selected: boolean;
  canRemove: boolean;
  readOnly: boolean;
  onSelect(): void;
  onTarget(target: JackRef | null): void;
  onRemove(): void;
}

/** A track's name, the module input it drives, and its remove button. */
export function TrackHeader({ index, track, groups, selected, canRemove, readOnly, onSelect, onTarget, onRemove }: TrackHeaderProps) {
  const value = targetValue(track.target);
  const known = !track.target || groups.some((g) => g.options.some((o) => o.value === value));
  return (
    <div className={`seq-track-header${selected ? ' is-selected' : ''}`}>
      <button type="button" className="seq-track-name" onClick={onSelect} aria-pressed={selected} aria-label={`Select track ${index + 1}`}>
        Track {index + 1}
      </button>
      <select
        aria-label={`Track ${index + 1} target`}
        className="seq-track-target"
        value={value}
        disabled={readOnly}
        onChange={(e) => onTarget(parseTargetValue(e.target.value))}
      >
        <option value="">Not connected</option>
        {/* A target whose module's catalog entry is still loading keeps its place in the list. */}
        {known ? null : <option value={value}>A module input</option>}
        {groups.map((group) => (
          <optgroup key={group.moduleId} label={group.label}>
            {group.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.jackName} ({option.signal})
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {readOnly ? null : (
        <button type="button" className="seq-icon-button" onClick={onRemove} disabled={!canRemove} aria-label={`Remove track ${index + 1}`} title="Remove track">
          ×
        </button>
      )}
    </div>
  );
}
