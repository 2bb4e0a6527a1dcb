import { expect, test, type Page } from '@playwright/test';
import { adaAndBeaInOneRack, addFromPalette, expectSaved, modulePanels, shareRack } from './support/room.ts';
import { serverForThisFile } from './support/server-per-file.ts';
import { createRack, signUp, uniqueEmail } from './support/users.ts';

const server = serverForThisFile();

const XSS_NAME = '<img src=x onerror=alert(1)>';
const XSS_RACK = '<script>alert(2)</script><img src=x onerror=alert(3)>';

/** Fails the test on any dialog (an injected alert() would open one) and records CSP refusals. */
function watchForScripts(page: Page): string[] {
  const problems: string[] = [];
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) problems.push(`csp: ${message.text()}`);
  });
  return problems;
}

test('an XSS payload in a display name and a rack name shows as literal text and runs nothing', async ({ browser }) => {
  test.setTimeout(120_000);
  const ada = await (await browser.newContext()).newPage();
  const bea = await (await browser.newContext()).newPage();
  const problems = [...[ada, bea].map(watchForScripts)];
  const beaEmail = await signUp(bea, server.url, 'Bea');

  await ada.goto(`${server.url}/signup`);
  await ada.getByLabel('Email').fill(uniqueEmail('ada'));
  await ada.getByLabel('Display name').fill(XSS_NAME);
  await ada.getByLabel('Password').fill('correct horse battery');
  await ada.getByRole('button', { name: 'Create account' }).click();
  await expect(ada.getByRole('heading', { name: 'My racks' })).toBeVisible();
  await expect(ada.getByText(XSS_NAME, { exact: true })).toBeVisible();

  const rackId = await createRack(ada, XSS_RACK);
  await expect(ada.getByRole('heading', { name: XSS_RACK })).toBeVisible();
  await shareRack(ada, beaEmail, 'Editor');

  await bea.goto(`${server.url}/racks`);
  await expect(bea.getByText(XSS_RACK, { exact: true })).toBeVisible();
  await bea.goto(`${server.url}/racks/${rackId}`);
  await expect(bea.getByRole('heading', { name: XSS_RACK })).toBeVisible();
  // Ada's name reaches Bea through presence, as text too.
  await expect(bea.getByRole('list', { name: 'People in this rack' })).toContainText(XSS_NAME);

  for (const page of [ada, bea]) {
    await expectSaved(page);
    // The markup was never parsed into elements (CSP would also stop a script; this checks the rendering).
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    expect(await page.locator('script:not([src])').count()).toBe(0);
  }
  expect(problems.flat()).toEqual([]);
});

test('changing the password keeps this device signed in and logs out every other one', async ({ browser }) => {
  const laptop = await (await browser.newContext()).newPage();
  const email = await signUp(laptop, server.url, 'Pat');
  const phone = await (await browser.newContext()).newPage();
  await phone.goto(`${server.url}/login`);
  await phone.getByLabel('Email').fill(email);
  await phone.getByLabel('Password').fill('correct horse battery');
  await phone.getByRole('button', { name: 'Log in' }).click();
  await expect(phone.getByRole('heading', { name: 'My racks' })).toBeVisible();

  await laptop.getByRole('link', { name: 'Account', exact: true }).click();
  await expect(laptop.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await laptop.getByLabel('Current password').fill('not my password');
  await laptop.getByLabel('New password', { exact: true }).fill('a brand new passphrase');
  await laptop.getByLabel('New password again').fill('a brand new passphrase');
  await laptop.getByRole('button', { name: 'Change password' }).click();
  await expect(laptop.getByRole('alert')).toHaveText('Your current password is wrong.');

  await laptop.getByLabel('Current password').fill('correct horse battery');
  await laptop.getByLabel('New password', { exact: true }).fill('a brand new passphrase');
  await laptop.getByLabel('New password again').fill('a brand new passphrase');
  await laptop.getByRole('button', { name: 'Change password' }).click();
  await expect(laptop.getByRole('status').filter({ hasText: 'Password changed.' })).toBeVisible();

  await phone.goto(`${server.url}/racks`);
  await expect(phone.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await laptop.goto(`${server.url}/racks`);
  await expect(laptop.getByRole('heading', { name: 'My racks' })).toBeVisible();
});

test('a saved checkpoint can be previewed read-only and restored for everyone in the room', async ({ browser }) => {
  test.setTimeout(150_000);
  const { ada, bea } = await adaAndBeaInOneRack(browser, server.url, 'Versions');

  await addFromPalette(ada, 'A-110-1', 'Doepfer', 'A-110-1');
  await expect(modulePanels(ada)).toHaveCount(1);
  await expect(modulePanels(bea)).toHaveCount(1, { timeout: 30_000 });
  await expectSaved(ada);
  await ada.getByRole('button', { name: 'History', exact: true }).click();
  const history = ada.getByRole('complementary', { name: 'History' });
  await history.getByLabel('Checkpoint name').fill('Just the VCO');
  await history.getByRole('button', { name: 'Save checkpoint' }).click();
  await expect(history.getByRole('button', { name: /Just the VCO/ })).toBeVisible();

  await addFromPalette(ada, 'A-120', 'Doepfer', 'A-120');
  await expect(modulePanels(bea)).toHaveCount(2, { timeout: 30_000 });

  await history.getByRole('button', { name: /Just the VCO/ }).click();
  const preview = history.getByRole('region', { name: 'Version “Just the VCO” (read-only)' });
  await expect(preview.getByRole('heading', { name: 'Modules (1)' })).toBeVisible();
  await expect(modulePanels(ada)).toHaveCount(2); // previewing changes nothing
  await preview.getByRole('button', { name: 'Restore this version' }).click();
  await preview.getByRole('button', { name: 'Yes, restore' }).click();
  await expect(preview.getByRole('status')).toHaveText(/Restored/);
  for (const page of [ada, bea]) await expect(modulePanels(page)).toHaveCount(1, { timeout: 30_000 });
  await expect(history.getByRole('button', { name: /Before restoring “Just the VCO”/ })).toBeVisible();
});
