import type { Database } from '../connection.ts';
import type { RackRole } from './rack-roles.ts';

/** The rack's active workshop, as the room sees it. */
export interface RoomWorkshop {
  id: string;
  teacherId: string;
  locked: boolean;
  transportHeld: boolean;
  followTeacher: boolean;
  /** Whether the person asked about is one of its students. */
  student: boolean;
}

export interface RoomAccess {
  role: RackRole | null;
  workshop: RoomWorkshop | null;
}

interface AccessRow {
  visibility: 'private' | 'public';
  role: RackRole | null;
  workshop_id: string | null;
  teacher_id: string | null;
  locked: boolean | null;
  transport_held: boolean | null;
  follow_teacher: boolean | null;
  student: boolean | null;
}

/**
 * What a person may do in a rack's room, and the rack's active workshop if any. The role is:
 * their member role; else, for a student of the rack's active workshop, `editor` (`viewer`
 * while the teacher has locked it); else `viewer` when the rack is public (also for anonymous
 * visitors, `userId` null); else null (no access, or no such rack).
 * One query, raw SQL: it runs on every room join and on every access re-check.
 */
export async function getRoomAccess(db: Database, rackId: string, userId: string | null): Promise<RoomAccess> {
  const [row] = await db.query<AccessRow>(
    `SELECT r.visibility::text AS visibility, m.role::text AS role,
            w.id AS workshop_id, w.teacher_id, w.locked, w.transport_held, w.follow_teacher,
            (p.user_id IS NOT NULL) AS student
     FROM racks r
     LEFT JOIN rack_members m ON m.rack_id = r.id AND m.user_id = $2
     LEFT JOIN workshops w ON w.rack_id = r.id AND w.ended_at IS NULL
     LEFT JOIN workshop_participants p ON p.workshop_id = w.id AND p.user_id = $2
     WHERE r.id = $1
     ORDER BY w.created_at DESC NULLS LAST
     LIMIT 1`,
    [rackId, userId],
  );
  if (!row) return { role: null, workshop: null };
  const workshop: RoomWorkshop | null = row.workshop_id
    ? {
        id: row.workshop_id,
        teacherId: row.teacher_id!,
        locked: row.locked === true,
        transportHeld: row.transport_held === true,
        followTeacher: row.follow_teacher === true,
        student: row.student === true && !row.role,
      }
    : null;
  return { role: roleOf(row, workshop), workshop };
}

function roleOf(row: AccessRow, workshop: RoomWorkshop | null): RackRole | null {
  if (row.role) return row.role;
  if (workshop?.student) return workshop.locked ? 'viewer' : 'editor';
  return row.visibility === 'public' ? 'viewer' : null;
}

/** The role alone (see getRoomAccess). */
export async function getRackAccessRole(db: Database, rackId: string, userId: string | null): Promise<RackRole | null> {
  return (await getRoomAccess(db, rackId, userId)).role;
}
