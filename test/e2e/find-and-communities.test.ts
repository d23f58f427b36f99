/**
 * Finding people, the community view, the score history and the histogram's axes, end to end: a
 * real `tiescore demo` (2,000 persons, embedded) in Debian's Chromium. Every table is compared
 * with what the API answers for the same question. Screenshots go to test-artifacts/e2e/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from './support/chromium.js';
import type { DemoServer } from './support/demo-server.js';
import { openPageSession } from './support/page-session.js';
import { recomputeAt } from './support/more-runs.js';

const ARTIFACTS = join('test-artifacts', 'e2e');

interface Found {
  persons: { personId: string; score: number; band: string; verified: boolean | null }[];
  nextCursor: string | null;
}

describe('finding people and communities', () => {
  let demo: DemoServer;
  let browser: Browser;
  let page: Page;
  let problems: string[] = [];

  beforeAll(async () => {
    ({ demo, browser, page, problems } = await openPageSession({ persons: 2000, artifacts: ARTIFACTS }));
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  async function api<T>(path: string): Promise<T> {
    const response = await fetch(`${demo.url}${path}`, { headers: { Authorization: `Bearer ${demo.keys.analyst}` } });
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  }

  /** The first `count` persons the API finds for a query, following its cursor. */
  async function apiFind(query: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const found: Found = await api(`/v1/persons?${query}&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      ids.push(...found.persons.map((p) => p.personId));
      cursor = found.nextCursor;
    } while (cursor && ids.length < count);
    return ids.slice(0, count);
  }

  const rowIds = (testId: string) => page.getByTestId(testId).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-person-id')!));

  it('signs in and draws the histogram with count ticks and axis titles', async () => {
    await page.goto(demo.url);
    await page.getByLabel('API key').fill(demo.keys.analyst);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('run-summary').waitFor();
    const histogram = page.locator('svg.histogram');
    const yTicks = (await histogram.locator('text.y-tick').allTextContents()).map((text) => Number(text.replace(/,/g, '')));
    expect(yTicks.length).toBeGreaterThanOrEqual(4);
    expect(yTicks[0]).toBe(0);
    const step = yTicks[1]! - yTicks[0]!;
    expect(yTicks.every((tick, k) => tick === k * step)).toBe(true);
    // The top tick covers the tallest bin.
    const run = await api<{ histogram: { bins: { count: number }[] } }>('/v1/runs/published?binWidth=25');
    expect(yTicks.at(-1)).toBeGreaterThanOrEqual(Math.max(...run.histogram.bins.map((bin) => bin.count)));
    expect(await histogram.locator('text.x-tick').allTextContents()).toEqual(['400', '500', '600', '700', '800', '900']);
    expect(await histogram.locator('text.axis-title').allTextContents()).toEqual(['Score', 'Persons']);
  });

  it('finds persons by id prefix, a page at a time, as the API does', async () => {
    await page.getByLabel('Id starts with').fill('p01');
    await page.getByRole('button', { name: 'Find' }).click();
    await expect.poll(() => page.getByTestId('found-persons-count').textContent()).toMatch(/^Showing 50 persons \(more match\)\.$/);
    const expected = await apiFind('idPrefix=p01', 1000);
    expect(expected).toHaveLength(100);
    expect(await rowIds('found-persons')).toEqual(expected.slice(0, 50));
    await page.getByTestId('found-persons-more').click();
    await expect.poll(() => page.getByTestId('found-persons-count').textContent()).toBe('Showing 100 persons.');
    expect(await rowIds('found-persons')).toEqual(expected);
    expect(await page.getByTestId('found-persons-more').isHidden()).toBe(true);
  });

  it('filters by band, score range and verification', async () => {
    await page.getByLabel('Id starts with').fill('');
    await page.getByRole('checkbox', { name: 'Poor', exact: true }).check();
    await page.getByRole('checkbox', { name: 'Fair', exact: true }).check();
    await page.getByLabel('Score from').fill('500');
    await page.getByLabel('Score to').fill('580');
    await page.getByLabel('Identity').selectOption('true');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByTestId('found-persons').locator('tbody tr').first().waitFor();
    const expected = await apiFind('band=poor,fair&minScore=500&maxScore=580&verified=true', 50);
    expect(expected.length).toBeGreaterThan(0);
    await expect.poll(() => rowIds('found-persons')).toEqual(expected);
    const cells = await page.getByTestId('found-persons').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [Number(tr.children[1]!.textContent), tr.children[2]!.textContent, tr.children[3]!.textContent]));
    for (const [score, band, verified] of cells) {
      expect(score).toBeGreaterThanOrEqual(500);
      expect(score).toBeLessThanOrEqual(580);
      expect(band).toMatch(/^(Poor|Fair)$/);
      expect(verified).toBe('yes');
    }
    await shot('find-persons');

    // A range upside down is refused in the page, before any request.
    await page.getByLabel('Score from').fill('700');
    await page.getByLabel('Score to').fill('600');
    await page.getByRole('button', { name: 'Find' }).click();
    await expect.poll(() => page.locator('#find-error').textContent()).toBe('Score from must not be above Score to.');
    expect(await page.getByTestId('found-persons').count()).toBe(0);
  });

  it('opens a community from the population view: summary, most important members, members', async () => {
    const communities = await api<{ communities: { id: number; size: number }[] }>('/v1/communities?sort=risk&limit=10');
    // The largest of the riskiest, so its members fill more than one page.
    const first = communities.communities.reduce((best, c) => (c.size > best.size ? c : best));
    expect(first.size).toBeGreaterThan(50);
    await page.getByTestId('communities-table').getByRole('link', { name: `Community ${first.id}` }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(`Community #${first.id}`);
    const detail = await api<{ size: number; influential: { personId: string; rank: number }[] }>(`/v1/communities/${first.id}?top=10`);
    await page.getByTestId('community-summary').waitFor();
    expect(await page.getByTestId('community-summary').textContent()).toContain(`Members${first.size.toLocaleString('en')}`);
    await page.getByTestId('community-influence').waitFor();
    expect(await rowIds('community-influence')).toEqual(detail.influential.map((p) => p.personId));

    const members = await apiFind(`community=${first.id}`, 10_000);
    const shown = Math.min(50, members.length);
    await expect.poll(() => page.getByTestId('community-members-count').textContent()).toMatch(new RegExp(`^Showing ${shown} of ${detail.size.toLocaleString('en')} members`));
    expect(await rowIds('community-members')).toEqual(members.slice(0, shown));
    await shot('community');
    await page.getByTestId('community-members-more').click();
    await expect.poll(async () => (await rowIds('community-members')).length).toBe(Math.min(100, members.length));
    expect(await rowIds('community-members')).toEqual(members.slice(0, 100));

    // The global ranking, restricted to the community, is the community's ranking.
    const top = await api<{ persons: { personId: string }[] }>('/v1/influence/top?limit=100');
    const memberSet = new Set(members);
    const globalOrder = top.persons.filter((p) => memberSet.has(p.personId)).map((p) => p.personId);
    expect(detail.influential.map((p) => p.personId).slice(0, globalOrder.length)).toEqual(globalOrder.slice(0, detail.influential.length));
  });

  it('draws the score history of the person picked, from the history endpoint', async () => {
    const personId = demo.summary.mostInfluential[0]!.personId;
    await recomputeAt(demo, ['2026-09-30', '2026-12-31']); // three published runs
    await page.goto(`${demo.url}/#/person/${personId}?depth=1&max=25`);
    const chart = page.getByTestId('score-history').locator('svg.history');
    await chart.waitFor();
    const history = await api<{ scores: { runId: string; score: number }[] }>(`/v1/persons/${personId}/history`);
    const points = await chart.locator('circle.history-point').evaluateAll((circles) => circles.map((c) => [c.getAttribute('data-run'), Number(c.getAttribute('data-score'))]));
    expect(history.scores).toHaveLength(3);
    expect(points).toEqual([...history.scores].reverse().map((s) => [s.runId, s.score]));
    expect(await chart.locator('polyline.history-line').count()).toBe(1);
    expect(await chart.locator('text.axis-title').allTextContents()).toEqual(['Run (scored as of)', 'Score']);
    expect((await chart.locator('text.y-tick').allTextContents()).length).toBeGreaterThanOrEqual(2);
    await shot('score-history');
    expect(problems).toEqual([]);
  });
});
