import { catalogCaseFromRow, getRackRole, newRandomId, type RackRole } from '@patchroom/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { authedProcedure, router } from '../trpc/trpc.ts';

const rackId = z.string().min(1).max(64);
const rackName = z.string().trim().min(1, 'Give the rack a name.').max(80, 'Use at most 80 characters.');

const notFound = () => new TRPCError({ code: 'NOT_FOUND', message: 'No such rack, or you have no access to it.' });

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

  get: authedProcedure.input(z.object({ id: rackId })).query(async ({ ctx, input }) => {
    const role = await getRackRole(ctx.db, input.id, ctx.user.id);
    if (!role) throw notFound();
    const rack = await ctx.db.prisma.rack.findUniqueOrThrow({ where: { id: input.id }, include: { case: true } });
    return { id: rack.id, name: rack.name, visibility: rack.visibility, role, case: catalogCaseFromRow(rack.case) };
  }),

  share: authedProcedure
    .input(z.object({ id: rackId, email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address.')), role: z.enum(['editor', 'viewer']) }))
    .mutation(async ({ ctx, input }) => {
      const role = await getRackRole(ctx.db, input.id, ctx.user.id);
      if (!role) throw notFound();
      if (role !== 'owner') throw new TRPCError({ code: 'FORBIDDEN', message: 'Only the rack owner can share it.' });
      const member = await ctx.db.prisma.user.findUnique({ where: { email: input.email }, select: { id: true } });
      if (!member) throw new TRPCError({ code: 'NOT_FOUND', message: 'No Patchroom account uses that email.' });
      if (member.id === ctx.user.id) throw new TRPCError({ code: 'BAD_REQUEST', message: 'You already own this rack.' });
      await ctx.db.prisma.rackMember.upsert({
        where: { rackId_userId: { rackId: input.id, userId: member.id } },
        create: { rackId: input.id, userId: member.id, role: input.role },
        update: { role: input.role },
      });
      return { ok: true as const };
    }),
});
