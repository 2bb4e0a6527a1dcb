import { HocuspocusProvider, WebSocketStatus } from '@hocuspocus/provider';
import { rackParts } from '@patchroom/doc-model';
import { useEffect, useState } from 'react';
import * as Y from 'yjs';

/** Transaction origin of this browser's own edits: what undo/redo tracks. */
export const LOCAL_EDIT = Symbol('patchroom-local-edit');

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

export interface RoomConnectionState {
  status: ConnectionStatus;
  /** Known once the server has accepted us; viewers get 'readonly'. */
  scope: 'read-write' | 'readonly' | null;
  /** True once the first sync with the server is done (the rack's rows are known). */
  synced: boolean;
  /** Why the server refused the socket, in words for the user; null while allowed. */
  refusal: string | null;
}

export interface RoomConnection {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Undo/redo of this user's own edits only; collaborators' edits are never undone. */
  undoManager: Y.UndoManager;
}

export const STATUS_LABELS: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  online: 'Online',
  offline: 'Offline',
};

export function collabUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
}

export function documentName(rackId: string): string {
  return `rack:${rackId}`;
}

const INITIAL: RoomConnectionState = { status: 'connecting', scope: null, synced: false, refusal: null };

/**
 * Opens the rack room's shared document for as long as the component is mounted. The browser
 * sends the session cookie with the socket upgrade; the token only has to be non-empty.
 */
export function useRoomConnection(rackId: string) {
  const [connection, setConnection] = useState<RoomConnection | null>(null);
  const [state, setState] = useState<RoomConnectionState>(INITIAL);

  useEffect(() => {
    const doc = new Y.Doc();
    let socketStatus: WebSocketStatus = WebSocketStatus.Connecting;
    const update = (patch: Partial<RoomConnectionState>) =>
      setState((s) => {
        const next = { ...s, ...patch };
        return { ...next, status: deriveStatus(socketStatus, next) };
      });
    const provider = new HocuspocusProvider({
      url: collabUrl(),
      name: documentName(rackId),
      document: doc,
      token: 'cookie',
      onStatus: ({ status }) => {
        socketStatus = status;
        // Every reconnect re-syncs before the room counts as online again.
        update(status === WebSocketStatus.Connected ? {} : { synced: false });
      },
      onSynced: ({ state: synced }) => update({ synced }),
      onAuthenticated: ({ scope }) => update({ scope, refusal: null }),
      onAuthenticationFailed: ({ reason }) => {
        update({ refusal: refusalMessage(reason), synced: false });
        // Retrying cannot change the answer; stop knocking.
        provider.disconnect();
      },
    });
    const { modules, cables } = rackParts(doc);
    const undoManager = new Y.UndoManager([modules, cables], { trackedOrigins: new Set([LOCAL_EDIT]) });
    setConnection({ doc, provider, undoManager });
    setState(INITIAL);
    return () => {
      undoManager.destroy();
      provider.destroy();
      doc.destroy();
      setConnection(null);
    };
  }, [rackId]);

  return { connection, state };
}

function deriveStatus(socket: WebSocketStatus, state: RoomConnectionState): ConnectionStatus {
  if (state.refusal || socket === WebSocketStatus.Disconnected) return 'offline';
  return socket === WebSocketStatus.Connected && state.synced ? 'online' : 'connecting';
}

function refusalMessage(reason: string): string {
  const base = "You don't have access to this rack, or your session has expired.";
  return reason && !/permission-denied|unauthori[sz]ed/i.test(reason) ? `${base} (${reason})` : base;
}
