import { getRackAccessRole, newRandomId, type RackRole } from '@patchroom/db';
import { migrateRack, RackRuleError, restoreRack, toSnapshot } from '@patchroom/doc-model';
import { TRPCError } from '@trpc/server';
import * as Y from 'yjs';
import { z } from 'zod';
import type { Context } from '../trpc/context.ts';
import { authedProcedure, publicProcedure, router } from '../trpc/trpc.ts';

// Version history of a rack room. Checkpoints are whole encoded room states (rack_checkpoints):
// named ones saved here, automatic ones saved by the collab at compactions. Restoring writes the
// old content into the live room as a new change. Only the collab removes checkpoints: it thins
// old automatic ones (collab persistence/checkpoints.ts); named ones are never removed.

const rackId = z.string().min(1).max(64);
const checkpointId = z.string().min(1).max(64);
const checkpointName = z.string().trim().min(1, 'Give the checkpoint a name.').max(80, 'Use at most 80 characters.');
const PAGE_SIZE = 50;

const notFound = () => new TRPCError({ code: 'NOT_FOUND', message: 'No such rack or version, or you have no access to it.' });

/** The caller's role on the rack: members, or anyone (viewer) on a public rack. */
async function roleOn(ctx: Context, id: string, needs: 'view' | 'edit'): Promise<RackRole> {
  const role = await getRackAccessRole(ctx.db, id, ctx.user?.id ?? null);
  if (!role) throw notFound();
  if (needs === 'edit' && role === 'viewer') throw new TRPCError({ code: 'FORBIDDEN', message: 'You can only view this rack.' });
  return role;
}

function liveRooms(ctx: Context) {
  if (!ctx.collab) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'Live rooms are not reachable from this server.' });
  return ctx.collab;
}

async function findCheckpoint(ctx: Context, id: string) {
  const checkpoint = await ctx.db.prisma.rackCheckpoint.findUnique({ where: { id }, include: { author: { select: { displayName: true } } } });
  if (!checkpoint) throw notFound();
  return checkpoint;
}

function summary(c: { id: string; name: string; automatic: boolean; createdAt: Date; author: { displayName: string } | null; state: Uint8Array }) {
  return { id: c.id, name: c.name, automatic: c.automatic, author: c.author?.displayName ?? null, createdAt: c.createdAt.toISOString(), bytes: c.state.byteLength };
}

export const historyRouter = router({
  /** Newest first, a page at a time (`cursor`: the last id of the previous page). */
  list: publicProcedure
    .input(z.object({ rackId, cursor: checkpointId.nullish(), limit: z.number().int().min(1).max(100).default(PAGE_SIZE) }))
    .query(async ({ ctx, input }) => {
      const role = await roleOn(ctx, input.rackId, 'view');
      const rows = await ctx.db.prisma.rackCheckpoint.findMany({
        where: { rackId: input.rackId },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
        include: { author: { select: { displayName: true } } },
      });
      const page = rows.slice(0, input.limit);
      return { items: page.map(summary), nextCursor: rows.length > input.limit ? page.at(-1)!.id : null, canRestore: role !== 'viewer' };
    }),

  /** An earlier state of the rack as plain data, read-only. */
  get: publicProcedure.input(z.object({ checkpointId })).query(async ({ ctx, input }) => {
    const checkpoint = await findCheckpoint(ctx, input.checkpointId);
    await roleOn(ctx, checkpoint.rackId, 'view');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(checkpoint.state));
    migrateRack(doc); // an older schema reads like today's (on this throwaway copy only)
    return { checkpoint: { ...summary(checkpoint), rackId: checkpoint.rackId }, snapshot: toSnapshot(doc) };
  }),

  /** Saves the live room's current state under a name. */
  checkpoint: authedProcedure.input(z.object({ rackId, name: checkpointName })).mutation(async ({ ctx, input }) => {
    await roleOn(ctx, input.rackId, 'edit');
    await ctx.rateLimits.consume('checkpoint', ctx.user.id);
    const state = await liveRooms(ctx).withRoom(input.rackId, (doc) => Y.encodeStateAsUpdate(doc));
    const saved = await ctx.db.prisma.rackCheckpoint.create({
      data: { id: newRandomId(), rackId: input.rackId, name: input.name, authorId: ctx.user.id, state: new Uint8Array(state) },
    });
    return summary({ ...saved, author: { displayName: ctx.user.displayName } });
  }),

  /**
   * Brings the rack back to a checkpoint as a new change every collaborator receives. The state
   * just before is saved as a checkpoint first, so a restore can itself be undone.
   */
  restore: authedProcedure.input(z.object({ checkpointId })).mutation(async ({ ctx, input }) => {
    const checkpoint = await findCheckpoint(ctx, input.checkpointId);
    await roleOn(ctx, checkpoint.rackId, 'edit');
    await ctx.rateLimits.consume('checkpoint', ctx.user.id);
    const { before, bytes } = await liveRooms(ctx)
      .withRoom(checkpoint.rackId, (doc) => {
        const current = Y.encodeStateAsUpdate(doc);
        return { before: current, bytes: restoreRack(doc, new Uint8Array(checkpoint.state)).bytes };
      })
      .catch((error: unknown) => {
        if (error instanceof RackRuleError) throw new TRPCError({ code: 'BAD_REQUEST', message: error.message });
        throw error;
      });
    if (bytes > 0) {
      await ctx.db.prisma.rackCheckpoint.create({
        data: { id: newRandomId(), rackId: checkpoint.rackId, name: `Before restoring “${checkpoint.name}”`.slice(0, 120), authorId: ctx.user.id, state: new Uint8Array(before) },
      });
    }
    ctx.logger.info({ rackId: checkpoint.rackId, checkpointId: checkpoint.id, userId: ctx.user.id, bytes }, 'rack restored to a checkpoint');
    return { restored: bytes > 0 };
  }),
});
