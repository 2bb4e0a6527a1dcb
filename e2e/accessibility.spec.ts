// Automated accessibility checks (axe-core, WCAG 2.1 A and AA rules) of the pages people use,
// including a rack room with modules, a cable (and its bar), the sequencer and the canvas tools.
// Keyboard use of the room itself, reached by Tab, is checked in room-keyboard.spec.ts.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { addFromPalette, expectSaved, jack, modulePanels, openSequencer, patchByKeyboard } from './support/room.ts';
import { serverForThisFile } from './support/server-per-file.ts';
import { createRack, publishRack, signUp } from './support/users.ts';

const server = serverForThisFile();

/** Violations of WCAG A/AA rules on the page, as readable lines ("rule: target"). */
async function violations(page: Page): Promise<string[]> {
  const { violations: found } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return found.flatMap((v) => v.nodes.map((node) => `${v.id} (${v.impact}): ${node.target.join(' ')} — ${node.failureSummary ?? v.help}`));
}

test('sign-up, rack list, a rack room with its panels, the feed, a publication and the account page pass the WCAG A/AA checks', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`${server.url}/signup`);
  await expect(page.getByRole('button', { name: 'Create account' })).toBeVisible();
  expect(await violations(page), 'sign-up page').toEqual([]);

  await signUp(page, server.url, 'Ada');
  expect(await violations(page), 'my racks').toEqual([]);

  await createRack(page, 'Accessible rack');
  await addFromPalette(page, 'A-110-1', 'Doepfer', 'A-110-1');
  await expect(modulePanels(page)).toHaveCount(1);
  await addFromPalette(page, 'A-120', 'Doepfer', 'A-120');
  await expect(modulePanels(page)).toHaveCount(2);
  await patchByKeyboard(page, jack(page, 'A-110-1 Standard VCO', 'Saw', 'output'), jack(page, 'A-120 VCF 1 (24 dB Low Pass)', 'Audio In', 'input'));
  await openSequencer(page);
  await page.getByRole('button', { name: 'New pattern' }).click();
  await expectSaved(page);
  // The whole room, the canvas's tool bar (RackToolbar) and tldraw's chrome around it included.
  await expect(page.getByRole('toolbar', { name: 'Tools' }).getByRole('button', { name: /^Select/ })).toBeVisible();
  expect(await violations(page), 'rack room').toEqual([]);

  // The bar of a selected cable (colours, delete) is ours too.
  await page.getByRole('button', { name: /^Cable from / }).press('Enter');
  await expect(page.getByRole('toolbar', { name: 'Selected cable' })).toBeVisible();
  expect(await violations(page), 'rack room with a cable selected').toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('toolbar', { name: 'Selected cable' })).toHaveCount(0);

  for (const panel of ['Notes', 'History']) await page.getByRole('button', { name: panel, exact: true }).click();
  await expect(page.getByRole('heading', { name: 'History' })).toBeVisible();
  expect(await violations(page), 'rack room with notes and history open').toEqual([]);

  // Published, so the feed is checked with a card in it (votes, comments) whatever else it holds.
  const title = `Accessible voice ${Date.now().toString(36)}`;
  await publishRack(page, title);
  await page.getByRole('link', { name: 'Feed', exact: true }).click();
  const card = page.getByRole('listitem', { name: title });
  await expect(card.getByRole('button', { name: 'Vote, 0 votes' })).toBeVisible();
  expect(await violations(page), 'community feed').toEqual([]);

  await card.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect(page.getByLabel('Your comment')).toBeVisible();
  expect(await violations(page), 'publication page').toEqual([]);

  await page.getByRole('link', { name: 'Account', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  expect(await violations(page), 'account').toEqual([]);
});
