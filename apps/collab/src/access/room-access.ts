import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import { getRackRole, validateSessionToken, type Database, type RackRole, type SessionUser } from '@patchroom/db';
import type { Logger } from 'pino';
import { rackIdOf } from '../rooms/names.ts';
import { AccessDenied, DENIED } from './denied.ts';
import { sessionTokenOf } from './session-token.ts';

/** What every connection of a room carries once admitted (Hocuspocus' connection context). */
export interface RoomContext {
  user: SessionUser;
  role: RackRole;
}

/**
 * Admits a connection to a rack room: a valid session and a role on the rack. Viewers get a
 * read-only connection, so Hocuspocus answers their document updates with a refusal and
 * never applies them; owners and editors may write.
 */
export function roomAccess(db: Database, logger: Logger): Extension {
  return {
    extensionName: 'patchroom-room-access',
    async onAuthenticate(payload: onAuthenticatePayload): Promise<RoomContext> {
      const { documentName, token, requestHeaders, connectionConfig } = payload;
      try {
        const context = await admit(db, documentName, sessionTokenOf(token, requestHeaders));
        connectionConfig.readOnly = context.role === 'viewer';
        logger.debug({ documentName, userId: context.user.id, role: context.role }, 'connection admitted');
        return context;
      } catch (error) {
        if (error instanceof AccessDenied) {
          logger.info({ documentName, reason: error.reason }, 'connection refused');
        } else {
          logger.error({ documentName, err: error }, 'could not check access; connection refused');
        }
        throw error instanceof AccessDenied ? error : new AccessDenied(DENIED.checkFailed);
      }
    },
  };
}

async function admit(db: Database, documentName: string, token: string | null): Promise<RoomContext> {
  const rackId = rackIdOf(documentName);
  if (!rackId) throw new AccessDenied(DENIED.notARackRoom);
  if (!token) throw new AccessDenied(DENIED.noSession);
  const session = await validateSessionToken(db, token);
  if (!session) throw new AccessDenied(DENIED.invalidSession);
  const role = await getRackRole(db, rackId, session.user.id);
  if (!role) throw new AccessDenied(DENIED.notAMember);
  return { user: session.user, role };
}
