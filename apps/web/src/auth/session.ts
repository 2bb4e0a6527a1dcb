import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.ts';

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
}

/** The signed-in user, or null; `isPending` while the first answer is on its way. */
export function useSession() {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  return { user: (me.data?.user ?? null) as SessionUser | null, isPending: me.isPending, error: me.error };
}

/**
 * Switches the cached session to `user` (or to nobody). Everything cached for the previous
 * session is dropped first so one person never sees another's racks.
 */
export function useReplaceSession() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (user: SessionUser | null) => {
    queryClient.removeQueries();
    queryClient.setQueryData(trpc.auth.me.queryKey(), { user });
  };
}

/** Where to go after logging in: only paths inside this app, never another site. */
export function safeNextPath(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/racks';
}
