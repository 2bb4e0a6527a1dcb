// Steps a person takes inside a rack room, named as the page names them.
import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { createRack, signUp } from './users.ts';

/** The owner shares the open rack with someone's account. */
export async function shareRack(owner: Page, email: string, role: 'Editor' | 'Viewer'): Promise<void> {
  const toggle = owner.getByRole('button', { name: 'Share', exact: true });
  // The form stays open after a share, ready for the next person.
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await owner.getByLabel('Share with email').fill(email);
  await owner.getByLabel('Role').selectOption({ label: role });
  await owner.getByRole('button', { name: 'Add member' }).click();
  await expect(owner.getByText(`Shared with ${email}`)).toBeVisible();
}

/** Ada creates a rack and shares it with Bea as an editor; each has it open, in a browser of their own, and saved. */
export async function adaAndBeaInOneRack(browser: Browser, baseUrl: string, rackName: string): Promise<{ ada: Page; bea: Page; rackId: string }> {
  const ada = await (await browser.newContext()).newPage();
  const bea = await (await browser.newContext()).newPage();
  const beaEmail = await signUp(bea, baseUrl, 'Bea');
  await signUp(ada, baseUrl, 'Ada');
  const rackId = await createRack(ada, rackName);
  await shareRack(ada, beaEmail, 'Editor');
  await ada.getByRole('button', { name: 'Share', exact: true }).click(); // close the share form
  await bea.goto(`${baseUrl}/racks/${rackId}`);
  for (const page of [ada, bea]) await expectSaved(page);
  return { ada, bea, rackId };
}

/** Searches the palette and adds the first match of "<maker> <name>". */
export async function addFromPalette(page: Page, search: string, maker: string, name: string): Promise<void> {
  await page.getByLabel('Search modules').fill(search);
  await page.getByRole('button', { name: new RegExp(`^Add ${escape(name)}.* ${escape(maker)} `) }).first().click();
}

/** Waits until the room says every local change is stored by the server. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('connection-status')).toHaveText('Saved', { timeout: 15_000 });
}

export function modulePanels(page: Page): Locator {
  return page.getByTestId('module-shape');
}

/** A jack on a panel: "<module> <jack> input" / "<module> <jack> output". */
export function jack(page: Page, module: string, name: string, dir: 'input' | 'output'): Locator {
  return page.getByRole('button', { name: `${module} ${name} ${dir}`, exact: true });
}

/** Patches a cable with the keyboard: focus a jack, Enter, focus the other, Enter. */
export async function patchByKeyboard(page: Page, from: Locator, to: Locator): Promise<void> {
  await from.focus();
  await page.keyboard.press('Enter');
  await to.focus();
  await page.keyboard.press('Enter');
}

export function knob(page: Page, module: string, control: string): Locator {
  return page.getByRole('slider', { name: `${module} ${control}`, exact: true });
}

/** Opens the pattern editor under the canvas (a no-op when it is open already). */
export async function openSequencer(page: Page): Promise<Locator> {
  const toggle = page.getByRole('button', { name: 'Sequencer', exact: true });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const panel = page.getByRole('region', { name: 'Sequencer' });
  await expect(panel).toBeVisible();
  return panel;
}

/** A step of the open pattern, 1-based as the page labels it. */
export function stepButton(page: Page, track: number, step: number): Locator {
  return page.getByRole('button', { name: `Track ${track} step ${step}`, exact: true });
}

/** The on/off states of a track's steps as text, x for on: "x...x..." (grid or ring view). */
export async function trackRhythm(page: Page, track: number): Promise<string> {
  const steps = page.getByRole('button', { name: new RegExp(`^Track ${track} step \\d+$`) });
  const pressed = await steps.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-pressed') === 'true'));
  return pressed.map((on) => (on ? 'x' : '.')).join('');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
