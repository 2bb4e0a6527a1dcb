import type { CatalogModule } from '@patchroom/engine';
import { addModule } from '@patchroom/doc-model';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type DragEvent } from 'react';
import type * as Y from 'yjs';
import { describeError } from '../../api/errors.ts';
import { useTRPC } from '../../api/trpc.ts';
import { FormError } from '../../ui/FormError.tsx';
import { describeEditError, localEdit } from '../edits.ts';
import { PALETTE_DRAG_TYPE, paletteDrag } from './palette-drag.ts';

interface ModulePaletteProps {
  doc: Y.Doc | null;
  /** False until the room is synced and the user may edit it. */
  canAdd: boolean;
  /** False until the room's document is loaded: the search waits so the rack opens first. */
  searchReady: boolean;
  disabledReason: string | null;
  onAdding(module: CatalogModule): void;
  onNotice(message: string): void;
}

const SEARCH_DELAY_MS = 200;

/**
 * Search the catalog; drag a module onto a row of the case (the canvas shows where it lands and
 * whether it fits), or click (Enter) to put it in the first free slot.
 */
export function ModulePalette({ doc, canAdd, searchReady, disabledReason, onAdding, onNotice }: ModulePaletteProps) {
  const trpc = useTRPC();
  const searchId = useId();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), SEARCH_DELAY_MS);
  const results = useInfiniteQuery({
    ...trpc.catalog.modules.infiniteQueryOptions({ q: q || undefined }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
    enabled: searchReady || q !== '',
  });
  const modules = results.data?.pages.flatMap((page) => page.items) ?? [];

  function add(module: CatalogModule) {
    if (!doc) return;
    onAdding(module);
    try {
      // The new panel appearing on the canvas is the confirmation; only failures need words.
      localEdit(doc, () => addModule(doc, { catalogId: module.id, widthHp: module.hp }));
    } catch (error) {
      onNotice(describeEditError(error));
    }
  }

  function startDrag(event: DragEvent, module: CatalogModule) {
    event.dataTransfer.setData(PALETTE_DRAG_TYPE, module.id);
    event.dataTransfer.effectAllowed = 'copy';
    // The canvas draws its panel face while it is dragged over the case.
    onAdding(module);
    paletteDrag.start(module);
  }

  return (
    <aside className="palette" aria-labelledby={`${searchId}-title`}>
      <h2 id={`${searchId}-title`} className="palette-title">
        Modules
      </h2>
      <label htmlFor={searchId} className="visually-hidden">
        Search modules
      </label>
      <input
        id={searchId}
        type="search"
        className="palette-search"
        placeholder="Search modules"
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoComplete="off"
      />
      {disabledReason ? <p className="palette-note">{disabledReason}</p> : null}
      <FormError message={results.error ? describeError(results.error).message : null} />
      <ul className="palette-list" aria-label="Search results" aria-busy={results.isFetching}>
        {modules.map((m) => (
          <li key={m.id}>
            <button
              type="button"
              className="palette-item"
              title="Drag onto a row, or click to add it to the first free slot"
              disabled={!canAdd}
              draggable={canAdd}
              onDragStart={(event) => startDrag(event, m)}
              onDragEnd={() => paletteDrag.end()}
              onClick={() => add(m)}
            >
              {/* The name read out is what is shown, after "Add": "Add A-110-1 Standard VCO Doepfer 10 HP oscillator". */}
              <span className="visually-hidden">Add </span>
              <span className="palette-swatch" style={{ width: Math.min(42, 4 + m.hp * 2) }} aria-hidden="true" />
              <span className="palette-text">
                <span className="palette-name">{m.name}</span>{' '}
                <span className="palette-maker">{m.manufacturer}</span>
              </span>{' '}
              <span className="palette-meta">
                {m.hp} HP{' '}
                <span className="palette-type">{m.type}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      {results.isPending ? (
        <p className="palette-note">{results.fetchStatus === 'paused' ? 'Searching the catalog needs a connection.' : 'Searching…'}</p>
      ) : null}
      {!results.isPending && modules.length === 0 && !results.error ? (
        <p className="palette-note">{q ? `No modules match “${q}”.` : "The catalog has no modules yet."}</p>
      ) : null}
      {results.hasNextPage ? (
        <button
          type="button"
          className="button ghost palette-more"
          onClick={() => void results.fetchNextPage()}
          disabled={results.isFetchingNextPage}
        >
          More modules
        </button>
      ) : null}
    </aside>
  );
}

function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
