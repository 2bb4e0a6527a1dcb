import { expect, test } from '@playwright/test';
import { addFromPalette, expectSaved, jack, modulePanels, patchByKeyboard } from './support/room.ts';
import { serverForThisFile } from './support/server-per-file.ts';
import { createRack, publishRack, signUp } from './support/users.ts';

const server = serverForThisFile();

const VCO = 'A-110-1 Standard VCO';
const VCF = 'A-120 VCF 1 (24 dB Low Pass)';
// The canvas (tldraw) is a large lazy chunk: on a loaded machine it takes a while to appear.
const CANVAS = { timeout: 30_000 };
const XSS = '<img src=x onerror="window.__pwned=1"><b>bold?</b> nice patch';

test('publish → another person sees it in the feed, votes, comments, forks → lineage on both racks', async ({ browser }) => {
  const ada = await (await browser.newContext()).newPage();
  const bea = await (await browser.newContext()).newPage();
  await signUp(ada, server.url, 'Ada');
  await signUp(bea, server.url, 'Bea');

  // Ada builds a small voice and publishes her (private) rack.
  const rackId = await createRack(ada, 'Night drive');
  // Unique in the feed, which a database reused between local runs keeps filling.
  const title = `Night drive voice ${Date.now().toString(36)}`;
  await expectSaved(ada);
  await expect(ada.locator('.tl-canvas')).toBeVisible(CANVAS);
  await addFromPalette(ada, 'A-110-1', 'Doepfer', 'A-110-1');
  await addFromPalette(ada, 'A-120', 'Doepfer', 'A-120');
  await expect(modulePanels(ada)).toHaveCount(2, CANVAS);
  await patchByKeyboard(ada, jack(ada, VCO, 'Saw', 'output'), jack(ada, VCF, 'Audio In', 'input'));
  await expect(ada.getByRole('button', { name: `Cable from ${VCO} Saw output to ${VCF} Audio In input` })).toHaveCount(1);
  await expectSaved(ada);
  await publishRack(ada, title);

  // Bea finds it in the feed (by search too) and opens it.
  await bea.getByRole('link', { name: 'Feed' }).click();
  const card = bea.getByRole('listitem', { name: title });
  await expect(card).toBeVisible();
  await bea.getByLabel('Search racks and patches').fill('night drive');
  await bea.getByRole('button', { name: 'Search' }).click();
  await expect(card).toBeVisible();
  await card.getByRole('link', { name: title }).click();
  await expect(bea.getByRole('heading', { name: title })).toBeVisible();
  const cables = bea.getByRole('list', { name: 'Cables of Patch 1' });
  await expect(cables).toContainText('Saw');
  await expect(cables).toContainText('Audio In');
  await expect(bea.getByRole('list', { name: 'Modules' }).getByRole('listitem')).toHaveCount(2);

  // One vote, shown pressed.
  const vote = bea.getByRole('button', { name: 'Vote, 0 votes' });
  await vote.click();
  await expect(bea.getByRole('button', { name: 'Vote, 1 vote' })).toHaveAttribute('aria-pressed', 'true');

  // A comment that looks like HTML shows as the text that was typed, and runs nothing.
  await bea.getByLabel('Your comment').fill(XSS);
  await bea.getByRole('button', { name: 'Post comment' }).click();
  const comment = bea.locator('.comment-body').first();
  await expect(comment).toHaveText(XSS);
  await expect(comment.locator('img, b')).toHaveCount(0);
  expect(await bea.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
  await bea.screenshot({ path: 'test-results/community-publication.png', fullPage: true });

  // Ada sees Bea's vote and comment on her publication.
  await ada.goto(`${server.url}/feed`);
  await expect(ada.getByRole('listitem', { name: title })).toContainText('1 comment');
  await expect(ada.getByRole('listitem', { name: title }).getByText('▲ 1')).toBeVisible();
  await ada.screenshot({ path: 'test-results/community-feed.png' });

  // Bea forks: her own copy opens with the same modules and cable, and says where it came from.
  await bea.getByRole('button', { name: 'Fork' }).click();
  await bea.waitForURL(/\/racks\/[a-z0-9]+$/);
  expect(bea.url()).not.toContain(rackId);
  await expect(bea.getByRole('heading', { name: 'Night drive (fork)' })).toBeVisible();
  await expect(modulePanels(bea)).toHaveCount(2, CANVAS);
  await expect(bea.getByRole('button', { name: `Cable from ${VCO} Saw output to ${VCF} Audio In input` })).toHaveCount(1, CANVAS);
  const beaLineage = bea.getByLabel('Lineage');
  await expect(beaLineage).toContainText('Forked from Night drive');
  await beaLineage.getByRole('link', { name: 'Night drive' }).click();
  await expect(bea.getByRole('heading', { name: 'Night drive', exact: true })).toBeVisible();

  // Ada's rack lists the fork (private, so by count, not name).
  await ada.goto(`${server.url}/racks/${rackId}`);
  await expect(ada.getByLabel('Lineage')).toContainText('Forks: 1 private');
  await ada.screenshot({ path: 'test-results/community-lineage.png' });
});
