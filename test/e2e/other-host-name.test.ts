/**
 * The analyst page and /docs opened by a host name other than localhost (issue 19, item 7): a VM,
 * a container or `http://0.0.0.0:8080/` is not a secure context, so a server that sends
 * Strict-Transport-Security or CSP `upgrade-insecure-requests` over plain http makes Chromium fetch
 * the scripts over https — and the page stays blank. Chromium maps tiescore.test to 127.0.0.1, so
 * the test stays on loopback while the page's origin is http://tiescore.test:PORT.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Browser } from './support/chromium.js';
import { startDemo, type DemoServer } from './support/demo-server.js';

describe('the page at a host name that is not a secure context', () => {
  let demo: DemoServer;
  let browser: Browser;
  let page: Page;
  let origin: string;
  const problems: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium({ args: ['--host-resolver-rules=MAP tiescore.test 127.0.0.1'] });
    demo = await startDemo({ persons: 300 });
    origin = demo.url.replace('127.0.0.1', 'tiescore.test');
    page = await browser.context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} (${request.failure()?.errorText})`));
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it('renders the analyst page and signs in', async () => {
    expect(origin).toMatch(/^http:\/\/tiescore\.test:\d+$/);
    const response = await page.goto(`${origin}/`);
    expect(await page.evaluate('window.isSecureContext')).toBe(false);
    await page.getByLabel('API key').waitFor({ timeout: 15_000 });
    expect(response?.headers()['strict-transport-security']).toBeUndefined();
    await page.getByLabel('API key').fill(demo.keys.analyst);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('run-summary').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('run-summary').textContent()).toContain(demo.summary.run.id);
    expect(page.url().startsWith(`${origin}/`)).toBe(true);
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it('renders the API reference at /docs', async () => {
    await page.goto(`${origin}/docs`);
    await page.locator('.swagger-ui .info .title').waitFor({ timeout: 30_000 });
    expect(await page.locator('.swagger-ui .info .title').textContent()).toMatch(/tiescore/i);
    expect(problems, problems.join("\n")).toEqual([]);
  });
});
