import { notifyAccessChanged } from '@patchroom/collab';
import { createSession, getRackAccessRole, getRackRole, newRandomId } from '@patchroom/db';
import { TRPCError } from '@trpc/server';
import * as Y from 'yjs';
import { z } from 'zod';
import type { Context } from '../trpc/context.ts';
import { authedProcedure, publicProcedure, router } from '../trpc/trpc.ts';
import { JOIN_CODE_LENGTH, newJoinCode, normaliseJoinCode } from './join-code.ts';

const id = z.string().min(1).max(64);
const code = z.string().trim().min(1, 'Enter the join code.').max(20).transform(normaliseJoinCode);
const displayName = z.string().trim().min(1, 'Enter a display name.').max(60, 'Use at most 60 characters.');

type AuthedContext = Context & { user: NonNullable<Context['user']> };

const notFound = () => new TRPCError({ code: 'NOT_FOUND', message: 'No such workshop, or it has ended.' });

/** The active workshop `id` run by the caller. */
async function taughtWorkshop(ctx: AuthedContext, workshopId: string) {
  const workshop = await ctx.db.prisma.workshop.findUnique({ where: { id: workshopId }, include: { rack: true } });
  if (!workshop || workshop.endedAt) throw notFound();
  if (workshop.teacherId !== ctx.user.id) throw new TRPCError({ code: 'FORBIDDEN', message: 'Only the teacher can do this.' });
  return workshop;
}

/** Rooms re-check their connections (lock, held transport, follow, membership) in every collab process. */
async function workshopChanged(ctx: Context, rackId: string): Promise<void> {
  await notifyAccessChanged(ctx.db, rackId).catch((err: unknown) => ctx.logger.error({ err, rackId }, 'could not announce a workshop change'));
}

function liveRooms(ctx: Context) {
  if (!ctx.collab) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'Live rooms are not reachable from this server.' });
  return ctx.collab;
}

/** Guests are users flagged `isGuest` with a session and no usable password (see docs/architecture.md). */
async function createGuest(ctx: Context, name: string): Promise<{ id: string; displayName: string }> {
  const userId = newRandomId();
  const guest = await ctx.db.prisma.user.create({
    data: { id: userId, email: `guest-${userId}@guests.patchroom.invalid`, displayName: name, passwordHash: '!', isGuest: true },
    select: { id: true, displayName: true },
  });
  const session = await createSession(ctx.db, guest.id);
  ctx.setSessionCookie(session.token, session.expiresAt);
  return guest;
}

