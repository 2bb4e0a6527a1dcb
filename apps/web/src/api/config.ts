import { useQuery } from '@tanstack/react-query';
import { isObject, readCached, writeCached } from '../offline/local-cache.ts';
import { isUnreachable } from '../offline/network.ts';

/** Configuration the server decides at run time (never baked into the bundle). */
export interface RuntimeConfig {
  tldrawLicenseKey: string | null;
}

const CACHE_KEY = 'runtime-config';

function isRuntimeConfig(value: unknown): value is RuntimeConfig {
  return isObject(value) && (typeof value.tldrawLicenseKey === 'string' || value.tldrawLicenseKey === null);
}

async function fetchRuntimeConfig(): Promise<RuntimeConfig> {
  const response = await fetch('/api/config', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`Could not load the app configuration (${response.status}).`);
  const body = (await response.json()) as Partial<RuntimeConfig>;
  const config = { tldrawLicenseKey: typeof body.tldrawLicenseKey === 'string' ? body.tldrawLicenseKey : null };
  writeCached(CACHE_KEY, config);
  return config;
}

export const runtimeConfigQuery = { queryKey: ['runtime-config'], queryFn: fetchRuntimeConfig, staleTime: Infinity } as const;

/**
 * The runtime configuration. The copy this browser was last given is used at once (it rarely
 * changes, and the canvas should not wait a round trip for it) while a fresh one is fetched;
 * offline without a copy, there is none.
 */
export function useRuntimeConfig() {
  const query = useQuery(runtimeConfigQuery);
  if (!query.data) {
    const cached = readCached(CACHE_KEY, isRuntimeConfig);
    if (cached) return { data: cached, isPending: false };
    if (isUnreachable(query)) return { data: { tldrawLicenseKey: null }, isPending: false };
  }
  return { data: query.data, isPending: query.isPending };
}
