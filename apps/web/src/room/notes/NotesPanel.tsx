import { notesText, patchNotesText } from '@patchroom/doc-model';
import { useMemo } from 'react';
import type * as Y from 'yjs';
import { usePatches, type RackView } from '../rack-view.ts';
import { SharedTextArea } from './SharedTextArea.tsx';

/** The rack's notes and the shown patch's notes, typed together like a shared document. */
export function NotesPanel({ doc, view, readOnly }: { doc: Y.Doc; view: RackView; readOnly: boolean }) {
  const { patches, active } = usePatches(view);
  const patch = patches.find((p) => p.id === active) ?? null;
  const rackText = useMemo(() => notesText(doc), [doc]);
  const patchText = useMemo(() => {
    try {
      return patch ? patchNotesText(doc, patch.id) : null;
    } catch {
      return null;
    }
  }, [doc, patch]);
  return (
    <aside className="notes-panel" aria-label="Notes">
      <h2 className="notes-title">Notes</h2>
      <SharedTextArea
        doc={doc}
        text={rackText}
        label="Rack notes"
        readOnly={readOnly}
        maxLength={50_000}
        placeholder="What is this rack for? Anything the band should know."
      />
      {patch && patchText ? (
        <>
          <h3 className="notes-subtitle">{patch.name}</h3>
          <SharedTextArea
            key={patch.id}
            doc={doc}
            text={patchText}
            label="Patch notes"
            readOnly={readOnly}
            maxLength={10_000}
            placeholder="How to play this patch."
          />
        </>
      ) : null}
    </aside>
  );
}
