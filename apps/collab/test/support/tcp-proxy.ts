import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Cuts every open connection and refuses new ones (accepted, then reset) until restored. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy to a server (PostgreSQL in the fault tests), to make it slow or unreachable for
 * one client without touching it for everyone else.
 */
export async function startTcpProxy(target: { host: string; port: number }, options: { delayMs?: number } = {}): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let down = false;
  const server: Server = createServer((inbound) => {
    if (down) {
      inbound.resetAndDestroy();
      return;
    }
    const outbound = createConnection(target);
    open.add(inbound);
    open.add(outbound);
    const drop = () => {
      inbound.destroy();
      outbound.destroy();
      open.delete(inbound);
      open.delete(outbound);
    };
    inbound.on('error', drop).on('close', drop);
    outbound.on('error', drop).on('close', drop);
    inbound.pipe(outbound);
    const delayMs = options.delayMs ?? 0;
    if (delayMs === 0) outbound.pipe(inbound);
    // Answers arrive late (timers of equal delay fire in order, so bytes stay in order).
    else outbound.on('data', (chunk: Buffer) => setTimeout(() => inbound.writable && inbound.write(chunk), delayMs));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const cut = () => {
    down = true;
    for (const socket of open) socket.resetAndDestroy();
    open.clear();
  };
  return {
    port: (server.address() as AddressInfo).port,
    cut,
    restore() {
      down = false;
    },
    async close() {
      cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A database connection through a proxy to DATABASE_URL's server. */
export async function proxiedDatabaseUrl(
  databaseUrl: string,
  options: { delayMs?: number } = {},
): Promise<{ url: string; proxy: TcpProxy }> {
  const target = new URL(databaseUrl);
  const proxy = await startTcpProxy({ host: target.hostname || '127.0.0.1', port: Number(target.port || 5432) }, options);
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  return { url: url.toString(), proxy };
}
