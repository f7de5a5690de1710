/**
 * What the server writes under DATA_DIR is for its own user only: the directory 0700, the
 * SQLite files (with their -wal and -shm) 0600, the demo's tokens filed 0600 instead of logged.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/server/app';
import { loadConfig, paths } from '../../src/server/config';
import { registerPerson, systemMeta } from '../../src/application/interview-service';
import { spawnTs } from '../support/run-ts';
import { withTimeout } from '../support/timeout';

const mode = (path: string): number => statSync(path).mode & 0o777;
const env = (dataDir: string) => ({
  DATA_DIR: dataDir,
  JWT_SECRET: 'test-secret-please-ignore',
  PORT: '0',
  CHECKPOINT_INTERVAL_MS: '0',
  EVENTSTORE_URL: '',
  MONGODB_URL: '',
});

const posix = process.platform === 'win32' ? describe.skip : describe;

posix('file modes under DATA_DIR', () => {
  /** The SQLite files and their modes, read while the stores are open (their -wal and -shm go on close). */
  async function openAndWrite(dataDir: string): Promise<Record<string, number>> {
    const app = await createApp(loadConfig(env(dataDir)));
    try {
      await registerPerson(app, systemMeta(new Date()), {
        personId: 'P1',
        name: '张伟',
        department: '生产部',
        position: '装配工',
        managerId: null,
        category: 'production',
        level: 'staff',
        roles: ['employee'],
      });
      await app.merkle.signCheckpoint();
      const files = paths({ dataDir });
      return Object.fromEntries(
        [files.events, files.readModels, files.merkle]
          .flatMap((db) => [db, `${db}-wal`, `${db}-shm`])
          .filter((path) => existsSync(path))
          .map((path) => [path, mode(path)]),
      );
    } finally {
      await app.close();
    }
  }

  it('creates DATA_DIR 0700 and events.db, read-models.db, merkle.db and their -wal/-shm 0600', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'modes-')), 'nested', 'data');
    const modes = await openAndWrite(dataDir);
    expect(mode(dataDir)).toBe(0o700);
    const names = Object.keys(modes).map((path) => path.slice(dataDir.length + 1));
    expect(names).toEqual(
      expect.arrayContaining([
        'events.db',
        'events.db-wal',
        'events.db-shm',
        'read-models.db',
        'read-models.db-wal',
        'merkle.db',
        'merkle.db-wal',
      ]),
    );
    for (const [file, m] of Object.entries(modes)) expect([file, m]).toEqual([file, 0o600]);
    expect(mode(join(dataDir, 'attachments'))).toBe(0o700);
  }, 60_000);

  it('tightens a DATA_DIR and databases made with the default umask (0755, 0644)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'modes-old-'));
    chmodSync(dataDir, 0o755);
    const files = paths({ dataDir });
    for (const file of [files.events, files.readModels, files.merkle]) {
      writeFileSync(file, '');
      chmodSync(file, 0o644);
    }
    const modes = await openAndWrite(dataDir);
    expect(mode(dataDir)).toBe(0o700);
    expect(Object.keys(modes).length).toBeGreaterThanOrEqual(6);
    for (const [file, m] of Object.entries(modes)) expect([file, m]).toEqual([file, 0o600]);
  }, 60_000);
});

posix('demo tokens', () => {
  it('when stdout is not a terminal, go to DATA_DIR/demo-tokens.txt (0600), and the output names the file, not a token', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'demo-tokens-'));
    const child = spawnTs('src/server/main.ts', ['--demo'], env(dataDir));
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      await withTimeout(
        new Promise<void>((resolve, reject) => {
          child.stdout!.on('data', (d: Buffer) => {
            stdout += d.toString();
            if (/demo tokens written to .*\n/.test(stdout)) resolve();
          });
          child.on('close', (code) => reject(new Error(`the server exited (${code}): ${stderr}`)));
        }),
        180_000,
        'the demo server did not report its tokens',
      );
    } finally {
      const closed = new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('close', resolve)));
      child.kill('SIGTERM');
      await closed;
    }
    const file = join(dataDir, 'demo-tokens.txt');
    expect(stdout).toContain(`demo tokens written to ${file} (mode 0600`);
    // Its output is the log, a JSON object a line; the web console's address beside the API's.
    const messages = stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { msg: string }).msg);
    const api = messages.map((m) => /^GraphQL ready at (http:\/\/[^/\s]+)\/graphql$/.exec(m)?.[1]).find(Boolean);
    expect(api).toBeDefined();
    expect(messages.some((m) => m.startsWith(`web console at ${api}/`))).toBe(true);
    // A JWT starts with the base64url of '{"alg"': none in the output.
    expect(stdout).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
    expect(mode(file)).toBe(0o600);
    const tokens = readFileSync(file, 'utf8');
    expect(tokens).toMatch(/Tokens for the demo users/);
    expect(tokens.match(/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g)?.length).toBeGreaterThanOrEqual(5);
  }, 240_000);
});
