import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTRPC } from '../api/trpc.ts';
import { cacheKeys, clearCached, isObject, readCached, removeCached, writeCached } from '../offline/local-cache.ts';
import { isUnreachable } from '../offline/network.ts';

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  /** A workshop guest (joined with a display name only). */
  isGuest?: boolean;
}

function isSessionUser(value: unknown): value is SessionUser {
  return isObject(value) && typeof value.id === 'string' && typeof value.email === 'string' && typeof value.displayName === 'string';
}

/**
 * The signed-in user, or null; `isPending` while the first answer is on its way. Without a
 * network the user last seen signed in on this browser stays signed in, so rooms they opened
 * before still open offline; the server's answer wins as soon as it can be had.
 */
export function useSession() {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const user = (me.data?.user ?? null) as SessionUser | null;
  useEffect(() => {
    if (!me.data) return;
    if (user) writeCached(cacheKeys.session(), user);
    else removeCached(cacheKeys.session());
  }, [me.data, user]);
  if (!me.data && isUnreachable(me)) {
    const cached = readCached(cacheKeys.session(), isSessionUser);
    if (cached) return { user: cached, isPending: false, error: null, offline: true };
  }
  return { user, isPending: me.isPending, error: me.error, offline: false };
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
    clearCached();
    if (user) writeCached(cacheKeys.session(), user);
    queryClient.setQueryData(trpc.auth.me.queryKey(), { user: user ? { ...user, isGuest: user.isGuest ?? false } : null });
  };
}

/** Where to go after logging in: only paths inside this app, never another site. */
export function safeNextPath(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/racks';
}
