import { RoomRefusal } from '../rooms/refusal.ts';

/** Why a connection was not admitted to a room. */
export const DENIED = {
  notARackRoom: 'not-a-rack-room',
  noSession: 'no-session',
  invalidSession: 'invalid-session',
  notAMember: 'not-a-member',
  checkFailed: 'access-check-failed',
} as const;

export class AccessDenied extends RoomRefusal {
  constructor(reason: (typeof DENIED)[keyof typeof DENIED]) {
    super(reason);
    this.name = 'AccessDenied';
  }
}
