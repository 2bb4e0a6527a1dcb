// Durable append: how many small updates a second our collab acknowledges when every
// acknowledgement waits for the update to be committed to the database, and how much later each
// acknowledgement comes than on a server that stores nothing (bare Hocuspocus, same load).
//   1. closed loop (each client sends its next update once the last is acknowledged) → updates/s;
//   2. open loop at a fixed rate, the same for both servers → ack latency, and ours minus bare.
//      The rate is 2,000 updates/s, or half of what the slower server sustained in step 1 when
//      that is less (on a busy machine), so latency measures the server and not a queue; the
//      bar applies there. The same again at a light 200 updates/s, for context.
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
/** Open-loop load for the latency comparison (updates/s over all clients), at most. */
const LATENCY_RATE = 2_000;
/** A second, light open-loop load: the commit's own cost with little queueing. */
const LIGHT_RATE = 200;

export async function run(): Promise<void> {
  const database = await openBenchDatabase(BENCH);
  const worker = startWorker('append-clients');
  const servers: RunningServer[] = [];
  try {
    const rooms = await makeRooms(database.db, ROOMS);
    const load = async (label: string, server: RunningServer, mode: AppendRequest['mode'], offered?: number): Promise<AppendResult> => {
      const request: AppendRequest = { url: server.url, rooms, clientsPerRoom: CLIENTS_PER_ROOM, durationMs: PHASE_MS, mode, rate: offered };
      const cpu = process.cpuUsage();
      const result = await worker.call<AppendResult>(request, PHASE_MS + 60_000);
      const serverCpu = process.cpuUsage(cpu);
      if (result.failed > 0) throw new Error(`${label}: ${result.failed} updates failed: ${result.firstError}`);
      const s = summarize(result.latencies);
      // CPU per phase shows which side was the limit (includes connecting the clients).
      const busy = (ms: number) => `${Math.round((100 * ms) / result.elapsedMs)} %`;
      note(
        BENCH,
        `${label}, ${mode} loop: ${rate(result).toFixed(0)} updates/s acknowledged, ack p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms; ` +
          `CPU: server process ${busy((serverCpu.user + serverCpu.system) / 1_000)}, clients ${busy(result.cpuMs)} of a core`,
      );
      return result;
    };

    const bare = await startBareHocuspocus();
    servers.push(bare);
    const logBefore = await appendedSoFar(database.db);
    const ours = await startCollab(database.db);
    servers.push(ours);
    const bareClosed = await load('bare Hocuspocus', bare, 'closed');
    const oursClosed = await load('our collab', ours, 'closed');
    // The same offered load for both servers, well within what both just sustained (on a busy
    // machine 2,000/s can be more than either manages, and then latency measures the queue).
    const offered = Math.max(100, Math.min(LATENCY_RATE, Math.floor((0.5 * Math.min(rate(bareClosed), rate(oursClosed))) / 100) * 100));
    const latency = async (label: string, offeredRate: number) => {
      const bareOpen = await load('bare Hocuspocus', bare, 'open', offeredRate);
      const metricsBefore = await ours.collab.metricsText();
      const oursOpen = await load('our collab', ours, 'open', offeredRate);
      // The collab's own view of the phase: how long commits took and how many updates each held.
      const log = logFigures(metricsBefore, await ours.collab.metricsText());
      return { label, o: summarize(oursOpen.latencies), b: summarize(bareOpen.latencies), detail: { offeredUpdatesPerSecond: offeredRate, ...log } };
    };
    const phases = [await latency('open loop', offered), await latency('light open loop', LIGHT_RATE)];
    const appended = (await appendedSoFar(database.db)) - logBefore;
    const durable = appended > 0;
    if (!durable) {
      unavailable(BENCH, 'durable append log not available yet: the collab wrote no document_updates rows, so its acknowledgements wait for no commit (figures below are without it)');
    }

    const throughput = rate(oursClosed);
    emit({
      bench: BENCH,
      metric: 'acknowledged updates/s',
      value: throughput,
      unit: 'updates/s',
      baseline: rate(bareClosed),
      ...(durable ? { bar: '≥ 5,000 updates/s per process', ok: throughput >= 5_000 } : {}),
      detail: { rooms: ROOMS, clients: ROOMS * CLIENTS_PER_ROOM, database: database.kind, logRowsAppended: appended, updateBytes: Math.round(oursClosed.updateBytes) },
    });
    for (const { label, o, b, detail } of phases) {
      const main = label === 'open loop';
      emit({ bench: BENCH, metric: `ack latency p50 (${label})`, value: o.p50, unit: 'ms', baseline: b.p50, detail });
      emit({ bench: BENCH, metric: `ack latency p99 (${label})`, value: o.p99, unit: 'ms', baseline: b.p99, detail });
      const extra = o.p50 - b.p50;
      emit({
        bench: BENCH,
        metric: main ? 'extra ack latency p50' : `extra ack latency p50 (${label})`,
        value: extra,
        unit: 'ms',
        ...(durable && main ? { bar: '≤ 5 ms over bare Hocuspocus', ok: extra <= 5 } : {}),
        detail,
      });
    }
  } finally {
    worker.stop();
    for (const server of servers.reverse()) await server.close();
    await database.close();
  }
}

function rate(result: AppendResult): number {
  return result.acked / (result.elapsedMs / 1_000);
}

/** Means over a phase of the collab's log histograms (Prometheus text before and after). */
function logFigures(before: string, after: string): Record<string, number> {
  const delta = (name: string) => sumOf(after, name) - sumOf(before, name);
  const mean = (name: string) => delta(`${name}_sum`) / Math.max(1, delta(`${name}_count`));
  return {
    commitLatencyMeanMs: Math.round(mean('patchroom_collab_append_latency_seconds') * 1e5) / 100,
    updatesPerCommitMean: Math.round(mean('patchroom_collab_append_batch_size') * 10) / 10,
    compactions: delta('patchroom_collab_compactions_total'),
  };
}

/** Sum of every series of one metric (all label sets) in Prometheus text. */
function sumOf(text: string, name: string): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = line.match(/^([a-z_]+)(\{[^}]*\})? (\S+)$/);
    if (match?.[1] === name) sum += Number(match[3]);
  }
  return sum;
}

/** Rows ever appended to the update log (its id sequence, which compaction does not turn back). */
async function appendedSoFar(db: Database): Promise<number> {
  const [row] = await db.query<{ value: string | number }>(
    "SELECT coalesce(pg_sequence_last_value('document_updates_id_seq'), 0)::text AS value",
  );
  return Number(row?.value ?? 0);
}
