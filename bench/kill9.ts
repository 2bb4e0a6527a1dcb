// kill -9: the collab's own trial runner starts a collab process, streams edits to it, kills it
// with SIGKILL mid-stream, restarts it and counts acknowledged updates that did not survive.
// 20 trials; the bar is zero lost, and failing it fails the run.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openBenchDatabase } from './support/database.ts';
import { emit, failDeterministic, note, unavailable } from './support/report.ts';

const BENCH = 'kill9';
const TRIALS = 20;
const RUNNER = fileURLToPath(new URL('../apps/collab/test/support/kill9.ts', import.meta.url));

interface TrialOutcome {
  acknowledged?: number;
  lost?: number;
}

export async function run(): Promise<void> {
  if (!existsSync(RUNNER)) {
    unavailable(BENCH, 'the collab trial runner (apps/collab/test/support/kill9.ts, runKill9Trials) is not available yet');
    return;
  }
  const runner = (await import(pathToFileURL(RUNNER).href)) as { runKill9Trials?: (options: { trials: number; databaseUrl?: string }) => Promise<unknown> };
  if (typeof runner.runKill9Trials !== 'function') {
    unavailable(BENCH, 'apps/collab/test/support/kill9.ts does not export runKill9Trials yet');
    return;
  }
  const database = await openBenchDatabase(BENCH);
  try {
    const started = performance.now();
    const result = await runner.runKill9Trials({ trials: TRIALS, ...(database.databaseUrl ? { databaseUrl: database.databaseUrl } : {}) });
    const totals = totalsOf(result);
    if (!totals) {
      unavailable(BENCH, `runKill9Trials returned a result this bench cannot read: ${JSON.stringify(result).slice(0, 200)}`);
      failDeterministic();
      return;
    }
    note(BENCH, `${totals.trials} trials in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const ok = totals.lost === 0;
    if (!ok) failDeterministic();
    emit({
      bench: BENCH,
      metric: 'acknowledged updates lost',
      value: totals.lost,
      unit: 'updates',
      bar: '0 lost',
      ok,
      detail: { trials: totals.trials, acknowledged: totals.acknowledged, database: database.kind },
    });
  } finally {
    await database.close();
  }
}

/** Accepts a list of trial outcomes or an object with totals (and optionally its trials). */
function totalsOf(result: unknown): { trials: number; acknowledged: number; lost: number } | null {
  const list = Array.isArray(result) ? result : (result as { trials?: unknown })?.trials;
  if (Array.isArray(list) && list.every(isOutcome)) {
    return {
      trials: list.length,
      acknowledged: list.reduce((sum, t) => sum + (t.acknowledged ?? 0), 0),
      lost: list.reduce((sum, t) => sum + (t.lost ?? 0), 0),
    };
  }
  if (isOutcome(result) && typeof result.lost === 'number') {
    return { trials: TRIALS, acknowledged: result.acknowledged ?? 0, lost: result.lost };
  }
  return null;
}

function isOutcome(value: unknown): value is TrialOutcome {
  return typeof value === 'object' && value !== null && typeof (value as TrialOutcome).lost === 'number';
}
