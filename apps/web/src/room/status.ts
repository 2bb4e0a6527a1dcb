// The one word the room shows about its connection. "Saved" is a promise: every change this
// browser made has been acknowledged by the server, and the server acknowledges only what its
// durable log has committed. Anything short of that is "Saving…" or worse.

export type RoomStatus = 'offline' | 'connecting' | 'saving' | 'saved';

export const STATUS_LABELS: Record<RoomStatus, string> = {
  offline: 'Offline',
  connecting: 'Connecting…',
  saving: 'Saving…',
  saved: 'Saved',
};

export interface StatusInputs {
  /** navigator.onLine: false means certainly offline (true means only "maybe online"). */
  browserOnline: boolean;
  socket: 'connecting' | 'connected' | 'disconnected';
  /** True once the first sync after the latest (re)connect is done. */
  synced: boolean;
  /** Local changes the server has not acknowledged yet (the provider's count). */
  unsyncedChanges: number;
  /** The server refused us (no access, session ended): nothing will be saved. */
  refused: boolean;
  /** The server could not load the room just now: nothing is saved until a retry loads it. */
  unavailable: boolean;
  /** The latest connection attempt failed: a retry in progress is still "offline" to the user. */
  lastAttemptFailed: boolean;
}

export function deriveStatus(s: StatusInputs): RoomStatus {
  if (s.refused || s.unavailable || !s.browserOnline || s.socket === 'disconnected') return 'offline';
  if (s.socket === 'connecting') return s.lastAttemptFailed ? 'offline' : 'connecting';
  if (!s.synced) return 'connecting';
  return s.unsyncedChanges > 0 ? 'saving' : 'saved';
}

/** How long to wait before asking the server again for a room it could not load: 1 s, doubling, at most 30 s. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(1000 * 2 ** Math.max(0, failedAttempts - 1), 30_000);
}
