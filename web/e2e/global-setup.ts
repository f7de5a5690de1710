/**
 * jest globalSetup: the browser tests need the built console (dist/web). Build it once when it
 * is missing or older than a file under web/ (a fresh clone, an edit), and only when a
 * Chromium is there to use it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium } from './chromium';

const ROOT = join(__dirname, '..', '..');
const INDEX = join(ROOT, 'dist', 'web', 'index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'e2e' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export default function globalSetup(): void {
  if (!findChromium()) return;
  if (existsSync(INDEX) && statSync(INDEX).mtimeMs >= newestMtime(join(ROOT, 'web'))) return;
  process.stdout.write('\nweb/e2e: building the web console (vite build → dist/web)…\n');
  const built = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  if (built.status !== 0) throw new Error('web/e2e: `vite build --config web/vite.config.ts` failed; the browser tests need dist/web');
}
