// exports.*: the PDF patch book (a job with progress, downloaded from GET /api/exports/:jobId),
// the rack as JSON, and SVG diagrams. Members of the rack (any role) and, for public racks,
// anyone signed in may export.
import { diagramToSvg, patchDiagram, rackDiagram } from '@patchroom/engine';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { authedProcedure, router } from '../trpc/trpc.ts';
import { exportJobs, TooManyJobsError } from './jobs.ts';
import { diagramRackOf, loadExportRack } from './model.ts';
import { buildPatchBook } from './patch-book.ts';
import { rackFile, rackFileName } from './rack-json.ts';

const rackId = z.string().min(1).max(64);

export const exportsRouter = router({
  /** Starts building the patch book; poll `exports.job`, then GET /api/exports/:jobId. */
  patchBook: authedProcedure.input(z.object({ rackId })).mutation(async ({ ctx, input }) => {
    const rack = await loadExportRack(ctx, input.rackId);
    try {
      const jobId = exportJobs.start(ctx.user.id, (progress) => buildPatchBook(rack, progress), (err) => {
        ctx.logger.error({ err, rackId: input.rackId }, 'patch book failed');
        return 'The patch book could not be built. Please try again.';
      });
      return { jobId, downloadUrl: `/api/exports/${jobId}` };
    } catch (err) {
      if (err instanceof TooManyJobsError) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: err.message });
      throw err;
    }
  }),

  job: authedProcedure.input(z.object({ jobId: z.string().min(1).max(64) })).query(({ ctx, input }) => {
    const status = exportJobs.status(input.jobId, ctx.user.id);
    if (!status) throw new TRPCError({ code: 'NOT_FOUND', message: 'That export has expired. Start it again.' });
    return status;
  }),

  rackJson: authedProcedure.input(z.object({ rackId })).query(async ({ ctx, input }) => {
    const rack = await loadExportRack(ctx, input.rackId);
    return { fileName: rackFileName(rack.name, 'json'), json: rackFile(rack) };
  }),

  /** The rack drawn to scale, or with `patchId` that patch's diagram. */
  svg: authedProcedure.input(z.object({ rackId, patchId: z.string().min(1).max(64).optional() })).query(async ({ ctx, input }) => {
    const rack = await loadExportRack(ctx, input.rackId);
    const drawn = diagramRackOf(rack);
    if (input.patchId === undefined) return { fileName: rackFileName(rack.name, 'svg'), svg: diagramToSvg(rackDiagram(drawn), rack.name) };
    const patch = rack.snapshot.patches.find((p) => p.id === input.patchId);
    if (!patch) throw new TRPCError({ code: 'NOT_FOUND', message: 'That patch is no longer in the rack.' });
    return {
      fileName: rackFileName(`${rack.name} ${patch.name}`, 'svg'),
      svg: diagramToSvg(patchDiagram(drawn, patch.cables), `${rack.name} — ${patch.name}`),
    };
  }),
});
