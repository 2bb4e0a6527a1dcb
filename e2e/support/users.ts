import { expect, type Page } from '@playwright/test';

let counter = 0;
export function uniqueEmail(name: string): string {
  counter += 1;
  return `${name.toLowerCase()}-${Date.now().toString(36)}-${counter}@example.test`;
}

export async function signUp(page: Page, baseUrl: string, name: string): Promise<string> {
  const email = uniqueEmail(name);
  await page.goto(`${baseUrl}/signup`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Display name').fill(name);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'My racks' })).toBeVisible();
  return email;
}

export async function createRack(page: Page, name: string): Promise<string> {
  await page.getByLabel('Rack name').fill(name);
  const firstCase = await page.getByLabel('Case').locator('option').nth(1).getAttribute('value');
  if (firstCase) await page.getByLabel('Case').selectOption(firstCase);
  await page.getByRole('button', { name: 'Create rack' }).click();
  await page.waitForURL(/\/racks\/[a-z0-9]+$/);
  return page.url().split('/').pop()!;
}

/** Publishes the open rack to the feed under `title`, through the room's Publish form. */
export async function publishRack(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  const publishForm = page.getByRole('form', { name: 'Publish to the feed' });
  await expect(publishForm.getByText('Publishing makes this rack public')).toBeVisible();
  await publishForm.getByLabel('Title').fill(title);
  await publishForm.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(publishForm.getByRole('status')).toContainText('Published.');
}
