// Child process of the connections bench: opens browser-like clients (providers with presence)
// to many rooms, reports how long each took to sync, holds them open, closes them on request.
import { serveParent } from '../support/children.ts';
import { openProvider, type ProviderClient } from '../support/providers.ts';
import { mapLimit } from '../support/stats.ts';

export type ConnectionRequest =
  | { action: 'open'; url: string; rooms: { documentName: string; token: string }[]; clientsPerRoom: number; concurrency: number }
  | { action: 'count' }
  | { action: 'close' };

export interface OpenResult {
  /** Attach → synced, milliseconds, per client that synced. */
  connectMs: number[];
  failed: number;
  firstError?: string;
  wallMs: number;
}

const clients: ProviderClient[] = [];

async function handle(request: ConnectionRequest): Promise<unknown> {
  if (request.action === 'count') return clients.filter((c) => c.provider.isSynced && c.provider.isAuthenticated).length;
  if (request.action === 'close') {
    for (const client of clients.splice(0)) client.destroy();
    return null;
  }
  const targets = request.rooms.flatMap((room) => Array.from({ length: request.clientsPerRoom }, () => room));
  const started = performance.now();
  let failed = 0;
  let firstError: string | undefined;
  const times = await mapLimit(targets, request.concurrency, async (room) => {
    const client = openProvider(request.url, room.documentName, room.token);
    clients.push(client);
    try {
      return await withTimeout(client.synced, 30_000);
    } catch (error) {
      failed += 1;
      firstError ??= error instanceof Error ? error.message : String(error);
      return Number.NaN;
    }
  });
  const result: OpenResult = { connectMs: times.filter((t) => !Number.isNaN(t)), failed, wallMs: performance.now() - started };
  if (firstError) result.firstError = firstError;
  return result;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not synced within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

serveParent(handle);
