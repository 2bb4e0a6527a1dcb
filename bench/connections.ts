// Connections: 2,000 browser-like clients (providers with presence) over 200 rooms on one collab
// process. Reports connect time, the collab process's memory before and after (after a full GC),
// and memory per room. Clients live in two child processes (1,000 sockets each); the collab runs
// here, so this process's memory is the collab's plus a constant for the bench and database pool.
import { startWorker, type Worker } from './support/children.ts';
import { openBenchDatabase } from './support/database.ts';
import { fileLimit } from './support/limits.ts';
import { settledMemory } from './support/memory.ts';
import { emit, note } from './support/report.ts';
import { makeRooms, startCollab } from './support/servers.ts';
import { sleep, summarize, waitUntil } from './support/stats.ts';
import type { ConnectionRequest, OpenResult } from './workers/connection-clients.ts';

const BENCH = 'connections';
const ROOMS = 200;
const CLIENTS_PER_ROOM = 10;
const WORKERS = 2;
/** Connects in flight per worker: a crowd arriving, not all 2,000 in the same millisecond. */
const CONCURRENCY = 50;
const HOLD_MS = 5_000;

export async function run(): Promise<void> {
  const limit = fileLimit();
  note(BENCH, `open-file limit ${limit ? `${limit.soft} (hard ${limit.hard})` : 'unknown'}`);
  const database = await openBenchDatabase(BENCH);
  const workers: Worker[] = Array.from({ length: WORKERS }, () => startWorker('connection-clients'));
  try {
    const [warmUpRoom, ...rooms] = await makeRooms(database.db, ROOMS + 1);
    const server = await startCollab(database.db);
    try {
      // One room's worth of clients first, then gone again: the code paths are compiled and the
      // pools warm, so "before" is the idle collab, not a process that hasn't started yet.
      const warmUp: ConnectionRequest = { action: 'open', url: server.url, rooms: [warmUpRoom!], clientsPerRoom: CLIENTS_PER_ROOM, concurrency: CONCURRENCY };
      await workers[0]!.call<OpenResult>(warmUp, 30_000);
      await workers[0]!.call({ action: 'close' }, 30_000);
      await waitUntil(() => server.collab.hocuspocus.getDocumentsCount() === 0, 'the warm-up room to unload', 30_000);
      const before = await settledMemory();
      const perWorker = ROOMS / WORKERS;
      const opened = await Promise.all(
        workers.map((worker, i) => {
          const request: ConnectionRequest = {
            action: 'open',
            url: server.url,
            rooms: rooms.slice(i * perWorker, (i + 1) * perWorker),
            clientsPerRoom: CLIENTS_PER_ROOM,
            concurrency: CONCURRENCY,
          };
          return worker.call<OpenResult>(request, 90_000);
        }),
      );
      const connectMs = opened.flatMap((o) => o.connectMs);
      const failed = opened.reduce((sum, o) => sum + o.failed, 0);
      const wallMs = Math.max(...opened.map((o) => o.wallMs));
      if (failed > 0) note(BENCH, `${failed} clients failed to sync: ${opened.find((o) => o.firstError)?.firstError}`);
      note(BENCH, `${connectMs.length} clients synced in ${(wallMs / 1000).toFixed(1)} s; holding ${HOLD_MS / 1000} s`);

      await sleep(HOLD_MS);
      const after = await settledMemory();
      const stillSynced = (await Promise.all(workers.map((w) => w.call<number>({ action: 'count' }, 10_000)))).reduce((a, b) => a + b, 0);
      const { hocuspocus } = server.collab;
      const serverView = { connections: hocuspocus.getConnectionsCount(), rooms: hocuspocus.getDocumentsCount() };
      note(BENCH, `after hold: ${stillSynced} clients synced; server sees ${serverView.connections} connections in ${serverView.rooms} rooms`);
      await Promise.all(workers.map((w) => w.call({ action: 'close' }, 30_000)));

      const clients = ROOMS * CLIENTS_PER_ROOM;
      const c = summarize(connectMs);
      emit({
        bench: BENCH,
        metric: 'concurrent clients held',
        value: stillSynced,
        unit: 'clients',
        bar: `${clients} clients over ${ROOMS} rooms on one collab process`,
        ok: stillSynced === clients && serverView.connections === clients,
        detail: { failed, serverConnections: serverView.connections, serverRooms: serverView.rooms, database: database.kind },
      });
      emit({ bench: BENCH, metric: 'connect → synced p50', value: c.p50, unit: 'ms', detail: { p95: c.p95, p99: c.p99, max: c.max, concurrency: CONCURRENCY * WORKERS } });
      emit({ bench: BENCH, metric: 'all clients synced after', value: wallMs / 1000, unit: 's' });
      emit({ bench: BENCH, metric: 'collab RSS', value: after.rssMb, unit: 'MB', detail: { before: round(before.rssMb) } });
      emit({ bench: BENCH, metric: 'collab heap used', value: after.heapUsedMb, unit: 'MB', detail: { before: round(before.heapUsedMb) } });
      // Heap is the figure to read: RSS also moves with what the allocator keeps or returns.
      emit({ bench: BENCH, metric: 'memory per room (heap)', value: ((after.heapUsedMb - before.heapUsedMb) * 1024) / ROOMS, unit: 'KB', detail: { clientsPerRoom: CLIENTS_PER_ROOM } });
      emit({ bench: BENCH, metric: 'memory per room (RSS)', value: ((after.rssMb - before.rssMb) * 1024) / ROOMS, unit: 'KB', detail: { clientsPerRoom: CLIENTS_PER_ROOM } });
    } finally {
      await server.close();
    }
  } finally {
    for (const worker of workers) worker.stop();
    await database.close();
  }
}

const round = (value: number) => Math.round(value * 10) / 10;
