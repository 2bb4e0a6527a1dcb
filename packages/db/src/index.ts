// Public entry of @patchroom/db: connection, schema, sessions and access for the apps.
export { openDatabase } from './open.ts';
export type { OpenDatabaseOptions, OpenedDatabase } from './open.ts';
export type { Database, Query } from './connection.ts';
export { DataDirLockedError } from './data-dir-lock.ts';
export { applyMigrations, readMigrations, MigrationError } from './schema/migrate.ts';
export {
  SESSION_COOKIE,
  SESSION_LIFETIME_MS,
  createSession,
  validateSessionToken,
  invalidateSession,
  invalidateUserSessions,
} from './sessions/sessions.ts';
export type { SessionUser, ValidSession } from './sessions/sessions.ts';
export { getRackRole, canEdit } from './access/rack-roles.ts';
export { getRackAccessRole, getRoomAccess } from './access/rack-access.ts';
export type { RoomAccess, RoomWorkshop } from './access/rack-access.ts';
export type { RackRole } from './access/rack-roles.ts';
export { newRandomId } from './ids.ts';
export type { PrismaClient, Prisma } from './generated/prisma/client.ts';
export { seedCatalog } from './catalog/seed.ts';
export { catalogModuleFromRow, catalogCaseFromRow } from './catalog/from-row.ts';
