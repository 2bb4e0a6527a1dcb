import { expect as baseExpect, test, type Page } from '@playwright/test';
import { addModule, listModules } from '@patchroom/doc-model';
import { headlessStudent, type HeadlessStudent } from './support/headless-students.ts';
import { addFromPalette, expectSaved, modulePanels } from './support/room.ts';
import { serverForThisFile } from './support/server-per-file.ts';
import { createRack, signUp } from './support/users.ts';

// Thirty students in one room on a shared machine: give every expectation room to breathe.
const expect = baseExpect.configure({ timeout: 30_000 });

const server = serverForThisFile();
const headless: HeadlessStudent[] = [];
test.afterAll(() => {
  for (const student of headless) student.close();
});

/** Browser students plus headless ones: 30 students in the teacher's room. */
const HEADLESS_STUDENTS = 28;

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The canvas (tldraw, a large chunk) can take a while on a busy machine. */
async function expectModules(page: Page, count: number): Promise<void> {
  await expect(modulePanels(page)).toHaveCount(count, { timeout: 45_000 });
}

function lockedBanner(page: Page) {
  return page.getByRole('status').filter({ hasText: 'Locked by teacher' });
}

test('a workshop: 30 students join, the teacher locks, unlocks, leads the view, hands out copies and opens one', async ({ browser }) => {
  test.setTimeout(300_000);
  const teacher = await (await browser.newContext()).newPage();
  const ana = await (await browser.newContext()).newPage();
  const guest = await (await browser.newContext()).newPage();
  for (const [name, page] of [['teacher', teacher], ['ana', ana], ['guest', guest]] as const) {
    page.on('pageerror', (error) => console.error(`${name} page error: ${error.message}`));
    page.on('crash', () => console.error(`${name} page crashed`));
  }

  let code = '';
  await test.step('the teacher starts a workshop from a rack', async () => {
    await signUp(teacher, server.url, 'Teacher');
    await createRack(teacher, 'Lesson one');
    await addFromPalette(teacher, 'A-110-1', 'Doepfer', 'A-110-1');
    await expectModules(teacher, 1);
    await expectSaved(teacher);
    await teacher.getByRole('button', { name: 'Start a workshop' }).click();
    code = (await teacher.getByTestId('workshop-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    await expect(teacher.getByRole('link', { name: `${server.url}/w/${code}` })).toBeVisible();
  });

  await test.step('a student with an account and a guest join by the link', async () => {
    await signUp(ana, server.url, 'Ana');
    await ana.goto(`${server.url}/w/${code}`);
    await expect(ana.getByRole('heading', { name: 'Join “Lesson one”' })).toBeVisible();
    await ana.getByRole('button', { name: 'Join the workshop' }).click();
    await expect(ana.getByRole('heading', { name: 'Lesson one', level: 1 })).toBeVisible();
    await expectModules(ana, 1);

    await guest.goto(`${server.url}/w/${code}`);
    await guest.getByLabel('Your name').fill('Gus');
    await guest.getByRole('button', { name: 'Join the workshop' }).click();
    await expect(guest.getByRole('heading', { name: 'Lesson one', level: 1 })).toBeVisible();
    await expectModules(guest, 1);
  });

  await test.step(`${HEADLESS_STUDENTS} more students join without a browser; everyone is in sync`, async () => {
    for (let i = 0; i < HEADLESS_STUDENTS; i += 1) headless.push(await headlessStudent(server.url, code, `Bot ${i + 1}`));
    await Promise.all(headless.map((s) => s.synced));
    await waitUntil(() => headless.every((s) => listModules(s.doc).length === 1), 'every headless student sees the module');
    await expect(teacher.getByText('30 students')).toBeVisible({ timeout: 15_000 });
  });

  await test.step('lock: students are read-only, their edits are refused by the server', async () => {
    await teacher.getByRole('button', { name: 'Lock students' }).click();
    await expect(teacher.getByRole('button', { name: 'Unlock students' })).toBeVisible();
    await expect(lockedBanner(ana)).toBeVisible();
    await expect(lockedBanner(guest)).toBeVisible();
    await expect(ana.getByText('Locked by teacher: you can watch, but not change the rack')).toBeVisible();
    await ana.getByLabel('Search modules').fill('A-110-1');
    await expect(ana.getByRole('button', { name: /^Add A-110-1.* Doepfer / }).first()).toBeDisabled();
    // A lock is live for the headless students too: once the server has told each of them,
    // each tries an edit anyway (as a modified client would) and is refused.
    await waitUntil(() => headless.every((s) => s.scope() === 'readonly'), 'every headless student told they are read-only');
    headless.forEach((s, i) => addModule(s.doc, { catalogId: `locked-${i}`, widthHp: 1 }));
    await waitUntil(() => headless.every((s) => s.refused() > 0), 'every headless edit refused').catch((error: unknown) => {
      console.error(headless.map((s) => s.describe()).join('\n'));
      throw error;
    });
    await expectModules(teacher, 1);
    await expectModules(ana, 1);
  });

  await test.step('unlock: the student edits again and everyone sees it', async () => {
    await teacher.getByRole('button', { name: 'Unlock students' }).click();
    await expect(lockedBanner(ana)).toHaveCount(0);
    await addFromPalette(ana, 'A-110-1', 'Doepfer', 'A-110-1');
    await expectSaved(ana);
    await expectModules(teacher, 2);
    await expectModules(guest, 2);
  });

  await test.step('follow me: students follow the teacher’s view until the teacher stops', async () => {
    await teacher.getByRole('button', { name: 'Follow me' }).click();
    await expect(ana.getByRole('button', { name: 'Stop following Teacher' })).toBeVisible();
    await expect(guest.getByRole('button', { name: 'Stop following Teacher' })).toBeVisible();
    await expect(ana.getByText('Following the teacher’s view')).toBeVisible();
    await teacher.getByRole('button', { name: 'Stop follow me' }).click();
    await expect(ana.getByRole('button', { name: 'Follow Teacher' })).toBeVisible();
  });

  await test.step('every student gets a copy; the teacher watches them live and opens one', async () => {
    await teacher.getByRole('button', { name: 'Give everyone a copy' }).click();
    await expect(teacher.getByText('30 new copies')).toBeVisible({ timeout: 120_000 });
    await ana.getByRole('link', { name: 'Open my copy' }).click();
    await expect(ana.getByRole('heading', { name: 'Lesson one — Ana', level: 1 })).toBeVisible();
    await expectModules(ana, 2);

    await teacher.getByRole('link', { name: 'Dashboard' }).click();
    const anaCard = teacher.getByRole('listitem').filter({ has: teacher.getByRole('heading', { name: 'Ana' }) });
    await expect(teacher.getByRole('list', { name: 'Students’ copies' }).getByRole('listitem')).toHaveCount(30);
    await expect(anaCard.getByTestId('preview-count')).toHaveText('2 modules');
    // Ana changes her copy: the dashboard's preview follows live.
    await addFromPalette(ana, 'A-110-1', 'Doepfer', 'A-110-1');
    await expectSaved(ana);
    await expect(anaCard.getByTestId('preview-count')).toHaveText('3 modules');
    await teacher.screenshot({ path: 'test-results/workshop-dashboard.png' });

    await anaCard.getByRole('link', { name: 'Open Ana’s copy' }).click();
    await expect(teacher.getByRole('heading', { name: 'Lesson one — Ana', level: 1 })).toBeVisible();
    await expectModules(teacher, 3);
  });
});
