// Generation: 1,000 patches for a 40-module rack (the fixed rack of the engine's tests, from the
// real catalog). Median wall time of several runs after a warm-up, against a baseline measured in
// the same run (structuredClone of the same output: copying as much plain data as generation
// produces), and the output's SHA-256 on every run: the same seed must give byte-identical output.
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { generatePatches, validatePatch, type GeneratePatchesResult } from '@patchroom/engine';
import { fortyModuleRack, loadCatalog } from '../packages/engine/test/generation-fixtures.ts';
import { percentile } from './support/stats.ts';
import { emit, failDeterministic, note } from './support/report.ts';

const BENCH = 'generation';
const PATCHES = 1_000;
const WARM_UP_RUNS = 5;
const RUNS = 11;
const BAR_MS = 100;
const SEED = 'bench-generation';

interface Timing {
  wallMs: number;
  cpuMs: number;
}

function timed<T>(task: () => T): { result: T; timing: Timing } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = task();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { result, timing: { wallMs, cpuMs: (used.user + used.system) / 1000 } };
}

export async function run(): Promise<void> {
  const catalog = loadCatalog();
  const modules = fortyModuleRack();
  const generate = () => generatePatches({ modules, catalog, seed: SEED, count: PATCHES });

  for (let i = 0; i < WARM_UP_RUNS; i++) structuredClone(generate());
  const runs: Timing[] = [];
  const baseline: Timing[] = [];
  const hashes = new Set<string>();
  let last: GeneratePatchesResult | null = null;
  // Interleaved, so that load from other processes hits both alike. Each output is hashed and
  // let go at once: keeping them all would make every later run pay for marking them.
  for (let i = 0; i < RUNS; i++) {
    const generated = timed(generate);
    runs.push(generated.timing);
    baseline.push(timed(() => structuredClone(generated.result)).timing);
    hashes.add(createHash('sha256').update(JSON.stringify(generated.result)).digest('hex'));
    last = generated.result;
  }
  if (!last) throw new Error('no run');
  const invalid = last.patches.filter((p) => validatePatch(p, modules, catalog).length > 0).length;

  const median = percentile(runs.map((t) => t.wallMs), 50);
  emit({
    bench: BENCH,
    metric: `${PATCHES} patches for a ${modules.length}-module rack, median of ${RUNS} runs`,
    value: median,
    unit: 'ms',
    baseline: percentile(baseline.map((t) => t.wallMs), 50),
    bar: `< ${BAR_MS} ms`,
    ok: median < BAR_MS,
    detail: {
      baselineIs: 'structuredClone of the same output, same run',
      cpuMsMedian: round(percentile(runs.map((t) => t.cpuMs), 50)),
      wallMsMin: round(Math.min(...runs.map((t) => t.wallMs))),
      wallMsRuns: runs.map((t) => round(t.wallMs)),
      cables: last.patches.reduce((n, p) => n + p.cables.length, 0),
      knobs: last.patches.reduce((n, p) => n + p.knobs.length, 0),
      skippedCategories: last.skipped.length,
    },
  });
  const identical = hashes.size === 1 && invalid === 0;
  if (!identical) failDeterministic();
  emit({
    bench: BENCH,
    metric: `distinct output hashes over ${RUNS} runs`,
    value: hashes.size,
    unit: 'hashes',
    bar: '1 (byte-identical output every run), every patch valid',
    ok: identical,
    detail: { sha256: [...hashes], generatorVersion: last.generatorVersion, invalidPatches: invalid },
  });
  note(BENCH, `wall ms: ${runs.map((t) => t.wallMs.toFixed(1)).join(', ')}`);
}

const round = (value: number): number => Math.round(value * 100) / 100;

// Also runnable on its own: `node --import tsx bench/generation.ts`.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
