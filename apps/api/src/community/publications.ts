import { canEdit, getRackRole, newRandomId } from '@patchroom/db';
import { toSnapshot, type RackSnapshot } from '@patchroom/doc-model';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { Context } from '../trpc/context.ts';
import { authedProcedure, publicProcedure, router } from '../trpc/trpc.ts';
import { idInput, liveRooms, publicationNotFound, publisherSelect, rackNotFound } from './visibility.ts';

const title = z.string().trim().min(1, 'Give the publication a title.').max(120, 'Use at most 120 characters.');
/** A snapshot bigger than this is refused: the feed and publication pages load it whole. */
const MAX_SNAPSHOT_CHARS = 2_000_000;

type AuthedContext = Context & { user: NonNullable<Context['user']> };

/** Publishing a private rack makes it public; only its owner may decide that. */
async function requirePublisher(ctx: AuthedContext, rackId: string) {
  const role = await getRackRole(ctx.db, rackId, ctx.user.id);
  if (!role) throw rackNotFound();
  if (!canEdit(role)) throw new TRPCError({ code: 'FORBIDDEN', message: 'Only the owner and editors can publish this rack.' });
  const rack = await ctx.db.prisma.rack.findUniqueOrThrow({ where: { id: rackId }, select: { name: true, visibility: true } });
  if (rack.visibility === 'private' && role !== 'owner') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'This rack is private: only its owner can publish it (publishing makes it public).' });
  }
  return { role, rack };
}

/** The snapshot as published: the whole rack, or the rack with only the one patch. */
function publishedSnapshot(snapshot: RackSnapshot, patchId: string | undefined): RackSnapshot {
  if (!patchId) return snapshot;
  const patch = snapshot.patches.find((p) => p.id === patchId);
  if (!patch) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such patch in this rack.' });
  return { ...snapshot, activePatchId: patch.id, cables: patch.cables, patches: [patch] };
}

export const publicationsRouter = router({
  /** Publishes the rack's current state (or one patch of it) to the feed. */
  publish: authedProcedure
    .input(z.object({ rackId: idInput, patchId: idInput.optional(), title }))
    .mutation(async ({ ctx, input }) => {
      const { rack } = await requirePublisher(ctx, input.rackId);
      const live = await liveRooms(ctx).withRoom(input.rackId, (doc) => toSnapshot(doc));
      const snapshot = publishedSnapshot(live, input.patchId);
      const json = JSON.stringify(snapshot);
      if (json.length > MAX_SNAPSHOT_CHARS) throw new TRPCError({ code: 'PAYLOAD_TOO_LARGE', message: 'This rack is too large to publish.' });
      const id = newRandomId();
      await ctx.db.prisma.$transaction([
        ctx.db.prisma.rack.update({ where: { id: input.rackId }, data: { visibility: 'public' } }),
        ctx.db.prisma.publication.create({
          data: {
            id,
            kind: input.patchId ? 'patch' : 'rack',
            rackId: input.rackId,
            patchId: input.patchId ?? null,
            publisherId: ctx.user.id,
            title: input.title,
            searchText: `${input.title} ${rack.name}`.toLowerCase(),
            snapshot: JSON.parse(json) as object,
          },
        }),
      ]);
      return { id };
    }),

  /** Withdraws a publication from feeds and profiles (the publisher or the rack's owner). */
  unpublish: authedProcedure.input(z.object({ id: idInput })).mutation(async ({ ctx, input }) => {
    const publication = await ctx.db.prisma.publication.findUnique({ where: { id: input.id }, select: { publisherId: true, rackId: true } });
    if (!publication) throw publicationNotFound();
    const role = await getRackRole(ctx.db, publication.rackId, ctx.user.id);
    if (publication.publisherId !== ctx.user.id && role !== 'owner') {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'Only the publisher or the rack owner can unpublish this.' });
    }
    await ctx.db.prisma.publication.update({ where: { id: input.id }, data: { unpublishedAt: new Date() } });
    return { ok: true as const };
  }),

  /** A listed publication with its snapshot; a withdrawn one only for its publisher. */
  get: publicProcedure.input(z.object({ id: idInput })).query(async ({ ctx, input }) => {
    const publication = await ctx.db.prisma.publication.findUnique({
      where: { id: input.id },
      include: { publisher: publisherSelect, rack: { select: { name: true, visibility: true, ownerId: true } }, _count: { select: { comments: { where: { deletedAt: null } } } } },
    });
    const listed = publication && !publication.unpublishedAt && publication.rack.visibility === 'public';
    if (!publication || (!listed && publication.publisherId !== ctx.user?.id)) throw publicationNotFound();
    const voted = ctx.user
      ? await ctx.db.prisma.publicationVote.findUnique({ where: { publicationId_userId: { publicationId: publication.id, userId: ctx.user.id } } })
      : null;
    return {
      id: publication.id,
      kind: publication.kind,
      title: publication.title,
      rackId: publication.rackId,
      rackName: publication.rack.name,
      rackOwnerId: publication.rack.ownerId,
      patchId: publication.patchId,
      publisher: publication.publisher,
      publishedAt: publication.publishedAt.toISOString(),
      listed: Boolean(listed),
      voteCount: publication.voteCount,
      votedByMe: voted !== null,
      commentCount: publication._count.comments,
      snapshot: publication.snapshot as unknown as RackSnapshot,
    };
  }),

  /** The rack's publications still listed, for its members (the room's publish controls). */
  forRack: authedProcedure.input(z.object({ rackId: idInput })).query(async ({ ctx, input }) => {
    if (!(await getRackRole(ctx.db, input.rackId, ctx.user.id))) throw rackNotFound();
    const rows = await ctx.db.prisma.publication.findMany({
      where: { rackId: input.rackId, unpublishedAt: null },
      orderBy: { publishedAt: 'desc' },
      select: { id: true, kind: true, title: true, patchId: true, publishedAt: true, voteCount: true },
    });
    return rows.map((p) => ({ ...p, publishedAt: p.publishedAt.toISOString() }));
  }),
});
