// Web client: what a user waits for. The real server (one process, as `npm start` runs it) serves
// the built client; headless Chromium measures
//   - the first page's JavaScript (the login page), gzip-compressed, against 200 kB;
//   - a room with 100 modules and 300 cables: navigation → every panel drawn with its face, every
//     cable drawn, and a click on a module selecting it, against 2 s (fresh browser cache each run);
//   - a knob turned with the keyboard → its new value on screen, while another client writes 10
//     edits a second into the same room (reported, no bar);
//   - the frames drawn while the canvas is panned, alone and while that client edits (reported).
// The room is seeded by a real HocuspocusProvider in this process, signed in through tRPC over HTTP.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AppRouter } from '@patchroom/api';
import { addModule, connect, listModules, setKnob, withOrigin } from '@patchroom/doc-model';
import type { CatalogCase, CatalogModule } from '@patchroom/engine';
import { chromium, type Browser, type Page } from '@playwright/test';
import { createTRPCClient, httpLink } from '@trpc/client';
import { startPatchroom, type PatchroomServer } from '../e2e/support/server.ts';
import { openProvider, type ProviderClient } from './support/providers.ts';
import { emit, failDeterministic, note } from './support/report.ts';
import { sleep, summarize, waitUntil } from './support/stats.ts';

const BENCH = 'web';
const MODULES = 100;
const CABLES = 300;
const INTERACTIVE_RUNS = 5;
const LATENCY_TRIES = 30;
const BACKGROUND_EDITS_PER_SECOND = 10;
const FIRST_PAGE_BAR_KB = 200;
const INTERACTIVE_BAR_MS = 2_000;
const SESSION_COOKIE = 'patchroom_session';
/** What counts as "this module is selected" on screen: the selection bar, or tldraw's frame. */
const SELECTED = '[role="toolbar"][aria-label="Selected modules"], .tl-selection__fg';

export async function run(): Promise<void> {
  const dist = builtClient();
  const server = await startPatchroom();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const clients: ProviderClient[] = [];
  try {
    await measureFirstPage(browser, server.url, dist);
    const room = await seedRoom(server, clients);
    const page = await measureInteractive(browser, server.url, room);
    await measureKnobLatency(page, server, room, clients);
  } finally {
    for (const client of clients) client.destroy();
    await browser.close();
    await server.dispose();
  }
}

/** The built client this run serves: WEB_DIST when given, else apps/web/dist brought up to date. */
function builtClient(): string {
  if (process.env.WEB_DIST) return resolve(process.env.WEB_DIST);
  const result = spawnSync(process.execPath, ['scripts/ensure-built.mjs'], { stdio: ['ignore', 2, 2] });
  if (result.status !== 0) throw new Error('the web client could not be built');
  return resolve('apps/web/dist');
}

async function measureFirstPage(browser: Browser, baseUrl: string, dist: string): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts = new Set<string>();
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script' && response.ok()) scripts.add(new URL(response.url()).pathname);
  });
  await page.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
  await page.getByRole('button', { name: 'Log in' }).waitFor();
  await context.close();
  let raw = 0;
  let gzip = 0;
  const files: Record<string, number> = {};
  for (const path of scripts) {
    const bytes = readFileSync(join(dist, path));
    const zipped = gzipSync(bytes, { level: 9 }).byteLength;
    raw += bytes.byteLength;
    gzip += zipped;
    files[path] = Math.round(zipped / 100) / 10;
  }
  if (scripts.size === 0) throw new Error('the login page loaded no JavaScript');
  const kb = gzip / 1000;
  // tldraw and the canvas live in the RackCanvas chunk (the only one holding tldraw's code).
  const canvasScripts = [...scripts].filter((s) => /RackCanvas|tldraw/i.test(s));
  const ok = kb < FIRST_PAGE_BAR_KB && canvasScripts.length === 0;
  emit({
    bench: BENCH,
    metric: 'first page JS gzip',
    value: kb,
    unit: 'kB',
    bar: `< ${FIRST_PAGE_BAR_KB} kB gzip, no canvas code (it loads lazily, in the room)`,
    ok,
    detail: { rawKb: Math.round(raw / 100) / 10, files, canvasScripts },
  });
  // Bytes served are the same on every run: a miss is a regression, not noise.
  if (!ok) failDeterministic();
}

