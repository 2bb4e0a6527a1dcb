import type { CatalogCase, CatalogModule } from '@patchroom/engine';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { useRuntimeConfig } from '../api/config.ts';
import { describeError } from '../api/errors.ts';
import { useTRPC } from '../api/trpc.ts';
import { useSession, type SessionUser } from '../auth/session.ts';
import { caseLabel, caseSize } from '../racks/labels.ts';
import { AppHeader } from '../ui/AppHeader.tsx';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { LoadingPanel } from '../ui/Spinner.tsx';
import { BudgetBar } from './budget/BudgetBar.tsx';
import { useRoomCatalog } from './catalog.ts';
import { STATUS_LABELS, useRoomConnection, type RoomConnectionState } from './connection.ts';
import { ModulePalette } from './palette/ModulePalette.tsx';
import { PeopleList } from './presence/PeopleList.tsx';
import { presenceUserFor, useOwnPresence, usePeers } from './presence/usePresence.ts';
import { SharePanel } from './share/SharePanel.tsx';

// tldraw is most of the room's weight: it downloads while the header and palette are already usable.
const RackCanvas = lazy(() => import('./canvas/RackCanvas.tsx'));

export interface RoomRack {
  id: string;
  name: string;
  visibility: string;
  role: 'owner' | 'editor' | 'viewer';
  case: CatalogCase;
}

export default function RoomPage({ rackId }: { rackId: string }) {
  const trpc = useTRPC();
  const { user } = useSession();
  const rack = useQuery(trpc.racks.get.queryOptions({ id: rackId }));
  if (rack.isPending || !user) {
    return (
      <>
        <AppHeader />
        <LoadingPanel label="Opening the rack…" />
      </>
    );
  }
  if (rack.error) {
    return (
      <>
        <AppHeader />
        <main className="centered-page">
          <h1>This rack is not available</h1>
          <p role="alert">{describeError(rack.error).message}</p>
          <p>
            <Link href="/racks">Back to my racks</Link>
          </p>
        </main>
      </>
    );
  }
  return <Room rack={rack.data as RoomRack} user={user} />;
}

interface Notice {
  text: string;
  tone: 'info' | 'error';
  at: number;
}

function Room({ rack, user }: { rack: RoomRack; user: SessionUser }) {
  const { connection, state } = useRoomConnection(rack.id);
  const catalog = useRoomCatalog(connection?.doc ?? null);
  const config = useRuntimeConfig();
  const awareness = connection?.provider.awareness ?? null;
  const [me] = useState(() => presenceUserFor(user));
  useOwnPresence(awareness, me);
  const peers = usePeers(awareness);
  const { notice, show } = useNotice();
  useRecheckSessionWhen(state.refusal !== null);

  const readOnly = rack.role === 'viewer' || state.scope === 'readonly';
  const canAdd = !readOnly && state.synced && !state.refusal;
  const onNotice = useCallback((text: string) => show(text, 'error'), [show]);
  const remember = catalog.remember;
  const onAdding = useCallback((m: CatalogModule) => remember([m]), [remember]);

  return (
    <div className="room">
      <AppHeader>
        <PeopleList me={me} peers={peers} />
      </AppHeader>
      <div className="room-bar">
        <div className="room-title">
          <h1>{rack.name}</h1>
          <span className="room-case">
            {caseLabel(rack.case)} · {caseSize(rack.case)}
          </span>
        </div>
        <ConnectionBadge state={state} />
        {readOnly ? <span className="badge view-only">View only</span> : null}
        {connection ? <BudgetBar doc={connection.doc} rackCase={rack.case} catalog={catalog.modules} /> : null}
        <div className="room-bar-end">{rack.role === 'owner' ? <SharePanel rackId={rack.id} /> : null}</div>
      </div>
      {state.refusal ? (
        <p role="alert" className="room-refusal">
          {state.refusal} <Link href="/racks">Back to my racks</Link>
        </p>
      ) : null}
      <div className="room-body">
        <ModulePalette
          doc={connection?.doc ?? null}
          canAdd={canAdd}
          disabledReason={paletteNote(readOnly, state)}
          onAdding={onAdding}
          onNotice={onNotice}
        />
        <section className="room-canvas" aria-label="Rack canvas">
          {connection && !state.refusal && !config.isPending ? (
            <ErrorBoundary fallback={(retry) => <CanvasFailed retry={retry} />}>
              <Suspense fallback={<LoadingPanel label="Loading the canvas…" />}>
                <RackCanvas
                  doc={connection.doc}
                  awareness={connection.provider.awareness!}
                  undoManager={connection.undoManager}
                  rackCase={rack.case}
                  catalog={catalog.modules}
                  readOnly={readOnly}
                  licenseKey={config.data?.tldrawLicenseKey ?? null}
                  onNotice={onNotice}
                />
              </Suspense>
            </ErrorBoundary>
          ) : null}
          {notice ? (
            <p key={notice.at} role={notice.tone === 'error' ? 'alert' : 'status'} className={`notice notice-${notice.tone}`}>
              {notice.text}
            </p>
          ) : null}
        </section>
      </div>
    </div>
  );
}

function ConnectionBadge({ state }: { state: RoomConnectionState }) {
  return (
    <span data-testid="connection-status" role="status" className={`badge status-${state.status}`}>
      {STATUS_LABELS[state.status]}
    </span>
  );
}

function paletteNote(readOnly: boolean, state: RoomConnectionState): string | null {
  if (readOnly) return 'You can look at this rack but not change it.';
  if (state.refusal) return null;
  if (!state.synced) return 'Connecting to the rack…';
  return null;
}

function CanvasFailed({ retry }: { retry: () => void }) {
  return (
    <div className="centered-page" role="alert">
      <p>The canvas could not be loaded.</p>
      <button type="button" className="button" onClick={retry}>
        Try again
      </button>
    </div>
  );
}

/** A refused socket may mean the session ended: if so, the login page is where to go. */
function useRecheckSessionWhen(refused: boolean) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (refused) void queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });
  }, [refused, queryClient, trpc]);
}

const NOTICE_MS = 6000;

/** One short message at a time under the canvas; it fades after a few seconds. */
function useNotice() {
  const [notice, setNotice] = useState<Notice | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const show = useCallback((text: string, tone: Notice['tone']) => {
    setNotice({ text, tone, at: Date.now() });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setNotice(null), NOTICE_MS);
  }, []);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  return { notice, show };
}
