import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { SessionUser } from '../../auth/session.ts';
import { colorForUser } from './colors.ts';
import { readPeers, type Peer, type PresenceUser } from './peers.ts';

export function presenceUserFor(user: SessionUser): PresenceUser {
  return { id: user.id, name: user.displayName, color: colorForUser(user.id) };
}

/** Announces who we are to everyone in the room for as long as we are in it. */
export function useOwnPresence(awareness: Awareness | null | undefined, me: PresenceUser) {
  const { id, name, color } = me;
  useEffect(() => {
    if (!awareness) return;
    awareness.setLocalStateField('user', { id, name, color });
  }, [awareness, id, name, color]);
}

/** The other connections in the room, kept current as people come, go and move. */
export function usePeers(awareness: Awareness | null | undefined): Peer[] {
  const [peers, setPeers] = useState<Peer[]>([]);
  useEffect(() => {
    if (!awareness) return;
    // Cursor moves change awareness many times a second; the list only cares who is here.
    const read = () =>
      setPeers((prev) => {
        const next = readPeers(awareness.getStates(), awareness.clientID);
        return sameUsers(prev, next) ? prev : next;
      });
    read();
    awareness.on('change', read);
    return () => {
      awareness.off('change', read);
      setPeers([]);
    };
  }, [awareness]);
  return peers;
}

function sameUsers(a: Peer[], b: Peer[]): boolean {
  const key = (peers: Peer[]) => peers.map((p) => `${p.clientId}:${p.user.id}:${p.user.name}:${p.user.color}`).join('|');
  return key(a) === key(b);
}
