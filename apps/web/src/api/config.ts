import { useQuery } from '@tanstack/react-query';

/** Configuration the server decides at run time (never baked into the bundle). */
export interface RuntimeConfig {
  tldrawLicenseKey: string | null;
}

async function fetchRuntimeConfig(): Promise<RuntimeConfig> {
  const response = await fetch('/api/config', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`Could not load the app configuration (${response.status}).`);
  const body = (await response.json()) as Partial<RuntimeConfig>;
  return { tldrawLicenseKey: typeof body.tldrawLicenseKey === 'string' ? body.tldrawLicenseKey : null };
}

export function useRuntimeConfig() {
  return useQuery({ queryKey: ['runtime-config'], queryFn: fetchRuntimeConfig, staleTime: Infinity });
}
