/**
 * The person view as a graph explorer, end to end: a real `tiescore demo` (2,000 persons,
 * embedded) and Debian's Chromium. A depth-2, 200-person network shows both rings and says how
 * much it leaves out; labels never overlap, and zooming in shows more; both layouts; drag and
 * pin; expanding a node; line colours per link kind; a what-if whose totals are the API's, under
 * two named shocks, one of which reconciles with the influence ranking; the CSV download; the
 * contacts' contributions. Screenshots go to test-artifacts/e2e/.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Browser } from './support/chromium.js';
import { startDemo, type DemoServer } from './support/demo-server.js';

const ARTIFACTS = join('test-artifacts', 'e2e');

interface LabelBox {
  key: string;
  x: number;
  y: number;
  width: number;
  height: number;
  cx: number;
  cy: number;
}

interface Summary {
  totalPoints: number;
  movedAtLeastOnePoint: number;
  bandChanges: number;
  byHop: { hops: number; persons: number }[];
}

const overlapping = (boxes: LabelBox[]) =>
  boxes.flatMap((a, k) => boxes.slice(k + 1).filter((b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height).map((b) => `${a.key}/${b.key}`));

describe('graph explorer', () => {
  let demo: DemoServer;
  let browser: Browser;
  let page: Page;
  let ego: string;
  const problems: string[] = [];

  const api = async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${demo.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Authorization: `Bearer ${demo.keys.analyst}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? null : JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  const graph = () => page.getByTestId('ego-graph');
  const labels = async (): Promise<LabelBox[]> => JSON.parse((await graph().getAttribute('data-labels')) ?? '[]') as LabelBox[];
  const settled = () => expect.poll(() => graph().getAttribute('data-layout-running'), { timeout: 15_000 }).toBe('false');
  const shot = async (name: string) => graph().screenshot({ path: join(ARTIFACTS, `${name}.png`) });

  beforeAll(async () => {
    if (!existsSync('dist/web/index.html')) throw new Error('e2e: the analyst page is not built (dist/web/index.html); run `npm run build`');
    await mkdir(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
    demo = await startDemo({ persons: 2000 });
    ego = demo.summary.mostInfluential[0]!.personId;
    page = await browser.context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    await page.goto(demo.url);
    await page.getByLabel('API key').fill(demo.keys.analyst);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('run-summary').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it('draws both rings of a 200-person depth-2 network and says how many it leaves out', async () => {
    await page.goto(`${demo.url}/#/person/${ego}?depth=2&max=200`);
    await page.getByTestId('network-cap').waitFor();
    const network = await api<{ attributes: { contactsTotal: number; secondHopTotal: number }; nodes: { attributes: { hops: number } }[] }>(
      `/v1/persons/${ego}/network?depth=2&maxNodes=200`,
    );
    const count = (hops: number) => network.nodes.filter((n) => n.attributes.hops === hops).length;
    expect(count(1)).toBeGreaterThan(50);
    expect(count(2)).toBeGreaterThan(50);
    const fmt = (n: number) => n.toLocaleString('en');
    expect(await page.getByTestId('network-cap').textContent()).toContain(
      `Showing ${fmt(count(1))} of ${fmt(network.attributes.contactsTotal)} contacts and ${fmt(count(2))} of ${fmt(network.attributes.secondHopTotal)} contacts of contacts`,
    );
    expect(await page.getByRole('heading', { name: /^Persons \(/ }).textContent()).toBe('Persons (200 shown)');
    expect(await page.getByTestId('node-list').locator('li[data-hops="2"]').count()).toBe(count(2));
    expect(await graph().getAttribute('data-layout')).toBe('force');
    await settled();
    await shot('graph-force');
  });

  it('never overlaps labels, and shows more of them when zoomed in', async () => {
    const before = await labels();
    expect(before.length).toBeGreaterThanOrEqual(10);
    expect(overlapping(before)).toEqual([]);
    expect(before.map((l) => l.key)).toContain(ego);
    const box = (await graph().boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let k = 0; k < 3; k++) {
      await page.mouse.wheel(0, -250);
      await page.waitForTimeout(250);
    }
    // The whole graph was on screen before: a label shown now and not then was revealed by zooming.
    const labelled = new Set(before.map((l) => l.key));
    await expect.poll(async () => (await labels()).filter((l) => !labelled.has(l.key)).length, { timeout: 5000 }).toBeGreaterThan(0);
    expect(overlapping(await labels())).toEqual([]);
    await shot('graph-zoomed');
  });

  it('switches to the radial layout and back', async () => {
    await page.getByLabel('Radial (rings by hops)').check();
    await expect.poll(() => graph().getAttribute('data-layout')).toBe('radial');
    expect(await page.getByTestId('layout-run').isDisabled()).toBe(true);
    expect(overlapping(await labels())).toEqual([]);
    await shot('graph-radial');
    await page.getByLabel('Force-directed').check();
    await expect.poll(() => graph().getAttribute('data-layout')).toBe('force');
    await settled();
  });

  it('colours lines by what links the pair, with a legend of the kinds drawn', async () => {
    const network = await api<{ edges: { attributes: { kind: string | null } }[] }>(`/v1/persons/${ego}/network?depth=2&maxNodes=200`);
    const kinds = new Set(network.edges.map((e) => e.attributes.kind ?? 'unknown'));
    expect(kinds.size).toBeGreaterThan(1);
    const shown = await page.getByTestId('edge-legend').locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')));
    expect(new Set(shown)).toEqual(kinds);
  });

  it('drags a node and pins it where it is dropped', async () => {
    // Back to zoom 1 on a fresh drawing, so the whole graph is on screen.
    await page.reload();
    await page.getByTestId('network-cap').waitFor();
    await settled();
    const target = (await labels()).find((l) => l.key !== ego)!;
    const box = (await graph().boundingBox())!;
    const [x, y] = [box.x + target.cx, box.y + target.cy];
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let k = 1; k <= 10; k++) await page.mouse.move(x + 6 * k, y + 4 * k);
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('pinned').textContent()).toBe('1 pinned');
    await settled();
    const moved = (await labels()).find((l) => l.key === target.key);
    if (moved) {
      // Still where it was dropped (the layout ran again after the drop and left it there).
      expect(Math.abs(moved.cx - (target.cx + 60))).toBeLessThan(3);
      expect(Math.abs(moved.cy - (target.cy + 40))).toBeLessThan(3);
    }
    await page.getByTestId('unpin-all').click();
    await expect.poll(() => page.getByTestId('pinned').textContent()).not.toContain('pinned');
  });

  it('expands a node\'s contacts, by button and by double-click, and says how many it shows', async () => {
    const nodes = page.getByTestId('node-list').getByRole('option');
    const before = await nodes.count();
    const contact = (await page.getByTestId('node-list').locator('li[data-hops="2"]').first().getAttribute('data-person-id'))!;
    await page.getByTestId('node-list').locator(`li[data-person-id="${contact}"]`).click();
    await expect.poll(() => page.locator('.details-body h3').textContent()).toBe(contact);
    await page.getByTestId('expand').click();
    await expect.poll(() => nodes.count()).toBeGreaterThan(before);
    const own = await api<{ attributes: { contactsTotal: number } }>(`/v1/persons/${contact}/network?depth=1&maxNodes=1`);
    await expect.poll(() => page.getByTestId('contacts-shown').textContent()).toMatch(new RegExp(`^Showing \\d+ of ${own.attributes.contactsTotal.toLocaleString('en')} contacts\\.$`));
    expect(await page.getByTestId('network-cap').textContent()).toMatch(/plus \d+ added by expanding or a path/);
    expect(await page.getByTestId('node-list').locator('li[data-hops="3"]').count()).toBeGreaterThan(0);

    await settled();
    const afterButton = await nodes.count();
    const box = (await graph().boundingBox())!;
    const candidates = (await labels()).filter((l) => l.key !== ego && l.key !== contact);
    for (const label of candidates) {
      await page.mouse.dblclick(box.x + label.cx, box.y + label.cy);
      if ((await nodes.count()) > afterButton) break;
      await page.waitForTimeout(500);
      if ((await nodes.count()) > afterButton) break;
    }
    expect(await nodes.count()).toBeGreaterThan(afterButton);
    await settled();
    await shot('graph-expanded');
  });

  it('shows a what-if by colour with the API\'s totals; own score to 0 reconciles with the influence ranking', async () => {
    await page.goto(`${demo.url}/#/person/${ego}?depth=2&max=200`);
    await page.getByTestId('network-cap').waitFor();
    await page.getByTestId('shock').selectOption('own-score-to-0');
    expect(await page.getByTestId('simulate').textContent()).toBe(`Simulate own score to 0 of ${ego}`);
    await page.getByTestId('simulate').click();
    await page.getByTestId('what-if-totals').waitFor();
    const answer = await api<{ total: number; summary: Summary }>('/v1/contagion/simulate', { shocks: [{ personId: ego, ownScore: 0 }], threshold: 0.1, limit: 1 });
    const text = async (id: string) => (await page.getByTestId(id).textContent())!.replace('\u2212', '-').replace(/,/g, '');
    expect(Number(await text('total-points'))).toBe(answer.summary.totalPoints);
    expect(Number(await text('moved-one-point'))).toBe(answer.summary.movedAtLeastOnePoint);
    expect(Number(await text('band-changes'))).toBe(answer.summary.bandChanges);
    expect(Number(await text('affected-total'))).toBe(answer.total);
    const hops = await page.getByTestId('by-hop').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-hops'))));
    expect(hops).toEqual(answer.summary.byHop.map((row) => row.hops));
    // The influence ranking's figure for the same person and shock is the same total.
    const ranking = await api<{ shock: string; persons: { personId: string; pointsIfOwnScoreZero: number }[] }>('/v1/influence/top?limit=1');
    expect(ranking.shock).toBe('own-score-to-0');
    expect(Math.abs(ranking.persons[0]!.pointsIfOwnScoreZero + answer.summary.totalPoints)).toBeLessThanOrEqual(0.06);
    await page.getByTestId('impact-legend').waitFor();
    const drawn = await labels();
    expect(drawn.some((l) => l.key === ego)).toBe(true);
    expect(overlapping(drawn)).toEqual([]);
    await shot('graph-what-if');
    await page.screenshot({ path: join(ARTIFACTS, 'person-what-if.png'), fullPage: true });
  });

  it('downloads exactly the affected rows the API answered as CSV', async () => {
    const rows: { personId: string; deltaPoints: number; hops: number }[] = [];
    for (let offset = 0; ; offset += 500) {
      const page500 = await api<{ total: number; affected: typeof rows }>('/v1/contagion/simulate', { shocks: [{ personId: ego, ownScore: 0 }], threshold: 0.1, offset, limit: 500 });
      rows.push(...page500.affected);
      if (rows.length >= page500.total || page500.affected.length === 0) break;
    }
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('person_id,delta_points,hops,score,projected_score,delta_own,delta_network');
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 3).join(','))).toEqual(rows.map((r) => `${r.personId},${r.deltaPoints},${r.hops}`));
  });

  it('runs a default event as a shock of its own, smaller than own score to 0', async () => {
    await page.getByTestId('shock').selectOption('default-event');
    await page.getByTestId('simulate').click();
    const answer = await api<{ summary: Summary }>('/v1/contagion/simulate', { shocks: [{ personId: ego, ownScore: 'default' }], threshold: 0.1, limit: 1 });
    await expect.poll(async () => Number((await page.getByTestId('total-points').textContent())!.replace('\u2212', '-').replace(/,/g, ''))).toBe(answer.summary.totalPoints);
    expect(await page.getByTestId('what-if-summary').textContent()).toMatch(/^Shock "a default event"/);
  });

  it('lists each contact\'s contribution for the analyst, as the explanation API gives them', async () => {
    await page.getByTestId('node-list').locator(`li[data-person-id="${ego}"]`).click();
    await expect.poll(() => page.locator('.details-body h3').textContent()).toBe(ego);
    await page.getByTestId('show-contributions').click();
    await page.getByTestId('contributions').waitFor();
    const explanation = await api<{ network: { contributions: { personId: string | null; points: number }[] } }>(`/v1/persons/${ego}/explanation`);
    const shown = await page.getByTestId('contributions').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-person-id'), Number(tr.getAttribute('data-points'))]));
    expect(shown).toEqual(explanation.network.contributions.map((c) => [c.personId ?? '', c.points]));
    expect(shown.length).toBeGreaterThan(0);
  });

  it('finds the strongest-tie path to a person outside the drawing, draws it and lists its steps as the API does', async () => {
    await page.goto(`${demo.url}/#/person/${ego}?depth=1&max=25`);
    await page.getByTestId('network-cap').waitFor();
    await settled();
    const drawn = new Set(await page.getByTestId('node-list').getByRole('option').evaluateAll((items) => items.map((li) => li.getAttribute('data-person-id'))));
    const target = demo.summary.mostInfluential.map((p) => p.personId).find((id) => !drawn.has(id)) ?? 'p1999';
    await page.getByLabel('To', { exact: true }).fill(target);
    await page.getByTestId('find-path').click();
    await page.getByTestId('path-steps').waitFor();
    const path = await api<{ hops: number; steps: { personId: string }[] }>(`/v1/paths/strongest?from=${ego}&to=${target}`);
    const steps = await page.getByTestId('path-steps').locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-person-id')));
    expect(steps).toEqual(path.steps.map((step) => step.personId));
    expect(path.hops).toBeGreaterThan(0);
    // Every person on the path is now drawn, in the list, and labelled.
    const listed = await page.getByTestId('node-list').getByRole('option').evaluateAll((items) => items.map((li) => li.getAttribute('data-person-id')));
    for (const step of steps) expect(listed).toContain(step);
    await settled();
    await expect.poll(async () => (await labels()).map((l) => l.key)).toEqual(expect.arrayContaining(steps as string[]));
    expect(overlapping(await labels())).toEqual([]);
    await shot('graph-path');
    expect(problems).toEqual([]);
  });
});
