import { newRandomId } from '@patchroom/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { authedProcedure, publicProcedure, router } from '../trpc/trpc.ts';
import { idInput, publisherSelect } from './visibility.ts';
import { requireListed } from './votes.ts';

export const MAX_COMMENT_CHARS = 2000;
const body = z.string().trim().min(1, 'Write something first.').max(MAX_COMMENT_CHARS, `Use at most ${MAX_COMMENT_CHARS} characters.`);

/** Comments are plain text: stored exactly as written, and the client renders them as text. */
export const commentsRouter = router({
  list: publicProcedure.input(z.object({ publicationId: idInput })).query(async ({ ctx, input }) => {
    const publication = await requireListed(ctx, input.publicationId);
    const rows = await ctx.db.prisma.publicationComment.findMany({
      where: { publicationId: input.publicationId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      include: { author: publisherSelect },
      take: 500,
    });
    const me = ctx.user?.id;
    return rows.map((c) => ({
      id: c.id,
      author: c.author,
      createdAt: c.createdAt.toISOString(),
      deleted: c.deletedAt !== null,
      body: c.deletedAt ? null : c.body,
      canDelete: !c.deletedAt && me !== undefined && (me === c.authorId || me === publication.rack.ownerId),
    }));
  }),

  add: authedProcedure.input(z.object({ publicationId: idInput, body })).mutation(async ({ ctx, input }) => {
    await requireListed(ctx, input.publicationId);
    await ctx.rateLimits.consume('comment', ctx.user.id);
    const id = newRandomId();
    await ctx.db.prisma.publicationComment.create({ data: { id, publicationId: input.publicationId, authorId: ctx.user.id, body: input.body } });
    return { id };
  }),

  /** Authors delete their own comments; a rack's owner deletes any comment on its publications. */
  delete: authedProcedure.input(z.object({ id: idInput })).mutation(async ({ ctx, input }) => {
    const comment = await ctx.db.prisma.publicationComment.findUnique({
      where: { id: input.id },
      select: { authorId: true, deletedAt: true, publication: { select: { rack: { select: { ownerId: true } } } } },
    });
    if (!comment || comment.deletedAt) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such comment.' });
    if (comment.authorId !== ctx.user.id && comment.publication.rack.ownerId !== ctx.user.id) {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'You can only delete your own comments.' });
    }
    await ctx.db.prisma.publicationComment.update({ where: { id: input.id }, data: { deletedAt: new Date() } });
    return { ok: true as const };
  }),
});
