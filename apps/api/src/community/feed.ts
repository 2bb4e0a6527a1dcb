import type { RackSnapshot } from '@patchroom/doc-model';
import { z } from 'zod';
import type { Prisma } from '@patchroom/db';
import type { Context } from '../trpc/context.ts';
import { publicProcedure, router } from '../trpc/trpc.ts';
import { idInput, listedPublication, publisherSelect } from './visibility.ts';

export const FEED_WINDOWS = { day: 1, week: 7, month: 30, all: null } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

const feedInput = z.object({
  sort: z.enum(['latest', 'top']).default('latest'),
  /** For "top": only publications from the last day, week, month, or all time. */
  window: z.enum(['day', 'week', 'month', 'all']).default('week'),
  query: z.string().trim().max(100, 'Use at most 100 characters.').optional(),
  /** From the previous page's `nextCursor`. */
  cursor: idInput.nullish(),
  limit: z.number().int().min(1).max(50).default(20),
});
type FeedInput = z.infer<typeof feedInput>;

const cardSelect = {
  id: true,
  kind: true,
  title: true,
  rackId: true,
  publishedAt: true,
  voteCount: true,
  snapshot: true,
  publisher: publisherSelect,
  rack: { select: { name: true } },
  _count: { select: { comments: { where: { deletedAt: null } } } },
} satisfies Prisma.PublicationSelect;

type CardRow = Prisma.PublicationGetPayload<{ select: typeof cardSelect }>;

/** What a feed or profile shows of a publication: no snapshot, just its size. */
export async function toCards(ctx: Context, rows: CardRow[]) {
  const mine = ctx.user
    ? await ctx.db.prisma.publicationVote.findMany({
        where: { userId: ctx.user.id, publicationId: { in: rows.map((r) => r.id) } },
        select: { publicationId: true },
      })
    : [];
  const voted = new Set(mine.map((v) => v.publicationId));
  return rows.map((row) => {
    const snapshot = row.snapshot as unknown as RackSnapshot;
    return {
      id: row.id,
      kind: row.kind,
      title: row.title,
      rackId: row.rackId,
      rackName: row.rack.name,
      publisher: row.publisher,
      publishedAt: row.publishedAt.toISOString(),
      voteCount: row.voteCount,
      votedByMe: voted.has(row.id),
      commentCount: row._count.comments,
      moduleCount: snapshot.modules?.length ?? 0,
      cableCount: (snapshot.patches ?? []).reduce((n, p) => n + p.cables.length, 0),
    };
  });
}

export function listPublications(ctx: Context, where: Prisma.PublicationWhereInput, input: Pick<FeedInput, 'sort' | 'cursor' | 'limit'>) {
  const orderBy: Prisma.PublicationOrderByWithRelationInput[] =
    input.sort === 'top' ? [{ voteCount: 'desc' }, { publishedAt: 'desc' }, { id: 'desc' }] : [{ publishedAt: 'desc' }, { id: 'desc' }];
  return ctx.db.prisma.publication.findMany({
    where: { ...listedPublication, ...where },
    orderBy,
    select: cardSelect,
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
}

/** One page of cards and the cursor of the next page (null on the last one). */
export async function feedPage(ctx: Context, where: Prisma.PublicationWhereInput, input: Pick<FeedInput, 'sort' | 'cursor' | 'limit'>) {
  const rows = await listPublications(ctx, where, input);
  const more = rows.length > input.limit;
  const page = rows.slice(0, input.limit);
  return { items: await toCards(ctx, page), nextCursor: more ? page[page.length - 1]!.id : null };
}

/**
 * "Top" over a window ranks by the votes cast within it: publications voted on, or published,
 * in the window; most votes first, then newest. Pages by offset (the order moves as votes come).
 */
async function topPage(ctx: Context, input: FeedInput) {
  const days = FEED_WINDOWS[input.window]!;
  const since = new Date(Date.now() - days * DAY_MS);
  const offset = input.cursor ? Number.parseInt(input.cursor, 10) || 0 : 0;
  // Stored times are UTC without a zone (Prisma's DateTime): compare in UTC whatever the session's zone.
  const params: unknown[] = [since.toISOString(), input.limit + 1, offset];
  let search = '';
  if (input.query) {
    params.push(`%${escapeLike(input.query.toLowerCase())}%`);
    search = `AND p.search_text LIKE $${params.length}`;
  }
  const ranked = await ctx.db.query<{ id: string }>(
    `SELECT p.id FROM publications p
       JOIN racks r ON r.id = p.rack_id
       LEFT JOIN publication_votes v ON v.publication_id = p.id AND v.created_at >= ($1::timestamptz AT TIME ZONE 'UTC')
     WHERE p.unpublished_at IS NULL AND r.visibility = 'public' ${search}
     GROUP BY p.id, p.published_at
     HAVING COUNT(v.user_id) > 0 OR p.published_at >= ($1::timestamptz AT TIME ZONE 'UTC')
     ORDER BY COUNT(v.user_id) DESC, p.published_at DESC, p.id DESC
     LIMIT $2 OFFSET $3`,
    params,
  );
  const more = ranked.length > input.limit;
  const ids = ranked.slice(0, input.limit).map((r) => r.id);
  const rows = await ctx.db.prisma.publication.findMany({ where: { id: { in: ids } }, select: cardSelect });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const page = ids.flatMap((id) => byId.get(id) ?? []);
  return { items: await toCards(ctx, page), nextCursor: more ? String(offset + input.limit) : null };
}

/** `%`, `_` and `\` typed into the search box match themselves. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export const feedRouter = router({
  /** Latest or top publications, searchable by title and rack name, in pages. */
  list: publicProcedure.input(feedInput).query(({ ctx, input }) => {
    if (input.sort === 'top' && FEED_WINDOWS[input.window] !== null) return topPage(ctx, input);
    const where: Prisma.PublicationWhereInput = {};
    // Prisma passes `contains` to LIKE as is: escape the wildcards here too.
    if (input.query) where.searchText = { contains: escapeLike(input.query.toLowerCase()) };
    return feedPage(ctx, where, input);
  }),
});
