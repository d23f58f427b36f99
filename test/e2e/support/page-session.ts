/**
 * What every browser test starts from: the built page checked, a `tiescore demo`, Debian's
 * Chromium with one page whose script errors and console errors are collected in `problems`
 * (a refused resource, such as a CSP violation, is a console error).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { launchChromium, type Browser } from './chromium.js';
import { startDemo, type DemoServer } from './demo-server.js';

export interface PageSession {
  demo: DemoServer;
  browser: Browser;
  page: Page;
  /** Script errors and console errors so far (console lines matching `expectedConsole` left out). */
  problems: string[];
}

export async function openPageSession(options: { persons: number; artifacts: string; expectedConsole?: RegExp }): Promise<PageSession> {
  if (!existsSync('dist/web/index.html')) throw new Error('e2e: the analyst page is not built (dist/web/index.html); run `npm run build`');
  await mkdir(options.artifacts, { recursive: true });
  const browser = await launchChromium();
  const demo = await startDemo({ persons: options.persons }).catch(async (error: unknown) => {
    await browser.close();
    throw error;
  });
  const page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !options.expectedConsole?.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  return { demo, browser, page, problems };
}
