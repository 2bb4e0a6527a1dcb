import type { CatalogModule } from '@patchroom/engine';
import { listModules, observeRack } from '@patchroom/doc-model';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { useTRPC } from '../api/trpc.ts';

/**
 * Catalog entries of every module placed in the room. Modules added from the palette are
 * remembered at once (no round trip); modules placed by others are fetched in one batch.
 */
export function useRoomCatalog(doc: Y.Doc | null) {
  const trpc = useTRPC();
  const [known, setKnown] = useState<ReadonlyMap<string, CatalogModule>>(() => new Map());
  const placedIds = usePlacedCatalogIds(doc);
  const missing = useMemo(() => placedIds.filter((id) => !known.has(id)), [placedIds, known]);
  const fetched = useQuery({
    ...trpc.catalog.byIds.queryOptions({ ids: missing }),
    enabled: missing.length > 0,
  });

  const remember = useCallback((modules: readonly CatalogModule[]) => {
    setKnown((prev) => {
      const fresh = modules.filter((m) => !prev.has(m.id));
      if (fresh.length === 0) return prev;
      const next = new Map(prev);
      for (const m of fresh) next.set(m.id, m);
      return next;
    });
  }, []);

  useEffect(() => {
    if (fetched.data) remember(fetched.data);
  }, [fetched.data, remember]);

  return { modules: known, remember, error: fetched.error };
}

function usePlacedCatalogIds(doc: Y.Doc | null): string[] {
  const [ids, setIds] = useState<string[]>([]);
  useEffect(() => {
    if (!doc) return;
    const read = () => {
      const next = [...new Set(listModules(doc).map((m) => m.catalogId))].sort();
      setIds((prev) => (prev.join('\n') === next.join('\n') ? prev : next));
    };
    read();
    return observeRack(doc, read);
  }, [doc]);
  return ids;
}
