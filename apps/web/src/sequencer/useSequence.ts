// The room's patterns and modules as React state, re-read after every change to them — local or
// a collaborator's — so the editor always shows the shared document.
import { listModules, listPatterns, observeRack, rackParts, type Pattern, type PlacedModule } from '@patchroom/doc-model';
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

export interface SequenceView {
  patterns: Pattern[];
  modules: PlacedModule[];
}

export function useSequence(doc: Y.Doc): SequenceView {
  const cache = useRef<{ doc: Y.Doc; view: SequenceView } | null>(null);
  const subscribe = useCallback(
    (onChange: () => void) => {
      const { patterns, modules, meta } = rackParts(doc);
      const relevant: ReadonlySet<unknown> = new Set([patterns, modules, meta]);
      // Whatever changed before we subscribed is read afresh on the next render.
      cache.current = null;
      return observeRack(doc, (tx) => {
        // Knob turns and cursor-heavy edits elsewhere in the room need no new render here.
        if (![...tx.changedParentTypes.keys()].some((type) => relevant.has(type))) return;
        cache.current = null;
        onChange();
      });
    },
    [doc],
  );
  const read = useCallback(() => {
    if (cache.current?.doc !== doc) cache.current = { doc, view: { patterns: listPatterns(doc), modules: listModules(doc) } };
    return cache.current.view;
  }, [doc]);
  return useSyncExternalStore(subscribe, read, read);
}
