import { expect, test, type Page } from '@playwright/test';
import { addFromPalette, modulePanels, openSequencer, shareRack, stepButton, trackRhythm } from './support/room.ts';
import { serverForThisFile } from './support/server-per-file.ts';
import { createRack, signUp } from './support/users.ts';

const server = serverForThisFile();

/** A field of the pattern bar in the sequencer (the transport bar has a swing of its own). */
function patternField(page: Page, label: string) {
  return page.getByRole('region', { name: 'Sequencer' }).getByLabel(label, { exact: true });
}

test('two people program one pattern live, by mouse, keyboard and Euclidean fill; a viewer only watches', async ({ browser }) => {
  const ada = await (await browser.newContext()).newPage();
  const bea = await (await browser.newContext()).newPage();
  const cy = await (await browser.newContext()).newPage();
  const beaEmail = await signUp(bea, server.url, 'Bea');
  const cyEmail = await signUp(cy, server.url, 'Cy');
  await signUp(ada, server.url, 'Ada');
  const rackId = await createRack(ada, 'Beat lab');
  await shareRack(ada, beaEmail, 'Editor');
  await shareRack(ada, cyEmail, 'Viewer');
  await addFromPalette(ada, 'A-110-1', 'Doepfer', 'A-110-1');
  await expect(modulePanels(ada)).toHaveCount(1);

  await test.step('Ada starts a pattern; Bea sees it', async () => {
    await openSequencer(ada);
    await ada.getByRole('button', { name: 'New pattern' }).click();
    await expect(ada.getByLabel('Pattern', { exact: true })).toHaveValue(/.+/);
    await expect(ada.getByLabel('Pattern name')).toHaveValue('Pattern 1');
    await bea.goto(`${server.url}/racks/${rackId}`);
    await openSequencer(bea);
    await expect(bea.getByLabel('Pattern name')).toHaveValue('Pattern 1');
    await expect(stepButton(bea, 4, 16)).toBeVisible();
  });

  await test.step('Ada toggles steps with the mouse and the keyboard; Bea sees them at once', async () => {
    await stepButton(ada, 1, 1).click();
    await expect(stepButton(ada, 1, 1)).toHaveAttribute('aria-pressed', 'true');
    for (let i = 0; i < 4; i++) await ada.keyboard.press('ArrowRight');
    await expect(stepButton(ada, 1, 5)).toBeFocused();
    await ada.keyboard.press('Space');
    await ada.keyboard.press('+');
    await ada.keyboard.press('+');
    await expect(ada.getByLabel('Velocity')).toHaveValue('116');
    await expect.poll(() => trackRhythm(bea, 1)).toBe('x...x...........');
    // Bea walks to the same step with the keyboard and reads its velocity.
    await stepButton(bea, 1, 1).focus();
    for (let i = 0; i < 4; i++) await bea.keyboard.press('ArrowRight');
    await expect(bea.getByRole('group', { name: /Track 1 step 5/ })).toBeVisible();
    await expect(bea.getByLabel('Velocity')).toHaveValue('116');
  });

  await test.step('Bea edits a step, fills track 2 and changes the tempo; Ada sees each change', async () => {
    await bea.getByLabel('Pitch (MIDI note)').fill('67');
    await bea.getByLabel('Probability (%)').fill('50');
    await bea.getByLabel('Micro-timing (ms)').fill('-12');
    await stepButton(bea, 2, 1).focus();
    await bea.getByLabel('Pulses').fill('3');
    await bea.getByRole('button', { name: 'Fill track 2' }).click();
    await bea.getByLabel('Tempo (BPM)').fill('96');
    await bea.getByLabel('Tempo (BPM)').press('Enter');

    await expect.poll(() => trackRhythm(ada, 2)).toBe('x....x....x.....');
    await expect(ada.getByLabel('Tempo (BPM)')).toHaveValue('96');
    await stepButton(ada, 1, 5).focus();
    await expect(ada.getByLabel('Pitch (MIDI note)')).toHaveValue('67');
    await expect(ada.getByLabel('Probability (%)')).toHaveValue('50');
    await expect(ada.getByLabel('Micro-timing (ms)')).toHaveValue('-12');
  });

  await test.step('Ada points track 1 at the oscillator’s pitch input; Bea sees the target', async () => {
    await ada.getByLabel('Track 1 target').selectOption({ label: 'CV1 (pitch)' });
    await expect(bea.getByLabel('Track 1 target').locator('option:checked')).toHaveText('CV1 (pitch)');
  });

  await test.step('the ring shows the same steps and edits them', async () => {
    await ada.getByRole('button', { name: 'Ring', exact: true }).click();
    await expect(stepButton(ada, 1, 5)).toHaveAttribute('aria-pressed', 'true');
    await expect(stepButton(ada, 2, 6)).toHaveAttribute('aria-pressed', 'true');
    await stepButton(ada, 1, 9).click();
    await expect.poll(() => trackRhythm(bea, 1)).toBe('x...x...x.......');
    await ada.screenshot({ path: 'test-results/room-sequencer-ring.png' });
    await bea.screenshot({ path: 'test-results/room-sequencer-grid.png' });
  });

  await test.step('a viewer sees the pattern but cannot change it', async () => {
    await cy.goto(`${server.url}/racks/${rackId}`);
    await openSequencer(cy);
    await expect.poll(() => trackRhythm(cy, 1)).toBe('x...x...x.......');
    await expect(cy.getByRole('button', { name: 'New pattern' })).toHaveCount(0);
    await expect(cy.getByLabel('Tempo (BPM)')).toBeDisabled();
    await expect(stepButton(cy, 1, 2)).toHaveAttribute('aria-disabled', 'true');
    // Clicking anyway (Playwright would wait for an enabled button) changes nothing.
    await stepButton(cy, 1, 2).click({ force: true });
    await stepButton(cy, 1, 2).press('Space');
    await expect(stepButton(cy, 1, 2)).toHaveAttribute('aria-pressed', 'false');
    await expect.poll(() => trackRhythm(ada, 1)).toBe('x...x...x.......');
  });

  await test.step('Bea sets the swing and shortens the pattern to 12 steps; Ada and the viewer see both, with 12 steps a track', async () => {
    await patternField(bea, 'Swing (%)').fill('35');
    await patternField(bea, 'Swing (%)').press('Enter');
    await patternField(bea, 'Length (steps)').fill('12');
    await patternField(bea, 'Length (steps)').press('Enter');
    for (const page of [ada, cy]) {
      await expect(patternField(page, 'Swing (%)')).toHaveValue('35');
      await expect(patternField(page, 'Length (steps)')).toHaveValue('12');
    }
    // Ada still has the ring open; the viewer the grid.
    for (const page of [ada, cy, bea]) {
      await expect.poll(() => trackRhythm(page, 1)).toBe('x...x...x...');
      await expect.poll(() => trackRhythm(page, 2)).toBe('x....x....x.');
    }
    await expect(stepButton(cy, 1, 13)).toHaveCount(0);
  });

  await test.step('Ada lengthens it to 20; everyone sees 20 steps a track', async () => {
    await patternField(ada, 'Length (steps)').fill('20');
    await patternField(ada, 'Length (steps)').press('Enter');
    for (const page of [ada, bea, cy]) {
      await expect(patternField(page, 'Length (steps)')).toHaveValue('20');
      await expect.poll(() => trackRhythm(page, 1)).toBe('x...x...x...........');
    }
  });

  await test.step('everything is still there after a reload', async () => {
    await bea.reload();
    await openSequencer(bea);
    await expect.poll(() => trackRhythm(bea, 1)).toBe('x...x...x...........');
    await expect.poll(() => trackRhythm(bea, 2)).toBe('x....x....x.........');
    await expect(bea.getByLabel('Tempo (BPM)')).toHaveValue('96');
    await expect(patternField(bea, 'Swing (%)')).toHaveValue('35');
    await expect(patternField(bea, 'Length (steps)')).toHaveValue('20');
  });
});
