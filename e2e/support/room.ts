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
  await paletteItem(page, maker, name).click();
}

/** The palette's button that adds the first module named "<name>…" by `maker`. */
export function paletteItem(page: Page, maker: string, name: string): Locator {
  return page.getByRole('button', { name: new RegExp(`^Add ${escape(name)}.* ${escape(maker)} `) }).first();
}

/** Waits until the palette lists only what matches `search` (it answers a moment after typing). */
export async function expectPaletteShows(page: Page, search: string): Promise<void> {
  const results = page.getByRole('list', { name: 'Search results' }).getByRole('button');
  await expect
    .poll(() => results.evaluateAll((items, text) => items.length > 0 && items.every((i) => (i.textContent ?? '').includes(text)), search))
    .toBe(true);
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

/**
 * Patches a cable with the keyboard: focus a jack, Enter, focus the other, Enter. With `byTab`
 * each jack is reached with Tab (or Shift+Tab when it comes earlier), as a keyboard user would.
 */
export async function patchByKeyboard(page: Page, from: Locator, to: Locator, { byTab = false } = {}): Promise<void> {
  const reach = (jackToReach: Locator) => (byTab ? tabTo(page, jackToReach) : jackToReach.focus());
  await reach(from);
  await page.keyboard.press('Enter');
  await reach(to);
  await page.keyboard.press('Enter');
}

/**
 * Presses Tab (Shift+Tab when `back`) until `target` has the focus, as a keyboard user gets
 * there; fails after `max` presses, naming where the focus went. Returns the number of presses.
 */
export async function tabTo(page: Page, target: Locator, { back = false, max = 60 } = {}): Promise<number> {
  const visited: string[] = [];
  for (let presses = 0; presses <= max; presses++) {
    // The canvas may move the focus a frame after the key (a panel brought into view first).
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    if (await target.evaluateAll((found) => found.some((el) => el === document.activeElement))) return presses;
    visited.push(
      await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return 'body';
        return el.getAttribute('aria-label') ?? (el.textContent?.trim().slice(0, 30) || `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}">`);
      }),
    );
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${String(target)} not reached with ${back ? 'Shift+Tab' : 'Tab'} in ${max} presses; the focus went: ${visited.join(' → ')}`);
}

/** A module's panel on the canvas, by (part of) its name. */
export function modulePanel(page: Page, name: string): Locator {
  return modulePanels(page).filter({ hasText: name });
}

/**
 * Where a panel in the case's first row sits, in HP from the row's left edge, measured on the
 * screen (1 HP is the row's width over its HP count). A panel at rest is on a whole HP.
 */
export async function hpOf(page: Page, panel: Locator): Promise<number> {
  const [box, rowBox, perHp] = await Promise.all([panel.boundingBox(), page.locator('.rack-row').first().boundingBox(), screenPxPerHp(page)]);
  expect(box && rowBox, 'panel and row are on screen').toBeTruthy();
  return (box!.x - rowBox!.x) / perHp;
}

/** How wide 1 HP is on the screen at the current zoom: the first row's width over its HP count. */
export async function screenPxPerHp(page: Page): Promise<number> {
  const row = page.locator('.rack-row').first();
  const [rowBox, label] = await Promise.all([row.boundingBox(), row.locator('.rack-row-label').innerText()]);
  const rowHp = Number(/(\d+) HP/.exec(label)?.[1]);
  expect(rowBox && rowHp > 0, 'the first row and its HP count are shown').toBeTruthy();
  return rowBox!.width / rowHp;
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
