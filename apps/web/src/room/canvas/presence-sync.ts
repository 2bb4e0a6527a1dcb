// Presence on the canvas: other people's awareness states become tldraw `instance_presence`
// records (tldraw then draws their cursors with names and colours); our own pointer goes the
// other way, into our awareness state, about 30 times a second.
import type { Editor, TLInstancePresence } from 'tldraw';
import { createUserId, InstancePresenceRecordType } from 'tldraw';
import type { Awareness } from 'y-protocols/awareness';
import { readPeers } from '../presence/peers.ts';
import { throttle } from '../presence/throttle.ts';

const CURSOR_INTERVAL_MS = 33;

export function syncRemoteCursors(editor: Editor, awareness: Awareness): () => void {
  // When each peer's cursor last moved: tldraw hides cursors that have been still for a while.
  const lastMoved = new Map<number, { key: string; at: number }>();

  const apply = () => {
    const pageId = editor.getCurrentPageId();
    const now = Date.now();
    const records: TLInstancePresence[] = [];
    for (const peer of readPeers(awareness.getStates(), awareness.clientID)) {
      if (!peer.cursor) continue;
      const key = `${peer.cursor.x},${peer.cursor.y}`;
      const seen = lastMoved.get(peer.clientId);
      const at = seen && seen.key === key ? seen.at : now;
      lastMoved.set(peer.clientId, { key, at });
      records.push(
        InstancePresenceRecordType.create({
          id: InstancePresenceRecordType.createId(String(peer.clientId)),
          // One cursor per connection, so two tabs of one person both show.
          userId: createUserId(`${peer.user.id}#${peer.clientId}`),
          userName: peer.user.name,
          color: peer.user.color,
          currentPageId: pageId,
          cursor: { x: peer.cursor.x, y: peer.cursor.y, type: 'default', rotation: 0 },
          lastActivityTimestamp: at,
        }),
      );
    }
    const present = new Set(awareness.getStates().keys());
    for (const clientId of lastMoved.keys()) if (!present.has(clientId)) lastMoved.delete(clientId);
    const keep = new Set(records.map((r) => r.id));
    const stale = editor.store
      .query.records('instance_presence')
      .get()
      .filter((r) => !keep.has(r.id))
      .map((r) => r.id);
    editor.store.mergeRemoteChanges(() => {
      if (stale.length > 0) editor.store.remove(stale);
      if (records.length > 0) editor.store.put(records);
    });
  };

  awareness.on('change', apply);
  apply();
  return () => {
    awareness.off('change', apply);
    const all = editor.store.query.records('instance_presence').get().map((r) => r.id);
    editor.store.mergeRemoteChanges(() => editor.store.remove(all));
  };
}

/** Publishes our pointer's page position; clears it when the pointer leaves the canvas. */
export function shareOwnCursor(editor: Editor, awareness: Awareness, container: HTMLElement): () => void {
  const send = throttle((x: number, y: number) => {
    awareness.setLocalStateField('cursor', { x: Math.round(x), y: Math.round(y) });
  }, CURSOR_INTERVAL_MS);
  const onEvent = (info: { type: string; name: string }) => {
    if (info.type !== 'pointer' || info.name !== 'pointer_move') return;
    const point = editor.inputs.getCurrentPagePoint();
    send(point.x, point.y);
  };
  const onLeave = () => {
    send.cancel();
    awareness.setLocalStateField('cursor', null);
  };
  editor.on('event', onEvent);
  container.addEventListener('pointerleave', onLeave);
  return () => {
    editor.off('event', onEvent);
    container.removeEventListener('pointerleave', onLeave);
    onLeave();
  };
}
