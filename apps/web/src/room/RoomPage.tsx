import type { CatalogCase, CatalogModule } from '@patchroom/engine';
import { activePatchId, getPatch, readRows } from '@patchroom/doc-model';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import type { Editor, TLUserId } from 'tldraw';
import { Link } from 'wouter';
import type * as Y from 'yjs';
import { useRuntimeConfig } from '../api/config.ts';
import { describeError } from '../api/errors.ts';
import { useTRPC } from '../api/trpc.ts';
import { useSession, type SessionUser } from '../auth/session.ts';
import { cacheKeys, isObject, readCached, writeCached } from '../offline/local-cache.ts';
import { isUnreachable } from '../offline/network.ts';
import { caseLabel, caseSize } from '../racks/labels.ts';
import { AppHeader } from '../ui/AppHeader.tsx';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { deferred } from '../ui/deferred.ts';
import { LoadingPanel } from '../ui/Spinner.tsx';
import { BudgetBar } from './budget/BudgetBar.tsx';
import { useRoomCatalog } from './catalog.ts';
import {
  LOCAL_EDIT,
  STATUS_LABELS,
  useRoomConnection,
  type RoomConnection,
  type RoomConnectionState,
  type RoomWorkshopState,
} from './connection.ts';
import { useUndoShortcuts, useUndoState } from './history/undo.ts';
import { NotesPanel } from './notes/NotesPanel.tsx';
import { ModulePalette } from './palette/ModulePalette.tsx';
import { PatchSwitcher } from './patches/PatchSwitcher.tsx';
import { PeopleList } from './presence/PeopleList.tsx';
import { presenceRecordUserId, type Peer, type PresenceUser } from './presence/peers.ts';
import { presenceUserFor, useOwnPresence, usePeers } from './presence/usePresence.ts';
import { RackView } from './rack-view.ts';
import { RoomUnavailable } from './RoomUnavailable.tsx';
import { SharePanel } from './share/SharePanel.tsx';
import { ExportMenu } from '../exports/ExportMenu.tsx';
import { WorkshopBar } from '../workshops/WorkshopBar.tsx';
import { RackCommunityTools, RackLineage } from '../community/RackCommunity.tsx';

// tldraw is most of the room's weight: it loads in its own chunk, which the route starts fetching
// beside this page's code (App.tsx), so it compiles while the rack details and the document arrive.
const canvas = deferred(() => import('./canvas/RackCanvas.tsx'));
const RackCanvas = canvas.Component;
void canvas.preload();

// The pattern editor (src/sequencer) sits in the bottom panel, as its own lazily loaded chunk.
const SequencerPanel = lazy(() => import('../sequencer/SequencerPanel.tsx'));
// Version history (checkpoints, preview, restore): its own chunk, loaded when opened.
const HistoryPanel = lazy(() => import('./history/HistoryPanel.tsx'));
// The shared transport (play/stop, clock sync, sound): its own lazily loaded chunk.
const TransportBar = deferred(() => import('../transport/TransportBar.tsx')).Component;

export { warmRoom } from './connection.ts';

export interface RoomRack {
  id: string;
  name: string;
  visibility: string;
  role: 'owner' | 'editor' | 'viewer';
  case: CatalogCase;
}

function isRoomRack(value: unknown): value is RoomRack {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    typeof value.name === 'string' &&
    typeof value.role === 'string' &&
    isObject(value.case) &&
    Array.isArray(value.case.rows)
  );
}

/** The rack's name, case and this user's role: from the server, or offline from this browser's copy. */
function useRoomRack(rackId: string, user: SessionUser | null) {
  const trpc = useTRPC();
  const rack = useQuery(trpc.racks.get.queryOptions({ id: rackId }));
  useEffect(() => {
    if (rack.data && user) writeCached(cacheKeys.rack(user.id, rackId), rack.data);
  }, [rack.data, user, rackId]);
  if (!rack.data && user && isUnreachable(rack)) {
    const cached = readCached(cacheKeys.rack(user.id, rackId), isRoomRack);
    if (cached) return { data: cached, error: null, isPending: false };
  }
  return { data: rack.data as RoomRack | undefined, error: rack.error, isPending: rack.isPending };
}

