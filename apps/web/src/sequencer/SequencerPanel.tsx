// The pattern editor of a rack room: every pattern of the shared document, edited by everyone
// at once. Writes go through doc-model under the user's origin (one undo step each, undone only
// by that user); reads come back from the document, so local and remote edits render the same way.
import {
  addPattern,
  addTrack,
  PATTERN_LIMITS,
  RackRuleError,
  removeTrack,
  renamePattern,
  setPatternLength,
  setPatternSwing,
  setPatternTempo,
  setStep,
  setTrackTarget,
  toggleStep,
  withOrigin,
  type JackRef,
  type Pattern,
  type Step,
} from '@patchroom/doc-model';
import { useCallback, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { useRoomCatalog } from '../room/catalog.ts';
import { EuclidFill } from './EuclidFill.tsx';
import { fillTrack } from './euclid-fill.ts';
import { clampPosition, type StepPosition } from './navigation.ts';
import { nextPatternName } from './pattern-names.ts';
import { PatternBar, type SequencerView } from './PatternBar.tsx';
import { StepEditor } from './StepEditor.tsx';
import { StepGrid } from './StepGrid.tsx';
import { StepRing } from './StepRing.tsx';
import { TrackHeader } from './TrackHeader.tsx';
import { targetGroups } from './targets.ts';
import { useSequence } from './useSequence.ts';
import { useStepKeys } from './useStepKeys.ts';
import './sequencer.css';

export interface SequencerPanelProps {
  doc: Y.Doc;
  /** Viewers (and locked workshop students) see the patterns but cannot change them. */
  readOnly: boolean;
  /** Transaction origin of this user's edits: what their undo manager tracks. */
  origin: unknown;
}

const NEW_PATTERN = { tracks: 4, length: 16 } as const;

export function SequencerPanel({ doc, readOnly, origin }: SequencerPanelProps) {
  const { patterns, modules } = useSequence(doc);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<SequencerView>('grid');
  // Someone may delete the pattern we were looking at: fall back to the first one.
  const pattern = patterns.find((p) => p.id === chosenId) ?? patterns[0] ?? null;

  const edit = useCallback(
    (change: () => void) => {
      if (readOnly) return;
      try {
        withOrigin(doc, origin, change);
        setError(null);
      } catch (err) {
        setError(describeSequencerError(err));
      }
    },
    [doc, origin, readOnly],
  );

  const addNewPattern = () =>
    edit(() => {
      const created = addPattern(doc, { name: nextPatternName(patterns), bpm: pattern?.bpm ?? 120, ...NEW_PATTERN });
      setChosenId(created.id);
    });

  return (
    <div className="sequencer">
      {pattern ? (
        <PatternEditor
          key={pattern.id}
          doc={doc}
          patterns={patterns}
          pattern={pattern}
          modules={modules}
          readOnly={readOnly}
          view={view}
          onView={setView}
          edit={edit}
          onChoose={setChosenId}
          onAdd={addNewPattern}
        />
      ) : (
        <div className="seq-empty">
          <p>No patterns in this rack yet.</p>
          {readOnly ? null : (
            <button type="button" className="button" onClick={addNewPattern}>
              New pattern
            </button>
          )}
        </div>
      )}
      {error ? (
        <p role="alert" className="seq-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export default SequencerPanel;

interface PatternEditorProps {
  doc: Y.Doc;
  patterns: Pattern[];
  pattern: Pattern;
  modules: ReturnType<typeof useSequence>['modules'];
  readOnly: boolean;
  view: SequencerView;
  onView(view: SequencerView): void;
  edit(change: () => void): void;
  onChoose(id: string): void;
  onAdd(): void;
}

function PatternEditor({ doc, patterns, pattern, modules, readOnly, view, onView, edit, onChoose, onAdd }: PatternEditorProps) {
  const catalog = useRoomCatalog(doc);
  const groups = useMemo(() => targetGroups(modules, catalog.modules), [modules, catalog.modules]);
  const [rawSelected, setSelected] = useState<StepPosition>({ track: 0, step: 0 });
  const selected = clampPosition(rawSelected, { tracks: pattern.tracks.length, length: pattern.length });
  const id = pattern.id;

  const actions = useMemo(
    () => ({
      select: (at: StepPosition) => setSelected({ ...at }),
      toggle: (at: StepPosition) => edit(() => toggleStep(doc, id, at.track, at.step)),
      setVelocity: (at: StepPosition, velocity: number) => edit(() => setStep(doc, id, at.track, at.step, { velocity })),
    }),
    [doc, id, edit],
  );
  const keys = useStepKeys(pattern, selected, readOnly, actions);

  const changeStep = (at: StepPosition, fields: Partial<Step>) => edit(() => setStep(doc, id, at.track, at.step, fields));
  const fill = (pulses: number, rotation: number) => edit(() => fillTrack(doc, id, selected.track, pulses, rotation));
  const trackHeader = (t: number) => {
    const track = pattern.tracks[t];
    if (!track) return null;
    return (
      <TrackHeader
        index={t}
        track={track}
        groups={groups}
        selected={selected.track === t}
        canRemove={pattern.tracks.length > PATTERN_LIMITS.tracks.min}
        readOnly={readOnly}
        onSelect={() => setSelected({ track: t, step: selected.step })}
        onTarget={(target: JackRef | null) => edit(() => setTrackTarget(doc, id, t, target))}
        onRemove={() => edit(() => removeTrack(doc, id, t))}
      />
    );
  };

  return (
    <>
      <PatternBar
        patterns={patterns}
        pattern={pattern}
        readOnly={readOnly}
        view={view}
        onView={onView}
        onChoose={onChoose}
        onAdd={onAdd}
        onRename={(name) => edit(() => renamePattern(doc, id, name))}
        onTempo={(bpm) => edit(() => setPatternTempo(doc, id, bpm))}
        onSwing={(swing) => edit(() => setPatternSwing(doc, id, swing))}
        onLength={(length) => edit(() => setPatternLength(doc, id, length))}
      />
      <div className="seq-body">
        <div className="seq-tracks">
          {view === 'grid' ? (
            <StepGrid pattern={pattern} selected={selected} readOnly={readOnly} keys={keys} trackHeader={trackHeader} />
          ) : (
            <div className="seq-ring-view">
              <StepRing pattern={pattern} selected={selected} readOnly={readOnly} keys={keys} />
              <div className="seq-ring-tracks">{pattern.tracks.map((_, t) => <div key={t}>{trackHeader(t)}</div>)}</div>
            </div>
          )}
          {readOnly ? null : (
            <button
              type="button"
              className="button seq-add-track"
              disabled={pattern.tracks.length >= PATTERN_LIMITS.tracks.max}
              onClick={() => edit(() => addTrack(doc, id))}
            >
              Add track
            </button>
          )}
        </div>
        <div className="seq-side">
          <StepEditor pattern={pattern} selected={selected} readOnly={readOnly} onChange={changeStep} />
          <EuclidFill key={pattern.length} track={selected.track} length={pattern.length} readOnly={readOnly} onFill={fill} />
        </div>
      </div>
    </>
  );
}

/** Rack rules explain themselves; anything else gets a generic message (and a console line). */
function describeSequencerError(error: unknown): string {
  if (error instanceof RackRuleError) return error.message;
  console.error(error);
  return 'That change could not be made. Please try again.';
}
