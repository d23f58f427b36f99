/**
 * Regenerates the README's pictures of the analyst page from the running code: starts the demo
 * (embedded, 2,000 persons, as the e2e tests do), gives it a score history (two more published
 * runs), opens the page in Debian's Chromium and saves one image per view in docs/. Run by
 * `npm run docs:screenshots` (after a build); look at the images before committing them.
 *
 * Usage: tsx scripts/screenshots.ts [outDir]   (default docs)
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/e2e/support/chromium.js';
import { startDemo } from '../test/e2e/support/demo-server.js';
import { recomputeAt } from '../test/e2e/support/more-runs.js';

const outDir = process.argv[2] ?? 'docs';

async function main(): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const demo = await startDemo({ persons: 2000 });
  const browser = await launchChromium();
  try {
    await recomputeAt(demo, ['2026-09-30', '2026-12-31']);
    const page = await browser.context.newPage();
    const save = async (name: string, fullPage = true) => {
      await page.waitForTimeout(400); // layouts and canvases settle
      const path = join(outDir, `${name}.png`);
      await page.screenshot({ path, fullPage });
      console.log(`wrote ${path}`);
    };
    const get = async <T>(path: string): Promise<T> => (await (await fetch(`${demo.url}${path}`, { headers: { Authorization: `Bearer ${demo.keys.analyst}` } })).json()) as T;

    await page.goto(demo.url);
    await page.getByLabel('API key').fill(demo.keys.analyst);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('communities-table').waitFor();
    await page.getByTestId('influence-table').waitFor();
    await save('population');

    await findPersons(page);
    await save('find-persons');

    const communities = await get<{ communities: { id: number; size: number }[] }>('/v1/communities?sort=risk&limit=10');
    const community = communities.communities.reduce((best, c) => (c.size > best.size ? c : best));
    await page.goto(`${demo.url}/#/community/${community.id}`);
    await page.getByTestId('community-members').locator('tbody tr').first().waitFor();
    await save('community');

    const top = await get<{ persons: { personId: string }[] }>('/v1/influence/top?limit=1');
    const personId = top.persons[0]!.personId;
    await page.goto(`${demo.url}/#/person/${personId}?depth=2&max=200`);
    await page.getByTestId('score-history').locator('svg').waitFor();
    await save('person');
    await page.getByTestId('simulate').click();
    await page.getByTestId('affected-table').locator('tbody tr').first().waitFor();
    await save('analyst-page');

    await page.goto(`${demo.url}/#/reports`);
    await page.getByTestId('roc-chart').waitFor();
    await page.getByTestId('fairness-sex').locator('tbody tr').first().waitFor();
    await save('reports');
  } finally {
    await browser.close();
    await demo.stop();
  }
}

/** The population view's "Find persons" with a few filters set. */
async function findPersons(page: Page): Promise<void> {
  await page.getByRole('checkbox', { name: 'Poor', exact: true }).check();
  await page.getByLabel('Score to').fill('540');
  await page.getByLabel('Identity').selectOption('true');
  await page.getByRole('button', { name: 'Find' }).click();
  await page.getByTestId('found-persons').locator('tbody tr').first().waitFor();
  await page.getByRole('heading', { name: 'Find persons' }).scrollIntoViewIfNeeded();
}

main().catch((error: unknown) => {
  console.error(`screenshots: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
