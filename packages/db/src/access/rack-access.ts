import type { Database } from '../connection.ts';
import type { RackRole } from './rack-roles.ts';

interface AccessRow {
  visibility: 'private' | 'public';
  role: RackRole | null;
}

/**
 * What a person may do in a rack's room: their member role, else `viewer` when the rack is
 * public (also for anonymous visitors, `userId` null), else null (no access, or no such rack).
 * One query, raw SQL: it runs on every room join and on every access re-check.
 */
export async function getRackAccessRole(db: Database, rackId: string, userId: string | null): Promise<RackRole | null> {
  const [row] = await db.query<AccessRow>(
    `SELECT r.visibility::text AS visibility, m.role::text AS role
     FROM racks r LEFT JOIN rack_members m ON m.rack_id = r.id AND m.user_id = $2
     WHERE r.id = $1`,
    [rackId, userId],
  );
  if (!row) return null;
  if (row.role) return row.role;
  return row.visibility === 'public' ? 'viewer' : null;
}
