import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/server/config';
import { spawnTs } from '../support/run-ts';

const SEED = Buffer.alloc(32, 7).toString('base64');

describe('shared identity: several instances take the ledger key, token keys and log origin from configuration', () => {
  const refusal = (env: NodeJS.ProcessEnv): ConfigError => {
    try {
      loadConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error('loadConfig accepted the configuration');
  };

  it('with EVENTSTORE_URL and nothing else, refuses to start, naming every missing setting in one message', () => {
    const error = refusal({ EVENTSTORE_URL: 'esdb://localhost:2113?tls=false' });
    expect(error.code).toBe('SHARED_IDENTITY_MISSING');
    expect(error.message).toMatch(/^EVENTSTORE_URL is set: /);
    for (const name of ['LEDGER_SIGNING_KEY', 'LEDGER_LOG_ORIGIN', 'OIDC_ISSUER', 'TOKEN_SIGNING_KEY'])
      expect(error.message).toContain(name);
  });

  it('with INSTANCES=shared on the embedded store, refuses the same way', () => {
    const error = refusal({ INSTANCES: 'shared', LEDGER_SIGNING_KEY: SEED });
    expect(error.code).toBe('SHARED_IDENTITY_MISSING');
    expect(error.message).toMatch(/^INSTANCES=shared: /);
    expect(error.message).not.toContain('LEDGER_SIGNING_KEY');
    expect(error.message).toContain('LEDGER_LOG_ORIGIN');
  });

  it('names JWT_SECRET when local tokens are HS256', () => {
    const error = refusal({
      INSTANCES: 'shared',
      LEDGER_SIGNING_KEY: SEED,
      LEDGER_LOG_ORIGIN: 'hr.example.com/ledger',
      LOCAL_TOKEN_ALG: 'HS256',
    });
    expect(error.message).toContain('JWT_SECRET');
    expect(error.message).not.toMatch(/LEDGER_SIGNING_KEY|LEDGER_LOG_ORIGIN|TOKEN_SIGNING_KEY/);
  });

  it('starts when all three come from configuration: a local EdDSA token key, an HS256 secret, or the company issuer', () => {
    const base = { INSTANCES: 'shared', LEDGER_SIGNING_KEY: SEED, LEDGER_LOG_ORIGIN: 'hr.example.com/ledger' };
    const eddsa = loadConfig({ ...base, TOKEN_SIGNING_KEY: Buffer.alloc(32, 9).toString('base64') });
    expect(eddsa.instances).toBe('shared');
    expect(eddsa.tokenSigningSeed).toEqual(Buffer.alloc(32, 9));
    expect(loadConfig({ ...base, JWT_SECRET: 'a-shared-secret-of-some-length' }).instances).toBe('shared');
    const oidc = loadConfig({ ...base, EVENTSTORE_URL: 'esdb://x:2113', OIDC_ISSUER: 'https://id.example.com', OIDC_AUDIENCE: 'ledger' });
    expect(oidc.instances).toBe('shared');
  });

  it('one DATA_DIR needs no setting (the processes on it share its files); a wrong INSTANCES or key is refused', () => {
    expect(loadConfig({}).instances).toBe('single');
    expect(refusal({ INSTANCES: 'several' }).code).toBe('INVALID_SETTING');
    expect(refusal({ TOKEN_SIGNING_KEY: 'c2hvcnQ=' }).code).toBe('INVALID_SETTING');
  });
});

describe('first start of several processes at once on one fresh DATA_DIR', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'identity-race-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Starts `n` children, lets them all go at once, and collects what each ended up with. */
  async function race(n: number, origin: (i: number) => string | undefined = () => undefined): Promise<Record<string, string>[]> {
    const dataDir = join(dir, 'data');
    const go = join(dir, 'go');
    const children = Array.from({ length: n }, (_, i) => {
      const args = [dataDir, go, ...(origin(i) ? [origin(i)!] : [])];
      const child = spawnTs('test/support/identity-race-child.ts', args, {});
      let out = '';
      let err = '';
      const ready = new Promise<void>((resolve) =>
        child.stdout!.on('data', (d: Buffer) => ((out += d.toString()), out.includes('ready') && resolve())),
      );
      child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
      const done = new Promise<Record<string, string>>((resolve, reject) =>
        child.on('close', (code) => {
          const line = out.split('\n').find((l) => l.startsWith('{'));
          if (code !== 0 || !line) reject(new Error(`child ${i} exited ${code}: ${err}`));
          else resolve(JSON.parse(line) as Record<string, string>);
        }),
      );
      return { ready, done };
    });
    await Promise.all(children.map((c) => c.ready));
    writeFileSync(go, '');
    return Promise.all(children.map((c) => c.done));
  }

  it('ends with ONE ledger key, ONE token key, ONE secret and ONE origin, which every process uses', async () => {
    const results = await race(4);
    expect(new Set(results.map((r) => r.kid)).size).toBe(1);
    expect(new Set(results.map((r) => r.tokenKey)).size).toBe(1);
    expect(new Set(results.map((r) => r.jwtSecret)).size).toBe(1);
    expect(results.map((r) => r.origin)).toEqual(results.map(() => `interview-ledger/${results[0]!.kid}`));
    // No temp file of a loser left behind.
    expect(readdirSync(join(dir, 'data')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 60_000);

  it('two configured origins racing on a new merkle.db: one is the log, the other is refused (never overwritten)', async () => {
    const results = await race(4, (i) => `hr.example.com/log-${i}`);
    const won = results.filter((r) => r.origin);
    expect(won).toHaveLength(1);
    expect(new Set(won.map((r) => r.origin)).size).toBe(1);
    expect(results.filter((r) => !r.origin).map((r) => r.originError)).toEqual(
      results.filter((r) => !r.origin).map(() => 'ORIGIN_MISMATCH'),
    );
    expect(existsSync(join(dir, 'data', 'merkle.db'))).toBe(true);
  }, 60_000);
});
