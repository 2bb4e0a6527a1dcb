// WAV export: exports.wav starts an offline render of a rack's patch playing one of its
// patterns; exports.wavJob reports progress; GET /api/exports/<jobId>.wav downloads the file
// (the rack's members, or anyone for a public rack, like the room itself).
import { catalogModuleFromRow, getRackAccessRole, SESSION_COOKIE, validateSessionToken } from '@patchroom/db';
import { toSnapshot, type RackSnapshot } from '@patchroom/doc-model';
import { encodeWav, renderPattern, soundRackFromSnapshot, type CatalogModule } from '@patchroom/engine';
import { TRPCError } from '@trpc/server';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyInstance } from 'fastify';
import { OfflineAudioContext } from 'node-web-audio-api';
import { z } from 'zod';
import type { ServiceSlot } from '../app.ts';
import type { Context } from '../trpc/context.ts';
import { publicProcedure } from '../trpc/trpc.ts';
import { getJob, JobLimitError, startJob, type RenderJob } from './jobs.ts';
import { exportFileName } from './rack-json.ts';

/** Longest render: 64 bars (over two minutes at 120 BPM). */
export const MAX_EXPORT_BARS = 64;
const EXPORT_SAMPLE_RATE = 44_100;
const id = z.string().min(1).max(64);

const wavInput = z.object({ rackId: id, patchId: id, patternId: id, bars: z.number().int().min(1).max(MAX_EXPORT_BARS) });

async function readRack(ctx: Context, rackId: string): Promise<RackSnapshot> {
  const role = await getRackAccessRole(ctx.db, rackId, ctx.user?.id ?? null);
  if (!role) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such rack, or you have no access to it.' });
  if (!ctx.collab) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'Live rooms are not reachable from this server.' });
  return ctx.collab.withRoom(rackId, (doc) => toSnapshot(doc));
}

async function catalogFor(ctx: Context, snapshot: RackSnapshot): Promise<CatalogModule[]> {
  const ids = [...new Set(snapshot.modules.map((m) => m.catalogId))];
  const rows = await ctx.db.prisma.catalogModule.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } });
  return rows.map(catalogModuleFromRow);
}


const jobView = (job: RenderJob) => ({
  jobId: job.id,
  status: job.status,
  progress: job.progress,
  error: job.error,
  url: job.status === 'done' ? `/api/exports/${job.id}.wav` : null,
});

/** Starts a render; answers at once with the job to poll. Viewers (and visitors of public racks) may export. */
export const wavExport = publicProcedure.input(wavInput).mutation(async ({ ctx, input }) => {
  const snapshot = await readRack(ctx, input.rackId);
  const pattern = snapshot.patterns.find((p) => p.id === input.patternId);
  if (!pattern) throw new TRPCError({ code: 'NOT_FOUND', message: 'That pattern is no longer in the rack.' });
  if (!snapshot.patches.some((p) => p.id === input.patchId)) throw new TRPCError({ code: 'NOT_FOUND', message: 'That patch is no longer in the rack.' });
  const rack = soundRackFromSnapshot(snapshot, await catalogFor(ctx, snapshot), input.patchId);
  try {
    const job = startJob({ rackId: input.rackId, owner: ctx.user?.id ?? `ip:${ctx.clientIp}`, fileName: exportFileName(pattern.name, 'wav', 'pattern') }, async (report) => {
      const result = await renderPattern({
        rack,
        pattern,
        bars: input.bars,
        sampleRate: EXPORT_SAMPLE_RATE,
        createContext: (options) => new OfflineAudioContext(options),
        // Rendering is most of the work; encoding the last bit.
        onProgress: (f) => report(0.95 * f),
      });
      return encodeWav(result.channels, result.sampleRate);
    });
    return jobView(job);
  } catch (error) {
    if (error instanceof JobLimitError) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: error.message });
    throw error;
  }
});

export const wavJob = publicProcedure.input(z.object({ jobId: z.string().min(1).max(64) })).query(async ({ ctx, input }) => {
  const job = getJob(input.jobId);
  if (!job || !(await getRackAccessRole(ctx.db, job.rackId, ctx.user?.id ?? null))) {
    throw new TRPCError({ code: 'NOT_FOUND', message: 'No such export (they are kept for ten minutes).' });
  }
  return jobView(job);
});

/** GET /api/exports/<jobId>.wav: the rendered file, for whoever may read the rack. */
export function registerWavDownload(app: FastifyInstance, slot: ServiceSlot): void {
  app.get<{ Params: { file: string } }>('/api/exports/:file', async (request, reply) => {
    const services = slot.current;
    if (!services) return reply.code(503).send({ error: 'Patchroom is starting' });
    const match = /^([0-9a-f]{32})\.wav$/.exec(request.params.file);
    const job = match ? getJob(match[1]!) : null;
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await validateSessionToken(services.db, token) : null;
    const role = job ? await getRackAccessRole(services.db, job.rackId, session?.user.id ?? null) : null;
    if (!job || !role) return reply.code(404).send({ error: 'No such export (they are kept for ten minutes).' });
    if (job.status !== 'done' || !job.bytes) return reply.code(409).send({ error: `The export is ${job.status === 'failed' ? 'failed' : 'still rendering'}.` });
    return reply
      .type('audio/wav')
      .header('content-disposition', contentDisposition(job.fileName))
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength));
  });
}
