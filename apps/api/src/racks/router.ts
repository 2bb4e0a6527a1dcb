import { notifyAccessChanged } from '@patchroom/collab';
import { catalogCaseFromRow, getRackAccessRole, getRackRole, newRandomId, type RackRole } from '@patchroom/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { Context } from '../trpc/context.ts';
import { authedProcedure, publicProcedure, router } from '../trpc/trpc.ts';

const rackId = z.string().min(1).max(64);
const rackName = z.string().trim().min(1, 'Give the rack a name.').max(80, 'Use at most 80 characters.');

const notFound = () => new TRPCError({ code: 'NOT_FOUND', message: 'No such rack, or you have no access to it.' });

/** Changes to who may do what in a rack; only its owner may make them. */
async function requireOwner(ctx: Context & { user: { id: string } }, rackId: string): Promise<void> {
  const role = await getRackRole(ctx.db, rackId, ctx.user.id);
  if (!role) throw notFound();
  if (role !== 'owner') throw new TRPCError({ code: 'FORBIDDEN', message: 'Only the rack owner can change who has access.' });
}

/** Open rooms re-check their connections (in every collab process) once the change committed. */
async function accessChanged(ctx: Context, rackId: string): Promise<void> {
  await notifyAccessChanged(ctx.db, rackId).catch((err: unknown) => ctx.logger.error({ err, rackId }, 'could not announce an access change'));
}

export const racksRouter = router({
  create: authedProcedure
    .input(z.object({ name: rackName, caseId: z.string().min(1).max(200) }))
    .mutation(async ({ ctx, input }) => {
      const rackCase = await ctx.db.prisma.catalogCase.findUnique({ where: { id: input.caseId }, select: { id: true } });
      if (!rackCase) throw new TRPCError({ code: 'BAD_REQUEST', message: 'caseId: no such case in the catalog.' });
      const id = newRandomId();
      await ctx.db.prisma.rack.create({
        data: { id, name: input.name, caseId: input.caseId, ownerId: ctx.user.id, members: { create: { userId: ctx.user.id, role: 'owner' } } },
      });
      return { id };
    }),

  list: authedProcedure.query(async ({ ctx }) => {
    const memberships = await ctx.db.prisma.rackMember.findMany({
      where: { userId: ctx.user.id },
      include: { rack: { include: { case: { select: { name: true, manufacturer: true } } } } },
      orderBy: { rack: { updatedAt: 'desc' } },
    });
    return memberships.map(({ rack, role }) => ({
      id: rack.id,
      name: rack.name,
      caseId: rack.caseId,
      caseName: `${rack.case.manufacturer} ${rack.case.name}`,
      role: role as RackRole,
      visibility: rack.visibility,
      updatedAt: rack.updatedAt.toISOString(),
    }));
  }),

  /** A rack you are a member of, a workshop you joined, or any public rack (read-only, no account needed). */
  get: publicProcedure.input(z.object({ id: rackId })).query(async ({ ctx, input }) => {
    const rack = await ctx.db.prisma.rack.findUnique({ where: { id: input.id }, include: { case: true } });
    const role: RackRole | null = rack ? await getRackAccessRole(ctx.db, rack.id, ctx.user?.id ?? null) : null;
    if (!rack || !role) throw notFound();
    return { id: rack.id, name: rack.name, visibility: rack.visibility, role, case: catalogCaseFromRow(rack.case) };
  }),

  members: authedProcedure.input(z.object({ id: rackId })).query(async ({ ctx, input }) => {
    if (!(await getRackRole(ctx.db, input.id, ctx.user.id))) throw notFound();
    const members = await ctx.db.prisma.rackMember.findMany({
      where: { rackId: input.id },
      include: { user: { select: { id: true, displayName: true, email: true } } },
      orderBy: { createdAt: 'asc' },
    });
    return members.map((m) => ({ userId: m.user.id, displayName: m.user.displayName, email: m.user.email, role: m.role as RackRole }));
  }),

  removeMember: authedProcedure
    .input(z.object({ id: rackId, userId: z.string().min(1).max(64) }))
    .mutation(async ({ ctx, input }) => {
      await requireOwner(ctx, input.id);
      if (input.userId === ctx.user.id) throw new TRPCError({ code: 'BAD_REQUEST', message: 'The owner cannot leave their own rack.' });
      await ctx.db.prisma.rackMember.deleteMany({ where: { rackId: input.id, userId: input.userId } });
      await accessChanged(ctx, input.id);
      return { ok: true as const };
    }),

  setVisibility: authedProcedure
    .input(z.object({ id: rackId, visibility: z.enum(['private', 'public']) }))
    .mutation(async ({ ctx, input }) => {
      await requireOwner(ctx, input.id);
      await ctx.db.prisma.rack.update({ where: { id: input.id }, data: { visibility: input.visibility } });
      await accessChanged(ctx, input.id);
      return { ok: true as const };
    }),

  share: authedProcedure
    .input(z.object({ id: rackId, email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address.')), role: z.enum(['editor', 'viewer']) }))
    .mutation(async ({ ctx, input }) => {
      await requireOwner(ctx, input.id);
      const member = await ctx.db.prisma.user.findUnique({ where: { email: input.email }, select: { id: true } });
      if (!member) throw new TRPCError({ code: 'NOT_FOUND', message: 'No Patchroom account uses that email.' });
      if (member.id === ctx.user.id) throw new TRPCError({ code: 'BAD_REQUEST', message: 'You already own this rack.' });
      await ctx.db.prisma.rackMember.upsert({
        where: { rackId_userId: { rackId: input.id, userId: member.id } },
        create: { rackId: input.id, userId: member.id, role: input.role },
        update: { role: input.role },
      });
      await accessChanged(ctx, input.id);
      return { ok: true as const };
    }),
});
