// The patch book (a job with progress, downloaded from GET /api/exports/books/:jobId), the rack
// as JSON, and SVG diagrams. Members of the rack (any role) and, for public racks, anyone
// signed in may export.
import { getRackAccessRole } from '@patchroom/db';
import { diagramToSvg, patchDiagram, rackDiagram } from '@patchroom/engine';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { authedProcedure } from '../trpc/trpc.ts';
import { getJob, JobLimitError, startJob, type RenderJob } from './jobs.ts';
import { diagramRackOf, loadExportRack } from './model.ts';
import { buildPatchBook } from './patch-book.ts';
import { rackFile, exportFileName } from './rack-json.ts';

const rackId = z.string().min(1).max(64);
const jobId = z.string().min(1).max(64);

export const patchBookUrl = (id: string) => `/api/exports/books/${id}`;

const bookView = (job: RenderJob) => ({
  jobId: job.id,
  status: job.status,
  progress: job.progress,
  error: job.error,
  fileName: job.fileName,
  url: job.status === 'done' ? patchBookUrl(job.id) : null,
});

/** Starts building the patch book; poll `exports.patchBookJob`, then download its `url`. */
export const patchBook = authedProcedure.input(z.object({ rackId })).mutation(async ({ ctx, input }) => {
  const rack = await loadExportRack(ctx, input.rackId);
  try {
    const job = startJob({ rackId: rack.id, owner: ctx.user.id, fileName: exportFileName(rack.name, 'pdf') }, async (report) => {
      const book = await buildPatchBook(rack, (fraction) => {
        report(fraction);
        // Pages are drawn synchronously: yielding between them keeps the server answering.
        return new Promise((resolve) => setImmediate(resolve));
      });
      return book.bytes;
    });
    return bookView(job);
  } catch (error) {
    if (error instanceof JobLimitError) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: error.message });
    throw error;
  }
});

export const patchBookJob = authedProcedure.input(z.object({ jobId })).query(async ({ ctx, input }) => {
  const job = getJob(input.jobId);
  if (!job || !job.fileName.endsWith('.pdf') || !(await getRackAccessRole(ctx.db, job.rackId, ctx.user.id))) {
    throw new TRPCError({ code: 'NOT_FOUND', message: 'No such export (they are kept for ten minutes).' });
  }
  return bookView(job);
});

export const rackJson = authedProcedure.input(z.object({ rackId })).query(async ({ ctx, input }) => {
  const rack = await loadExportRack(ctx, input.rackId);
  return { fileName: exportFileName(rack.name, 'json'), json: rackFile(rack) };
});

/** The rack drawn to scale, or with `patchId` that patch's diagram. */
export const svg = authedProcedure.input(z.object({ rackId, patchId: z.string().min(1).max(64).optional() })).query(async ({ ctx, input }) => {
  const rack = await loadExportRack(ctx, input.rackId);
  const drawn = diagramRackOf(rack);
  if (input.patchId === undefined) return { fileName: exportFileName(rack.name, 'svg'), svg: diagramToSvg(rackDiagram(drawn), rack.name) };
  const patch = rack.snapshot.patches.find((p) => p.id === input.patchId);
  if (!patch) throw new TRPCError({ code: 'NOT_FOUND', message: 'That patch is no longer in the rack.' });
  return {
    fileName: exportFileName(`${rack.name} ${patch.name}`, 'svg'),
    svg: diagramToSvg(patchDiagram(drawn, patch.cables), `${rack.name} — ${patch.name}`),
  };
});
