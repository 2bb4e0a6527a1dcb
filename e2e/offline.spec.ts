// A room opened before opens again with no network at all: the service worker serves the app,
// IndexedDB the rack, localStorage the rack's details. Edits made there survive a reload and
// reach the server when it is back.
import { expect, test, type Page } from '@playwright/test';
import { addFromPalette, expectSaved, jack, knob, modulePanels, patchByKeyboard } from './support/room.ts';
import { serverForThisFile } from './support/server-per-file.ts';
import { createRack, signUp } from './support/users.ts';

const server = serverForThisFile();

const VCO = 'A-110-1 Standard VCO';
const VCF = 'A-120 VCF 1 (24 dB Low Pass)';
const CABLE = `Cable from ${VCO} Saw output to ${VCF} Audio In input`;

async function expectRoomShown(page: Page, tune: string) {
  await expect(modulePanels(page)).toHaveCount(2);
  await expect(page.getByRole('button', { name: CABLE })).toHaveCount(1);
  await expect(knob(page, VCO, 'Tune')).toHaveAttribute('aria-valuenow', tune);
}

test('a rack opened before opens and reloads offline, keeps offline edits, and saves them when back', async ({ browser, page }) => {
  test.setTimeout(150_000);
  await signUp(page, server.url, 'Ada');
  const rackId = await createRack(page, 'Travel rack');
  await addFromPalette(page, 'A-110-1', 'Doepfer', 'A-110-1');
  await expect(modulePanels(page)).toHaveCount(1);
  await addFromPalette(page, 'A-120', 'Doepfer', 'A-120');
  await expect(modulePanels(page)).toHaveCount(2);
  await patchByKeyboard(page, jack(page, VCO, 'Saw', 'output'), jack(page, VCF, 'Audio In', 'input'));
  const tuneOnline = (await knob(page, VCO, 'Tune').getAttribute('aria-valuenow'))!;
  await expectSaved(page);

  // Once the service worker runs, a visit through it keeps the app's code (the canvas too).
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await expect(page.evaluate(() => navigator.serviceWorker.controller !== null)).resolves.toBe(true);
  await expectRoomShown(page, tuneOnline);
  await expectSaved(page);

  await test.step('no network and no server: the room opens from this device', async () => {
    await page.context().setOffline(true);
    await server.stop();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Travel rack' })).toBeVisible();
    await expectRoomShown(page, tuneOnline);
    await expect(page.getByTestId('connection-status')).toHaveText('Offline');
  });

  let tuneOffline = '';
  await test.step('an edit made offline survives another offline reload', async () => {
    await knob(page, VCO, 'Tune').focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowUp');
    await expect(knob(page, VCO, 'Tune')).not.toHaveAttribute('aria-valuenow', tuneOnline);
    tuneOffline = (await knob(page, VCO, 'Tune').getAttribute('aria-valuenow'))!;
    await page.reload();
    await expectRoomShown(page, tuneOffline);
    await expect(page.getByTestId('connection-status')).toHaveText('Offline');
  });

  await test.step('back online, the edit is saved: another device without the local copy sees it', async () => {
    await server.restart();
    await page.context().setOffline(false);
    await expectSaved(page);
    const other = await (await browser.newContext({ storageState: await page.context().storageState() })).newPage();
    await other.goto(`${server.url}/racks/${rackId}`);
    await expectSaved(other);
    await expectRoomShown(other, tuneOffline);
  });
});