interface SeededRoom {
  rackId: string;
  /** A rack in the same case with nothing in it: the baseline (app, canvas and case drawn). */
  emptyRackId: string;
  token: string;
  /** The module whose knob the latency test turns, and a knob of another module for the background writer. */
  /** The module a click selects and whose first knob the latency test turns (row 1, far left: no cable crosses its top). */
  probe: { moduleId: string; knobLabel: string };
  /** A knob of another kind of module, turned by the background writer. */
  background: { moduleId: string; controlId: string };
}

/** Signs up, creates a rack in the largest case and fills its room through a real provider. */
async function seedRoom(server: PatchroomServer, clients: ProviderClient[]): Promise<SeededRoom> {
  const api = trpcSession(server.url);
  await api.client.auth.signUp.mutate({ email: `bench-${Date.now()}@example.test`, password: 'correct horse battery', displayName: 'Bench' });
  const token = api.token();
  const cases = await api.client.catalog.cases.query();
  const rackCase = largestCase(cases);
  const { id: rackId } = await api.client.racks.create.mutate({ name: 'Hundred modules', caseId: rackCase.id });
  const { id: emptyRackId } = await api.client.racks.create.mutate({ name: 'Empty', caseId: rackCase.id });
  const catalog = await allModules(api.client);
  const wsUrl = `${server.url.replace(/^http/, 'ws')}/collab`;
  const seeder = openProvider(wsUrl, `rack:${rackId}`, token, { awareness: false });
  clients.push(seeder);
  await seeder.synced;
  const { doc } = seeder;
  const chosen = chooseModules(rackCase, catalog);
  const byId = new Map(catalog.map((m) => [m.id, m]));
  const origin = 'bench-seed';
  // One transaction per kind of edit: a user would take minutes, the collab's message-rate limit seconds.
  withOrigin(doc, origin, () => {
    for (const { module, slot } of chosen) addModule(doc, { catalogId: module.id, widthHp: module.hp, slot });
  });
  const placed = listModules(doc);
  withOrigin(doc, origin, () => patchCables(doc, placed, byId));
  await waitUntil(() => !seeder.provider.hasUnsyncedChanges, 'the seeded room to be stored', 30_000);

  const knobOf = (m: (typeof placed)[number]) => byId.get(m.catalogId)?.controls.find((c) => c.kind === 'knob' && c.max > c.min);
  const probeModule = placed.find((m) => knobOf(m) && m.row === 0);
  const probeKnob = probeModule && knobOf(probeModule);
  const backgroundModule = placed.find((m) => knobOf(m) && m.catalogId !== probeModule?.catalogId);
  const backgroundControl = backgroundModule && knobOf(backgroundModule);
  if (!probeModule || !probeKnob || !backgroundModule || !backgroundControl) throw new Error('no knobs in the seeded rack');
  note(BENCH, `seeded ${placed.length} modules and ${CABLES} cables into ${rackCase.manufacturer} ${rackCase.name}`);
  return {
    rackId,
    emptyRackId,
    token,
    probe: { moduleId: probeModule.id, knobLabel: `${byId.get(probeModule.catalogId)!.name} ${probeKnob.name}` },
    background: { moduleId: backgroundModule.id, controlId: backgroundControl.id },
  };
}

/**
 * Time from navigation to a usable room, in fresh browser contexts (nothing cached), each run
 * after the same measure on an empty rack of the same case (the app, the canvas and the case's
 * rows drawn): the baseline that shows what the 100 modules and 300 cables add.
 *
 * Usable = every panel and cable drawn, plus what a click at that moment waits for: the rest of
 * any task the page is busy with then, and the click's own response (pointer down → the module
 * shown selected), measured on a real click. The click itself comes later, after this script's
 * round trips to the browser; that "click-through" time is reported too but is not the user's.
 */
