// `npm run bench -- <name>|all`: runs bench/<name>.ts. Results are JSON lines on stdout, notes on
// stderr. `all` runs each bench in its own process (clean memory figures, no shared state).
// Exit code: 1 when a bench crashed or a deterministic bar failed; timing bars only report.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureFileLimit } from './support/limits.ts';
import { hasDeterministicFailure, unavailable } from './support/report.ts';

/** Run order for `all`; any other bench/<name>.ts (exporting run()) follows, alphabetically. */
const ORDER = ['doc-growth', 'fanout', 'durable-append', 'cold-load', 'connections', 'kill9'];
const BENCHES = [
  ...ORDER,
  ...readdirSync(fileURLToPath(new URL('.', import.meta.url)))
    .filter((file) => file.endsWith('.ts') && file !== 'run.ts')
    .map((file) => file.slice(0, -'.ts'.length))
    .filter((name) => !ORDER.includes(name))
    .sort(),
];
/** Hard stop per bench: each should finish well within ~2 minutes. */
const BENCH_TIMEOUT_MS = 180_000;
/** 2,000 client sockets plus the server's: room to spare. */
const FILES_NEEDED = 8_192;

async function main(): Promise<number> {
  const name = process.argv[2];
  if (name === 'all') return runAll();
  if (!isBench(name)) {
    console.error(`usage: npm run bench -- <${BENCHES.join('|')}|all>`);
    return 2;
  }
  ensureFileLimit(FILES_NEEDED);
  const watchdog = setTimeout(() => {
    unavailable(name, `did not finish within ${BENCH_TIMEOUT_MS / 1000} s`);
    const exit = () => process.exit(1);
    // Loaded already if the bench used a database (same module instance, same list).
    void import('./support/database.ts').then((database) => database.dropScratchDatabases()).finally(exit);
    setTimeout(exit, 5_000).unref();
  }, BENCH_TIMEOUT_MS);
  watchdog.unref();
  try {
    const bench = (await import(`./${name}.ts`)) as { run(): Promise<void> };
    await bench.run();
  } catch (error) {
    unavailable(name, `crashed: ${error instanceof Error ? error.message : String(error)}`);
    console.error(error);
    return 1;
  }
  return hasDeterministicFailure() ? 1 : 0;
}

function runAll(): number {
  const script = fileURLToPath(import.meta.url);
  const started = Date.now();
  const failed: string[] = [];
  for (const name of BENCHES) {
    // A file that has gone since the list was read (someone's scratch file) is no bench.
    if (!existsSync(fileURLToPath(new URL(`./${name}.ts`, import.meta.url)))) continue;
    const benchStart = Date.now();
    // A bench whose event loop is stuck cannot stop itself: the runner does, a little later.
    const result = spawnSync(process.execPath, [...process.execArgv, script, name], {
      stdio: 'inherit',
      timeout: BENCH_TIMEOUT_MS + 30_000,
      killSignal: 'SIGKILL',
    });
    if (result.signal === 'SIGKILL') unavailable(name, `killed after ${(BENCH_TIMEOUT_MS + 30_000) / 1000} s`);
    console.error(`[run] ${name}: exit ${result.status ?? result.signal} in ${((Date.now() - benchStart) / 1000).toFixed(1)} s`);
    if (result.status !== 0) failed.push(name);
  }
  console.error(`[run] all benches in ${((Date.now() - started) / 1000).toFixed(1)} s${failed.length ? `; failed: ${failed.join(', ')}` : ''}`);
  return failed.length > 0 ? 1 : 0;
}

function isBench(name: string | undefined): name is string {
  return name !== undefined && BENCHES.includes(name);
}

main().then(
  // Open handles (pools, timers) of a finished bench must not keep the process alive.
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
