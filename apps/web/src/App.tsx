import { lazy, Suspense } from 'react';
import { Link, Redirect, Route, Switch } from 'wouter';
import { LoginPage } from './auth/LoginPage.tsx';
import { RedirectIfSignedIn, RequireUser } from './auth/RequireUser.tsx';
import { useSession } from './auth/session.ts';
import { SignupPage } from './auth/SignupPage.tsx';
import { RacksPage } from './racks/RacksPage.tsx';
import { LoadingPanel } from './ui/Spinner.tsx';

// The room pulls in Yjs, the collab provider and (lazily, one level down) tldraw:
// none of it belongs in the first page's JavaScript.
const RoomPage = lazy(() => import('./room/RoomPage.tsx'));

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
      <Route path="/racks/:id">
        {(params) => (
          <RequireUser>
            <Suspense fallback={<LoadingPanel label="Opening the rack…" />}>
              <RoomPage key={params.id} rackId={params.id} />
            </Suspense>
          </RequireUser>
        )}
      </Route>
      <Route>
        <NotFound />
      </Route>
    </Switch>
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
