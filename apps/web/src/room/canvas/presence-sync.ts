// Presence on the canvas. Other people's awareness states become tldraw `instance_presence`
// records: tldraw then draws their cursors with names and colours, outlines what they have
// selected, and can follow their viewport. Our own pointer, camera, selection and follow target
// go the other way, into our awareness state, about 30 times a second at most.
import type { Editor, TLInstancePresence, TLShapeId, TLUserId } from 'tldraw';
import { InstancePresenceRecordType, react } from 'tldraw';
import type { Awareness } from 'y-protocols/awareness';
import { presenceRecordUserId, readPeers, type Peer } from '../presence/peers.ts';
import { throttle } from '../presence/throttle.ts';
import { RACK_MODULE, type RackModuleShape } from './module-shape.tsx';
import type { PeerSelection, RoomCanvas, Signal } from './room-canvas-context.ts';

const CURSOR_INTERVAL_MS = 33;
const VIEW_INTERVAL_MS = 50;

function peerPresenceId(peer: Pick<Peer, 'user' | 'clientId'>): TLUserId {
  return presenceRecordUserId(peer.user.id, peer.clientId) as TLUserId;
}

/** Where the others' selections show on our own parts (cables and panels draw the highlight). */
type PeerMarks = Pick<RoomCanvas, 'peerCables' | 'peerModules'>;

export function syncRemotePresence(editor: Editor, awareness: Awareness, marks: PeerMarks): () => void {
  // When each peer last did something: tldraw fades out people who have been still for a while.
  const lastActive = new Map<number, { key: string; at: number }>();

  const apply = () => {
    const pageId = editor.getCurrentPageId();
    const now = Date.now();
    const records: TLInstancePresence[] = [];
    const cables = new Map<string, string>();
    const modules = new Map<string, PeerSelection>();
    for (const peer of readPeers(awareness.getStates(), awareness.clientID)) {
      const key = JSON.stringify([peer.cursor, peer.view?.selected, peer.view?.camera, peer.cable]);
      const seen = lastActive.get(peer.clientId);
      const at = seen && seen.key === key ? seen.at : now;
      lastActive.set(peer.clientId, { key, at });
      if (peer.cable) cables.set(peer.cable, peer.user.color);
      for (const moduleId of selectedModules(editor, peer.view?.selected ?? [])) {
        const mark = modules.get(moduleId);
        modules.set(moduleId, mark ? { ...mark, names: `${mark.names}, ${peer.user.name}` } : { color: peer.user.color, names: peer.user.name });
      }
      records.push(
        InstancePresenceRecordType.create({
          id: InstancePresenceRecordType.createId(String(peer.clientId)),
          userId: peerPresenceId(peer),
          userName: peer.user.name,
          color: peer.user.color,
          currentPageId: pageId,
          cursor: peer.cursor ? { x: peer.cursor.x, y: peer.cursor.y, type: 'default', rotation: 0 } : null,
          camera: peer.view?.camera ?? null,
          screenBounds: peer.view?.screen ?? null,
          selectedShapeIds: (peer.view?.selected ?? []).filter((id) => editor.getShape(id as TLShapeId)) as TLShapeId[],
          followingUserId: (peer.view?.following ?? null) as TLUserId | null,
          lastActivityTimestamp: at,
        }),
      );
    }
    const present = new Set(awareness.getStates().keys());
    for (const clientId of lastActive.keys()) if (!present.has(clientId)) lastActive.delete(clientId);
    const keep = new Set(records.map((r) => r.id));
    const stale = editor.store.query
      .records('instance_presence')
      .get()
      .filter((r) => !keep.has(r.id))
      .map((r) => r.id);
    editor.store.mergeRemoteChanges(() => {
      if (stale.length > 0) editor.store.remove(stale);
      if (records.length > 0) editor.store.put(records);
    });
    setIfChanged(marks.peerCables, cables);
    setIfChanged(marks.peerModules, modules);
  };

  awareness.on('change', apply);
  apply();
  return () => {
    awareness.off('change', apply);
    const all = editor.store.query.records('instance_presence').get().map((r) => r.id);
    editor.store.mergeRemoteChanges(() => editor.store.remove(all));
    marks.peerCables.set(new Map());
    marks.peerModules.set(new Map());
  };
}

function selectedModules(editor: Editor, shapeIds: readonly string[]): string[] {
  return shapeIds
    .map((id) => editor.getShape(id as TLShapeId))
    .filter((shape): shape is RackModuleShape => shape?.type === RACK_MODULE)
    .map((shape) => shape.props.moduleId);
}

/** Panels and cables re-render only when someone's selection really changed. */
function setIfChanged<T>(signal: Signal<ReadonlyMap<string, T>>, next: ReadonlyMap<string, T>): void {
  const previous = signal.get();
  const same = previous.size === next.size && [...next].every(([id, value]) => JSON.stringify(previous.get(id)) === JSON.stringify(value));
  if (!same) signal.set(next);
}

/**
 * Publishes our pointer's page position (cleared when the pointer leaves the canvas), and our
 * camera, screen size, selection and follow target so others can see and follow us.
 */
export function shareOwnPresence(
  editor: Editor,
  awareness: Awareness,
  container: HTMLElement,
  selectedCable: Signal<string | null>,
): () => void {
  const sendCursor = throttle((x: number, y: number) => {
    awareness.setLocalStateField('cursor', { x: Math.round(x), y: Math.round(y) });
  }, CURSOR_INTERVAL_MS);
  const onEvent = (info: { type: string; name: string }) => {
    if (info.type !== 'pointer' || info.name !== 'pointer_move') return;
    const point = editor.inputs.getCurrentPagePoint();
    // tldraw also reports the pointer when the camera moves; one that is not over the canvas
    // is nowhere collaborators could see it.
    if (!editor.getViewportPageBounds().containsPoint(point)) return;
    sendCursor(point.x, point.y);
  };
  const onLeave = () => {
    sendCursor.cancel();
    awareness.setLocalStateField('cursor', null);
  };

  const sendView = throttle((view: unknown) => awareness.setLocalStateField('view', view), VIEW_INTERVAL_MS);
  const stopView = react('share view', () => {
    const camera = editor.getCamera();
    const screen = editor.getViewportScreenBounds();
    const instance = editor.getInstanceState();
    sendView({
      camera: { x: round(camera.x), y: round(camera.y), z: Math.round(camera.z * 1000) / 1000 },
      screen: { x: round(screen.x), y: round(screen.y), w: round(screen.w), h: round(screen.h) },
      selected: editor.getSelectedShapeIds(),
      following: instance.followingUserId,
    });
  });
  const shareCable = () => awareness.setLocalStateField('cable', selectedCable.get());
  const stopCable = selectedCable.subscribe(shareCable);

  editor.on('event', onEvent);
  container.addEventListener('pointerleave', onLeave);
  return () => {
    editor.off('event', onEvent);
    container.removeEventListener('pointerleave', onLeave);
    stopView();
    stopCable();
    sendView.cancel();
    onLeave();
    awareness.setLocalStateField('view', null);
    awareness.setLocalStateField('cable', null);
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
