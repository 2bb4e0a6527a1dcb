import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { LogOutButton } from '../auth/LogOutButton.tsx';
import { useSession } from '../auth/session.ts';

/** The bar on every signed-in page: brand, optional page tools, who is signed in, log out. */
export function AppHeader({ children }: { children?: ReactNode }) {
  const { user, isPending } = useSession();
  return (
    <header className="app-header">
      <Link href="/racks" className="brand-mark" aria-label="Patchroom home">
        <span className="dot dot-amber" aria-hidden="true" />
        <span className="dot dot-cyan" aria-hidden="true" />
        Patchroom
      </Link>
      <nav className="app-header-nav" aria-label="Main">
        <Link href="/feed">Feed</Link>
        {user ? <Link href="/racks">My racks</Link> : null}
      </nav>
      <div className="app-header-tools">{children}</div>
      {user ? (
        <div className="app-header-user">
          <Link href={`/u/${encodeURIComponent(user.id)}`} className="user-name" title={`${user.email} — your profile`}>
            {user.displayName}
          </Link>
          <LogOutButton />
        </div>
      ) : isPending ? null : (
        // Visitors reading the public feed, a publication or a profile.
        <Link href="/login" className="button small">
          Log in
        </Link>
      )}
    </header>
  );
}