async function measureInteractive(browser: Browser, baseUrl: string, room: SeededRoom): Promise<Page> {
  const runs: { empty: number; panels: number; cables: number; interactive: number; response: number; clickThrough: number }[] = [];
  let page: Page | null = null;
  for (let i = 0; i < INTERACTIVE_RUNS; i += 1) {
    // One tab at a time, as a user has: the previous run's room is closed first.
    if (page) await page.context().close();
    const emptyPage = await freshPage(browser, baseUrl, room.token);
    await emptyPage.goto(`${baseUrl}/racks/${room.emptyRackId}`, { waitUntil: 'commit' });
    const empty = await pageClockWhen(emptyPage, EMPTY_ROOM_READY);
    await emptyPage.context().close();

    page = await freshPage(browser, baseUrl, room.token);
    await page.goto(`${baseUrl}/racks/${room.rackId}`, { waitUntil: 'commit' });
    const panels = await pageClockWhen(page, PANELS_DRAWN);
    const cables = await pageClockWhen(page, CABLES_DRAWN);
    // The panel's title strip: knobs and jacks sit lower, and cables hang down from the jacks.
    const box = (await probePanel(page, room).boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + Math.min(14, box.height / 10));
    const clickThrough = await pageClockWhen(page, MODULE_SELECTED);
    const input = (await page.evaluate('window.__benchInput')) as BenchInput;
    if (!input.pointerDownAt) throw new Error('the click never reached the page');
    const drawn = Math.max(panels, cables);
    const busy = input.longTasks.find(([start, end]) => start <= drawn && drawn < end);
    const response = clickThrough - input.pointerDownAt;
    const interactive = drawn + (busy ? busy[1] - drawn : 0) + response;
    runs.push({ empty, panels, cables, interactive, response, clickThrough });
    note(
      BENCH,
      `run ${i + 1}: empty room ${empty.toFixed(0)} ms; full room: panels ${panels.toFixed(0)} ms, cables ${cables.toFixed(0)} ms, ` +
        `interactive ${interactive.toFixed(0)} ms (click response ${response.toFixed(0)} ms; click-through ${clickThrough.toFixed(0)} ms)`,
    );
  }
  const p50 = (pick: (r: (typeof runs)[number]) => number) => Math.round(summarize(runs.map(pick)).p50);
  const interactive = summarize(runs.map((r) => r.interactive));
  const empty = summarize(runs.map((r) => r.empty));
  emit({
    bench: BENCH,
    metric: 'room interactive p50',
    value: interactive.p50,
    unit: 'ms',
    baseline: empty.p50,
    bar: `< ${INTERACTIVE_BAR_MS} ms (${MODULES} modules, ${CABLES} cables)`,
    ok: interactive.p50 < INTERACTIVE_BAR_MS,
    detail: {
      runs: INTERACTIVE_RUNS,
      worst: Math.round(interactive.max),
      panelsDrawnP50: p50((r) => r.panels),
      cablesDrawnP50: p50((r) => r.cables),
      clickResponseP50: p50((r) => r.response),
      clickThroughP50: p50((r) => r.clickThrough),
      baseline: 'empty rack of the same case, same run',
      freshBrowserCache: true,
    },
  });
  return page!;
}

/** What the page saw of input and of its own busy periods (see WATCH_INPUT). */
interface BenchInput {
  pointerDownAt: number;
  longTasks: [number, number][];
}

/** A signed-in tab in a new browser context: empty cache, as on a first visit. */
async function freshPage(browser: Browser, baseUrl: string, token: string): Promise<Page> {
  // bypassCSP: the probes below are polled as expressions, which the app's CSP (rightly) forbids.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: baseUrl }]);
  await context.addInitScript(WATCH_INPUT);
  return context.newPage();
}

/**
 * Keyboard → value on screen for one knob (in-page clock: the keydown event to the first frame
 * after its aria-valuenow changed), while another client writes knob edits into the room.
 */
