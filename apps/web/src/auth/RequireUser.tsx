import type { ReactNode } from 'react';
import { Redirect, useLocation } from 'wouter';
import { LoadingPanel } from '../ui/Spinner.tsx';
import { useSession } from './session.ts';

/** Renders its children for a signed-in user; otherwise sends them to log in and back here. */
export function RequireUser({ children }: { children: ReactNode }) {
  const { user, isPending } = useSession();
  const [location] = useLocation();
  if (isPending) return <LoadingPanel />;
  if (!user) return <Redirect to={`/login?next=${encodeURIComponent(location)}`} replace />;
  return children;
}

/** Login and sign-up are pointless once signed in. */
export function RedirectIfSignedIn({ children }: { children: ReactNode }) {
  const { user, isPending } = useSession();
  if (isPending) return <LoadingPanel />;
  if (user) return <Redirect to="/racks" replace />;
  return children;
}
