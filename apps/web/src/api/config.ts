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

/** The runtime configuration; offline, the one this browser was last given (or none). */
export function useRuntimeConfig() {
  const query = useQuery({ queryKey: ['runtime-config'], queryFn: fetchRuntimeConfig, staleTime: Infinity });
  if (!query.data && isUnreachable(query)) {
    return { data: readCached(CACHE_KEY, isRuntimeConfig) ?? { tldrawLicenseKey: null }, isPending: false };
  }
  return { data: query.data, isPending: query.isPending };
}
