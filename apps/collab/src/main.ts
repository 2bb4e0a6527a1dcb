// Standalone collab process for the scaled deployment: several of these share rooms through
// Redis, behind a proxy that sends /collab WebSockets here. (The single-process deployment
// mounts the collab inside the api instead.)
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase, type Database } from '@patchroom/db';
import { pino, type Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createCollab, METRICS_CONTENT_TYPE, type Collab } from './index.ts';

const logger = pino({ name: 'patchroom-collab', level: process.env.LOG_LEVEL ?? 'info' });

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    logger.fatal('DATABASE_URL is required: a standalone collab process shares PostgreSQL with the api');
    process.exit(1);
  }
  const port = Number(process.env.PORT ?? 3001);
  const db = await openDatabase({ databaseUrl });
  const collab = await createCollab({
    db,
    logger,
    redisUrl: process.env.REDIS_URL || undefined,
    instanceName: process.env.COLLAB_INSTANCE ?? `collab-${process.pid}`,
  });
  // Process metrics (memory, event loop, GC) next to the collab's own.
  const processMetrics = new Registry();
  collectDefaultMetrics({ register: processMetrics });
  const server = createServer((request, response) => void answer(db, collab, processMetrics, request, response));
  server.on('upgrade', (request: IncomingMessage, socket, head: Buffer) => {
    if (isCollabPath(request.url)) collab.handleUpgrade(request, socket, head);
    else socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(port, resolve));
  const { port: listening } = server.address() as AddressInfo;
  logger.info({ port: listening, redis: Boolean(process.env.REDIS_URL) }, 'collab listening');
  stopOnSignals(server, collab, db, logger);
}

async function answer(
  db: Database,
  collab: Collab,
  processMetrics: Registry,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method === 'GET' && request.url === '/metrics') {
    const text = (await collab.metricsText()) + (await processMetrics.metrics());
    response.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE });
    response.end(text);
    return;
  }
  if (request.method === 'GET' && request.url === '/health') {
    const healthy = await db.query('SELECT 1').then(
      () => true,
      () => false,
    );
    sendJson(response, healthy ? 200 : 503, { status: healthy ? 'ok' : 'unavailable' });
    return;
  }
  sendJson(response, 404, { error: 'not found' });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function isCollabPath(url: string | undefined): boolean {
  const path = (url ?? '').split('?')[0] ?? '';
  return path === '/collab' || path.startsWith('/collab/');
}

function stopOnSignals(server: Server, collab: Collab, db: Database, log: Logger): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'shutting down: storing open rooms');
    server.close();
    try {
      await collab.close();
      await db.close();
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'collab failed to start');
  process.exit(1);
});
