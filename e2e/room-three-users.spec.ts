import { expect, test, type Page } from '@playwright/test';
import {
  addFromPalette,
  expectSaved,
  hpOf,
  jack,
  knob,
  modulePanel,
  modulePanels,
  openSequencer,
  patchByKeyboard,
  shareRack,
  stepButton,
  trackRhythm,
} from './support/room.ts';
import { serverForThisFile } from './support/server-per-file.ts';
import { createRack, signUp } from './support/users.ts';

const server = serverForThisFile();

const VCO = 'A-110-1 Standard VCO';
const VCF = 'A-120 VCF 1 (24 dB Low Pass)';
const ADSR = 'A-140 ADSR';
const VCA = 'A-130 Linear VCA';
const CABLE = `Cable from ${VCO} Saw output to ${VCF} Audio In input`;

/** Moves the pointer over the middle of the canvas so the others see this user's cursor. */
async function wave(page: Page): Promise<void> {
  const box = (await page.locator('.tl-canvas').boundingBox())!;
  for (let i = 0; i < 5; i++) await page.mouse.move(box.x + box.width / 2 + i * 12, box.y + box.height / 3 + i * 6);
}

function cursorOf(page: Page, name: string) {
  return page.locator('.tl-collaborators__item .tl-nametag', { hasText: name });
}

async function panelBox(page: Page) {
  return (await modulePanels(page).first().boundingBox())!;
}

/** The first panel's box once the camera has stopped moving (follow mode animates). */
async function settledPanelBox(page: Page) {
  let last = await panelBox(page);
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(150);
    const next = await panelBox(page);
    if (next.x === last.x && next.y === last.y) return next;
    last = next;
  }
  return last;
}

