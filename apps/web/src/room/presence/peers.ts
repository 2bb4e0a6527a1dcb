// Awareness states arrive from other browsers: treat them as untrusted and keep only
// well-formed users and cursors.

export interface PresenceUser {
  id: string;
  name: string;
  color: string;
}

export interface PeerView {
  /** Their tldraw camera and screen size: what following them needs. */
  camera: { x: number; y: number; z: number };
  screen: { x: number; y: number; w: number; h: number };
  /** Ids of the canvas shapes they have selected. */
  selected: string[];
  /** The presence user id of whoever they follow, if anyone. */
  following: string | null;
}

export interface Peer {
  clientId: number;
  user: PresenceUser;
  /** Page coordinates; null when their pointer is off the canvas. */
  cursor: { x: number; y: number } | null;
  view: PeerView | null;
  /** The cable they have selected, by id. */
  cable: string | null;
}

const MAX_NAME = 60;

export function readPeer(clientId: number, state: unknown): Peer | null {
  if (typeof state !== 'object' || state === null) return null;
  const { user, cursor, view, cable } = state as { user?: unknown; cursor?: unknown; view?: unknown; cable?: unknown };
  const parsedUser = readUser(user);
  if (!parsedUser) return null;
  return {
    clientId,
    user: parsedUser,
    cursor: readCursor(cursor),
    view: readView(view),
    cable: typeof cable === 'string' && cable.length <= MAX_ID ? cable : null,
  };
}

const MAX_ID = 100;
const MAX_SELECTED = 500;
const finite = (...values: unknown[]) => values.every((v) => typeof v === 'number' && Number.isFinite(v));

function readView(value: unknown): PeerView | null {
  if (typeof value !== 'object' || value === null) return null;
  const { camera, screen, selected, following } = value as Record<string, unknown>;
  const c = camera as Record<string, unknown> | null | undefined;
  const s = screen as Record<string, unknown> | null | undefined;
  if (!c || !s || !finite(c.x, c.y, c.z, s.x, s.y, s.w, s.h)) return null;
  if ((c.z as number) <= 0 || (s.w as number) <= 0 || (s.h as number) <= 0) return null;
  return {
    camera: { x: c.x as number, y: c.y as number, z: c.z as number },
    screen: { x: s.x as number, y: s.y as number, w: s.w as number, h: s.h as number },
    selected: Array.isArray(selected)
      ? selected.filter((id): id is string => typeof id === 'string' && id.startsWith('shape:') && id.length <= MAX_ID).slice(0, MAX_SELECTED)
      : [],
    following: typeof following === 'string' && following.startsWith('user:') && following.length <= MAX_ID ? following : null,
  };
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

/**
 * The tldraw user id of one connection (tldraw's `user:` ids): one cursor per tab, so two tabs
 * of one person both show, and following targets one tab.
 */
export function presenceRecordUserId(userId: string, clientId: number): string {
  return `user:${userId}#${clientId}`;
}