export default function RoomPage({ rackId }: { rackId: string }) {
  const { user } = useSession();
  const rack = useRoomRack(rackId, user);
  // The document starts loading (from this browser and the server) while the rack's details
  // are fetched: a refused socket says the same as a refused query, only later.
  const room = useRoomConnection(rackId);
  if (rack.isPending || !user) {
    return (
      <>
        <AppHeader />
        <LoadingPanel label="Opening the rack…" />
      </>
    );
  }
  if (rack.error || !rack.data) {
    return (
      <>
        <AppHeader />
        <main className="centered-page">
          <h1>This rack is not available</h1>
          <p role="alert">{rack.error ? describeError(rack.error).message : 'It cannot be opened offline on this device yet.'}</p>
          <p>
            <Link href="/racks">Back to my racks</Link>
          </p>
        </main>
      </>
    );
  }
  return <Room rack={rack.data} user={user} connection={room.connection} state={room.state} />;
}

interface Notice {
  text: string;
  tone: 'info' | 'error';
  at: number;
}

interface RoomProps {
  rack: RoomRack;
  user: SessionUser;
  connection: RoomConnection | null;
  state: RoomConnectionState;
}

function Room({ rack, user, connection, state }: RoomProps) {
  const doc = connection?.doc ?? null;
  const catalog = useRoomCatalog(doc);
  const config = useRuntimeConfig();
  const awareness = connection?.provider.awareness ?? null;
  const [me] = useState(() => presenceUserFor(user));
  useOwnPresence(awareness, me);
  const peers = usePeers(awareness);
  const view = useRackViewOf(doc);
  const { notice, show } = useNotice();
  const [editor, setEditor] = useState<Editor | null>(null);
  const following = useFollowing(editor, peers, me);
  useFollowTeacher(state.workshop, peers, me, editor !== null, following.follow);
  const [notesOpen, setNotesOpen] = useState(false);
  const [sequencerOpen, setSequencerOpen] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  useRecheckSessionWhen(state.refusal !== null);
  useUndoShortcuts(connection?.undoManager ?? null);

  const readOnly = rack.role === 'viewer' || state.scope === 'readonly';
  const lockedByTeacher = readOnly && state.workshop?.locked === true && state.workshop.teacherId !== user.id;
  // Offline, the copy kept in this browser is enough to edit (the edits merge later).
  const ready = state.synced || (state.loadedLocally && doc !== null && readRows(doc).length > 0);
  const canEdit = !readOnly && ready && !state.refusal;
  const onNotice = useCallback((text: string) => show(text, 'error'), [show]);
  const remember = catalog.remember;
  const onAdding = useCallback((m: CatalogModule) => remember([m]), [remember]);

  return (
    <div className="room">
      <AppHeader>
        <PeopleList me={me} peers={peers} followingUserId={following.userId} onFollow={editor ? following.follow : undefined} />
      </AppHeader>
      <div className="room-bar">
        <div className="room-title">
          <h1>{rack.name}</h1>
          <span className="room-case">
            {caseLabel(rack.case)} · {caseSize(rack.case)}
          </span>
          <RackLineage rackId={rack.id} />
        </div>
        <ConnectionBadge state={state} />
        {lockedByTeacher ? null : readOnly ? <span className="badge view-only">View only</span> : null}
        {doc && view ? <PatchSwitcher doc={doc} view={view} readOnly={!canEdit} onNotice={onNotice} /> : null}
        {doc ? <BudgetBar doc={doc} rackCase={rack.case} catalog={catalog.modules} /> : null}
        <div className="room-bar-end">
          {connection && !readOnly ? <UndoButtons undoManager={connection.undoManager} /> : null}
          <button
            type="button"
            className="button ghost small"
            aria-expanded={notesOpen}
            aria-controls="room-notes"
            onClick={() => setNotesOpen((open) => !open)}
          >
            Notes
          </button>
          {doc ? (
            <button
              type="button"
              className="button ghost small"
              aria-expanded={sequencerOpen}
              aria-controls="room-sequencer"
              onClick={() => setSequencerOpen((open) => !open)}
            >
              Sequencer
            </button>
          ) : null}
          <RackCommunityTools rack={rack} doc={doc} />
          <ExportMenu rackId={rack.id} activePatch={() => activePatchOf(doc)} />
          <button
            type="button"
            className="button ghost small"
            aria-expanded={historyOpen}
            aria-controls="room-history"
            onClick={() => setHistoryOpen((open) => !open)}
          >
            History
          </button>
          {rack.role === 'owner' ? <SharePanel rackId={rack.id} /> : null}
        </div>
      </div>
      {/* A strip of its own, there before its code arrives: nothing moves when it does. */}
      <div className="room-transport">
        {connection ? (
          <ErrorBoundary fallback={(retry) => <PanelFailed what="The transport" retry={retry} />}>
            <TransportBar doc={connection.doc} provider={connection.provider} readOnly={!canEdit} />
          </ErrorBoundary>
        ) : null}
      </div>
      <WorkshopBar rackId={rack.id} isOwner={rack.role === 'owner'} live={state.workshop} />
      {state.refusal ? (
        <p role="alert" className="room-refusal">
          {state.refusal} <Link href="/racks">Back to my racks</Link>
        </p>
      ) : null}
      {state.unavailable && connection ? (
        <RoomUnavailable unavailable={state.unavailable} localCopy={!ready ? 'none' : readOnly ? 'view' : 'edit'} onRetry={connection.retryLoad} />
      ) : null}
      <div className="room-body">
        <ModulePalette
          doc={doc}
          canAdd={canEdit}
          searchReady={ready || state.status === 'offline'}
          disabledReason={lockedByTeacher ? 'Locked by teacher: you can watch, but not change the rack until they unlock it.' : paletteNote(readOnly, ready, state)}
          onAdding={onAdding}
          onNotice={onNotice}
        />
        <div className="room-main">
          <section className="room-canvas" aria-label="Rack canvas">
            {connection && view && !state.refusal && !config.isPending ? (
              <ErrorBoundary fallback={(retry) => <CanvasFailed retry={retry} />}>
                <RackCanvas
                  placeholder={<LoadingPanel label="Loading the canvas…" />}
                  doc={connection.doc}
                  view={view}
                  awareness={connection.provider.awareness!}
                  undoManager={connection.undoManager}
                  rackCase={rack.case}
                  catalog={catalog.modules}
                  readOnly={!canEdit}
                  licenseKey={config.data?.tldrawLicenseKey ?? null}
                  onNotice={onNotice}
                  onEditor={setEditor}
                />
              </ErrorBoundary>
            ) : null}
            {notice ? (
              <p key={notice.at} role={notice.tone === 'error' ? 'alert' : 'status'} className={`notice notice-${notice.tone}`}>
                {notice.text}
              </p>
            ) : null}
          </section>
          {sequencerOpen && doc ? (
            <section id="room-sequencer" className="room-bottom-panel" aria-label="Sequencer">
              <ErrorBoundary fallback={(retry) => <PanelFailed what="The sequencer" retry={retry} />}>
                <Suspense fallback={<LoadingPanel label="Loading the sequencer…" />}>
                  <SequencerPanel doc={doc} readOnly={!canEdit} origin={LOCAL_EDIT} />
                </Suspense>
              </ErrorBoundary>
            </section>
          ) : null}
        </div>
        {notesOpen && doc && view ? (
          <div id="room-notes" className="room-side-panel">
            <NotesPanel doc={doc} view={view} readOnly={!canEdit} />
          </div>
        ) : null}
        {historyOpen ? (
          <div id="room-history" className="room-side-panel">
            <ErrorBoundary fallback={(retry) => <PanelFailed what="The history" retry={retry} />}>
              <Suspense fallback={<LoadingPanel label="Loading the history…" />}>
                <HistoryPanel rackId={rack.id} canEdit={rack.role !== 'viewer'} catalog={catalog.modules} />
              </Suspense>
            </ErrorBoundary>
          </div>
        ) : null}
      </div>
    </div>
  );
}

