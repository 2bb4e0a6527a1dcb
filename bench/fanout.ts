// Edit fan-out: 1 writer + 100 readers in one room, 20 knob turns a second for ~10 s. Latency is
// the writer's send → each reader's apply, on our collab (database, auth, persistence) and on a
// bare Hocuspocus server in the same run. Servers run in this process, the clients in one child
// process (see support/children.ts for why). The two servers take turns, two rounds of 5 s each,
// so a slow spell of the shared machine falls on both rather than on one.
import { startWorker } from './support/children.ts';
import { openBenchDatabase } from './support/database.ts';
import { emit, note } from './support/report.ts';
import { makeRooms, startBareHocuspocus, startCollab, type RunningServer } from './support/servers.ts';
import { summarize } from './support/stats.ts';
import type { FanoutRequest, FanoutResult } from './workers/fanout-clients.ts';

const BENCH = 'fanout';
const READERS = 100;
const EDITS_PER_SECOND = 20;
const ROUNDS = 2;
const MEASURED_EDITS = 100; // 5 s a round, 10 s a server
const WARMUP_EDITS = 20;

export async function run(): Promise<void> {
  const database = await openBenchDatabase(BENCH);
  const worker = startWorker('fanout-clients');
  try {
    const [room] = await makeRooms(database.db, 1);
    if (!room) throw new Error('no room');
    const measure = async (label: string, server: RunningServer): Promise<FanoutResult> => {
      note(BENCH, `${label}: ${READERS} readers, ${EDITS_PER_SECOND} edits/s for ${MEASURED_EDITS / EDITS_PER_SECOND} s`);
      const request: FanoutRequest = {
        url: server.url,
        documentName: room.documentName,
        token: room.token,
        readers: READERS,
        editsPerSecond: EDITS_PER_SECOND,
        warmupEdits: WARMUP_EDITS,
        measuredEdits: MEASURED_EDITS,
      };
      const result = await worker.call<FanoutResult>(request, 60_000);
      note(BENCH, `${label}: connected in ${result.connectMs.toFixed(0)} ms, ${result.latencies.length} samples, ${result.missing} missing`);
      return result;
    };
    const servers = { bare: await startBareHocuspocus(), ours: await startCollab(database.db) };
    const bare: FanoutResult = { latencies: [], missing: 0, connectMs: 0 };
    const ours: FanoutResult = { latencies: [], missing: 0, connectMs: 0 };
    try {
      for (let round = 1; round <= ROUNDS; round += 1) {
        for (const [label, server, into] of [
          [`bare Hocuspocus, round ${round}`, servers.bare, bare],
          [`our collab, round ${round}`, servers.ours, ours],
        ] as const) {
          const result = await measure(label, server);
          into.latencies.push(...result.latencies);
          into.missing += result.missing;
        }
      }
    } finally {
      await servers.bare.close();
      await servers.ours.close();
    }

    const o = summarize(ours.latencies);
    const b = summarize(bare.latencies);
    const detail = { readers: READERS, editsPerSecond: EDITS_PER_SECOND, rounds: ROUNDS, samples: o.count, missing: ours.missing, database: database.kind };
    emit({ bench: BENCH, metric: 'edit-to-apply p50', value: o.p50, unit: 'ms', baseline: b.p50 });
    const ratio = o.p99 / b.p99;
    emit({
      bench: BENCH,
      metric: 'edit-to-apply p99',
      value: o.p99,
      unit: 'ms',
      baseline: b.p99,
      bar: 'p99 ≤ 1.25 × bare Hocuspocus and < 25 ms',
      ok: ratio <= 1.25 && o.p99 < 25 && ours.missing === 0,
      detail,
    });
    emit({ bench: BENCH, metric: 'edit-to-apply max', value: o.max, unit: 'ms', baseline: b.max });
    if (ours.missing > 0 || bare.missing > 0) note(BENCH, `edits that never arrived: ours ${ours.missing}, bare ${bare.missing}`);
  } finally {
    worker.stop();
    await database.close();
  }
}
