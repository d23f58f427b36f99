/**
 * Debian's Chromium driven by playwright-core (no downloaded browsers: `npx playwright install`
 * needs the internet). A missing /usr/bin/chromium fails the test with how to install it — CI
 * (.ci/run) installs it, so a skip would only hide a broken setup.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Quiet, offline-friendly flags: no GPU, no background traffic, no first-run UI. */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** `args`: flags added to FLAGS, e.g. `--host-resolver-rules=MAP tiescore.test 127.0.0.1`. */
export async function launchChromium(options: { args?: readonly string[] } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`e2e: no Chromium at ${CHROMIUM_PATH}; install it with \`apt-get install chromium\` (as .ci/run does) or set CHROMIUM_PATH`);
  }
  // A new, empty profile every run (playwright passes it as --user-data-dir).
  const profile = await mkdtemp(join(tmpdir(), 'tiescore-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...FLAGS, ...(options.args ?? [])],
    viewport: { width: 1440, height: 1000 },
    timeout: 60_000,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
