import { catalogCaseFromRow, catalogModuleFromRow } from '@patchroom/db';
import { z } from 'zod';
import { publicProcedure, router } from '../trpc/trpc.ts';

const PAGE_SIZE = 50;

export const catalogRouter = router({
  modules: publicProcedure
    .input(
      z
        .object({
          q: z.string().trim().max(100).optional(),
          type: z.string().trim().max(40).optional(),
          cursor: z.string().max(200).nullish(),
        })
        .default({}),
    )
    .query(async ({ ctx, input }) => {
      const q = input.q || undefined;
      const rows = await ctx.db.prisma.catalogModule.findMany({
        where: {
          ...(input.type ? { type: input.type } : {}),
          ...(q
            ? {
                OR: [
                  { name: { contains: q, mode: 'insensitive' } },
                  { manufacturer: { contains: q, mode: 'insensitive' } },
                  { description: { contains: q, mode: 'insensitive' } },
                ],
              }
            : {}),
        },
        orderBy: [{ manufacturer: 'asc' }, { name: 'asc' }, { id: 'asc' }],
        take: PAGE_SIZE + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 0 } : {}),
      });
      const next = rows.length > PAGE_SIZE ? rows[PAGE_SIZE] : undefined;
      return { items: rows.slice(0, PAGE_SIZE).map(catalogModuleFromRow), nextCursor: next?.id ?? null };
    }),

  byIds: publicProcedure
    .input(z.object({ ids: z.array(z.string().max(200)).max(500) }))
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db.prisma.catalogModule.findMany({ where: { id: { in: input.ids } } });
      return rows.map(catalogModuleFromRow);
    }),

  cases: publicProcedure.query(async ({ ctx }) => {
    const rows = await ctx.db.prisma.catalogCase.findMany({ orderBy: [{ manufacturer: 'asc' }, { name: 'asc' }] });
    return rows.map(catalogCaseFromRow);
  }),
});