test('three people build, patch, play and undo in one rack, one of them offline for a while', async ({ browser }) => {
  test.setTimeout(240_000);
  const adaContext = await browser.newContext();
  const ada = await adaContext.newPage();
  const bea = await (await browser.newContext()).newPage();
  const cem = await (await browser.newContext()).newPage();
  const everyone = [ada, bea, cem];

  const beaEmail = await signUp(bea, server.url, 'Bea');
  const cemEmail = await signUp(cem, server.url, 'Cem');
  await signUp(ada, server.url, 'Ada');
  const rackId = await createRack(ada, 'Three of us');
  await shareRack(ada, beaEmail, 'Editor');
  await shareRack(ada, cemEmail, 'Editor');
  await ada.getByRole('button', { name: 'Share', exact: true }).click();
  for (const page of [bea, cem]) await page.goto(`${server.url}/racks/${rackId}`);
  for (const page of everyone) await expectSaved(page);

  await test.step('Ada places two modules; everyone sees them', async () => {
    await addFromPalette(ada, 'A-110-1', 'Doepfer', 'A-110-1');
    await expect(modulePanels(ada)).toHaveCount(1);
    await addFromPalette(ada, 'A-120', 'Doepfer', 'A-120');
    for (const page of everyone) await expect(modulePanels(page)).toHaveCount(2);
  });

  await test.step('each sees the others’ cursors', async () => {
    await wave(ada);
    await wave(bea);
    await wave(cem);
    await expect(cursorOf(bea, 'Ada')).toBeVisible();
    await expect(cursorOf(cem, 'Ada')).toBeVisible();
    await expect(cursorOf(ada, 'Bea')).toBeVisible();
    await expect(cursorOf(ada, 'Cem')).toBeVisible();
    await expect(cursorOf(bea, 'Cem')).toBeVisible();
    await expect(cursorOf(cem, 'Bea')).toBeVisible();
  });

  await test.step('Bea patches the oscillator into the filter; everyone sees the cable', async () => {
    await patchByKeyboard(bea, jack(bea, VCO, 'Saw', 'output'), jack(bea, VCF, 'Audio In', 'input'));
    for (const page of everyone) await expect(page.getByRole('button', { name: CABLE })).toHaveCount(1);
    await wave(bea);
    await expect(cursorOf(ada, 'Bea')).toBeVisible();
    await ada.screenshot({ path: 'test-results/room-three-users-cable.png' });
  });

  let cutoff = '';
  await test.step('Cem turns the filter cutoff and programs steps; everyone sees both', async () => {
    const knobBefore = await knob(cem, VCF, 'Frq.').getAttribute('aria-valuenow');
    await knob(cem, VCF, 'Frq.').focus();
    for (let i = 0; i < 5; i++) await cem.keyboard.press('ArrowUp');
    await expect(knob(cem, VCF, 'Frq.')).not.toHaveAttribute('aria-valuenow', knobBefore!);
    cutoff = (await knob(cem, VCF, 'Frq.').getAttribute('aria-valuenow'))!;
    for (const page of [ada, bea]) await expect(knob(page, VCF, 'Frq.')).toHaveAttribute('aria-valuenow', cutoff);

    await openSequencer(cem);
    await cem.getByRole('button', { name: 'New pattern' }).click();
    await stepButton(cem, 1, 1).click();
    await stepButton(cem, 1, 5).click();
    for (const page of [ada, bea]) {
      await openSequencer(page);
      await expect.poll(() => trackRhythm(page, 1)).toBe('x...x...........');
    }
    await wave(bea);
    await expect(cursorOf(ada, 'Bea')).toBeVisible();
    await ada.screenshot({ path: 'test-results/room-three-users-patched.png' });
  });

  await test.step('Ada follows Bea’s view', async () => {
    await ada.getByRole('button', { name: 'Follow Bea' }).click();
    await expect(ada.getByText('Following Bea')).toBeVisible();
    const adaBefore = await settledPanelBox(ada);
    const beaBefore = await settledPanelBox(bea);
    const canvas = (await bea.locator('.tl-canvas').boundingBox())!;
    await bea.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    await bea.mouse.wheel(180, 120);
    await expect.poll(async () => (await panelBox(bea)).x).not.toBe(beaBefore.x);
    const beaMoved = (await panelBox(bea)).x - beaBefore.x;
    // Ada's view moves with Bea's: her panel travels the same way across her screen.
    await expect.poll(async () => ((await panelBox(ada)).x - adaBefore.x) * Math.sign(beaMoved)).toBeGreaterThan(20);
    await ada.screenshot({ path: 'test-results/room-three-users-following.png' });
    await ada.getByRole('button', { name: 'Stop following Bea' }).click();
    await expect(ada.getByText('Following Bea')).toHaveCount(0);
    // Her own navigation ends it too.
    await ada.getByRole('button', { name: 'Follow Bea' }).click();
    await expect(ada.getByText('Following Bea')).toBeVisible();
    const own = (await ada.locator('.tl-canvas').boundingBox())!;
    await ada.mouse.move(own.x + own.width / 2, own.y + own.height / 2);
    await ada.mouse.wheel(0, 200);
    await expect(ada.getByText('Following Bea')).toHaveCount(0);
  });

  await test.step('Bea’s undo takes back only Bea’s cable', async () => {
    await bea.getByRole('button', { name: 'Undo', exact: true }).click();
    for (const page of everyone) {
      await expect(page.getByRole('button', { name: CABLE })).toHaveCount(0);
      await expect(modulePanels(page)).toHaveCount(2);
      await expect(knob(page, VCF, 'Frq.')).toHaveAttribute('aria-valuenow', cutoff);
      await expect.poll(() => trackRhythm(page, 1)).toBe('x...x...........');
    }
  });

  let tune = '';
  await test.step('Ada goes offline, keeps working, comes back: nothing is lost on either side, and two modules dropped into one place both stay', async () => {
    await ada.getByLabel('Search modules').fill('A-140');
    const addEnvelope = ada.getByRole('button', { name: /^Add A-140.* Doepfer / }).first();
    await expect(addEnvelope).toBeVisible();
    await adaContext.setOffline(true);
    await expect(ada.getByTestId('connection-status')).toHaveText('Offline');

    await addEnvelope.click();
    await expect(modulePanels(ada)).toHaveCount(3);
    await stepButton(ada, 2, 3).click();
    await knob(ada, VCO, 'Tune').focus();
    for (let i = 0; i < 3; i++) await ada.keyboard.press('ArrowDown');
    tune = (await knob(ada, VCO, 'Tune').getAttribute('aria-valuenow'))!;
    // Meanwhile Cem, online, adds a VCA — into the first free place, where Ada's envelope went
    // offline — and keeps programming. Once Bea has Cem's step (sent after Ada went offline),
    // she still has none of Ada's offline edits.
    await addFromPalette(cem, 'A-130', 'Doepfer', 'A-130');
    await stepButton(cem, 1, 9).click();
    await expect.poll(() => trackRhythm(bea, 1)).toBe('x...x...x.......');
    await expect(modulePanels(bea)).toHaveCount(3);
    await expect(modulePanel(bea, ADSR)).toHaveCount(0);
    expect(await trackRhythm(bea, 2)).toBe('................');
    await expect(knob(bea, VCO, 'Tune')).not.toHaveAttribute('aria-valuenow', tune);
    expect(Math.round(await hpOf(ada, modulePanel(ada, ADSR)))).toBe(Math.round(await hpOf(cem, modulePanel(cem, VCA))));

    await adaContext.setOffline(false);
    await expectSaved(ada);
    for (const page of everyone) {
      await expect(modulePanels(page)).toHaveCount(4);
      // Both 8 HP modules are in the row, side by side rather than on top of each other.
      await expect.poll(async () => Math.abs((await hpOf(page, modulePanel(page, ADSR))) - (await hpOf(page, modulePanel(page, VCA))))).toBeGreaterThanOrEqual(7.9);
      await expect(page.getByText(/^Parked/)).toHaveCount(0);
      await expect(knob(page, VCO, 'Tune')).toHaveAttribute('aria-valuenow', tune);
      await expect.poll(() => trackRhythm(page, 1)).toBe('x...x...x.......');
      await expect.poll(() => trackRhythm(page, 2)).toBe('..x.............');
    }
    await ada.screenshot({ path: 'test-results/room-three-users-ada.png' });
    await bea.screenshot({ path: 'test-results/room-three-users-bea.png' });
    await cem.screenshot({ path: 'test-results/room-three-users-cem.png' });
  });

  await test.step('a reload keeps everything', async () => {
    for (const page of everyone) {
      await page.reload();
      await expect(modulePanels(page)).toHaveCount(4);
      await expect(page.getByRole('button', { name: CABLE })).toHaveCount(0);
      await expect(knob(page, VCF, 'Frq.')).toHaveAttribute('aria-valuenow', cutoff);
      await expect(knob(page, VCO, 'Tune')).toHaveAttribute('aria-valuenow', tune);
      await openSequencer(page);
      await expect.poll(() => trackRhythm(page, 1)).toBe('x...x...x.......');
      await expect.poll(() => trackRhythm(page, 2)).toBe('..x.............');
    }
  });
});
