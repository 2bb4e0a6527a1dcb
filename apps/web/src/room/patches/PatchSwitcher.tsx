import { addPatch, renamePatch, setActivePatch } from '@patchroom/doc-model';
import { useId, useState } from 'react';
import type * as Y from 'yjs';
import { tryLocalEdit } from '../edits.ts';
import { usePatches, type RackView } from '../rack-view.ts';
import { nextPatchName } from './names.ts';

interface PatchSwitcherProps {
  doc: Y.Doc;
  view: RackView;
  readOnly: boolean;
  onNotice(message: string): void;
}

/**
 * The rack's patches: choose which one the rack shows (for everyone in the room), add one,
 * rename the one shown. Cables and knob values belong to the patch shown.
 */
export function PatchSwitcher({ doc, view, readOnly, onNotice }: PatchSwitcherProps) {
  const { patches, active } = usePatches(view);
  const [renaming, setRenaming] = useState(false);
  const current = patches.find((p) => p.id === active) ?? null;

  if (renaming && current) {
    return (
      <RenamePatch
        initial={current.name}
        onDone={(name) => {
          if (name !== null && name.trim() !== current.name) {
            tryLocalEdit(doc, () => renamePatch(doc, current.id, name), onNotice);
          }
          setRenaming(false);
        }}
      />
    );
  }
  return (
    <div className="patch-switcher" role="group" aria-label="Patches">
      <select
        aria-label="Patch"
        className="patch-select"
        value={active ?? ''}
        disabled={patches.length === 0 || readOnly}
        onChange={(e) => tryLocalEdit(doc, () => setActivePatch(doc, e.target.value), onNotice)}
      >
        {patches.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      {readOnly ? null : (
        <>
          <button
            type="button"
            className="button ghost small"
            onClick={() => tryLocalEdit(doc, () => addPatch(doc, { name: nextPatchName(patches), activate: true }), onNotice)}
          >
            New patch
          </button>
          <button type="button" className="button ghost small" disabled={!current} onClick={() => setRenaming(true)}>
            Rename
          </button>
        </>
      )}
    </div>
  );
}

function RenamePatch({ initial, onDone }: { initial: string; onDone(name: string | null): void }) {
  const id = useId();
  const [name, setName] = useState(initial);
  return (
    <form
      className="patch-switcher"
      onSubmit={(e) => {
        e.preventDefault();
        onDone(name);
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        Patch name
      </label>
      <input
        id={id}
        className="patch-name-input"
        value={name}
        maxLength={80}
        autoFocus
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onDone(null);
        }}
      />
      <button type="submit" className="button primary small" disabled={!name.trim()}>
        Save
      </button>
      <button type="button" className="button ghost small" onClick={() => onDone(null)}>
        Cancel
      </button>
    </form>
  );
}
