import { HocuspocusProvider, WebSocketStatus } from '@hocuspocus/provider';
import { createUndoManager } from '@patchroom/doc-model';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { deriveStatus, retryDelayMs, type RoomStatus, type StatusInputs } from './status.ts';

export { STATUS_LABELS } from './status.ts';
export type { RoomStatus } from './status.ts';

/** Transaction origin of this browser's own edits: what undo/redo tracks. */
export const LOCAL_EDIT = Symbol('patchroom-local-edit');

export interface RoomConnectionState {
  status: RoomStatus;
  /** Known once the server has accepted us; viewers get 'readonly'. */
  scope: 'read-write' | 'readonly' | null;
  /** True once the first sync with the server is done (the rack's rows are known). */
  synced: boolean;
  /** True once the copy kept in this browser (IndexedDB) has been loaded into the room. */
  loadedLocally: boolean;
  /** Why the server refused the socket, in words for the user; null while allowed. */
  refusal: string | null;
  /** The server could not load the room (its storage failed): when the next automatic try is due. */
  unavailable: { retryAt: number | null } | null;
  /** The rack's active workshop as the server last announced it; null when there is none. */
  workshop: RoomWorkshopState | null;
}

/** What the collab server announces in a workshop room (see apps/collab access/workshop-state.ts). */
export interface RoomWorkshopState {
  id: string;
  teacherId: string;
  locked: boolean;
  transportHeld: boolean;
  followTeacher: boolean;
}

export interface RoomConnection {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Undo/redo of this user's own edits only; collaborators' edits are never undone. */
  undoManager: Y.UndoManager;
  /** Asks the server for a room it could not load, now instead of when the next try is due. */
  retryLoad: () => void;
}

export function collabUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
}

export function documentName(rackId: string): string {
  return `rack:${rackId}`;
}

/** The collab server's refusal of a room whose stored state it could not load (apps/collab room-lifecycle.ts). */
const ROOM_UNAVAILABLE = 'room-unavailable';

/** The IndexedDB database that keeps a room's document in this browser, one per rack. */
export function localStoreName(rackId: string): string {
  return `patchroom-rack:${rackId}`;
}

const browserOnline = () => (typeof navigator === 'undefined' ? true : navigator.onLine !== false);

const INITIAL_INPUTS: StatusInputs = {
  browserOnline: true,
  socket: 'connecting',
  synced: false,
  unsyncedChanges: 0,
  refused: false,
  unavailable: false,
  lastAttemptFailed: false,
};

const INITIAL: RoomConnectionState = {
  status: 'connecting',
  scope: null,
  synced: false,
  loadedLocally: false,
  refusal: null,
  unavailable: null,
  workshop: null,
};

const SOCKET_STATES: Record<WebSocketStatus, StatusInputs['socket']> = {
  [WebSocketStatus.Connecting]: 'connecting',
  [WebSocketStatus.Connected]: 'connected',
  [WebSocketStatus.Disconnected]: 'disconnected',
};

/**
 * A rack room's shared document, open for as long as someone holds it: loaded from this
 * browser's IndexedDB copy at once (so the room opens offline), and from the server when it can
 * be reached; edits made offline merge when the socket is back. The browser sends the session
 * cookie with the socket upgrade; the token only has to be non-empty.
 */
class RoomSession {
  readonly connection: RoomConnection;
  state: RoomConnectionState;
  private inputs: StatusInputs = { ...INITIAL_INPUTS, browserOnline: browserOnline() };
  private readonly listeners = new Set<() => void>();
  private readonly local: IndexeddbPersistence;
  private failedLoads = 0;
  private nextLoad: ReturnType<typeof setTimeout> | null = null;
  private readonly onOnline = () => {
    this.update({ browserOnline: true });
    // The browser knows before the socket does: retry at once instead of waiting out the back-off.
    if (!this.inputs.refused) void this.connection.provider.configuration.websocketProvider.connect();
  };
  private readonly onOffline = () => this.update({ browserOnline: false });

  constructor(rackId: string) {
    const doc = new Y.Doc();
    this.state = { ...INITIAL, status: deriveStatus(this.inputs) };
    this.local = new IndexeddbPersistence(localStoreName(rackId), doc);
    this.local.on('synced', () => this.update({}, { loadedLocally: true }));
    const provider = new HocuspocusProvider({
      url: collabUrl(),
      name: documentName(rackId),
      document: doc,
      token: 'cookie',
      onStatus: ({ status }) => {
        const socket = SOCKET_STATES[status];
        // Every reconnect re-syncs before the room counts as saved again.
        this.update({
          socket,
          ...(socket === 'connected' ? { lastAttemptFailed: false } : { synced: false }),
          ...(socket === 'disconnected' ? { lastAttemptFailed: true } : {}),
        });
      },
      onSynced: ({ state: synced }) => {
        if (synced) this.failedLoads = 0;
        this.update({ synced, ...(synced ? { unavailable: false } : {}) }, synced ? { unavailable: null } : {});
      },
      onUnsyncedChanges: ({ number }) => this.update({ unsyncedChanges: number }),
      onAuthenticated: ({ scope }) => this.update({ refused: false }, { scope, refusal: null }),
      // A workshop's teacher locks and unlocks students in place: the scope changes without a reconnect.
      onStateless: ({ payload }) => {
        const message = readWorkshopMessage(payload);
        if (message) this.update({}, { scope: message.scope, workshop: message.workshop });
      },
      onAuthenticationFailed: ({ reason }) => {
        if (reason === ROOM_UNAVAILABLE) return this.roomUnavailable();
        this.update({ refused: true, synced: false }, { refusal: refusalMessage(reason) });
        // Retrying cannot change the answer; stop knocking.
        provider.configuration.websocketProvider.disconnect();
      },
    });
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    this.connection = {
      doc,
      provider,
      undoManager: createUndoManager(doc, { origin: LOCAL_EDIT }),
      retryLoad: () => this.retryLoad(),
    };
  }

