// GET /api/exports/:jobId — the finished file of an export job, for the user who started it.
// A plain GET (not tRPC) so the browser downloads it as a file; the session cookie identifies
// the user, and other users' job ids read as unknown.
import { SESSION_COOKIE, validateSessionToken } from '@patchroom/db';
import type { FastifyInstance } from 'fastify';
import type { ServiceSlot } from '../app.ts';
import { exportJobs } from './jobs.ts';

export function registerExportDownloads(app: FastifyInstance, slot: ServiceSlot): void {
  app.get<{ Params: { jobId: string } }>('/api/exports/:jobId', async (request, reply) => {
    const services = slot.current;
    if (!services) return reply.code(503).send({ error: 'Patchroom is starting.' });
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await validateSessionToken(services.db, token) : null;
    if (!session) return reply.code(401).send({ error: 'Please log in.' });
    const file = exportJobs.file(request.params.jobId, session.user.id);
    if (!file) return reply.code(404).send({ error: 'No such export, or it is not ready yet.' });
    const asciiName = file.fileName.replace(/[^\w.-]/g, '_');
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${asciiName}"`)
      .header('cache-control', 'private, no-store')
      .send(file.bytes);
  });
}