async function measureKnobLatency(page: Page, server: PatchroomServer, room: SeededRoom, clients: ProviderClient[]): Promise<void> {
  const writer = openProvider(`${server.url.replace(/^http/, 'ws')}/collab`, `rack:${room.rackId}`, room.token, { awareness: false });
  clients.push(writer);
  await writer.synced;
  // Panning the full room: alone, then while the other client edits (the baseline is the first).
  const alone = await panFrames(page);
  let turns = 0;
  const background = setInterval(() => {
    turns += 1;
    setKnob(writer.doc, { ...room.background, value: (turns % 100) / 100 });
  }, 1_000 / BACKGROUND_EDITS_PER_SECOND);
  try {
    const knob = probePanel(page, room).getByRole('slider', { name: room.probe.knobLabel, exact: true });
    await knob.focus();
    await page.evaluate(WATCH_FOCUSED_KNOB);
    const samples = async () => (await page.evaluate('window.__knobLatency.samples')) as number[];
    for (let i = 0; i < LATENCY_TRIES; i += 1) {
      const [now, max] = await Promise.all([knob.getAttribute('aria-valuenow'), knob.getAttribute('aria-valuemax')]);
      await page.keyboard.press(Number(now) < Number(max) && i % 2 === 0 ? 'ArrowUp' : 'ArrowDown');
      await waitUntil(async () => (await samples()).length > i, `knob change ${i + 1} on screen`, 5_000);
      await sleep(60 + (i % 5) * 17);
    }
    const latencies = await samples();
    const stats = summarize(latencies);
    const detail = { tries: LATENCY_TRIES, backgroundEditsPerSecond: BACKGROUND_EDITS_PER_SECOND, backgroundEdits: turns };
    emit({ bench: BENCH, metric: 'knob key → value on screen p50', value: stats.p50, unit: 'ms', detail });
    emit({ bench: BENCH, metric: 'knob key → value on screen p95', value: stats.p95, unit: 'ms', detail });
    const busy = await panFrames(page);
    emit({
      bench: BENCH,
      metric: 'frame interval p95 while panning, others editing',
      value: busy.p95,
      unit: 'ms',
      baseline: alone.p95,
      ratio: Math.round((busy.p95 / alone.p95) * 1000) / 1000,
      detail: { ...detail, frames: busy.frames, longFrames: busy.longFrames, aloneLongFrames: alone.longFrames, p50: busy.p50, aloneP50: alone.p50, baselineIs: 'the same panning with nobody else editing, same run' },
    });
  } finally {
    clearInterval(background);
  }
}

const PAN_STEPS = 60;
const LONG_FRAME_MS = 50;

/** Pans the canvas with the wheel for about 3 s and times every animation frame meanwhile. */
async function panFrames(page: Page): Promise<{ p50: number; p95: number; frames: number; longFrames: number }> {
  // From the canvas' top-left corner, off the panels: over a knob the wheel turns the knob.
  const canvas = (await page.locator('.tl-canvas').boundingBox())!;
  await page.mouse.move(canvas.x + 12, canvas.y + 12);
  await page.evaluate(WATCH_FRAMES);
  for (let i = 0; i < PAN_STEPS; i += 1) {
    // Back and forth, so the rack stays in view.
    await page.mouse.wheel(i % 20 < 10 ? 40 : -40, 0);
    await sleep(50);
  }
  const intervals = (await page.evaluate(STOP_FRAMES)) as number[];
  const stats = summarize(intervals);
  return { p50: stats.p50, p95: stats.p95, frames: intervals.length, longFrames: intervals.filter((ms) => ms > LONG_FRAME_MS).length };
}

