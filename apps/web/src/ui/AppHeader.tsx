import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { LogOutButton } from '../auth/LogOutButton.tsx';
import { useSession } from '../auth/session.ts';

/** The bar on every signed-in page: brand, optional page tools, who is signed in, log out. */
export function AppHeader({ children }: { children?: ReactNode }) {
  const { user } = useSession();
  return (
    <header className="app-header">
      <Link href="/racks" className="brand-mark" aria-label="Patchroom home">
        <span className="dot dot-amber" aria-hidden="true" />
        <span className="dot dot-cyan" aria-hidden="true" />
        Patchroom
      </Link>
      <div className="app-header-tools">{children}</div>
      {user ? (
        <div className="app-header-user">
          <Link href="/account" className="user-name" title={`${user.email}: your account`}>
            {user.displayName}
          </Link>
          <LogOutButton />
        </div>
      ) : null}
    </header>
  );
}
