// PDF patch book: a 100-patch book for a 40-module rack (the engine tests' fixed rack from the
// real catalog, patches from the seeded generator, one 8-track pattern). Median wall time of
// buildPatchBook over several runs after a warm-up, against a baseline measured in the same run
// (the same rack as its JSON file: reading and writing the same data without drawing it). The
// last book is checked with poppler's pdfinfo when it is installed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addModule, initRack, toSnapshot } from '@patchroom/doc-model';
import { generatePatches, generatePatterns } from '@patchroom/engine';
import * as Y from 'yjs';
import type { ExportRack } from '../apps/api/src/exports/model.ts';
import { buildPatchBook } from '../apps/api/src/exports/patch-book.ts';
import { rackFile } from '../apps/api/src/exports/rack-json.ts';
import { writePatches, writePatterns } from '../apps/api/src/generation/write-into-room.ts';
import { fortyModuleRack, loadCatalog } from '../packages/engine/test/generation-fixtures.ts';
import { emit, note } from './support/report.ts';
import { percentile } from './support/stats.ts';

const BENCH = 'pdf';
const PATCHES = 100;
const WARM_UP_RUNS = 1;
const RUNS = Number(process.env.PDF_RUNS ?? 5);
const BAR_MS = 2_000;

function benchRack(): ExportRack {
  const catalog = new Map(loadCatalog().map((m) => [m.id, m]));
  const modules = fortyModuleRack();
  const doc = new Y.Doc();
  initRack(doc, { caseId: 'bench-case', rows: Array.from({ length: 5 }, () => ({ hp: 126 })) });
  for (const m of modules) addModule(doc, { id: m.id, catalogId: m.catalogId, widthHp: catalog.get(m.catalogId)!.hp });
  const { patches } = generatePatches({ modules, catalog: [...catalog.values()], seed: 'bench-pdf', count: PATCHES });
  writePatches(doc, patches);
  writePatterns(doc, generatePatterns({ seed: 'bench-pdf', count: 1, tracks: 8, steps: 16 }).patterns);
  return { id: 'bench', name: 'Bench Rack', ownerName: 'Bench Owner', caseName: 'Bench case', snapshot: toSnapshot(doc), catalog };
}

function pdfPages(bytes: Buffer): number | null {
  const dir = mkdtempSync(join(tmpdir(), 'bench-pdf-'));
  try {
    writeFileSync(join(dir, 'book.pdf'), bytes);
    const info = execFileSync('pdfinfo', [join(dir, 'book.pdf')], { encoding: 'utf8' });
    return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? Number.NaN);
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const rack = benchRack();
  note(BENCH, `${rack.snapshot.patches.length} patches, ${rack.snapshot.modules.length} modules, ${rack.snapshot.patches.reduce((n, p) => n + p.cables.length, 0)} cables`);
  for (let i = 0; i < WARM_UP_RUNS; i++) await buildPatchBook(rack);
  const runs: number[] = [];
  const cpu: number[] = [];
  const baseline: number[] = [];
  let bytes: Buffer = Buffer.alloc(0);
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    bytes = (await buildPatchBook(rack)).bytes;
    runs.push(performance.now() - started);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
    const jsonStarted = performance.now();
    JSON.parse(rackFile(rack));
    baseline.push(performance.now() - jsonStarted);
  }
  // PDF_BENCH_OUT=book.pdf keeps the last book, to look at.
  if (process.env.PDF_BENCH_OUT) writeFileSync(process.env.PDF_BENCH_OUT, bytes);
  const median = percentile(runs, 50);
  emit({
    bench: BENCH,
    metric: `${PATCHES}-patch book, median of ${RUNS} runs`,
    value: median,
    unit: 'ms',
    baseline: percentile(baseline, 50),
    bar: `< ${BAR_MS} ms`,
    ok: median < BAR_MS,
    detail: {
      baselineIs: 'the same rack written and read as its JSON file, same run',
      wallMsRuns: runs.map((ms) => Math.round(ms)),
      // CPU time of this process: on a loaded machine the wall time also counts waiting for a core.
      cpuMsMedian: Math.round(percentile(cpu, 50)),
      bytes: bytes.length,
      pages: pdfPages(bytes),
      modules: rack.snapshot.modules.length,
      cables: rack.snapshot.patches.reduce((n, p) => n + p.cables.length, 0),
    },
  });
}
