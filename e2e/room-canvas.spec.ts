// The canvas with the pointer, as two people see it: modules dragged in from the palette (with
// the landing preview and the live budget), moved onto whole HP, multi-selected and removed;
// cables dragged between jacks, coloured by their signal, refused where they cannot go,
// recoloured and deleted; patches switched; knobs turned by drag and wheel, undone and redone by
// keyboard; a switch flipped by drag and wheel; notes, sticky notes, strokes and arrows shared;
// each person's selection shown to the other.
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  addFromPalette,
  adaAndBeaInOneRack,
  expectPaletteShows,
  expectSaved,
  hpOf,
  jack,
  knob,
  modulePanel as panel,
  modulePanels,
  paletteItem,
  patchByKeyboard,
  screenPxPerHp,
} from './support/room.ts';
import { serverForThisFile } from './support/server-per-file.ts';

const server = serverForThisFile();

const VCO = 'A-110-1 Standard VCO';
const VCF = 'A-120 VCF 1 (24 dB Low Pass)';

type Box = { x: number; y: number; width: number; height: number };

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  expect(box, 'element is on screen').not.toBeNull();
  return box!;
}

/** Presses on a palette item and moves the held module over `at`, without letting go. */
async function holdFromPalette(page: Page, search: string, maker: string, name: string, at: { x: number; y: number }) {
  await page.getByLabel('Search modules').fill(search);
  // The list is redrawn when the search answers: wait for it, or the press lands on an old item.
  await expectPaletteShows(page, search);
  const item = paletteItem(page, maker, name);
  await expect(item).toBeEnabled();
  const from = await boxOf(item);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(at.x - 40, at.y, { steps: 4 });
  await page.mouse.move(at.x, at.y, { steps: 4 });
}

function rowBox(page: Page, row: number): Promise<Box> {
  return boxOf(page.locator('.rack-row').nth(row));
}

/** Drags a panel by its title strip, `dx` px to the right. */
async function dragPanel(page: Page, name: string, dx: number) {
  const grip = await boxOf(panel(page, name));
  await page.mouse.move(grip.x + grip.width / 2, grip.y + 12);
  await page.mouse.down();
  await page.mouse.move(grip.x + grip.width / 2 + dx / 2, grip.y + 12, { steps: 4 });
  await page.mouse.move(grip.x + grip.width / 2 + dx, grip.y + 12, { steps: 4 });
  await page.mouse.up();
}

/** Default cable colours as drawn (CABLE_COLORS in packages/engine): audio yellow, cv blue. */
const AUDIO_YELLOW = 'rgb(232, 176, 74)';
const CV_BLUE = 'rgb(74, 155, 232)';

/** The colour the named cable is drawn in: its line, drawn just before its plugs and hit area. */
function strokeOf(page: Page, cable: string): Promise<string> {
  return page.getByRole('button', { name: cable }).evaluate((hit) => {
    const line = hit.previousElementSibling?.previousElementSibling;
    return line?.classList.contains('cable-line') ? getComputedStyle(line).stroke : 'no line drawn';
  });
}

const center = (box: Box) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });

/** Drags a cable from `from` over `to` and lets go there: `to` refuses it and the hint says why. */
async function dragRefused(page: Page, from: Locator, to: Locator, why: string | RegExp) {
  const start = center(await boxOf(from));
  const end = center(await boxOf(to));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(end.x, end.y, { steps: 10 });
  await expect(to).toHaveAttribute('aria-disabled', 'true');
  await expect(page.locator('.draft-hint')).toContainText(why);
  await page.mouse.up();
}
const distance = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

/** Where the (only) cable's path ends on screen: at the input it is plugged into. */
function cableEnd(page: Page) {
  return page.getByTestId('cable').evaluate((path: SVGPathElement) => {
    const p = path.getPointAtLength(path.getTotalLength());
    const m = path.getScreenCTM()!;
    return { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f };
  });
}

