import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { addFromPalette, expectSaved, modulePanels } from './support/room.ts';
import { serverForThisFile } from './support/server-per-file.ts';
import { createRack, signUp } from './support/users.ts';

const server = serverForThisFile();

/** Generates patches through the api the room's own buttons use (the session cookie goes along). */
async function generatePatches(page: Page, rackId: string, count: number): Promise<{ name: string; cables: number }[]> {
  const response = await page.request.post(`${server.url}/trpc/generation.patches`, {
    headers: { 'x-requested-with': 'patchroom', 'content-type': 'application/json' },
    data: { rackId, seed: 'e2e-exports', count },
  });
  expect(response.ok()).toBe(true);
  return (await response.json()).result.data.patches;
}

async function openExports(page: Page) {
  const toggle = page.getByRole('button', { name: 'Export', exact: true });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  return page.getByRole('group', { name: 'Export this rack' });
}

test('download the PDF patch book, export the rack as JSON and import it as a new rack', async ({ page }) => {
  test.setTimeout(240_000);
  await signUp(page, server.url, 'Ada');
  const rackId = await createRack(page, 'Exported Voice');
  await addFromPalette(page, 'A-110-1', 'Doepfer', 'A-110-1');
  await addFromPalette(page, 'A-124', 'Doepfer', 'A-124');
  await addFromPalette(page, 'A-140', 'Doepfer', 'A-140');
  await addFromPalette(page, 'A-130', 'Doepfer', 'A-130');
  await expect(modulePanels(page)).toHaveCount(4);
  await expectSaved(page);
  const catalogIds = (await modulePanels(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-catalog-id')))).sort();
  const patches = await generatePatches(page, rackId, 3);
  expect(patches.some((p) => p.cables > 0)).toBe(true);

  // The patch book: progress while it is built, then a PDF download.
  const menu = await openExports(page);
  const bookDownload = page.waitForEvent('download', { timeout: 60_000 });
  await menu.getByRole('button', { name: 'PDF patch book' }).click();
  const book = await bookDownload;
  expect(book.suggestedFilename()).toBe('exported-voice.pdf');
  await expect(menu.getByText('Patch book ready.')).toBeVisible();
  const pdfPath = await book.path();
  expect(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' })).toMatch(/Pages:\s+\d+/);
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  expect(text).toContain('Exported Voice');
  for (const patch of patches) expect(text).toContain(patch.name);
  expect(text).toMatch(/1\. A-1\d\d[^\n]* -> A-1\d\d/);

  // JSON export, then import it from the racks page as a new rack.
  const jsonDownload = page.waitForEvent('download');
  await menu.getByRole('button', { name: 'Rack as JSON' }).click();
  const json = await jsonDownload;
  expect(json.suggestedFilename()).toBe('exported-voice.json');
  const file = JSON.parse(readFileSync(await json.path(), 'utf8'));
  expect(file.rack.patches.map((p: { name: string }) => p.name)).toEqual(['Patch 1', ...patches.map((p) => p.name)]);

  await page.goto(`${server.url}/racks`);
  const importForm = page.getByRole('form', { name: 'Import rack from JSON' });
  await importForm.getByLabel('Rack file (JSON)').setInputFiles(await json.path());
  await expect(importForm.getByLabel('Name of the new rack')).toHaveValue('Exported Voice');
  await importForm.getByLabel('Name of the new rack').fill('Imported Voice');
  await importForm.getByRole('button', { name: 'Import rack' }).click();
  await page.waitForURL((url) => /\/racks\/[a-z0-9]+$/.test(url.pathname) && !url.pathname.endsWith(rackId));
  await expect(page.getByRole('heading', { name: 'Imported Voice' })).toBeVisible();
  await expect(modulePanels(page)).toHaveCount(4);
  const importedIds = (await modulePanels(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-catalog-id')))).sort();
  expect(importedIds).toEqual(catalogIds);

  // A broken file is refused with a message, and no rack appears.
  await page.goto(`${server.url}/racks`);
  await importForm.getByLabel('Rack file (JSON)').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format":') });
  await importForm.getByLabel('Name of the new rack').fill('Broken');
  await importForm.getByRole('button', { name: 'Import rack' }).click();
  await expect(importForm.getByRole('alert')).toContainText('not valid JSON');
  await expect(page.getByRole('list', { name: 'Racks' }).getByRole('listitem')).toHaveCount(2);
});
