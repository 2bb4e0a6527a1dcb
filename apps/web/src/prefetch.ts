// Opening a rack's address directly (a link, a reload): ask for the session, the rack's details
// and the room's code at once, before React has rendered anything, so nothing waits in line.
import type { AppRouter } from '@patchroom/api';
import type { QueryClient } from '@tanstack/react-query';
import type { TRPCClient } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { runtimeConfigQuery } from './api/config.ts';

const ROOM_PATH = /^\/racks\/([^/]+)\/?$/;

export function prefetchForPath(path: string, queryClient: QueryClient, client: TRPCClient<AppRouter>, loadRoom: () => Promise<unknown>): void {
  const match = ROOM_PATH.exec(path);
  if (!match) return;
  const trpc = createTRPCOptionsProxy<AppRouter>({ client, queryClient });
  void queryClient.prefetchQuery(trpc.auth.me.queryOptions());
  void queryClient.prefetchQuery(trpc.racks.get.queryOptions({ id: decodeURIComponent(match[1]!) }));
  void queryClient.prefetchQuery(runtimeConfigQuery);
  void loadRoom().catch(() => undefined); // a failure shows when the room renders (with a retry)
}
