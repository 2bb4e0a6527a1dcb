import { expect, test, type Page } from '@playwright/test';
import { openSequencer, shareRack, stepButton } from './support/room.ts';
import { serverForThisFile } from './support/server-per-file.ts';
import { createRack, signUp } from './support/users.ts';

// Two people in one room: one presses play, both hear the same beat at the same moment.
// Each page exposes what its scheduler handed to its AudioContext (window.__patchroomTransport,
// a test hook): per onset its beat, its shared-clock time (computed back from the context time
// through the clock mapping) and the machine's clock when it is heard. Bea's page believes its
// clock is 4 s off (window.__patchroomClockSkewMs): only clock sync can line her up with Ada.

const server = serverForThisFile();

interface Onset {
  beat: number;
  track: number;
  sharedMs: number;
  machineMs: number;
}

/** What the page's test hook holds (apps/web/src/transport/scheduler.ts). */
type TestWindow = { __patchroomTransport?: { scheduled: Onset[] }; __patchroomClockSkewMs?: number };

async function onsets(page: Page): Promise<Onset[]> {
  const all = await page.evaluate(() => (globalThis as TestWindow).__patchroomTransport?.scheduled ?? []);
  return all.filter((o) => o.track === 0).map(({ beat, track, sharedMs, machineMs }) => ({ beat, track, sharedMs, machineMs }));
}

function byBeat(list: Onset[]): Map<number, Onset> {
  return new Map(list.map((o) => [o.beat, o]));
}

/** Beats both pages scheduled, with how far apart their onsets are (shared clock, machine clock). */
async function commonBeats(a: Page, b: Page) {
  const [fromA, fromB] = [byBeat(await onsets(a)), byBeat(await onsets(b))];
  return [...fromA.keys()]
    .filter((beat) => fromB.has(beat))
    .sort((x, y) => x - y)
    .map((beat) => ({
      beat,
      a: fromA.get(beat)!,
      sharedSpread: Math.abs(fromA.get(beat)!.sharedMs - fromB.get(beat)!.sharedMs),
      machineSpread: Math.abs(fromA.get(beat)!.machineMs - fromB.get(beat)!.machineMs),
    }));
}

/**
 * Where the tempo changed from 500 ms a beat to `newBeatMs`, from the onsets alone (a loaded
 * machine may skip some): beats before the change sit on start + beat × 500; an onset k after
 * it sits on start + B × 500 + (k − B) × newBeatMs, which gives B. Null until one is heard.
 */
function tempoChangeBeat(list: Onset[], newBeatMs: number): number | null {
  const sorted = [...list].sort((x, y) => x.beat - y.beat);
  const start = sorted[0] ? sorted[0].sharedMs - sorted[0].beat * 500 : 0;
  const after = sorted.filter((o) => Math.abs(o.sharedMs - start - o.beat * 500) > 2);
  if (after.length === 0) return null;
  const estimates = after.map((o) => (o.beat * newBeatMs - (o.sharedMs - start)) / (newBeatMs - 500));
  return Math.round(estimates[0]! * 100) / 100;
}

test('two people hear the same beat: play reaches both, onsets agree within 2 ms, a tempo change lands on the next bar', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const ada = await (await browser.newContext()).newPage();
  const beaContext = await browser.newContext();
  await beaContext.addInitScript(() => {
    (globalThis as TestWindow).__patchroomClockSkewMs = 4_000;
  });
  const bea = await beaContext.newPage();
  const beaEmail = await signUp(bea, server.url, 'Bea');
  await signUp(ada, server.url, 'Ada');
  const rackId = await createRack(ada, 'Groove lab');
  await shareRack(ada, beaEmail, 'Editor');

  await test.step('Ada writes a pattern of quarter notes; the first click turns sound on; both sync', async () => {
    await openSequencer(ada);
    await ada.getByRole('button', { name: 'New pattern' }).click();
    for (const step of [1, 5, 9, 13]) await stepButton(ada, 1, step).click();
    await bea.goto(`${server.url}/racks/${rackId}`);
    await expect(bea.getByRole('button', { name: 'Enable sound' })).toBeVisible();
    await openSequencer(bea);
    await expect(stepButton(bea, 1, 13)).toHaveAttribute('aria-pressed', 'true');
    for (const page of [ada, bea]) {
      await expect(page.getByRole('button', { name: 'Enable sound' })).toHaveCount(0);
      await expect(page.getByTestId('clock-sync-status')).toHaveText(/^Synced ±\d+\.\d ms$/, { timeout: 20_000 });
    }
  });

  await test.step('Ada presses play; Bea’s transport plays too, and both schedule the same beats within 2 ms', async () => {
    await ada.getByLabel('Transport BPM').fill('120');
    await ada.getByRole('button', { name: 'Play', exact: true }).click();
    await expect(bea.getByRole('button', { name: 'Stop', exact: true })).toBeVisible();
    await expect.poll(async () => (await commonBeats(ada, bea)).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(6);
    const beats = await commonBeats(ada, bea);
    for (const { beat, sharedSpread, machineSpread } of beats) {
      expect(sharedSpread, `beat ${beat} on the shared clock`).toBeLessThanOrEqual(2);
      // Both pages run on this machine: its clock is the truth, Bea's 4 s skew must be gone.
      expect(machineSpread, `beat ${beat} on the machine's clock`).toBeLessThanOrEqual(2);
    }
    // The playhead moves in both grids.
    await expect(ada.locator('.seq-grid[data-playhead]')).toHaveCount(1);
    await expect(bea.locator('.seq-grid[data-playhead]')).toHaveCount(1);
  });

  await test.step('Bea changes the tempo; it lands on the next bar for both', async () => {
    await bea.getByLabel('Transport BPM').fill('90');
    await bea.getByLabel('Transport BPM').press('Enter');
    // 90 BPM: 666.7 ms from beat to beat (it was 500 ms).
    const changedAt = async (page: Page) => tempoChangeBeat(await onsets(page), 60_000 / 90);
    await expect.poll(() => changedAt(ada), { timeout: 30_000 }).not.toBeNull();
    await expect.poll(() => changedAt(bea), { timeout: 30_000 }).not.toBeNull();
    const [atA, atB] = [await changedAt(ada), await changedAt(bea)];
    // The same downbeat for both: a whole bar (4 beats), later than the last beat before the change.
    expect(atA).toBe(atB);
    expect(atA! % 4).toBe(0);
    await expect
      .poll(async () => (await commonBeats(ada, bea)).filter((c) => c.beat > atA!).length, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(2);
    for (const { beat, sharedSpread, machineSpread } of await commonBeats(ada, bea)) {
      expect(sharedSpread, `beat ${beat}`).toBeLessThanOrEqual(2);
      expect(machineSpread, `beat ${beat}`).toBeLessThanOrEqual(2);
    }
  });

  await test.step('Bea stops; Ada’s transport stops', async () => {
    await bea.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(ada.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  });
});