// In-page probes, as expressions: this file is type-checked without the DOM library, and the
// page's clock (performance.now(), from the navigation's start) is what they return.
const PANELS_DRAWN = `(() => {
  const shapes = [...document.querySelectorAll('[data-testid="module-shape"]')];
  return shapes.length >= ${MODULES} && shapes.every((s) => !s.textContent.includes('Loading…')) ? performance.now() : 0;
})()`;
const CABLES_DRAWN = `document.querySelectorAll('[data-testid="cable"]').length >= ${CABLES} ? performance.now() : 0`;
/** The canvas is up and the case's rows (read from the synced document) are drawn. */
const EMPTY_ROOM_READY = `document.querySelector('.tl-canvas') && document.querySelector('.rack-row') ? performance.now() : 0`;
/** Installed before the app's code: the first pointer down's time, and every long task (≥ 50 ms). */
const WATCH_INPUT = `(() => {
  const state = { pointerDownAt: 0, longTasks: [] };
  window.__benchInput = state;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) state.longTasks.push([e.startTime, e.startTime + e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  window.addEventListener('pointerdown', (e) => { if (!state.pointerDownAt) state.pointerDownAt = e.timeStamp; }, true);
})()`;
const MODULE_SELECTED = `document.querySelector(${JSON.stringify(SELECTED)}) ? performance.now() : 0`;
/** Times each keydown on the focused knob to the first frame after its value changed. */
const WATCH_FRAMES = `(() => {
  const state = { intervals: [], last: performance.now(), id: 0 };
  window.__frames = state;
  const tick = (t) => {
    state.intervals.push(t - state.last);
    state.last = t;
    state.id = requestAnimationFrame(tick);
  };
  state.id = requestAnimationFrame(tick);
})()`;
const STOP_FRAMES = `(() => {
  cancelAnimationFrame(window.__frames.id);
  return window.__frames.intervals.slice(1);
})()`;
const WATCH_FOCUSED_KNOB = `(() => {
  const knob = document.activeElement;
  const state = { started: 0, samples: [] };
  window.__knobLatency = state;
  window.addEventListener('keydown', (e) => { if (e.target === knob) state.started = performance.now(); }, true);
  new MutationObserver(() => {
    const started = state.started;
    if (!started) return;
    state.started = 0;
    requestAnimationFrame(() => state.samples.push(performance.now() - started));
  }).observe(knob, { attributes: true, attributeFilter: ['aria-valuenow'] });
})()`;

/** Polls an in-page probe every frame until it returns the page's clock (non-zero). */
async function pageClockWhen(page: Page, probe: string): Promise<number> {
  const handle = await page.waitForFunction(probe, undefined, { polling: 'raf', timeout: 30_000 });
  return (await handle.jsonValue()) as number;
}

function probePanel(page: Page, room: SeededRoom) {
  return page.locator(`[data-testid="module-shape"][data-module-id="${room.probe.moduleId}"]`);
}

