// The rack room with the keyboard alone, reached the way a keyboard user reaches things: Tab and
// Shift+Tab from the page, never a focus() from the test. Modules added from the palette, moved
// and removed; a cable patched and deleted; a knob turned, a switch flipped and steps programmed.
// The other person in the room sees each change.
import { expect, test } from '@playwright/test';
import {
  adaAndBeaInOneRack,
  expectPaletteShows,
  hpOf,
  jack,
  knob,
  modulePanel,
  modulePanels,
  paletteItem,
  patchByKeyboard,
  stepButton,
  tabTo,
  trackRhythm,
} from './support/room.ts';
import { serverForThisFile } from './support/server-per-file.ts';

const server = serverForThisFile();

const VCO = 'A-110-1 Standard VCO';
const VCF = 'A-120 VCF 1 (24 dB Low Pass)';
const CABLE = `Cable from ${VCO} Saw output to ${VCF} Audio In input`;

test('with Tab, Enter, Space, arrows and Delete alone Bea builds, patches, turns, switches and programs; Ada sees it all', async ({ browser }) => {
  test.setTimeout(150_000);
  const { ada, bea } = await adaAndBeaInOneRack(browser, server.url, 'Keyboard rack');
  const everyone = [ada, bea];
  const search = bea.getByLabel('Search modules');

  await test.step('Bea tabs to the palette search, finds a VCO and a filter and adds each with Enter', async () => {
    await tabTo(bea, search);
    await bea.keyboard.type('A-110-1');
    await expectPaletteShows(bea, 'A-110-1');
    await tabTo(bea, paletteItem(bea, 'Doepfer', 'A-110-1'));
    await bea.keyboard.press('Enter');
    await expect(modulePanels(bea)).toHaveCount(1);

    await tabTo(bea, search, { back: true });
    await bea.keyboard.press('Control+a');
    await bea.keyboard.type('A-120');
    await expectPaletteShows(bea, 'A-120');
    await tabTo(bea, paletteItem(bea, 'Doepfer', 'A-120'));
    await bea.keyboard.press('Enter');
    for (const page of everyone) {
      await expect(modulePanel(page, 'A-110-1')).toHaveCount(1);
      await expect(modulePanel(page, 'A-120')).toHaveCount(1);
    }
  });

  await test.step('Bea tabs into the rack to the filter’s panel and moves it one HP right with ArrowRight; Ada sees it move', async () => {
    const filter = modulePanel(bea, 'A-120');
    await tabTo(bea, filter);
    const before = Math.round(await hpOf(ada, modulePanel(ada, 'A-120')));
    await bea.keyboard.press('ArrowRight');
    await expect.poll(() => hpOf(bea, filter)).toBeCloseTo(before + 1, 1);
    await expect.poll(() => hpOf(ada, modulePanel(ada, 'A-120'))).toBeCloseTo(before + 1, 1);
    await expect(filter).toBeFocused();
  });

  await test.step('Bea goes back to the VCO’s saw output and patches it to the filter’s input with Enter, Tab and Enter', async () => {
    const saw = jack(bea, VCO, 'Saw', 'output');
    await tabTo(bea, saw, { back: true });
    await patchByKeyboard(bea, saw, jack(bea, VCF, 'Audio In', 'input'), { byTab: true });
    await expect(bea.getByText(`Patched ${VCO} Saw output to ${VCF} Audio In input.`)).toBeAttached();
    for (const page of everyone) await expect(page.getByRole('button', { name: CABLE })).toHaveCount(1);
  });

  await test.step('Bea turns the filter’s cutoff up with ArrowUp; Ada sees the new value', async () => {
    const cutoff = knob(bea, VCF, 'Frq.');
    await tabTo(bea, cutoff, { back: true });
    const before = Number(await cutoff.getAttribute('aria-valuenow'));
    for (let i = 0; i < 3; i++) await bea.keyboard.press('ArrowUp');
    await expect.poll(async () => Number(await cutoff.getAttribute('aria-valuenow'))).toBeCloseTo(before + 0.03, 5);
    const turned = await cutoff.getAttribute('aria-valuenow');
    await expect(knob(ada, VCF, 'Frq.')).toHaveAttribute('aria-valuenow', turned!);
  });

  await test.step('Bea flips the VCO’s Range switch one position up and back to the bottom with the keys; Ada sees each position', async () => {
    const range = knob(bea, VCO, 'Range');
    await tabTo(bea, range, { back: true });
    await expect(range).toHaveAttribute('aria-valuetext', 'position 2 of 0 to 4');
    await bea.keyboard.press('ArrowUp');
    await expect(range).toHaveAttribute('aria-valuetext', 'position 3 of 0 to 4');
    await expect(knob(ada, VCO, 'Range')).toHaveAttribute('aria-valuenow', '3');
    await bea.keyboard.press('Home');
    await expect(range).toHaveAttribute('aria-valuenow', '0');
    await expect(knob(ada, VCO, 'Range')).toHaveAttribute('aria-valuetext', 'position 0 of 0 to 4');
  });

  await test.step('Bea reaches the cable with Shift+Tab, picks it with Enter and deletes it with Delete; Ada sees it go', async () => {
    const cable = bea.getByRole('button', { name: CABLE });
    await tabTo(bea, cable, { back: true });
    await bea.keyboard.press('Enter');
    const toolbar = bea.getByRole('toolbar', { name: 'Selected cable' });
    await expect(toolbar).toBeVisible();
    await expect(toolbar.getByRole('radio', { name: 'Yellow' })).toBeFocused();
    await bea.keyboard.press('Delete');
    for (const page of everyone) await expect(page.getByTestId('cable')).toHaveCount(0);
    await expect(toolbar).toHaveCount(0);
    // Her place is kept: the next Tab enters the rack at its first panel.
    await bea.keyboard.press('Tab');
    await expect(modulePanel(bea, 'A-110-1')).toBeFocused();
  });

  await test.step('Bea opens the sequencer, starts a pattern and toggles steps with Space, arrows and Enter; Ada sees the rhythm', async () => {
    const toggle = bea.getByRole('button', { name: 'Sequencer', exact: true });
    await tabTo(bea, toggle, { back: true, max: 80 });
    await bea.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await tabTo(bea, bea.getByRole('button', { name: 'New pattern' }), { max: 80 });
    await bea.keyboard.press('Enter');
    await expect(bea.getByLabel('Pattern name')).toHaveValue('Pattern 1');
    await tabTo(bea, stepButton(bea, 1, 1));
    await bea.keyboard.press('Space');
    await expect(stepButton(bea, 1, 1)).toHaveAttribute('aria-pressed', 'true');
    await bea.keyboard.press('ArrowRight');
    await bea.keyboard.press('ArrowRight');
    await expect(stepButton(bea, 1, 3)).toBeFocused();
    await bea.keyboard.press('Enter');
    await ada.getByRole('button', { name: 'Sequencer', exact: true }).click();
    await expect.poll(() => trackRhythm(ada, 1)).toBe('x.x.............');
  });

  await test.step('Bea goes back to the filter’s panel and removes it with Delete; Ada sees only the VCO left', async () => {
    await tabTo(bea, modulePanel(bea, 'A-120'), { back: true, max: 80 });
    await bea.keyboard.press('Delete');
    for (const page of everyone) {
      await expect(modulePanel(page, 'A-120')).toHaveCount(0);
      await expect(modulePanel(page, 'A-110-1')).toHaveCount(1);
    }
    // The focus goes to the panel before it, the last one left, not back to the top of the page.
    await expect(modulePanel(bea, 'A-110-1')).toBeFocused();
  });
});
