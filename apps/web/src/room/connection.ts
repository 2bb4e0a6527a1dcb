import { HocuspocusProvider, WebSocketStatus } from '@hocuspocus/provider';
import { createUndoManager } from '@patchroom/doc-model';
import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { deriveStatus, type RoomStatus, type StatusInputs } from './status.ts';

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
}

export function collabUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
}

export function documentName(rackId: string): string {
  return `rack:${rackId}`;
}

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
  lastAttemptFailed: false,
};

const INITIAL: RoomConnectionState = {
  status: 'connecting',
  scope: null,
  synced: false,
  loadedLocally: false,
  refusal: null,
  workshop: null,
};

const SOCKET_STATES: Record<WebSocketStatus, StatusInputs['socket']> = {
  [WebSocketStatus.Connecting]: 'connecting',
  [WebSocketStatus.Connected]: 'connected',
  [WebSocketStatus.Disconnected]: 'disconnected',
};

/**
 * Opens the rack room's shared document for as long as the component is mounted: from this
 * browser's IndexedDB copy at once (so the room opens offline), and from the server when it
 * can be reached; edits made offline merge when the socket is back. The browser sends the
 * session cookie with the socket upgrade; the token only has to be non-empty.
 */
export function useRoomConnection(rackId: string) {
  const [connection, setConnection] = useState<RoomConnection | null>(null);
  const [state, setState] = useState<RoomConnectionState>(INITIAL);

  useEffect(() => {
    const doc = new Y.Doc();
    let inputs: StatusInputs = { ...INITIAL_INPUTS, browserOnline: browserOnline() };
    const update = (input: Partial<StatusInputs>, patch: Partial<RoomConnectionState> = {}) => {
      inputs = { ...inputs, ...input };
      const status = deriveStatus(inputs);
      setState((s) => {
        const next = { ...s, ...patch, status, synced: inputs.synced };
        return sameState(s, next) ? s : next;
      });
    };

    const local = new IndexeddbPersistence(localStoreName(rackId), doc);
    local.on('synced', () => update({}, { loadedLocally: true }));

    const provider = new HocuspocusProvider({
      url: collabUrl(),
      name: documentName(rackId),
      document: doc,
      token: 'cookie',
      onStatus: ({ status }) => {
        const socket = SOCKET_STATES[status];
        // Every reconnect re-syncs before the room counts as saved again.
        update({
          socket,
          ...(socket === 'connected' ? { lastAttemptFailed: false } : { synced: false }),
          ...(socket === 'disconnected' ? { lastAttemptFailed: true } : {}),
        });
      },
      onSynced: ({ state: synced }) => update({ synced }),
      onUnsyncedChanges: ({ number }) => update({ unsyncedChanges: number }),
      onAuthenticated: ({ scope }) => update({ refused: false }, { scope, refusal: null }),
      // A workshop's teacher locks and unlocks students in place: the scope changes without a reconnect.
      onStateless: ({ payload }) => {
        const message = readWorkshopMessage(payload);
        if (message) update({}, { scope: message.scope, workshop: message.workshop });
      },
      onAuthenticationFailed: ({ reason }) => {
        update({ refused: true, synced: false }, { refusal: refusalMessage(reason) });
        // Retrying cannot change the answer; stop knocking.
        provider.configuration.websocketProvider.disconnect();
      },
    });

    // The browser knows before the socket does: say "Offline" at once, and retry at once when
    // the network is back instead of waiting out the reconnect back-off.
    const onOnline = () => {
      update({ browserOnline: true });
      if (!inputs.refused) void provider.configuration.websocketProvider.connect();
    };
    const onOffline = () => update({ browserOnline: false });
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);

    const undoManager = createUndoManager(doc, { origin: LOCAL_EDIT });
    setConnection({ doc, provider, undoManager });
    setState({ ...INITIAL, status: deriveStatus(inputs) });
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      undoManager.destroy();
      provider.destroy();
      void local.destroy();
      doc.destroy();
      setConnection(null);
    };
  }, [rackId]);

  return { connection, state };
}

function sameState(a: RoomConnectionState, b: RoomConnectionState): boolean {
  return (
    a.status === b.status &&
    a.scope === b.scope &&
    a.synced === b.synced &&
    a.loadedLocally === b.loadedLocally &&
    a.refusal === b.refusal &&
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
