import type { Database } from '../connection.ts';

export type RackRole = 'owner' | 'editor' | 'viewer';

/** The user's role on a rack, or null when they are not a member (or the rack doesn't exist). */
export async function getRackRole(db: Database, rackId: string, userId: string): Promise<RackRole | null> {
  const member = await db.prisma.rackMember.findUnique({
    where: { rackId_userId: { rackId, userId } },
    select: { role: true },
  });
  return member?.role ?? null;
}

export function canEdit(role: RackRole | null): boolean {
  return role === 'owner' || role === 'editor';
}
