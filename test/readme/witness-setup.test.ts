/**
 * The README's "Witness set-up" runs as written: each command of its shell blocks, in order, in
 * bash, against a server on the demo data (what `npm start` serves), with `npm run <name>`
 * running the script package.json names (from source, as the other command tests do) and the
 * README's 127.0.0.1:4000 pointed at the test server's port. The one command that starts the
 * server (`WITNESS_KEYS=… npm start`) is what this test does itself, with that environment; the
 * crontab line is checked to be the same run. At the end the bundle verifies with the witness's
 * cosignature pinned and verified.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startDemoServer, type DemoServer } from '../support/demo-server';

const ROOT = join(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const run = promisify(execFile);

/** The shell lines of the README's "### Witness set-up", in order. */
function setupCommands(): string[] {
  const start = README.indexOf('\n### Witness set-up\n');
  if (start < 0) throw new Error('README has no "### Witness set-up" section');
  const rest = README.slice(start + 1);
  const end = rest.search(/\n##+ /);
  const section = end < 0 ? rest : rest.slice(0, end);
  return [...section.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].flatMap((m) =>
    m[1]!
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#')),
  );
}

/** An `npm` for the child shells: `npm run [--silent] NAME [-- args]` runs the script's source. */
function npmShim(dir: string): void {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const table = Object.entries(scripts)
    .map(([name, command]) => [name, /node dist\/(scripts\/[\w-]+)\.js/.exec(command)?.[1]] as const)
    .filter((entry): entry is readonly [string, string] => entry[1] !== undefined)
    .map(([name, file]) => `    ${name}) file=${file}.ts ;;`)
    .join('\n');
  writeFileSync(
    join(dir, 'npm'),
    `#!/usr/bin/env bash
set -e
[ "$1" = run ] || { echo "npm shim: only npm run" >&2; exit 64; }
shift
[ "$1" = --silent ] && shift
name="$1"; shift
[ "$1" = -- ] && shift
case "$name" in
${table}
    *) echo "npm shim: no script $name" >&2; exit 64 ;;
esac
# Run from the README's directory, as npm does not: modules resolve from the project, as in dist/.
export NODE_PATH="${ROOT}/node_modules"
exec "${process.execPath}" -r "${ROOT}/test/support/ts-register.js" "${ROOT}/$file" "$@"
`,
  );
  chmodSync(join(dir, 'npm'), 0o755);
}

describe('README: Witness set-up', () => {
  const commands = setupCommands();
  const cwd = mkdtempSync(join(tmpdir(), 'witness-readme-'));
  const bin = mkdtempSync(join(tmpdir(), 'witness-readme-bin-'));
  let demo: DemoServer | undefined;
  npmShim(bin);

  afterAll(async () => {
    await demo?.stop();
  });

  it('has the commands the set-up needs, in this order', () => {
    const named = commands
      .filter((c) => !c.startsWith('*/'))
      .map((c) => /npm (?:start|run (?:--silent )?([\w-]+))/.exec(c)?.[1] ?? (c.includes('npm start') ? 'start' : c));
    expect(named).toEqual(['witness', 'start', 'checkpoint', 'token', 'witness', 'export-bundle', 'verify-bundle']);
    // The crontab line is the README's witness run, against the production URL.
    const cron = commands.find((c) => c.startsWith('*/'))!;
    const witnessRun = commands.filter((c) => c.includes('npm run witness'))[0]!.replace('npm run witness', 'npm run --silent witness');
    expect(cron).toContain(witnessRun.replace('http://127.0.0.1:4000/graphql', 'https://ledger.example.com/graphql'));
  });

  it('runs as written against the demo server', async () => {
    let env: Record<string, string> = {};
    let last = { stdout: '', stderr: '' };
    for (const command of commands) {
      if (command.startsWith('*/')) continue;
      const server = /^WITNESS_KEYS="\$\(cat witness\.vkey\)" npm start$/.exec(command);
      if (command.includes('npm start')) {
        expect(server).not.toBeNull();
        demo = await startDemoServer({ env: { WITNESS_KEYS: readFileSync(join(cwd, 'witness.vkey'), 'utf8').trim() } });
        env = { DATA_DIR: demo.dataDir, CHECKPOINT_INTERVAL_MS: '0', WITNESS_KEYS: '', JWT_SECRET: '', LEDGER_SIGNING_KEY: '' };
        continue;
      }
      const line = demo ? command.replace('http://127.0.0.1:4000', demo.base) : command;
      try {
        last = await run('bash', ['--norc', '--noprofile', '-eo', 'pipefail', '-c', line], {
          cwd,
          env: { ...process.env, ...env, BASH_ENV: '', PATH: `${bin}:${process.env.PATH}` },
          maxBuffer: 16 * 1024 * 1024,
        });
      } catch (error) {
        const e = error as { stdout?: string; stderr?: string; code?: number };
        throw new Error(`README command failed (${e.code}): ${command}\n${e.stderr}\n${e.stdout}`);
      }
      if (command.includes('npm run witness -- --key'))
        expect(last.stderr).toMatch(/^cosigned interview-ledger\/ed25519:\w+ at \d+ entries/);
    }
    expect(last.stdout).toMatch(/^OK \d+ interview\(s\)/m);
    expect(last.stdout).toMatch(/witness cosignatures: witness\.example\.org\/audit\+[0-9a-f]{8} at \S+ \(pinned, verified\)/);
  }, 600_000);
});