  /**
   * The server is up but could not load the room (its storage failed): the socket is closed and
   * the room asked for again with a growing pause. This browser's copy stays on screen meanwhile;
   * edits made on it merge once the room loads, as offline edits do.
   */
  private roomUnavailable(): void {
    this.failedLoads += 1;
    const delay = retryDelayMs(this.failedLoads);
    this.connection.provider.configuration.websocketProvider.disconnect();
    this.clearNextLoad();
    this.nextLoad = setTimeout(() => this.retryLoad(), delay);
    this.update({ unavailable: true, synced: false }, { unavailable: { retryAt: Date.now() + delay } });
  }

  private retryLoad(): void {
    this.clearNextLoad();
    if (this.state.unavailable) this.update({}, { unavailable: { retryAt: null } });
    void this.connection.provider.configuration.websocketProvider.connect();
  }

  private clearNextLoad(): void {
    if (this.nextLoad) clearTimeout(this.nextLoad);
    this.nextLoad = null;
  }

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = () => this.state;

  destroy(): void {
    this.clearNextLoad();
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    const { doc, provider, undoManager } = this.connection;
    undoManager.destroy();
    provider.destroy();
    void this.local.destroy();
    doc.destroy();
    this.listeners.clear();
  }

  private update(input: Partial<StatusInputs>, patch: Partial<RoomConnectionState> = {}): void {
    this.inputs = { ...this.inputs, ...input };
    const next = { ...this.state, ...patch, status: deriveStatus(this.inputs), synced: this.inputs.synced };
    if (sameState(this.state, next)) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}

interface HeldRoom {
  session: RoomSession;
  holders: number;
  closing: ReturnType<typeof setTimeout> | null;
}

const openRooms = new Map<string, HeldRoom>();

/** Opens (or shares) a rack's room; the returned function lets go, and the last one out closes it. */
function holdRoom(rackId: string): { session: RoomSession; release: () => void } {
  let held = openRooms.get(rackId);
  if (!held) {
    held = { session: new RoomSession(rackId), holders: 0, closing: null };
    openRooms.set(rackId, held);
  }
  const room = held;
  if (room.closing) clearTimeout(room.closing);
  room.closing = null;
  room.holders += 1;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    room.holders -= 1;
    if (room.holders > 0) return;
    // Closed on the next turn, so a remount (React's StrictMode, a quick back-and-forth) keeps the socket.
    room.closing = setTimeout(() => {
      if (room.holders > 0 || openRooms.get(rackId) !== room) return;
      openRooms.delete(rackId);
      room.session.destroy();
    }, 0);
  };
  return { session: room.session, release };
}

/** How long a room opened ahead of time stays open if the room page never takes it. */
const WARM_ROOM_MS = 15_000;

/**
 * Opens a rack's room before its page has rendered (a link was followed, the address was typed):
 * the socket connects and syncs while the canvas code is still downloading and compiling.
 */
export function warmRoom(rackId: string): void {
  const { release } = holdRoom(rackId);
  setTimeout(release, WARM_ROOM_MS);
}

/** The rack room's shared document and its connection state, for as long as the component is mounted. */
export function useRoomConnection(rackId: string) {
  // A room opened ahead of time is there on the first render: the canvas can draw at once.
  const [session, setSession] = useState<RoomSession | null>(() => openRooms.get(rackId)?.session ?? null);
  useEffect(() => {
    const held = holdRoom(rackId);
    setSession(held.session);
    return held.release;
  }, [rackId]);
  const state = useSyncExternalStore(session?.subscribe ?? noSubscription, session?.getState ?? initialState);
  return { connection: session?.connection ?? null, state };
}

const noSubscription = () => () => undefined;
const initialState = () => INITIAL;

function sameState(a: RoomConnectionState, b: RoomConnectionState): boolean {
  return (
    a.status === b.status &&
    a.scope === b.scope &&
    a.synced === b.synced &&
    a.loadedLocally === b.loadedLocally &&
    a.refusal === b.refusal &&
    JSON.stringify(a.unavailable) === JSON.stringify(b.unavailable) &&
    JSON.stringify(a.workshop) === JSON.stringify(b.workshop)
  );
}

function readWorkshopMessage(payload: string): { scope: 'read-write' | 'readonly'; workshop: RoomWorkshopState | null } | null {
  try {
    const message = JSON.parse(payload) as { type?: unknown; scope?: unknown; workshop?: Partial<RoomWorkshopState> | null };
    if (message.type !== 'patchroom:workshop' || (message.scope !== 'readonly' && message.scope !== 'read-write')) return null;
    const w = message.workshop;
    const workshop =
      w && typeof w.id === 'string' && typeof w.teacherId === 'string'
        ? { id: w.id, teacherId: w.teacherId, locked: w.locked === true, transportHeld: w.transportHeld === true, followTeacher: w.followTeacher === true }
        : null;
    return { scope: message.scope, workshop };
  } catch {
    return null;
  }
}

function refusalMessage(reason: string): string {
  const base = "You don't have access to this rack, or your session has expired.";
  return reason && !/permission-denied|unauthori[sz]ed/i.test(reason) ? `${base} (${reason})` : base;
}