/** A tRPC client that keeps the session cookie the server sets, as a browser would. */
function trpcSession(baseUrl: string) {
  let token = '';
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${baseUrl}/trpc`,
        headers: () => ({ 'x-requested-with': 'patchroom', ...(token ? { cookie: `${SESSION_COOKIE}=${token}` } : {}) }),
        fetch: async (url, init) => {
          const response = await fetch(url, init);
          for (const cookie of response.headers.getSetCookie()) {
            const match = new RegExp(`^${SESSION_COOKIE}=([^;]+)`).exec(cookie);
            if (match?.[1]) token = match[1];
          }
          return response;
        },
      }),
    ],
  });
  return {
    client,
    token() {
      if (!token) throw new Error('signing up set no session cookie');
      return token;
    },
  };
}

type Api = ReturnType<typeof trpcSession>['client'];

async function allModules(client: Api): Promise<CatalogModule[]> {
  const out: CatalogModule[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: CatalogModule[]; nextCursor: string | null } = await client.catalog.modules.query({ limit: 100, cursor });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

function largestCase(cases: CatalogCase[]): CatalogCase {
  const hp = (c: CatalogCase) => c.rows.reduce((sum, row) => sum + row.hp, 0);
  const best = [...cases].sort((a, b) => hp(b) - hp(a) || a.id.localeCompare(b.id))[0];
  if (!best) throw new Error('the catalog has no cases');
  return best;
}

const inputsOf = (m: CatalogModule) => m.jacks.filter((j) => j.dir === 'in').length;

interface Placement {
  module: CatalogModule;
  slot: { row: number; hp: number };
}

/**
 * A hundred real modules that fill the case the way a utility-heavy performance rack does: 1U
 * tiles in its 1U rows; 4 HP and 2 HP modules (with three inputs or more, so 300 cables find free
 * inputs) side by side in its 3U rows, as many 4 HP ones as the space allows.
 */
function chooseModules(rackCase: CatalogCase, catalog: CatalogModule[]): Placement[] {
  const height = (m: CatalogModule) => (m as CatalogModule & { heightU?: number }).heightU ?? 3;
  const byInputs = (a: CatalogModule, b: CatalogModule) => inputsOf(b) - inputsOf(a) || a.id.localeCompare(b.id);
  const tiles = catalog.filter((m) => height(m) === 1 && m.jacks.length > 0).sort(byInputs);
  const busy = (hp: number) => catalog.filter((m) => height(m) === 3 && m.hp === hp && m.controls.length > 0 && inputsOf(m) >= 3).sort(byInputs);
  const twoHp = busy(2);
  const fourHp = busy(4);
  if (twoHp.length === 0 || fourHp.length === 0) throw new Error('the catalog has no 2 HP or 4 HP modules with three inputs');
  const rows = rackCase.rows.map((row, index) => ({ index, hp: row.hp, tall: row.heightU !== 1 }));
  const placements: Placement[] = [];
  for (const row of rows.filter((r) => !r.tall)) {
    let at = 0;
    for (let i = 0; tiles.length > 0; i += 1) {
      const tile = tiles[i % tiles.length]!;
      if (at + tile.hp > row.hp) break;
      placements.push({ module: tile, slot: { row: row.index, hp: at } });
      at += tile.hp;
    }
  }
  const left = MODULES - placements.length;
  const tallRows = rows.filter((r) => r.tall);
  const space = tallRows.reduce((sum, row) => sum + row.hp, 0);
  // 4a + 2b = space, a + b = left  ⇒  a = (space − 2·left) / 2, rounded down so everything fits.
  const four = Math.max(0, Math.min(left, Math.floor((space - 2 * left) / 2)));
  const modules = [...Array.from({ length: four }, (_, i) => fourHp[i % fourHp.length]!), ...Array.from({ length: left - four }, (_, i) => twoHp[i % twoHp.length]!)];
  let row = 0;
  let at = 0;
  for (const module of modules) {
    while (tallRows[row] && at + module.hp > tallRows[row]!.hp) {
      row += 1;
      at = 0;
    }
    const target = tallRows[row];
    if (!target) throw new Error(`${MODULES} modules do not fit ${rackCase.name}`);
    placements.push({ module, slot: { row: target.index, hp: at } });
    at += module.hp;
  }
  return placements;
}

/** 300 cables, each into its own input, from outputs of other modules spread over the rack. */
function patchCables(doc: Parameters<typeof connect>[0], placed: ReturnType<typeof listModules>, byId: Map<string, CatalogModule>): void {
  const inputs = placed.flatMap((m) => (byId.get(m.catalogId)?.jacks ?? []).filter((j) => j.dir === 'in').map((j) => ({ moduleId: m.id, jackId: j.id })));
  const outputs = placed.flatMap((m) => (byId.get(m.catalogId)?.jacks ?? []).filter((j) => j.dir === 'out').map((j) => ({ moduleId: m.id, jackId: j.id })));
  if (inputs.length < CABLES || outputs.length === 0) throw new Error(`only ${inputs.length} inputs for ${CABLES} cables`);
  for (let i = 0; i < CABLES; i += 1) {
    const to = inputs[i]!;
    let k = (i * 37) % outputs.length;
    while (outputs[k]!.moduleId === to.moduleId) k = (k + 1) % outputs.length;
    connect(doc, { from: outputs[k]!, to });
  }
}
