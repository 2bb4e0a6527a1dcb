import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { authedProcedure, publicProcedure, router } from '../trpc/trpc.ts';
import { feedPage } from './feed.ts';
import { idInput } from './visibility.ts';

const displayName = z.string().trim().min(1, 'Enter a display name.').max(60, 'Use at most 60 characters.');
const bio = z.string().trim().max(500, 'Use at most 500 characters.');

export const profilesRouter = router({
  /** Anyone's profile: name, bio, public racks and listed publications (never private racks). */
  get: publicProcedure.input(z.object({ userId: idInput })).query(async ({ ctx, input }) => {
    const user = await ctx.db.prisma.user.findUnique({ where: { id: input.userId }, select: { id: true, displayName: true, bio: true, createdAt: true } });
    if (!user) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such person.' });
    const racks = await ctx.db.prisma.rack.findMany({
      where: { ownerId: user.id, visibility: 'public' },
      orderBy: { updatedAt: 'desc' },
      select: { id: true, name: true, updatedAt: true },
      take: 100,
    });
    const publications = await feedPage(ctx, { publisherId: user.id }, { sort: 'latest', cursor: null, limit: 50 });
    return {
      id: user.id,
      displayName: user.displayName,
      bio: user.bio,
      memberSince: user.createdAt.toISOString(),
      isMe: ctx.user?.id === user.id,
      racks: racks.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() })),
      publications: publications.items,
    };
  }),

  updateMine: authedProcedure.input(z.object({ displayName, bio })).mutation(async ({ ctx, input }) => {
    await ctx.db.prisma.user.update({ where: { id: ctx.user.id }, data: { displayName: input.displayName, bio: input.bio } });
    return { ok: true as const };
  }),
});
