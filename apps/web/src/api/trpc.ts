// The typed tRPC client and the React Query wiring every page uses.
import type { AppRouter } from '@patchroom/api';
import { MutationCache, onlineManager, QueryCache, QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** The server refuses mutations without this header: a cross-site form cannot set it (CSRF). */
export const CSRF_HEADER = { 'x-requested-with': 'patchroom' } as const;

export function makeTrpcClient() {
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: '/trpc', headers: () => CSRF_HEADER })],
  });
}

/** The key prefix of `auth.me` (tRPC keys are `[path, { input, type }]`). */
const SESSION_KEY = [['auth', 'me']];

export function makeQueryClient(): QueryClient {
  // React Query assumes "online" until the browser says otherwise; a page opened offline
  // should know at once (queries then pause and the offline copies are used).
  if (typeof navigator !== 'undefined' && navigator.onLine === false) onlineManager.setOnline(false);
  // A session that expired (or was ended in another tab) shows up as UNAUTHORIZED anywhere:
  // asking the server who we are again then sends the user to the login page.
  const onError = (error: unknown) => {
    if (errorCode(error) === 'UNAUTHORIZED') void client.invalidateQueries({ queryKey: SESSION_KEY });
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Retrying a refusal only delays the message the user needs to see.
        retry: (failures, error) => failures < 2 && !isClientFault(error),
      },
    },
  });
  return client;
}

function errorCode(error: unknown): string | null {
  const code = (error as { data?: { code?: unknown } } | null)?.data?.code;
  return typeof code === 'string' ? code : null;
}

function isClientFault(error: unknown): boolean {
  const code = errorCode(error);
  return code !== null && code !== 'INTERNAL_SERVER_ERROR' && code !== 'TIMEOUT';
}
