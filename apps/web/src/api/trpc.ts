// The typed tRPC client and the React Query wiring every page uses.
import type { AppRouter } from '@patchroom/api';
import { QueryClient } from '@tanstack/react-query';
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

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Retrying a refusal only delays the message the user needs to see.
        retry: (failures, error) => failures < 2 && !isClientFault(error),
      },
    },
  });
}

function isClientFault(error: unknown): boolean {
  const code = (error as { data?: { code?: unknown } } | null)?.data?.code;
  return typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR' && code !== 'TIMEOUT';
}