/** The room's view of the document, made once per document and torn down with it. */
function useRackViewOf(doc: Y.Doc | null): RackView | null {
  const [view, setView] = useState<RackView | null>(null);
  useEffect(() => {
    if (!doc) return;
    const next = new RackView(doc);
    setView(next);
    return () => {
      next.destroy();
      setView(null);
    };
  }, [doc]);
  return view;
}

/**
 * Following someone's view: tldraw moves our camera with theirs and stops on our own pan or
 * zoom. We follow one of their connections (their first tab).
 */
function useFollowing(editor: Editor | null, peers: Peer[], me: PresenceUser) {
  const [followedRecord, setFollowedRecord] = useState<string | null>(null);
  useEffect(() => {
    if (!editor) return;
    const read = () => setFollowedRecord(editor.getInstanceState().followingUserId);
    read();
    return editor.store.listen(read, { scope: 'session' });
  }, [editor]);
  const userId = followedRecord ? (peers.find((p) => presenceRecordUserId(p.user.id, p.clientId) === followedRecord)?.user.id ?? null) : null;
  const follow = useCallback(
    (user: PresenceUser | null) => {
      if (!editor) return;
      if (!user) {
        editor.stopFollowingUser();
        return;
      }
      const peer = peers.find((p) => p.user.id === user.id && p.user.id !== me.id);
      if (peer) editor.startFollowingUser(presenceRecordUserId(peer.user.id, peer.clientId) as TLUserId);
    },
    [editor, peers, me.id],
  );
  return { userId, follow };
}

