import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { Link, Redirect, Route, Switch } from 'wouter';
import { AccountPage } from './account/AccountPage.tsx';
import { runtimeConfigQuery } from './api/config.ts';
import { useTRPC } from './api/trpc.ts';
import { LoginPage } from './auth/LoginPage.tsx';
import { RedirectIfSignedIn, RequireUser } from './auth/RequireUser.tsx';
import { useSession } from './auth/session.ts';
import { SignupPage } from './auth/SignupPage.tsx';
import { RacksPage } from './racks/RacksPage.tsx';
import { LoadingPanel } from './ui/Spinner.tsx';

// The room pulls in Yjs, the collab provider and (lazily, one level down) tldraw:
// none of it belongs in the first page's JavaScript.
export const loadRoomPage = () => import('./room/RoomPage.tsx');
const RoomPage = lazy(loadRoomPage);

export function App() {
  return (
    <Switch>
      <Route path="/">
        <Home />
      </Route>
      <Route path="/login">
        <RedirectIfSignedIn>
          <LoginPage />
        </RedirectIfSignedIn>
      </Route>
      <Route path="/signup">
        <RedirectIfSignedIn>
          <SignupPage />
        </RedirectIfSignedIn>
      </Route>
      <Route path="/racks">
        <RequireUser>
          <RacksPage />
        </RequireUser>
      </Route>
      <Route path="/account">
        <RequireUser>
          <AccountPage />
        </RequireUser>
      </Route>
      <Route path="/racks/:id">
        {(params) => <RackRoute rackId={params.id} />}
      </Route>
      <Route>
        <NotFound />
      </Route>
    </Switch>
  );
}

/** A rack room. Its code and the rack's details load while the session is being checked. */
function RackRoute({ rackId }: { rackId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    void loadRoomPage();
    void queryClient.prefetchQuery(trpc.racks.get.queryOptions({ id: rackId }));
    void queryClient.prefetchQuery(runtimeConfigQuery);
  }, [queryClient, trpc, rackId]);
  return (
    <RequireUser>
      <Suspense fallback={<LoadingPanel label="Opening the rack…" />}>
        <RoomPage key={rackId} rackId={rackId} />
      </Suspense>
    </RequireUser>
  );
}

function Home() {
  const { user, isPending } = useSession();
  if (isPending) return <LoadingPanel />;
  return <Redirect to={user ? '/racks' : '/login'} replace />;
}

function NotFound() {
  return (
    <main className="centered-page">
      <h1>Page not found</h1>
      <p>
        <Link href="/racks">Go to my racks</Link>
      </p>
    </main>
  );
}
