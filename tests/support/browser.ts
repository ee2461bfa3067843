// Real-browser tests use Debian's Chromium at /usr/bin/chromium through playwright-core. Without it
// they skip on a developer's machine — but never in CI (`CI` set): .ci/run installs the browser, so
// a missing one there is a failure, not a quiet skip.
import { existsSync } from 'node:fs';
import { expect } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';

/** Skip the browser test: only outside CI, and only when Chromium is not installed. */
export const skipBrowser = !existsSync(CHROMIUM) && !process.env.CI;

/** Launches headless Chromium; in CI a missing browser fails the test with a reason. */
export async function launchChromium() {
  expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: .ci/run installs it (apt-get install -y chromium)`).toBe(true);
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
