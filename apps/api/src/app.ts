import cookie from '@fastify/cookie';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { METRICS_CONTENT_TYPE } from '@patchroom/collab';
import { registerWavDownload } from './exports/wav.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { registerWebClient } from './http/web-client.ts';
import { appRouter, type AppRouter } from './trpc/app-router.ts';
import { createContext, type Services } from './trpc/context.ts';

/** Services appear once the database is open; until then health says 503 and calls wait. */
export interface ServiceSlot {
  current: Services | null;
}

export const MAX_REQUEST_BYTES = 1024 * 1024;

export interface AppOptions {
  logger: Services['logger'];
  webDist: string | null;
  /** One log line per request (production); off in development, where it drowns the rest. */
  requestLogging?: boolean;
  trustProxy?: boolean;
}

export async function createApp(slot: ServiceSlot, options: AppOptions): Promise<FastifyInstance> {
  // pino's Logger is a FastifyBaseLogger; naming the base type keeps plugin types compatible.
  const app: FastifyInstance = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: !options.requestLogging }),
    bodyLimit: MAX_REQUEST_BYTES,
    trustProxy: options.trustProxy ?? false,
  });
  await registerSecurityHeaders(app);
  await app.register(cookie);

  app.get('/api/health', async (_request, reply) => {
    const services = slot.current;
    if (!services) return reply.code(503).send({ status: 'starting' });
    try {
      await services.db.query('SELECT 1');
      return { status: 'ok', db: services.db.kind };
    } catch {
      return reply.code(503).send({ status: 'unavailable', db: services.db.kind });
    }
  });

  // Prometheus scrape endpoint: the collab's rooms, connections, appends and refusals.
  app.get('/metrics', async (_request, reply) => {
    const collab = slot.current?.collab;
    if (!collab) return reply.code(404).send({ error: 'No collab in this process' });
    return reply.type(METRICS_CONTENT_TYPE).send(await collab.metricsText());
  });

  registerWavDownload(app, slot);

  app.get('/api/config', async () => ({ tldrawLicenseKey: slot.current?.config.tldrawLicenseKey ?? null }));

  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: (opts) => {
        if (!slot.current) throw new Error('Patchroom is starting');
        return createContext(slot.current, opts);
      },
      onError({ error, path }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') options.logger.error({ err: error.cause ?? error, path }, 'procedure failed');
      },
    },
  } satisfies { prefix: string; trpcOptions: FastifyTRPCPluginOptions<AppRouter>['trpcOptions'] });

  if (options.webDist) await registerWebClient(app, options.webDist);
  return app;
}
