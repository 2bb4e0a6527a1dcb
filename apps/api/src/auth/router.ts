import { createSession, invalidateSession, invalidateUserSessions, newRandomId } from '@patchroom/db';
import { notifyAccessChanged } from '@patchroom/collab';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { Context } from '../trpc/context.ts';
import { authedProcedure, publicProcedure, router } from '../trpc/trpc.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';

const email = z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address.')).pipe(z.string().max(254));
const password = z.string().min(8, 'Use at least 8 characters.').max(200, 'Use at most 200 characters.');
const displayName = z.string().trim().min(1, 'Enter a display name.').max(60, 'Use at most 60 characters.');

const userSelect = { id: true, email: true, displayName: true } as const;

/**
 * Open room sockets of ended sessions are closed too: every collab process re-checks the
 * connections in the user's racks (they hold the session they were admitted with).
 */
async function closeEndedSessionSockets(ctx: Context, userId: string): Promise<void> {
  const racks = await ctx.db.prisma.rackMember.findMany({ where: { userId }, select: { rackId: true } });
  await Promise.all(racks.map(({ rackId }) => notifyAccessChanged(ctx.db, rackId))).catch((err: unknown) =>
    ctx.logger.error({ err, userId }, 'could not announce ended sessions'),
  );
}

export const authRouter = router({
  signUp: publicProcedure
    .input(z.object({ email, password, displayName }))
    .mutation(async ({ ctx, input }) => {
      await ctx.rateLimits.consume('signUp', ctx.clientIp);
      const existing = await ctx.db.prisma.user.findUnique({ where: { email: input.email }, select: { id: true } });
      if (existing) throw new TRPCError({ code: 'CONFLICT', message: 'An account with this email already exists.' });
      const user = await ctx.db.prisma.user.create({
        data: { id: newRandomId(), email: input.email, displayName: input.displayName, passwordHash: await hashPassword(input.password) },
        select: userSelect,
      });
      const session = await createSession(ctx.db, user.id);
      ctx.setSessionCookie(session.token, session.expiresAt);
      ctx.logger.info({ userId: user.id }, 'user signed up');
      return { user };
    }),

  logIn: publicProcedure
    .input(z.object({ email, password: z.string().min(1, 'Enter your password.').max(200) }))
    .mutation(async ({ ctx, input }) => {
      await ctx.rateLimits.consume('logIn', `${ctx.clientIp}/${input.email}`);
      const found = await ctx.db.prisma.user.findUnique({ where: { email: input.email } });
      const ok = await verifyPassword(found?.passwordHash ?? (await dummyPasswordHash()), input.password);
      if (!found || !ok) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Email or password is wrong.' });
      const session = await createSession(ctx.db, found.id);
      ctx.setSessionCookie(session.token, session.expiresAt);
      return { user: { id: found.id, email: found.email, displayName: found.displayName } };
    }),

  logOut: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionToken) await invalidateSession(ctx.db, ctx.sessionToken);
    if (ctx.user) await closeEndedSessionSockets(ctx, ctx.user.id);
    ctx.clearSessionCookie();
    return { ok: true as const };
  }),

  /** Needs the current password; every other session of the user ends, this one stays. */
  changePassword: authedProcedure
    .input(z.object({ current: z.string().min(1, 'Enter your current password.').max(200), next: password }))
    .mutation(async ({ ctx, input }) => {
      // Same allowance as logging in: a stolen session must not become a password-guessing oracle.
      await ctx.rateLimits.consume('logIn', `${ctx.clientIp}/${ctx.user.email}`);
      const found = await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: ctx.user.id }, select: { passwordHash: true } });
      if (!(await verifyPassword(found.passwordHash, input.current))) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: 'Your current password is wrong.' });
      }
      if (input.current === input.next) throw new TRPCError({ code: 'BAD_REQUEST', message: 'Choose a new password different from the current one.' });
      await ctx.db.prisma.user.update({ where: { id: ctx.user.id }, data: { passwordHash: await hashPassword(input.next) } });
      await invalidateUserSessions(ctx.db, ctx.user.id, ctx.sessionToken ?? undefined);
      await closeEndedSessionSockets(ctx, ctx.user.id);
      ctx.logger.info({ userId: ctx.user.id }, 'password changed; other sessions ended');
      return { ok: true as const };
    }),

  me: publicProcedure.query(({ ctx }) => ({ user: ctx.user })),
});
