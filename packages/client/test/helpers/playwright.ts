import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { expect, it } from 'vitest';

/** Debian's chromium package; CHROMIUM_PATH for another system browser (never a downloaded one). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether Chromium is installed. Without it a file's Chromium tests are skipped with a warning;
 * under CI=true a failing test says what to install instead.
 */
export function hasChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) {
    it('needs Chromium in CI', () =>
      expect.fail(`${CHROMIUM} is missing: apt-get install chromium`));
  } else {
    console.warn(`skipping Chromium tests: ${CHROMIUM} is missing (apt-get install chromium)`);
  }
  return false;
}

/** Launches Debian's Chromium (never a downloaded browser) headless. */
export function launchChromium(executablePath = CHROMIUM): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
