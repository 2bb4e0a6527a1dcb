// Awareness states arrive from other browsers: treat them as untrusted and keep only
// well-formed users and cursors.

export interface PresenceUser {
  id: string;
  name: string;
  color: string;
}

export interface Peer {
  clientId: number;
  user: PresenceUser;
  /** Page coordinates; null when their pointer is off the canvas. */
  cursor: { x: number; y: number } | null;
}

const MAX_NAME = 60;

export function readPeer(clientId: number, state: unknown): Peer | null {
  if (typeof state !== 'object' || state === null) return null;
  const { user, cursor } = state as { user?: unknown; cursor?: unknown };
  const parsedUser = readUser(user);
  if (!parsedUser) return null;
  return { clientId, user: parsedUser, cursor: readCursor(cursor) };
}

function readUser(value: unknown): PresenceUser | null {
  if (typeof value !== 'object' || value === null) return null;
  const { id, name, color } = value as Record<string, unknown>;
  if (typeof id !== 'string' || !id || typeof name !== 'string') return null;
  const safeColor = typeof color === 'string' && /^#[0-9a-f]{3,8}$/i.test(color) ? color : '#868e96';
  return { id, name: name.slice(0, MAX_NAME) || 'Someone', color: safeColor };
}

function readCursor(value: unknown): Peer['cursor'] {
  if (typeof value !== 'object' || value === null) return null;
  const { x, y } = value as Record<string, unknown>;
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)
    ? { x, y }
    : null;
}

/** Every other connection in the room (several tabs of one person each count). */
export function readPeers(states: Map<number, unknown>, ownClientId: number): Peer[] {
  const peers: Peer[] = [];
  for (const [clientId, state] of states) {
    if (clientId === ownClientId) continue;
    const peer = readPeer(clientId, state);
    if (peer) peers.push(peer);
  }
  return peers.sort((a, b) => a.clientId - b.clientId);
}

/** The people in the room, once each, in a stable order, for the avatar list. */
export function distinctUsers(peers: Peer[], ownUserId: string): PresenceUser[] {
  const byId = new Map<string, PresenceUser>();
  for (const peer of peers) {
    if (peer.user.id !== ownUserId && !byId.has(peer.user.id)) byId.set(peer.user.id, peer.user);
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
