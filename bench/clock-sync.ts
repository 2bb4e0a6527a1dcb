// Clock sync: how close the shared-clock estimate gets, and how far apart two clients play the
// same beat. (1) The estimator in a seeded simulation: 0–20 ms of one-way jitter and 50 ppm of
// drift, error of the shared clock read every 100 ms. (2) Real ping/pong over our collab's
// sockets on loopback: two clients (a child process, with clock skews of +3 s and −7 s) sync
// with the collab in this process; the spread of their onsets for the same shared-clock beat.
import { quantile, simulateClockSync } from '@patchroom/engine';
import { startWorker } from './support/children.ts';
import { openBenchDatabase } from './support/database.ts';
import { emit, note } from './support/report.ts';
import { makeRooms, startCollab } from './support/servers.ts';
import { summarize } from './support/stats.ts';
import type { ClockClientsRequest, ClockClientsResult } from './workers/clock-clients.ts';

const BENCH = 'clock-sync';
const JITTERS_MS = [0, 5, 10, 20];
const DRIFT_PPM = 50;
const RUNS = 5;
const SIMULATED_MS = 180_000;
const LOOPBACK_MS = 15_000;
const LOOPBACK_WARM_UP_MS = 3_000;

export async function run(): Promise<void> {
  simulated();
  await loopback();
}

function simulated(): void {
  const all: number[] = [];
  const perJitter: Record<string, { p50: number; p95: number }> = {};
  for (const jitterMs of JITTERS_MS) {
    const errors: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      errors.push(...simulateClockSync({ seed: `bench-${jitterMs}-${i}`, jitterMs, driftPpm: DRIFT_PPM, durationMs: SIMULATED_MS }));
    }
    perJitter[`${jitterMs} ms`] = { p50: round(quantile(errors, 0.5)), p95: round(quantile(errors, 0.95)) };
    all.push(...errors);
  }
  const detail = { jitterMs: '0–20 (uniform, each way)', driftPpm: DRIFT_PPM, samples: all.length, perJitter };
  emit({ bench: BENCH, metric: 'offset error p50 (simulated)', value: round(quantile(all, 0.5)), unit: 'ms', detail });
  emit({
    bench: BENCH,
    metric: 'offset error p95 (simulated)',
    value: round(quantile(all, 0.95)),
    unit: 'ms',
    bar: 'p95 ≤ 1 ms with 0–20 ms jitter',
    ok: quantile(all, 0.95) <= 1,
    detail,
  });
}

async function loopback(): Promise<void> {
  const database = await openBenchDatabase(BENCH);
  const worker = startWorker('clock-clients');
  const server = await startCollab(database.db);
  try {
    const [room] = await makeRooms(database.db, 1);
    if (!room) throw new Error('no room');
    note(BENCH, `loopback: two clients sync for ${LOOPBACK_MS / 1000} s`);
    const request: ClockClientsRequest = {
      url: server.url,
      documentName: room.documentName,
      token: room.token,
      durationMs: LOOPBACK_MS,
      warmUpMs: LOOPBACK_WARM_UP_MS,
    };
    const result = await worker.call<ClockClientsResult>(request, LOOPBACK_MS + 60_000);
    const s = summarize(result.spreads);
    const detail = { samples: s.count, max: round(s.max), clients: result.clients, database: database.kind };
    emit({ bench: BENCH, metric: 'onset spread p50 (loopback)', value: round(s.p50), unit: 'ms', detail });
    emit({
      bench: BENCH,
      metric: 'onset spread p95 (loopback)',
      value: round(s.p95),
      unit: 'ms',
      bar: 'two clients within 2 ms for the same beat',
      ok: s.p95 <= 2,
      detail,
    });
  } finally {
    await server.close();
    worker.stop();
    await database.close();
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
