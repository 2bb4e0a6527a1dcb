// Durable append: how many small updates a second our collab acknowledges when every
// acknowledgement waits for the update to be committed to the database, and how much later each
// acknowledgement comes than on a server that stores nothing (bare Hocuspocus, same load).
//   1. closed loop (each client sends its next update once the last is acknowledged) → updates/s;
//   2. open loop at a fixed rate, the same for both servers → ack latency, and ours minus bare.
import type { Database } from '@patchroom/db';
import { startWorker } from './support/children.ts';
import { openBenchDatabase } from './support/database.ts';
import { emit, note, unavailable } from './support/report.ts';
import { makeRooms, startBareHocuspocus, startCollab, type RunningServer } from './support/servers.ts';
import { summarize } from './support/stats.ts';
import type { AppendRequest, AppendResult } from './workers/append-clients.ts';

const BENCH = 'durable-append';
const ROOMS = 100;
const CLIENTS_PER_ROOM = 2;
const PHASE_MS = 10_000;
/** Open-loop load for the latency comparison (updates/s over all clients). */
const LATENCY_RATE = 2_000;

export async function run(): Promise<void> {
  const database = await openBenchDatabase(BENCH);
  const worker = startWorker('append-clients');
  try {
    const rooms = await makeRooms(database.db, ROOMS);
    const load = (server: RunningServer, mode: AppendRequest['mode']): Promise<AppendResult> => {
      const request: AppendRequest = { url: server.url, rooms, clientsPerRoom: CLIENTS_PER_ROOM, durationMs: PHASE_MS, mode, rate: LATENCY_RATE };
      return worker.call<AppendResult>(request, PHASE_MS + 60_000).then((result) => {
        if (result.failed > 0) throw new Error(`${result.failed} updates failed: ${result.firstError}`);
        return result;
      });
    };
    const phases = async (label: string, server: RunningServer) => {
      try {
        const closed = await load(server, 'closed');
        note(BENCH, `${label}: ${rate(closed).toFixed(0)} updates/s acknowledged (closed loop, ${ROOMS * CLIENTS_PER_ROOM} clients)`);
        const open = await load(server, 'open');
        note(BENCH, `${label}: ack p50 ${summarize(open.latencies).p50.toFixed(2)} ms at ${LATENCY_RATE} updates/s`);
        return { closed, open };
      } finally {
        await server.close();
      }
    };

    const bare = await phases('bare Hocuspocus', await startBareHocuspocus());
    const logBefore = await appendedSoFar(database.db);
    const ours = await phases('our collab', await startCollab(database.db));
    const appended = (await appendedSoFar(database.db)) - logBefore;
    const durable = appended > 0;
    if (!durable) {
      unavailable(BENCH, 'durable append log not available yet: the collab wrote no document_updates rows, so its acknowledgements wait for no commit (figures below are without it)');
    }

    const detail = { rooms: ROOMS, clients: ROOMS * CLIENTS_PER_ROOM, database: database.kind, logRowsAppended: appended, updateBytes: Math.round(ours.closed.updateBytes) };
    const throughput = rate(ours.closed);
    emit({
      bench: BENCH,
      metric: 'acknowledged updates/s',
      value: throughput,
      unit: 'updates/s',
      baseline: rate(bare.closed),
      ...(durable ? { bar: '≥ 5,000 updates/s per process', ok: throughput >= 5_000 } : {}),
      detail,
    });
    const o = summarize(ours.open.latencies);
    const b = summarize(bare.open.latencies);
    emit({ bench: BENCH, metric: `ack latency p50 at ${LATENCY_RATE}/s`, value: o.p50, unit: 'ms', baseline: b.p50 });
    emit({ bench: BENCH, metric: `ack latency p99 at ${LATENCY_RATE}/s`, value: o.p99, unit: 'ms', baseline: b.p99 });
    const extra = o.p50 - b.p50;
    emit({
      bench: BENCH,
      metric: 'extra ack latency p50',
      value: extra,
      unit: 'ms',
      ...(durable ? { bar: '≤ 5 ms over bare Hocuspocus', ok: extra <= 5 } : {}),
    });
  } finally {
    worker.stop();
    await database.close();
  }
}

function rate(result: AppendResult): number {
  return result.acked / (result.elapsedMs / 1_000);
}

/** Rows ever appended to the update log (its id sequence, which compaction does not turn back). */
async function appendedSoFar(db: Database): Promise<number> {
  const [row] = await db.query<{ value: string | number }>(
    "SELECT coalesce(pg_sequence_last_value('document_updates_id_seq'), 0)::text AS value",
  );
  return Number(row?.value ?? 0);
}
