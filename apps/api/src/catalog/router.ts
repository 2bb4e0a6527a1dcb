import { catalogCaseFromRow, catalogModuleFromRow } from '@patchroom/db';
import { z } from 'zod';
import { publicProcedure, router } from '../trpc/trpc.ts';
import { encodeCursor, MODULE_ORDER, moduleSearchInput, moduleSearchWhere } from './search.ts';

export const catalogRouter = router({
  /** Modules matching every given filter, a page at a time in (maker, name) order. */
  modules: publicProcedure.input(moduleSearchInput).query(async ({ ctx, input }) => {
    const rows = await ctx.db.prisma.catalogModule.findMany({
      where: moduleSearchWhere(input),
      orderBy: MODULE_ORDER,
      take: input.limit + 1,
    });
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    return {
      items: page.map(catalogModuleFromRow),
      nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null,
    };
  }),

  byIds: publicProcedure
    .input(z.object({ ids: z.array(z.string().max(200)).max(500) }))
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db.prisma.catalogModule.findMany({ where: { id: { in: input.ids } } });
      return rows.map(catalogModuleFromRow);
    }),

  /** Every maker with at least one module, for the maker filter. */
  makers: publicProcedure.query(async ({ ctx }) => {
    const rows = await ctx.db.prisma.catalogModule.findMany({
      distinct: ['manufacturer'],
      select: { manufacturer: true },
      orderBy: { manufacturer: 'asc' },
    });
    return rows.map((row) => row.manufacturer);
  }),

  /** Every module type in the catalog (oscillator, filter, …), for the type filter. */
  types: publicProcedure.query(async ({ ctx }) => {
    const rows = await ctx.db.prisma.catalogModule.findMany({ distinct: ['type'], select: { type: true }, orderBy: { type: 'asc' } });
    return rows.map((row) => row.type);
  }),

  cases: publicProcedure.query(async ({ ctx }) => {
    const rows = await ctx.db.prisma.catalogCase.findMany({ orderBy: [{ manufacturer: 'asc' }, { name: 'asc' }] });
    return rows.map(catalogCaseFromRow);
  }),
});