export const workshopsRouter = router({
  /** Starts a workshop on a rack you own (or returns the one already running on it). */
  create: authedProcedure.input(z.object({ rackId: id })).mutation(async ({ ctx, input }) => {
    if (ctx.user.isGuest) throw new TRPCError({ code: 'FORBIDDEN', message: 'Sign up to run a workshop.' });
    const role = await getRackRole(ctx.db, input.rackId, ctx.user.id);
    if (!role) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such rack, or you have no access to it.' });
    if (role !== 'owner') throw new TRPCError({ code: 'FORBIDDEN', message: 'Only the rack owner can run a workshop on it.' });
    const running = await ctx.db.prisma.workshop.findFirst({ where: { rackId: input.rackId, endedAt: null } });
    if (running) return { id: running.id, code: running.code };
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const joinCode = newJoinCode();
      try {
        const created = await ctx.db.prisma.workshop.create({
          data: { id: newRandomId(), rackId: input.rackId, teacherId: ctx.user.id, code: joinCode, activeCode: joinCode },
        });
        return { id: created.id, code: created.code };
      } catch (error) {
        // A code already used by an active workshop (unique index): draw another.
        if ((error as { code?: string }).code !== 'P2002') throw error;
      }
    }
    throw new TRPCError({ code: 'CONFLICT', message: 'Could not find a free join code; please try again.' });
  }),

  /** What the join page shows before joining. */
  lookup: publicProcedure.input(z.object({ code })).query(async ({ ctx, input }) => {
    if (input.code.length !== JOIN_CODE_LENGTH) throw notFound();
    const workshop = await ctx.db.prisma.workshop.findUnique({
      where: { activeCode: input.code },
      include: { rack: { select: { name: true } }, teacher: { select: { displayName: true } } },
    });
    if (!workshop) throw notFound();
    return { id: workshop.id, rackName: workshop.rack.name, teacherName: workshop.teacher.displayName };
  }),

  /** Join with your account, or (logged out) with a display name only: a guest session is created. */
  join: publicProcedure.input(z.object({ code, displayName: displayName.optional() })).mutation(async ({ ctx, input }) => {
    await ctx.rateLimits.consume('workshopJoin', `${ctx.clientIp}/${input.code}`);
    const workshop = await ctx.db.prisma.workshop.findUnique({ where: { activeCode: input.code } });
    if (!workshop) throw notFound();
    if (ctx.user?.id === workshop.teacherId) return { workshopId: workshop.id, rackId: workshop.rackId, teacher: true };
    if (!ctx.user && !input.displayName) throw new TRPCError({ code: 'BAD_REQUEST', message: 'displayName: Enter a display name.' });
    const user = ctx.user ?? (await createGuest(ctx, input.displayName!));
    await ctx.db.prisma.workshopParticipant.upsert({
      where: { workshopId_userId: { workshopId: workshop.id, userId: user.id } },
      create: { workshopId: workshop.id, userId: user.id, displayName: input.displayName ?? user.displayName },
      update: {},
    });
    ctx.logger.info({ workshopId: workshop.id, userId: user.id, guest: !ctx.user }, 'joined a workshop');
    return { workshopId: workshop.id, rackId: workshop.rackId, teacher: false };
  }),

  /** The active workshop on a rack that the caller teaches or joined, or null (the room shows its bar). */
  forRack: authedProcedure.input(z.object({ rackId: id })).query(async ({ ctx, input }) => {
    // A rack you cannot read answers like one that doesn't exist, as everywhere else.
    if (!(await getRackAccessRole(ctx.db, input.rackId, ctx.user.id))) {
      throw new TRPCError({ code: 'NOT_FOUND', message: 'No such rack, or it is not shared with you.' });
    }
    const workshop = await ctx.db.prisma.workshop.findFirst({
      where: {
        rackId: input.rackId,
        endedAt: null,
        OR: [{ teacherId: ctx.user.id }, { participants: { some: { userId: ctx.user.id } } }],
      },
      select: { id: true },
    });
    return workshop;
  }),

  /** The teacher's view (with students) or a student's view (with their own copy). */
  get: authedProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const workshop = await ctx.db.prisma.workshop.findUnique({
      where: { id: input.id },
      include: { rack: { select: { name: true } }, teacher: { select: { displayName: true } }, participants: { orderBy: { joinedAt: 'asc' } } },
    });
    const isTeacher = workshop?.teacherId === ctx.user.id;
    const me = workshop?.participants.find((p) => p.userId === ctx.user.id);
    if (!workshop || (!isTeacher && !me)) throw notFound();
    const common = {
      id: workshop.id,
      code: workshop.code,
      rackId: workshop.rackId,
      rackName: workshop.rack.name,
      teacherId: workshop.teacherId,
      teacherName: workshop.teacher.displayName,
      locked: workshop.locked,
      transportHeld: workshop.transportHeld,
      followTeacher: workshop.followTeacher,
      ended: workshop.endedAt !== null,
    };
    if (isTeacher) {
      return {
        ...common,
        view: 'teacher' as const,
        students: workshop.participants.map((p) => ({ userId: p.userId, displayName: p.displayName, copyRackId: p.copyRackId })),
        myCopyRackId: null,
      };
    }
    return { ...common, view: 'student' as const, students: [], myCopyRackId: me!.copyRackId };
  }),

  /** Students read-only in the teacher's room (enforced by the collab server), or not. */
  lock: authedProcedure.input(z.object({ id, locked: z.boolean() })).mutation(async ({ ctx, input }) => {
    const workshop = await taughtWorkshop(ctx, input.id);
    await ctx.db.prisma.workshop.update({ where: { id: workshop.id }, data: { locked: input.locked } });
    await workshopChanged(ctx, workshop.rackId);
    return { ok: true as const };
  }),

  setFollowTeacher: authedProcedure.input(z.object({ id, follow: z.boolean() })).mutation(async ({ ctx, input }) => {
    const workshop = await taughtWorkshop(ctx, input.id);
    await ctx.db.prisma.workshop.update({ where: { id: workshop.id }, data: { followTeacher: input.follow } });
    await workshopChanged(ctx, workshop.rackId);
    return { ok: true as const };
  }),

  /** Only the teacher may start, stop or retime the transport while it is held. */
  holdTransport: authedProcedure.input(z.object({ id, held: z.boolean() })).mutation(async ({ ctx, input }) => {
    const workshop = await taughtWorkshop(ctx, input.id);
    await ctx.db.prisma.workshop.update({ where: { id: workshop.id }, data: { transportHeld: input.held } });
    await workshopChanged(ctx, workshop.rackId);
    return { ok: true as const };
  }),

  /**
   * A new rack per student who has none yet, holding the teacher's rack as it is now. Students
   * with accounts own theirs (the teacher is an editor, to help); a guest's copy is owned by
   * the teacher with the guest as editor.
   */
  distributeCopies: authedProcedure.input(z.object({ id })).mutation(async ({ ctx, input }) => {
    const workshop = await taughtWorkshop(ctx, input.id);
    const collab = liveRooms(ctx);
    const participants = await ctx.db.prisma.workshopParticipant.findMany({
      where: { workshopId: workshop.id, copyRackId: null },
      include: { user: { select: { isGuest: true } } },
      orderBy: { joinedAt: 'asc' },
    });
    if (participants.length === 0) return { created: 0 };
    const state = await collab.withRoom(workshop.rackId, (doc) => Y.encodeStateAsUpdate(doc));
    for (const participant of participants) {
      const rackId = newRandomId();
      const ownerId = participant.user.isGuest ? workshop.teacherId : participant.userId;
      const editorId = participant.user.isGuest ? participant.userId : workshop.teacherId;
      await ctx.db.prisma.rack.create({
        data: {
          id: rackId,
          name: `${workshop.rack.name} — ${participant.displayName}`.slice(0, 80),
          caseId: workshop.rack.caseId,
          ownerId,
          members: { create: [{ userId: ownerId, role: 'owner' }, { userId: editorId, role: 'editor' }] },
        },
      });
      await collab.withRoom(rackId, (doc) => Y.applyUpdate(doc, state));
      await ctx.db.prisma.workshopParticipant.update({
        where: { workshopId_userId: { workshopId: workshop.id, userId: participant.userId } },
        data: { copyRackId: rackId },
      });
    }
    ctx.logger.info({ workshopId: workshop.id, created: participants.length }, 'handed out copies');
    return { created: participants.length };
  }),

  /** The dashboard: every student's copy. */
  listCopies: authedProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const workshop = await ctx.db.prisma.workshop.findUnique({ where: { id: input.id } });
    if (!workshop || workshop.teacherId !== ctx.user.id) throw notFound();
    const copies = await ctx.db.prisma.workshopParticipant.findMany({
      where: { workshopId: workshop.id, copyRackId: { not: null } },
      include: { user: { select: { isGuest: true } } },
      orderBy: { joinedAt: 'asc' },
    });
    return copies.map((p) => ({ userId: p.userId, displayName: p.displayName, guest: p.user.isGuest, rackId: p.copyRackId! }));
  }),

  /** Students leave the teacher's room; copies stay with their owners. */
  end: authedProcedure.input(z.object({ id })).mutation(async ({ ctx, input }) => {
    const workshop = await taughtWorkshop(ctx, input.id);
    await ctx.db.prisma.workshop.update({ where: { id: workshop.id }, data: { endedAt: new Date(), activeCode: null } });
    await workshopChanged(ctx, workshop.rackId);
    return { ok: true as const };
  }),
});
