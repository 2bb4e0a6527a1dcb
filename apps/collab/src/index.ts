// Public entry of @patchroom/collab: the Hocuspocus server of rack rooms, mountable on any
// Node HTTP server (the single-process api) or run alone (main.ts, the scaled deployment).
export { createCollab } from './server.ts';
export type { Collab, CollabOptions } from './server.ts';
export { documentNameOf, rackIdOf } from './rooms/names.ts';
export type { RoomContext } from './access/room-access.ts';
export { notifyAccessChanged, ACCESS_CHANNEL } from './access/access-changes.ts';
export type { WorkshopStateMessage } from './access/workshop-state.ts';
export { METRICS_CONTENT_TYPE } from './observability/metrics.ts';
export { CLOSE } from './transport/close-reasons.ts';
export { sharedClockNow } from './clock/time-server.ts';
