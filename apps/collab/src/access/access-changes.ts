import type { Connection, Document } from '@hocuspocus/server';
import { getRoomAccess, type Database, type RoomAccess } from '@patchroom/db';
import type { Logger } from 'pino';
import { documentNameOf, rackIdOf } from '../rooms/names.ts';
import { CLOSE, type CloseReason } from '../transport/close-reasons.ts';
import type { RoomContext } from './room-access.ts';
import { sendWorkshopState } from './workshop-state.ts';

/** PostgreSQL channel on which a rack's id is announced after its access list changes. */
export const ACCESS_CHANNEL = 'patchroom_access';

/**
 * Tells every collab process (through PostgreSQL NOTIFY) that a rack's members, roles or
 * visibility changed. The api calls this after each such change, once it has committed; each
 * process then re-checks the connections it has open in that rack's room.
 */
export async function notifyAccessChanged(db: Database, rackId: string): Promise<void> {
  documentNameOf(rackId); // throws on anything that is not a rack id
  await db.query('SELECT pg_notify($1, $2)', [ACCESS_CHANNEL, rackId]);
}

/**
 * Re-checks open connections when access changes: a connection whose person lost access is
 * closed ("access revoked"); one whose role changed is made read-only at once if it lost write
 * access, then closed ("role changed") so its provider reconnects with the new role.
 * Workshop students are the exception: the teacher's lock flips their connection between
 * read-only and read-write in place (no reconnect for a whole class), and every connection of
 * a workshop room is sent the workshop's new state.
 */
export class AccessWatch {
  private readonly epochs = new Map<string, number>();
  private stopListening: (() => Promise<void>) | null = null;

  constructor(
    private readonly db: Database,
    /** The rooms open in this process (Hocuspocus' `documents`). */
    private readonly rooms: () => Map<string, Document>,
    private readonly logger: Logger,
    private readonly close: (connection: Connection, why: CloseReason) => void,
  ) {}

  async start(): Promise<void> {
    this.stopListening = await this.db.listen(
      ACCESS_CHANNEL,
      (rackId) => void this.changed(rackId),
      () => {
        this.logger.info('access notifications resumed; re-checking every open room');
        for (const documentName of this.rooms().keys()) {
          const rackId = rackIdOf(documentName);
          if (rackId) void this.changed(rackId);
        }
      },
    );
  }

  async stop(): Promise<void> {
    await this.stopListening?.();
    this.stopListening = null;
  }

  /** How many access changes this process has seen for the rack (joins compare it). */
  epoch(rackId: string): number {
    return this.epochs.get(rackId) ?? 0;
  }

  private async changed(rackId: string): Promise<void> {
    if (!rackIdOf(`rack:${rackId}`)) return;
    this.epochs.set(rackId, this.epoch(rackId) + 1);
    await this.recheck(rackId);
  }

  async recheck(rackId: string): Promise<void> {
    const document = this.rooms().get(documentNameOf(rackId));
    if (!document) return;
    const accesses = new Map<string | null, Promise<RoomAccess>>();
    const accessOf = (userId: string | null) => {
      if (!accesses.has(userId)) accesses.set(userId, getRoomAccess(this.db, rackId, userId));
      return accesses.get(userId)!;
    };
    await Promise.all(
      document.getConnections().map(async (connection) => {
        const context = connection.context as RoomContext;
        try {
          this.apply(rackId, connection, context, await accessOf(context.user?.id ?? null));
        } catch (error) {
          // Fail closed: a connection whose access cannot be confirmed is dropped; it may rejoin.
          this.logger.error({ rackId, err: error }, 'could not re-check access; closing the connection');
          connection.readOnly = true;
          this.close(connection, CLOSE.accessRevoked);
        }
      }),
    );
  }

  private apply(rackId: string, connection: Connection, context: RoomContext, access: RoomAccess): void {
    const { role } = access;
    const hadWorkshop = context.workshop !== null;
    context.workshop = access.workshop;
    if (role !== context.role && access.workshop?.student && isStudentRole(role) && isStudentRole(context.role)) {
      // The teacher locked or unlocked: flip in place; every later message is checked with it.
      connection.readOnly = role === 'viewer';
      context.role = role!;
      this.logger.info({ rackId, userId: context.user?.id ?? null, role }, 'workshop lock changed a student\'s access');
    }
    if (role === context.role) {
      if (hadWorkshop || access.workshop) sendWorkshopState(connection);
      return;
    }
    const details = { rackId, userId: context.user?.id ?? null, was: context.role, now: role };
    if (role !== 'owner' && role !== 'editor') connection.readOnly = true;
    if (role === null) {
      this.logger.info(details, 'access revoked; closing the connection');
      this.close(connection, CLOSE.accessRevoked);
    } else {
      this.logger.info(details, 'role changed; closing the connection so it rejoins with the new role');
      this.close(connection, CLOSE.roleChanged);
    }
  }
}

function isStudentRole(role: string | null): role is 'editor' | 'viewer' {
  return role === 'editor' || role === 'viewer';
}
