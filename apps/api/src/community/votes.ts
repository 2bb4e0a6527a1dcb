import { z } from 'zod';
import type { Context } from '../trpc/context.ts';
import { authedProcedure, router } from '../trpc/trpc.ts';
import { idInput, listedPublication, publicationNotFound } from './visibility.ts';

/** Fails unless the publication is listed (people vote and comment only on what they can see). */
export async function requireListed(ctx: Context, publicationId: string) {
  const publication = await ctx.db.prisma.publication.findFirst({
    where: { id: publicationId, ...listedPublication },
    select: { id: true, rack: { select: { ownerId: true } } },
  });
  if (!publication) throw publicationNotFound();
  return publication;
}

export const votesRouter = router({
  /** One vote per person: voting again takes the vote back. The count moves in the same transaction. */
  toggle: authedProcedure.input(z.object({ publicationId: idInput })).mutation(async ({ ctx, input }) => {
    await requireListed(ctx, input.publicationId);
    const key = { publicationId: input.publicationId, userId: ctx.user.id };
    return ctx.db.prisma.$transaction(async (tx) => {
      const removed = await tx.publicationVote.deleteMany({ where: key });
      let voted = false;
      if (removed.count === 0) {
        // Two tabs voting at once: the second insert finds the first one's row and adds nothing.
        const added = await tx.publicationVote.createMany({ data: [key], skipDuplicates: true });
        voted = added.count > 0;
        if (!voted) return currentCount(tx, input.publicationId, true);
      }
      const { voteCount } = await tx.publication.update({
        where: { id: input.publicationId },
        data: { voteCount: { increment: voted ? 1 : -removed.count } },
        select: { voteCount: true },
      });
      return { voted, voteCount };
    });
  }),
});

async function currentCount(tx: Pick<Context['db']['prisma'], 'publication'>, id: string, voted: boolean) {
  const { voteCount } = await tx.publication.findUniqueOrThrow({ where: { id }, select: { voteCount: true } });
  return { voted, voteCount };
}
