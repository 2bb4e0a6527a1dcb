import type { Connection } from '@hocuspocus/server';
import type { RoomContext } from './room-access.ts';

/**
 * What every connection of a workshop room is told (a Hocuspocus stateless message) when it
 * joins and whenever the teacher changes the workshop: the flags, and this connection's own
 * scope, which for students flips with the lock without a reconnect.
 */
export interface WorkshopStateMessage {
  type: 'patchroom:workshop';
  workshop: {
    id: string;
    teacherId: string;
    locked: boolean;
    transportHeld: boolean;
    followTeacher: boolean;
  } | null;
  scope: 'read-write' | 'readonly';
}

export function sendWorkshopState(connection: Connection): void {
  const context = connection.context as RoomContext;
  const workshop = context.workshop;
  const message: WorkshopStateMessage = {
    type: 'patchroom:workshop',
    workshop: workshop
      ? {
          id: workshop.id,
          teacherId: workshop.teacherId,
          locked: workshop.locked,
          transportHeld: workshop.transportHeld,
          followTeacher: workshop.followTeacher,
        }
      : null,
    scope: connection.readOnly ? 'readonly' : 'read-write',
  };
  connection.sendStateless(JSON.stringify(message));
}
