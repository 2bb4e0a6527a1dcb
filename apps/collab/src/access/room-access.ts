import type { connectedPayload, Extension, onAuthenticatePayload } from '@hocuspocus/server';
import { getRoomAccess, validateSessionToken, type Database, type RackRole, type RoomWorkshop, type SessionUser } from '@patchroom/db';
import type { Logger } from 'pino';
import { rackIdOf } from '../rooms/names.ts';
import type { AccessWatch } from './access-changes.ts';
import { AccessDenied, DENIED } from './denied.ts';
import { sendWorkshopState } from './workshop-state.ts';
import { sessionTokenOf } from './session-token.ts';

/** What every connection of a room carries once admitted (Hocuspocus' connection context). */
export interface RoomContext {
  /** Null for an anonymous visitor of a public rack. */
  user: SessionUser | null;
  role: RackRole;
  /** The rack's access-change count when this role was read (see AccessWatch). */
  accessEpoch: number;
  /** The rack's active workshop (kept current by AccessWatch), or null. */
  workshop: RoomWorkshop | null;
}

/**
 * Admits a connection to a rack room: a role on the rack (members), or a public rack (anyone,
 * even without an account, as a viewer). Viewers get a read-only connection, so Hocuspocus
 * answers their document updates with a refusal and never applies them.
 */
export function roomAccess(db: Database, watch: AccessWatch, logger: Logger, onRefused: (reason: string) => void): Extension {
  return {
    extensionName: 'patchroom-room-access',

    async onAuthenticate(payload: onAuthenticatePayload): Promise<RoomContext> {
      const { documentName, token, requestHeaders, connectionConfig } = payload;
      try {
        const context = await admit(db, watch, documentName, sessionTokenOf(token, requestHeaders));
        connectionConfig.readOnly = context.role === 'viewer';
        logger.debug({ documentName, userId: context.user?.id ?? null, role: context.role }, 'connection admitted');
        return context;
      } catch (error) {
        const denied = error instanceof AccessDenied ? error : new AccessDenied(DENIED.checkFailed);
        if (error instanceof AccessDenied) logger.info({ documentName, reason: denied.reason }, 'connection refused');
        else logger.error({ documentName, err: error }, 'could not check access; connection refused');
        onRefused(denied.reason);
        throw denied;
      }
    },

    // Access may have changed while this connection was being admitted (after its role was
    // read, before it joined the room where a re-check would find it): check again.
    async connected({ documentName, connection }: connectedPayload): Promise<void> {
      const rackId = rackIdOf(documentName);
      const context = connection.context as RoomContext;
      if (rackId && watch.epoch(rackId) !== context.accessEpoch) await watch.recheck(rackId);
      if (context.workshop) sendWorkshopState(connection);
    },
  };
}

async function admit(db: Database, watch: AccessWatch, documentName: string, token: string | null): Promise<RoomContext> {
  const rackId = rackIdOf(documentName);
  if (!rackId) throw new AccessDenied(DENIED.notARackRoom);
  const accessEpoch = watch.epoch(rackId);
  const session = token ? await validateSessionToken(db, token) : null;
  const { role, workshop } = await getRoomAccess(db, rackId, session?.user.id ?? null);
  if (role) return { user: session?.user ?? null, role, accessEpoch, workshop };
  if (!token) throw new AccessDenied(DENIED.noSession);
  if (!session) throw new AccessDenied(DENIED.invalidSession);
  throw new AccessDenied(DENIED.notAMember);
}
