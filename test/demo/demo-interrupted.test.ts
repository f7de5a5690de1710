/**
 * The demo loads whole or not at all. A load stopped part-way — by an error, or by SIGKILL in
 * the middle of `npm run seed` — leaves a store that the next load, and the server started
 * with --demo, refuse with one line naming the directory: never a partial demo taken for a
 * whole one ("demo data already present"), never demo events added on top of it.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerPerson, systemMeta } from '../../src/application/interview-service';
import { DEMO_LOAD_STARTED, DEMO_LOADED, DEMO_STREAM, IncompleteDemoError, seedDemo } from '../../src/demo/demo-data';
import { INTERVIEWS } from '../../src/projections/interview.projection';
import { createApp } from '../../src/server/app';
import { loadConfig, paths } from '../../src/server/config';
import { runTs, spawnTs } from '../support/run-ts';
import { withTimeout } from '../support/timeout';

const envFor = (dataDir: string) => ({
  DATA_DIR: dataDir,
  JWT_SECRET: 'test-secret-please-ignore',
  PORT: '0',
  CHECKPOINT_INTERVAL_MS: '0',
  EVENTSTORE_URL: '',
  MONGODB_URL: '',
});

/** Events in an embedded log, read beside a writer that may be running (WAL readers do not block it). */
function countEvents(dataDir: string, where = ''): number {
  const file = paths({ dataDir }).events;
  if (!existsSync(file)) return 0;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM events ${where}`).get() as { n: number }).n;
  } catch {
    return 0; // the writer has not created the table yet
  } finally {
    db.close();
  }
}

describe('a demo load stopped by an error part-way', () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-broken-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is refused by the next load, which writes nothing', async () => {
    const app = await createApp(loadConfig(envFor(dir)));
    try {
      const crash = new Error('simulated crash');
      await expect(
        seedDemo(app, {
          onProgress: (done) => {
            if (done === 40) throw crash;
          },
        }),
      ).rejects.toBe(crash);
      const before = (await app.store.readAll()).length;
      expect((await app.store.readStream(DEMO_STREAM)).map((e) => e.type)).toEqual([DEMO_LOAD_STARTED]);

      const again = seedDemo(app);
      await expect(again).rejects.toBeInstanceOf(IncompleteDemoError);
      await expect(again).rejects.toThrow('a demo load began here and did not finish');
      expect((await app.store.readAll()).length).toBe(before);
    } finally {
      await app.close();
    }
  }, 60_000);

  it('is refused, not taken for a demo, when person HR001 is there with no load recorded', async () => {
    const other = mkdtempSync(join(tmpdir(), 'demo-foreign-'));
    const app = await createApp(loadConfig(envFor(other)));
    try {
      await registerPerson(app, systemMeta(new Date(), 'AD1'), {
        personId: 'HR001',
        name: '周敏',
        department: '人力资源部',
        position: 'HRBP',
        managerId: null,
        category: 'functional',
        level: 'manager',
        roles: ['hr'],
      });
      await expect(seedDemo(app)).rejects.toThrow(/person HR001 is here but no demo load is recorded/);
      expect(await app.store.lastEvent(DEMO_STREAM)).toBeNull();
    } finally {
      await app.close();
      rmSync(other, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('npm run seed killed with SIGKILL part-way', () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-killed-'));
  const env = envFor(dir);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves a store that npm run seed and npm start -- --demo refuse, naming the directory, and leave as it is', async () => {
    const child = spawnTs('scripts/seed-demo.ts', [], env);
    let errors = '';
    child.stderr!.on('data', (d: Buffer) => (errors += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    // Kill it once interviews are being written: well into the load, far from its end.
    await withTimeout(
      (async () => {
        for (;;) {
          const code = await Promise.race([exited, new Promise<'running'>((r) => setTimeout(() => r('running'), 100))]);
          if (code !== 'running') throw new Error(`the seed exited by itself (${code}) before it could be killed: ${errors}`);
          if (countEvents(dir, "WHERE type = 'InterviewScheduled'") >= 20) return;
        }
      })(),
      90_000,
      'the seed did not get to scheduling interviews',
    );
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('close', resolve));

    const written = countEvents(dir);
    expect(written).toBeGreaterThan(0);
    expect(countEvents(dir, `WHERE stream = '${DEMO_STREAM}' AND type = '${DEMO_LOADED}'`)).toBe(0);

    const seed = await runTs('scripts/seed-demo.ts', [], env);
    expect(seed.code).toBe(1);
    const line = seed.stderr.trim().split('\n').at(-1)!;
    expect(line).toContain(`demo data in ${dir} is incomplete: a demo load began here and did not finish`);
    expect(line).toContain(`rm -rf ${dir}`);
    expect(seed.stdout).not.toMatch(/already present|loaded/);

    const server = await runTs('src/server/main.ts', ['--demo'], env);
    expect(server.code).toBe(1);
    expect(server.stderr.trim().split('\n').at(-1)).toContain(`demo data in ${dir} is incomplete`);
    expect(server.stdout).not.toMatch(/GraphQL ready|demo data (loaded|already present)/);

    // Neither added a demo event to the interrupted one.
    expect(countEvents(dir)).toBe(written);
    const app = await createApp(loadConfig(env), { startProjector: false });
    try {
      expect((await app.store.readStream(DEMO_STREAM)).map((e) => e.type)).toEqual([DEMO_LOAD_STARTED]);
      // Part of a demo really is there: the very state that used to pass for "already present".
      await app.projector.catchUp();
      expect(await app.readModels.count(INTERVIEWS)).toBeGreaterThanOrEqual(20);
    } finally {
      await app.close();
    }
  }, 240_000);
});
