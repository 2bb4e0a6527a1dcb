// kill -9: the collab's own trial runner starts the standalone collab process, streams edits to
// it (each waiting for its acknowledgement), kills it with SIGKILL mid-stream, restarts it and
// counts acknowledged edits missing from the room. 20 trials; the bar is zero lost, and failing it
// fails the run. Needs PostgreSQL (the killed process and the harness share the database).
import { runKill9Trials } from '../apps/collab/test/support/kill9.ts';
import { openBenchDatabase } from './support/database.ts';
import { emit, failDeterministic, note, unavailable } from './support/report.ts';

const BENCH = 'kill9';
const TRIALS = 20;

export async function run(): Promise<void> {
  if (!process.env.DATABASE_URL) {
    unavailable(BENCH, 'needs PostgreSQL: set DATABASE_URL (a killed process and the harness cannot share a PGlite folder)');
    return;
  }
  const database = await openBenchDatabase(BENCH);
  try {
    const started = performance.now();
    const result = await runKill9Trials({
      trials: TRIALS,
      databaseUrl: database.databaseUrl as string,
      log: (line) => note(BENCH, line),
    });
    note(BENCH, `${result.trials} trials in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    // Zero lost proves nothing unless edits were acknowledged before the kills: at least 5 a trial.
    const ok = result.lost === 0 && result.trials === TRIALS && result.acknowledged >= 5 * TRIALS;
    if (!ok) failDeterministic();
    emit({
      bench: BENCH,
      metric: 'acknowledged updates lost',
      value: result.lost,
      unit: 'updates',
      bar: `0 lost over ${TRIALS} SIGKILL trials (≥ ${5 * TRIALS} acknowledged before the kills)`,
      ok,
      detail: { trials: result.trials, acknowledged: result.acknowledged, database: database.kind },
    });
  } finally {
    await database.close();
  }
}
