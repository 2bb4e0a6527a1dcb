import { catalogModuleFromRow, getRackRole } from '@patchroom/db';
import { listModules, RackRuleError } from '@patchroom/doc-model';
import {
  generatePatches,
  generatePatterns,
  generateRackName,
  PATCH_CATEGORIES,
  SCALE_NAMES,
  validatePatch,
  type CatalogModule,
  type RackModuleRef,
  type ScaleName,
} from '@patchroom/engine';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { Context } from '../trpc/context.ts';
import { authedProcedure, publicProcedure, router } from '../trpc/trpc.ts';
import { RackChangedError, writePatches, writePatterns } from './write-into-room.ts';

const seed = z.string().trim().min(1, 'Give a seed.').max(100, 'Use at most 100 characters.');
const rackId = z.string().min(1).max(64);
// Per request: enough to explore, small enough that one call cannot bloat a shared room.
const MAX_PATCHES_PER_CALL = 50;
const MAX_PATTERNS_PER_CALL = 32;

type AuthedContext = Context & { user: NonNullable<Context['user']> };

/** Only people who may edit the rack generate into it; the room must be reachable from here. */
async function editableRoom(ctx: AuthedContext, id: string) {
  const role = await getRackRole(ctx.db, id, ctx.user.id);
  if (!role) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such rack, or you have no access to it.' });
  if (role === 'viewer') throw new TRPCError({ code: 'FORBIDDEN', message: 'You can only view this rack.' });
  if (!ctx.collab) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'Live rooms are not reachable from this server.' });
  await ctx.rateLimits.consume('generation', ctx.user.id);
  return ctx.collab;
}

async function catalogFor(ctx: Context, modules: RackModuleRef[]): Promise<CatalogModule[]> {
  const ids = [...new Set(modules.map((m) => m.catalogId))];
  const rows = await ctx.db.prisma.catalogModule.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } });
  return rows.map(catalogModuleFromRow);
}

function asUserError(error: unknown): never {
  if (error instanceof RackChangedError) throw new TRPCError({ code: 'CONFLICT', message: error.message });
  if (error instanceof RackRuleError) throw new TRPCError({ code: 'BAD_REQUEST', message: error.message });
  throw error;
}

export const generationRouter = router({
  /** Generates patches for the rack's modules and writes them into the live room for everyone. */
  patches: authedProcedure
    .input(
      z.object({
        rackId,
        seed,
        count: z.number().int().min(1).max(MAX_PATCHES_PER_CALL),
        categories: z.array(z.enum(PATCH_CATEGORIES)).max(PATCH_CATEGORIES.length).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const collab = await editableRoom(ctx, input.rackId);
      const modules = await collab.withRoom(input.rackId, (doc) =>
        listModules(doc)
          .filter((m) => !m.parked)
          .map((m) => ({ id: m.id, catalogId: m.catalogId })),
      );
      const catalog = await catalogFor(ctx, modules);
      const result = generatePatches({ modules, catalog, seed: input.seed, count: input.count, ...(input.categories ? { categories: input.categories } : {}) });
      for (const patch of result.patches) {
        const problems = validatePatch(patch, modules, catalog);
        if (problems.length > 0) {
          ctx.logger.error({ problems, rackId: input.rackId, seed: input.seed }, 'generator produced an invalid patch');
          throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'The generator produced an invalid patch.' });
        }
      }
      const patchIds = await collab.withRoom(input.rackId, (doc) => writePatches(doc, result.patches)).catch(asUserError);
      return {
        generatorVersion: result.generatorVersion,
        patches: result.patches.map((p, i) => ({ id: patchIds[i]!, name: p.name, category: p.category, cables: p.cables.length })),
        skipped: result.skipped,
      };
    }),

  /** Generates sequencer patterns and writes them into the live room. */
  patterns: authedProcedure
    .input(
      z.object({
        rackId,
        seed,
        count: z.number().int().min(1).max(MAX_PATTERNS_PER_CALL),
        tracks: z.number().int().min(1).max(8).optional(),
        steps: z.number().int().min(1).max(64).optional(),
        scale: z.enum(SCALE_NAMES as unknown as [ScaleName, ...ScaleName[]]).optional(),
        root: z.number().int().min(0).max(127).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const collab = await editableRoom(ctx, input.rackId);
      const { rackId: _rackId, ...options } = input;
      const result = generatePatterns(options);
      const ids = await collab.withRoom(input.rackId, (doc) => writePatterns(doc, result.patterns)).catch(asUserError);
      return { generatorVersion: result.generatorVersion, patterns: result.patterns.map((p, i) => ({ id: ids[i]!, name: p.name })) };
    }),

  /** A suggested rack name; the same seed always suggests the same name. */
  rackName: publicProcedure.input(z.object({ seed })).query(({ input }) => ({ name: generateRackName(input.seed) })),
});
