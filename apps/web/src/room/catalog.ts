import type { CatalogModule } from '@patchroom/engine';
import { listModules, rackParts } from '@patchroom/doc-model';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { useTRPC } from '../api/trpc.ts';
import { cacheKeys, isObject, readCached, writeCached } from '../offline/local-cache.ts';

function isCatalogModule(value: unknown): value is CatalogModule {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    typeof value.name === 'string' &&
    typeof value.hp === 'number' &&
    Array.isArray(value.jacks) &&
    Array.isArray(value.controls)
  );
}

/**
 * Catalog entries of every module placed in the room. Modules added from the palette are
 * remembered at once (no round trip); modules placed by others are fetched in one batch. Every
 * entry is also kept in this browser, so a room opened offline still shows its panels.
 */
export function useRoomCatalog(doc: Y.Doc | null) {
  const trpc = useTRPC();
  const [known, setKnown] = useState<ReadonlyMap<string, CatalogModule>>(() => new Map());
  const placedIds = usePlacedCatalogIds(doc);

  const remember = useCallback((modules: readonly CatalogModule[], save = true) => {
    if (save) for (const m of modules) writeCached(cacheKeys.catalogModule(m.id), m);
    setKnown((prev) => {
      const fresh = modules.filter((m) => prev.get(m.id) !== m);
      if (fresh.length === 0) return prev;
      const next = new Map(prev);
      for (const m of fresh) next.set(m.id, m);
      return next;
    });
  }, []);

  // What this browser kept from earlier visits shows at once, online or not, and is not asked
  // for. Taken in during render (not in an effect) so the canvas draws once, not twice.
  const cached = useMemo(
    () =>
      placedIds
        .filter((id) => !known.has(id))
        .map((id) => readCached(cacheKeys.catalogModule(id), isCatalogModule))
        .filter((m): m is CatalogModule => m !== null),
    [placedIds, known],
  );
  if (cached.length > 0) remember(cached, false);
  const modules = known;

  const missing = useMemo(() => placedIds.filter((id) => !modules.has(id)), [placedIds, modules]);
  const fetched = useQuery({
    ...trpc.catalog.byIds.queryOptions({ ids: missing }),
    enabled: missing.length > 0,
  });

  useEffect(() => {
    if (fetched.data) remember(fetched.data);
  }, [fetched.data, remember]);

  return { modules, remember, error: fetched.error };
}

function usePlacedCatalogIds(doc: Y.Doc | null): string[] {
  const [ids, setIds] = useState<string[]>([]);
  useEffect(() => {
    if (!doc) return;
    const { modules } = rackParts(doc);
    const read = () => {
      const next = [...new Set(listModules(doc).map((m) => m.catalogId))].sort();
      setIds((prev) => (prev.join('\n') === next.join('\n') ? prev : next));
    };
    read();
    modules.observe(read);
    return () => modules.unobserve(read);
  }, [doc]);
  return ids;
}
