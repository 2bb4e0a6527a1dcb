import { getRackAccessRole, type RackRole } from '@patchroom/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { Context } from '../trpc/context.ts';

export const idInput = z.string().min(1).max(64);

/** A publication is in feeds and on profiles only while it is not withdrawn and its rack is
 * public: making a rack private again hides everything published from it. */
export const listedPublication = { unpublishedAt: null, rack: { visibility: 'public' as const } };

export const rackNotFound = () => new TRPCError({ code: 'NOT_FOUND', message: 'No such rack, or you have no access to it.' });
export const publicationNotFound = () => new TRPCError({ code: 'NOT_FOUND', message: 'No such publication.' });

/** The caller's role on a rack (members, else viewer when public); NOT_FOUND when they cannot read it. */
export async function readableRack(ctx: Context, rackId: string): Promise<RackRole> {
  const role = await getRackAccessRole(ctx.db, rackId, ctx.user?.id ?? null);
  if (!role) throw rackNotFound();
  return role;
}

/** The live rooms are needed to read a rack's current content. */
export function liveRooms(ctx: Context) {
  if (!ctx.collab) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'Live rooms are not reachable from this server.' });
  return ctx.collab;
}

export const publisherSelect = { select: { id: true, displayName: true } } as const;
