import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
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
/** What the room shows at once besides its page: fetched beside the page's code, not after it. */
export const loadRoomParts = () => Promise.all([import('./room/canvas/RackCanvas.tsx'), import('./transport/TransportBar.tsx')]);
const RoomPage = lazy(loadRoomPage);
const JoinWorkshopPage = lazy(() => import('./workshops/JoinWorkshopPage.tsx'));
const WorkshopDashboard = lazy(() => import('./workshops/WorkshopDashboard.tsx'));
// Community pages are their own chunks too: the first page is the login or the rack list.
const FeedPage = lazy(() => import('./community/FeedPage.tsx'));
const PublicationPage = lazy(() => import('./community/PublicationPage.tsx'));
const ProfilePage = lazy(() => import('./community/ProfilePage.tsx'));

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
      <Route path="/w/:code">
        {(params) => (
          <Suspense fallback={<LoadingPanel label="Opening the workshop…" />}>
            <JoinWorkshopPage code={params.code} />
          </Suspense>
        )}
      </Route>
      <Route path="/workshops/:id">
        {(params) => (
          <RequireUser>
            <Suspense fallback={<LoadingPanel label="Opening the dashboard…" />}>
              <WorkshopDashboard workshopId={params.id} />
            </Suspense>
          </RequireUser>
        )}
      </Route>
      <Route path="/feed">
        <Lazy>
          <FeedPage />
        </Lazy>
      </Route>
      <Route path="/p/:id">
        {(params) => (
          <Lazy>
            <PublicationPage key={params.id} publicationId={params.id} />
          </Lazy>
        )}
      </Route>
      <Route path="/u/:id">
        {(params) => (
          <Lazy>
            <ProfilePage key={params.id} userId={params.id} />
          </Lazy>
        )}
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
    // The room's socket opens as soon as its code is here, while the canvas still downloads.
    loadRoomPage().then((room) => room.warmRoom(rackId), () => undefined);
    void loadRoomParts().catch(() => undefined); // a failure shows where the part renders (with a retry)
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

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<LoadingPanel />}>{children}</Suspense>;
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