test('modules, cables, patches and notes by pointer, shared between two people', async ({ browser }) => {
  test.setTimeout(180_000);
  const { ada, bea } = await adaAndBeaInOneRack(browser, server.url, 'Pointer rack');
  const hpBefore = await ada.getByLabel('Rack budget').innerText();

  await test.step('Ada drags a VCO from the palette into the first row: a preview shows where it lands and the budget counts it', async () => {
    const row = await rowBox(ada, 0);
    const aim = { x: row.x + row.width * 0.3, y: row.y + row.height / 2 };
    await holdFromPalette(ada, 'A-110-1', 'Doepfer', 'A-110-1', aim);
    const preview = ada.getByTestId('drop-preview');
    await expect(preview).toHaveClass(/fits/);
    await expect(preview).toContainText('row 1');
    await expect(ada.getByLabel('Rack budget')).toContainText('with A-110-1');
    await expect(ada.getByLabel('Rack budget')).not.toHaveText(hpBefore);
    const shown = await boxOf(preview);
    await ada.mouse.up();

    await expect(modulePanels(ada)).toHaveCount(1);
    await expect(preview).toHaveCount(0);
    await expect(ada.getByLabel('Rack budget')).not.toContainText('with A-110-1');
    const placed = await boxOf(modulePanels(ada).first());
    // It landed exactly where the preview said.
    expect(Math.abs(placed.x - shown.x)).toBeLessThan(2);
    expect(Math.abs(placed.y - shown.y)).toBeLessThan(2);
    expect(Math.abs(placed.width - shown.width)).toBeLessThan(2);
    await expect(panel(bea, 'A-110-1')).toHaveCount(1);
  });

  await test.step('a module held over an occupied slot shows why it does not fit, and dropping it there changes nothing', async () => {
    const vco = await boxOf(panel(ada, 'A-110-1'));
    await holdFromPalette(ada, 'A-120', 'Doepfer', 'A-120', { x: vco.x + vco.width / 2, y: vco.y + vco.height / 2 });
    const preview = ada.getByTestId('drop-preview');
    await expect(preview).toHaveClass(/blocked/);
    await expect(preview).toContainText('taken by another module');
    await expect(ada.getByLabel('Rack budget')).not.toContainText('with A-120');
    await ada.mouse.up();
    await expect(ada.getByText('That space is taken by another module.')).toBeVisible();
    await expect(modulePanels(ada)).toHaveCount(1);

    // To the right of the VCO it fits.
    await holdFromPalette(ada, 'A-120', 'Doepfer', 'A-120', { x: vco.x + vco.width * 2.5, y: vco.y + vco.height / 2 });
    await expect(preview).toHaveClass(/fits/);
    await ada.mouse.up();
    await expect(modulePanels(ada)).toHaveCount(2);
    await expect(modulePanels(bea)).toHaveCount(2);
  });

  await test.step('Ada drags the filter 4.6 HP along the row: it lands on the nearest whole HP, 5 further, for Bea too', async () => {
    const before = await hpOf(ada, panel(ada, 'A-120'));
    expect(Math.abs(before - Math.round(before)), 'the filter starts on a whole HP').toBeLessThan(0.05);
    await dragPanel(ada, 'A-120', 4.6 * (await screenPxPerHp(ada)));
    await expectSaved(ada);
    for (const page of [ada, bea]) await expect.poll(() => hpOf(page, panel(page, 'A-120'))).toBeCloseTo(Math.round(before) + 5, 1);
  });

  await test.step('Bea drags a cable from the VCO to the filter; an input-to-input drag is refused visibly', async () => {
    const saw = jack(bea, VCO, 'Saw', 'output');
    const audioIn = jack(bea, VCF, 'Audio In', 'input');
    const from = await boxOf(saw);
    const to = await boxOf(audioIn);
    await bea.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await bea.mouse.down();
    await bea.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 });
    await bea.mouse.up();
    const name = `Cable from ${VCO} Saw output to ${VCF} Audio In input`;
    const cable = (page: Page) => page.getByRole('button', { name });
    for (const page of [ada, bea]) await expect(cable(page)).toHaveCount(1);
    // A new cable takes the colour of the signal it carries: an audio one is yellow.
    for (const page of [ada, bea]) await expect.poll(() => strokeOf(page, name)).toBe(AUDIO_YELLOW);

    // The cable stays plugged when Ada moves the filter: on Bea's screen its end follows the jack.
    await dragPanel(ada, 'A-120', 48);
    await expect.poll(async () => distance(await cableEnd(bea), center(await boxOf(jack(bea, VCF, 'Audio In', 'input'))))).toBeLessThan(4);
    expect(center(await boxOf(jack(bea, VCF, 'Audio In', 'input'))).x).toBeGreaterThan(to.x + to.width / 2 + 20);

    // From an input to another input: the jack under the pointer says why, and no cable appears.
    await dragRefused(bea, jack(bea, VCO, 'Sync', 'input'), jack(bea, VCO, 'CV1', 'input'), /input/i);
    await expect(bea.getByTestId('cable')).toHaveCount(1);
    // From an output to another output: refused the same way.
    await dragRefused(bea, jack(bea, VCO, 'Square', 'output'), jack(bea, VCF, 'Audio Out', 'output'), 'Two outputs cannot be patched together: an output feeds an input.');
    await expect(bea.getByTestId('cable')).toHaveCount(1);
    await expect(ada.getByTestId('cable')).toHaveCount(1);

    // An input that already has a cable refuses a second one, and says so.
    await patchByKeyboard(bea, jack(bea, VCO, 'Square', 'output'), audioIn);
    await expect(bea.getByText(`${VCF} Audio In already has a cable.`)).toBeVisible();
    await expect(bea.getByTestId('cable')).toHaveCount(1);

    // Bea selects the cable, recolours it, Ada sees the colour and Bea's selection of it.
    const middle = await cable(bea).evaluate((path: SVGPathElement) => {
      const p = path.getPointAtLength(path.getTotalLength() / 2);
      const m = path.getScreenCTM()!;
      return { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f };
    });
    await bea.mouse.click(middle.x, middle.y);
    const toolbar = bea.getByRole('toolbar', { name: 'Selected cable' });
    await toolbar.getByRole('radio', { name: 'Purple' }).click();
    await expect(toolbar.getByRole('radio', { name: 'Purple' })).toHaveAttribute('aria-checked', 'true');
    const purple = await bea.locator('.cable-line').first().evaluate((el) => getComputedStyle(el).stroke);
    await expect.poll(() => ada.locator('.cable-line').first().evaluate((el) => getComputedStyle(el).stroke)).toBe(purple);
    await expect(ada.locator('.cable-peer')).toHaveCount(1);

    await toolbar.getByRole('button', { name: 'Delete cable' }).click();
    for (const page of [ada, bea]) await expect(page.getByTestId('cable')).toHaveCount(0);

    // An envelope's cv output gives a blue cable; the envelope goes again, its cable with it.
    await addFromPalette(bea, 'A-140', 'Doepfer', 'A-140');
    await patchByKeyboard(bea, jack(bea, 'A-140 ADSR', 'Inv. Output', 'output'), jack(bea, VCF, 'CV2', 'input'));
    const cv = `Cable from A-140 ADSR Inv. Output output to ${VCF} CV2 input`;
    for (const page of [ada, bea]) await expect.poll(() => strokeOf(page, cv)).toBe(CV_BLUE);
    await panel(bea, 'A-140').focus();
    await bea.keyboard.press('Delete');
    for (const page of [ada, bea]) {
      await expect(panel(page, 'A-140')).toHaveCount(0);
      await expect(page.getByTestId('cable')).toHaveCount(0);
    }
  });

  await test.step('patches: Ada starts a new patch, everyone switches to it, and back', async () => {
    await ada.getByRole('button', { name: 'New patch' }).click();
    const adaPatch = ada.getByLabel('Patch', { exact: true });
    const name = await adaPatch.locator('option:checked').innerText();
    await expect(bea.getByLabel('Patch', { exact: true }).locator('option:checked')).toHaveText(name);
    await expect(bea.getByLabel('Patch', { exact: true }).locator('option')).toHaveCount(2);
    const first = await adaPatch.locator('option').first().innerText();
    await bea.getByLabel('Patch', { exact: true }).selectOption({ label: first });
    await expect(adaPatch.locator('option:checked')).toHaveText(first);
  });

  await test.step('Bea turns the cutoff by dragging and by the wheel; Ctrl+Z and Ctrl+Shift+Z take back and redo her turn', async () => {
    const cutoff = knob(bea, VCF, 'Frq.');
    const value = async (page: Page) => Number(await knob(page, VCF, 'Frq.').getAttribute('aria-valuenow'));
    const start = await value(bea);
    const box = await boxOf(cutoff);
    await bea.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await bea.mouse.down();
    await bea.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 40, { steps: 8 });
    await bea.mouse.up();
    const dragged = await value(bea);
    expect(dragged).toBeGreaterThan(start);
    await expect.poll(() => value(ada)).toBe(dragged);

    await bea.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await bea.mouse.wheel(0, 300);
    await expect.poll(() => value(bea)).toBeLessThan(dragged);
    const wheeled = await value(bea);
    await expect.poll(() => value(ada)).toBe(wheeled);

    await bea.keyboard.press('Control+z');
    await expect.poll(() => value(ada)).toBe(dragged);
    await bea.keyboard.press('Control+Shift+z');
    await expect.poll(() => value(ada)).toBe(wheeled);
  });

  await test.step('Bea flips the VCO’s Range switch by dragging its lever up and by the wheel; Ada sees each position', async () => {
    const range = knob(bea, VCO, 'Range');
    const lever = (page: Page) => knob(page, VCO, 'Range').evaluate((el) => getComputedStyle(el).getPropertyValue('--lever'));
    await expect(range).toHaveAttribute('aria-valuetext', 'position 2 of 0 to 4');
    const box = await boxOf(range);
    // A switch moves a position every 25 px of drag: 30 px up is one position.
    await bea.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await bea.mouse.down();
    await bea.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 30, { steps: 6 });
    await bea.mouse.up();
    await expect(range).toHaveAttribute('aria-valuetext', 'position 3 of 0 to 4');
    await expect(knob(ada, VCO, 'Range')).toHaveAttribute('aria-valuenow', '3');
    const up = await lever(ada);

    // Each wheel notch down is one position down.
    await bea.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await bea.mouse.wheel(0, 100);
    await expect(range).toHaveAttribute('aria-valuenow', '2');
    await bea.mouse.wheel(0, 100);
    await expect(range).toHaveAttribute('aria-valuenow', '1');
    await expect(knob(ada, VCO, 'Range')).toHaveAttribute('aria-valuetext', 'position 1 of 0 to 4');
    // The lever is drawn lower on Ada's screen than it was at position 3.
    expect(parseFloat(await lever(ada))).toBeGreaterThan(parseFloat(up));
  });

  await test.step('Ada writes rack notes; Bea reads them as they are typed', async () => {
    await ada.getByRole('button', { name: 'Notes', exact: true }).click();
    await bea.getByRole('button', { name: 'Notes', exact: true }).click();
    await ada.getByLabel('Rack notes').click();
    await ada.keyboard.type('Start with the filter half open.');
    await expect(bea.getByLabel('Rack notes')).toHaveValue('Start with the filter half open.');
    for (const page of [ada, bea]) await page.getByRole('button', { name: 'Notes', exact: true }).click();
  });

  await test.step('Ada draws a freehand stroke and an arrow; Bea sees both', async () => {
    const canvas = await boxOf(ada.locator('.tl-canvas'));
    const stroke = async (tool: string, from: { x: number; y: number }, to: { x: number; y: number }) => {
      await ada.getByTestId(tool).click();
      await ada.mouse.move(canvas.x + from.x * canvas.width, canvas.y + from.y * canvas.height);
      await ada.mouse.down();
      await ada.mouse.move(canvas.x + to.x * canvas.width, canvas.y + to.y * canvas.height, { steps: 12 });
      await ada.mouse.up();
    };
    await stroke('tools.draw', { x: 0.1, y: 0.85 }, { x: 0.3, y: 0.95 });
    await stroke('tools.arrow', { x: 0.35, y: 0.9 }, { x: 0.5, y: 0.85 });
    await ada.getByTestId('tools.select').click();
    await expect(bea.locator('.tl-shape[data-shape-type="draw"]')).toHaveCount(1);
    await expect(bea.locator('.tl-shape[data-shape-type="arrow"]')).toHaveCount(1);
  });

  await test.step('Ada leaves a sticky note; Bea sees its text', async () => {
    await ada.getByTestId('tools.note').click();
    const canvas = await boxOf(ada.locator('.tl-canvas'));
    await ada.mouse.click(canvas.x + canvas.width * 0.75, canvas.y + canvas.height * 0.8);
    await ada.keyboard.type('Patch the LFO here');
    await ada.keyboard.press('Escape');
    await expect(bea.locator('.tl-shape[data-shape-type="note"]')).toContainText('Patch the LFO here');
  });

  await test.step('Ada selects both modules and removes them; Bea sees Ada’s selection, then an empty rack', async () => {
    await ada.keyboard.press('Escape');
    const vco = await boxOf(panel(ada, 'A-110-1'));
    const vcf = await boxOf(panel(ada, 'A-120'));
    await ada.mouse.click(vco.x + vco.width / 2, vco.y + 12);
    await ada.keyboard.down('Shift');
    await ada.mouse.click(vcf.x + vcf.width / 2, vcf.y + 12);
    await ada.keyboard.up('Shift');
    const bar = ada.getByRole('toolbar', { name: 'Selected modules' });
    await expect(bar.getByRole('button', { name: 'Remove 2 modules' })).toBeVisible();
    for (const name of ['A-110-1', 'A-120']) await expect(panel(bea, name)).toHaveAttribute('data-selected-by', 'Ada');
    await bea.screenshot({ path: 'test-results/room-canvas-ada-selection.png' });
    await ada.screenshot({ path: 'test-results/room-canvas-selected.png' });
    await bar.getByRole('button', { name: 'Remove 2 modules' }).click();
    for (const page of [ada, bea]) await expect(modulePanels(page)).toHaveCount(0);
    await expectSaved(ada);
  });
});
