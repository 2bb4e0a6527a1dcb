// The Patchroom server. By default one process serves the web client, the api and the collab
// socket on one port over an embedded PGlite database; DATABASE_URL / REDIS_URL / SERVE_COLLAB
// turn it into one tier of the scaled deployment (see docs/architecture.md).
import { createCollab, type Collab } from '@patchroom/collab';
import { DataDirLockedError, openDatabase, type Database } from '@patchroom/db';
import { createApp, type ServiceSlot } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createRateLimits, DEFAULT_RATE_LIMITS } from './limits/rate-limits.ts';
import { createLogger } from './logger.ts';

const startedAt = performance.now();

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ env: config.env, level: config.logLevel });
  const slot: ServiceSlot = { current: null };
  const app = await createApp(slot, {
    logger,
    webDist: config.webDist,
    requestLogging: config.env === 'production',
    trustProxy: config.trustProxy,
  });
  let collab: Collab | null = null;
  let db: Database | null = null;

  app.server.on('upgrade', (request, socket, head) => {
    if (collab && config.serveCollab && request.url?.startsWith('/collab')) collab.handleUpgrade(request, socket, head);
    else socket.end('HTTP/1.1 503 Service Unavailable\r\n\r\n');
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Rooms first: sockets close with "going away" and every room is stored; then HTTP.
    await collab?.close().catch((err: unknown) => logger.error({ err }, 'collab close failed'));
    await app.close().catch((err: unknown) => logger.error({ err }, 'http close failed'));
    await slot.current?.rateLimits.close();
    await db?.close().catch((err: unknown) => logger.error({ err }, 'database close failed'));
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  // Listen first so /api/health answers 503 while the database starts.
  await app.listen({ port: config.port, host: config.host });
  db = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  // The api writes generated content into live rooms through the collab: in this process, or,
  // for an api tier without sockets, through Redis to the collab processes that hold the rooms.
  if (config.serveCollab || config.redisUrl) {
    collab = await createCollab({ db, redisUrl: config.redisUrl, logger: logger.child({ part: 'collab' }) });
  }
  const rateLimits = createRateLimits(DEFAULT_RATE_LIMITS, config.redisUrl, config.rateLimitNamespace);
  slot.current = { db, collab, config, logger, rateLimits };

  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const ms = Math.round(performance.now() - startedAt);
  logger.info({ port, db: db.kind, redis: Boolean(config.redisUrl), collab: config.serveCollab, ms }, 'ready');
  // One plain line for people and scripts, whatever the log format.
  process.stdout.write(`Patchroom ready at http://localhost:${port} in ${ms} ms (${db.kind})\n`);
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof DataDirLockedError;
  console.error(known ? `Patchroom could not start: ${(error as Error).message}` : error);
  process.exit(1);
});
