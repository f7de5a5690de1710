/**
 * The browser the e2e tests drive: Debian's Chromium through playwright-core (no browser
 * download). CHROMIUM_PATH, else /usr/bin/chromium, else chromium (or chromium-browser) on PATH.
 */
import { accessSync, constants, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

const executable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CHROMIUM_PATH) return executable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  if (executable('/usr/bin/chromium')) return '/usr/bin/chromium';
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of ['chromium', 'chromium-browser']) if (executable(join(dir, name))) return join(dir, name);
  }
  return null;
}

export const NO_CHROMIUM_LINE =
  'SKIP web/e2e: no Chromium found (set CHROMIUM_PATH, or apt-get install chromium); the browser tests did not run';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Headless Chromium with a fresh user-data dir (no profile, no cache from an earlier run). */
export function launchChromium(
  executablePath: string,
  options: { viewport?: { width: number; height: number }; locale?: string } = {},
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'chromium-profile-')), {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    locale: options.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
}

/** Where the tests write their screenshots (gitignored). */
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'screenshots');
