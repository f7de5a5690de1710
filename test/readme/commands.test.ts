/**
 * Every `npm run <name>` the README shows is a script of package.json: the commands are
 * written exactly as they run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const SCRIPTS = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

describe('README commands', () => {
  it('name only npm scripts that exist', () => {
    const named = [...new Set([...README.matchAll(/npm run ([a-z][a-z0-9:-]*)/g)].map((m) => m[1]!))];
    expect(named).toEqual(expect.arrayContaining(['backup', 'restore']));
    expect(named.filter((name) => !SCRIPTS.includes(name))).toEqual([]);
  });
});
