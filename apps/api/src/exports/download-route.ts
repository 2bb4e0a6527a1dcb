// GET /api/exports/books/:jobId — a finished patch book, for whoever may read its rack (the
// session cookie says who). A plain GET (not tRPC) so the browser downloads it as a file.
import { getRackAccessRole, SESSION_COOKIE, validateSessionToken } from '@patchroom/db';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyInstance } from 'fastify';
import type { ServiceSlot } from '../app.ts';
import { getJob } from './jobs.ts';

export function registerPatchBookDownload(app: FastifyInstance, slot: ServiceSlot): void {
  app.get<{ Params: { jobId: string } }>('/api/exports/books/:jobId', async (request, reply) => {
    const services = slot.current;
    if (!services) return reply.code(503).send({ error: 'Patchroom is starting.' });
    const job = getJob(request.params.jobId);
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await validateSessionToken(services.db, token) : null;
    const role = job && session ? await getRackAccessRole(services.db, job.rackId, session.user.id) : null;
    if (!job || !role || !job.fileName.endsWith('.pdf')) return reply.code(404).send({ error: 'No such export (they are kept for ten minutes).' });
    if (job.status !== 'done' || !job.bytes) return reply.code(409).send({ error: `The patch book is ${job.status === 'failed' ? 'failed' : 'still being built'}.` });
    return reply
      .type('application/pdf')
      .header('content-disposition', contentDisposition(job.fileName))
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength));
  });
}
