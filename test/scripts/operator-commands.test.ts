/**
 * Operator commands run on the server's configuration (src/server/config.ts: DATA_DIR and the
 * rest, from the environment) and work on data that is there: pointed at a directory that
 * holds none, each says so in one line naming the directory, exits with status 2 and creates
 * nothing — no empty ./data beside the real one.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actorFromAuthorization } from '../../src/http/token';
import { createApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { loadTokens } from '../../src/server/token-keys';
import { runTs } from '../support/run-ts';

/** Every command, as `npm run <name>` starts it. */
const COMMANDS: ReadonlyArray<{ name: string; file: string; args: string[] }> = [
  { name: 'token', file: 'scripts/mint-token.ts', args: ['--sub', 'E1001', '--roles', 'employee'] },
  { name: 'export-bundle', file: 'scripts/export-bundle.ts', args: ['--interview', 'iv-1', '--out', join(tmpdir(), 'never-written.json')] },
  { name: 'verify', file: 'scripts/verify-ledger.ts', args: [] },
  { name: 'rebuild', file: 'scripts/rebuild-read-models.ts', args: [] },
  { name: 'checkpoint', file: 'scripts/checkpoint.ts', args: [] },
  { name: 'backup', file: 'scripts/backup.ts', args: ['--out', join(tmpdir(), 'never-written-backup')] },
];

// Nothing from the environment of the machine running the tests may stand in for DATA_DIR.
const ONLY_DATA_DIR = { JWT_SECRET: '', LEDGER_SIGNING_KEY: '', EVENTSTORE_URL: '', MONGODB_URL: '' };

describe('operator commands on a DATA_DIR with no data', () => {
  const root = mkdtempSync(join(tmpdir(), 'ops-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  for (const { name, file, args } of COMMANDS) {
    it(`npm run ${name} refuses a missing directory and an empty one, and creates nothing`, async () => {
      const missing = join(root, `${name}-missing`);
      const empty = mkdtempSync(join(root, `${name}-empty-`));
      const [gone, nothing] = await Promise.all([
        runTs(file, args, { ...ONLY_DATA_DIR, DATA_DIR: missing }),
        runTs(file, args, { ...ONLY_DATA_DIR, DATA_DIR: empty }),
      ]);
      expect({ code: gone.code, stderr: gone.stderr.trim(), stdout: gone.stdout }).toEqual({
        code: 2,
        stderr: expect.stringMatching(
          new RegExp(
            `^${name}: no (event log|token key) at ${missing}/(events\\.db|token-signing-key\\.pem): no data in ${missing} \\(the directory does not exist\\); set DATA_DIR to the directory the server uses`,
          ),
        ),
        stdout: '',
      });
      expect(gone.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(missing)).toBe(false);

      expect(nothing.code).toBe(2);
      expect(nothing.stderr.trim()).toMatch(
        new RegExp(
          `^${name}: no (event log at ${empty}/events\\.db|token key at ${empty}/token-signing-key\\.pem): no data in ${empty}; set DATA_DIR`,
        ),
      );
      expect(nothing.stderr.trim().split('\n')).toHaveLength(1);
      expect(readdirSync(empty)).toEqual([]);
    }, 60_000);
  }
});

describe('operator commands on the server’s DATA_DIR', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ops-data-'));
  const env = { ...ONLY_DATA_DIR, DATA_DIR: dataDir, CHECKPOINT_INTERVAL_MS: '0' };

  beforeAll(async () => {
    // What a first server start leaves: the log, the ledger keys, the token key (and the HS256 secret of a server started with it).
    const app = await createApp(loadConfig(env));
    await app.close();
    await loadTokens(loadConfig({ ...env, LOCAL_TOKEN_ALG: 'HS256' }));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each([
    ['EdDSA, the default', {}],
    ['HS256', { LOCAL_TOKEN_ALG: 'HS256' }],
  ])(
    'npm run token mints (%s) with the key the server verifies with',
    async (_label, alg) => {
      const minted = await runTs('scripts/mint-token.ts', ['--sub', 'E1001', '--roles', 'employee,manager', '--name', '张伟'], {
        ...env,
        ...alg,
      });
      expect([minted.code, minted.stderr]).toEqual([0, '']);
      const token = minted.stdout.trim();
      const { verifier } = await loadTokens(loadConfig({ ...env, ...alg }));
      expect(await actorFromAuthorization(`Bearer ${token}`, verifier)).toEqual({
        id: 'E1001',
        roles: ['employee', 'manager'],
        name: '张伟',
      });
      expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toEqual({
        alg: Object.values(alg)[0] ?? 'EdDSA',
        typ: 'JWT',
      });
      // The other algorithm's key does not verify it.
      const other = await loadTokens(loadConfig({ ...env, LOCAL_TOKEN_ALG: 'LOCAL_TOKEN_ALG' in alg ? 'EdDSA' : 'HS256' }));
      await expect(other.verifier.verify(token)).rejects.toThrow('not accepted');
    },
    60_000,
  );

  it('npm run verify and npm run checkpoint work on it', async () => {
    const verified = await runTs('scripts/verify-ledger.ts', ['--workers', '0'], env);
    expect([verified.code, verified.stdout]).toEqual([0, expect.stringContaining(`log: sqlite ${join(dataDir, 'events.db')}`)]);
    const checkpoint = await runTs('scripts/checkpoint.ts', [], env);
    expect(checkpoint.code).toBe(0);
    expect(checkpoint.stdout).toMatch(/^interview-ledger\//);
  }, 60_000);
});
