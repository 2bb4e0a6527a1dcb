import { expect, test } from '@playwright/test';
import { serverForThisFile } from './support/server-per-file.ts';
import { createRack, signUp } from './support/users.ts';

const server = serverForThisFile();

test('two people co-edit a rack: share, add a module, see each other, survive reload and restart', async ({ browser }) => {
  const ada = await (await browser.newContext()).newPage();
  const bea = await (await browser.newContext()).newPage();

  const beaEmail = await signUp(bea, server.url, 'Bea');
  await signUp(ada, server.url, 'Ada');
  // The generator suggests a name; the same seed would always suggest the same one.
  await ada.getByRole('button', { name: 'Suggest a name' }).click();
  await expect(ada.getByLabel('Rack name')).not.toHaveValue('');
  const rackId = await createRack(ada, 'Night drive');
  await expect(ada.getByRole('heading', { name: 'Night drive' })).toBeVisible();

  await ada.getByRole('button', { name: 'Share' }).click();
  await ada.getByLabel('Share with email').fill(beaEmail);
  await ada.getByLabel('Role').selectOption({ label: 'Editor' });
  await ada.getByRole('button', { name: 'Add member' }).click();
  await expect(ada.getByText(`Shared with ${beaEmail}`)).toBeVisible();

  await bea.goto(`${server.url}/racks/${rackId}`);
  for (const page of [ada, bea]) await expect(page.getByTestId('connection-status')).toHaveText(/Saved/);

  // Ada adds a VCO from the catalog; Bea sees the panel appear.
  await ada.getByLabel('Search modules').fill('A-110-1');
  const add = ada.getByRole('button', { name: /^Add A-110-1.* Doepfer / });
  await add.first().click();
  const adaPanel = ada.getByTestId('module-shape');
  await expect(adaPanel).toHaveCount(1);
  const catalogId = await adaPanel.getAttribute('data-catalog-id');
  await expect(bea.getByTestId('module-shape')).toHaveCount(1);
  await expect(bea.getByTestId('module-shape')).toHaveAttribute('data-catalog-id', catalogId!);
  await expect(bea.getByTestId('module-shape')).toContainText('A-110-1');

  // Bea moves her pointer over the canvas; Ada sees Bea's named cursor.
  const canvas = bea.locator('.tl-canvas');
  const box = (await canvas.boundingBox())!;
  for (let i = 0; i < 5; i++) await bea.mouse.move(box.x + box.width / 2 + i * 10, box.y + box.height / 2 + i * 5);
  await expect(ada.locator('.tl-collaborators__item .tl-nametag', { hasText: 'Bea' })).toBeVisible();
  await ada.screenshot({ path: 'test-results/co-edit-room.png' });

  // A reload keeps the module.
  await bea.reload();
  await expect(bea.getByTestId('module-shape')).toHaveCount(1);

  // So does a server restart.
  await server.restart();
  for (const page of [ada, bea]) {
    await page.reload();
    await expect(page.getByTestId('module-shape')).toHaveCount(1);
    await expect(page.getByTestId('module-shape')).toHaveAttribute('data-catalog-id', catalogId!);
  }
});