/**
 * While the workshop's teacher asks for it, students follow the teacher's view (their first
 * tab), and stop when the teacher stops asking. A student may still look around: tldraw stops
 * following on their own pan or zoom, until the teacher asks again.
 */
function useFollowTeacher(
  workshop: RoomWorkshopState | null,
  peers: Peer[],
  me: PresenceUser,
  canvasReady: boolean,
  follow: (user: PresenceUser | null) => void,
) {
  const teacherId = workshop?.teacherId ?? null;
  const wanted = workshop?.followTeacher === true && teacherId !== me.id;
  const teacher = wanted ? (peers.find((p) => p.user.id === teacherId)?.user ?? null) : null;
  const teacherKey = teacher?.id ?? null;
  const wasWanted = useRef(false);
  useEffect(() => {
    if (teacher) follow(teacher);
    else if (wasWanted.current && !wanted) follow(null);
    wasWanted.current = wanted;
    // Re-run when the wish or the teacher's presence changes, not on every peer movement.
  }, [wanted, teacherKey, canvasReady]);
}

function UndoButtons({ undoManager }: { undoManager: Y.UndoManager }) {
  const { canUndo, canRedo } = useUndoState(undoManager);
  return (
    <span className="undo-buttons" role="group" aria-label="History">
      <button type="button" className="button ghost small" disabled={!canUndo} onClick={() => undoManager.undo()} title="Undo your last change (Ctrl+Z)">
        Undo
      </button>
      <button type="button" className="button ghost small" disabled={!canRedo} onClick={() => undoManager.redo()} title="Redo (Shift+Ctrl+Z)">
        Redo
      </button>
    </span>
  );
}

function ConnectionBadge({ state }: { state: RoomConnectionState }) {
  return (
    <span data-testid="connection-status" role="status" className={`badge status-${state.status}`}>
      {STATUS_LABELS[state.status]}
    </span>
  );
}

function paletteNote(readOnly: boolean, ready: boolean, state: RoomConnectionState): string | null {
  if (readOnly) return 'You can look at this rack but not change it.';
  if (state.refusal) return null;
  if (!ready) return state.status === 'offline' ? 'This rack has not been opened on this device before: connect to load it.' : 'Connecting to the rack…';
  return null;
}

function CanvasFailed({ retry }: { retry: () => void }) {
  return <PanelFailed what="The canvas" retry={retry} />;
}

function PanelFailed({ what, retry }: { what: string; retry: () => void }) {
  return (
    <div className="centered-page" role="alert">
      <p>{what} could not be loaded.</p>
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

/** The patch shown now, for "Export → Patch diagram". */
function activePatchOf(doc: Y.Doc | null): { id: string; name: string } | null {
  const id = doc ? activePatchId(doc) : null;
  const patch = doc && id ? getPatch(doc, id) : null;
  return patch ? { id: patch.id, name: patch.name } : null;
}
