/**
 * Faults: a process killed in the middle of appends leaves a log that verifies and
 * projections that resume where they stopped; one changed byte in a stored event makes the
 * verify command fail and name that event.
 */
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/server/app';
import { loadConfig, paths } from '../../src/server/config';
import { verifyLedger } from '../../src/ledger/verify-ledger';
import { INTERVIEWS } from '../../src/projections/interview.projection';
import { CHECKPOINT_NAME } from '../../src/projections/projector';
import type { SqliteEventStore } from '../../src/store/sqlite-event-store';
import { runTs, spawnTs } from '../support/run-ts';
import { withTimeout } from '../support/timeout';

describe('a writer killed with SIGKILL in the middle of appends', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'crash-'));
  const env = { DATA_DIR: dataDir, JWT_SECRET: 'x' };

  it('leaves a log that verifies and read models that catch up exactly', async () => {
    const child = spawnTs('test/support/crash-writer.ts', [], env);
    let output = '';
    let errors = '';
    child.stderr!.on('data', (d: Buffer) => (errors += d.toString()));
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (d: Buffer) => {
          output += d.toString();
          if (/appended (\d{3,})/.test(output) && Number(/appended (\d+)\n?$/.exec(output.trim())?.[1] ?? 0) >= 400) resolve();
        });
        child.on('exit', (code) => reject(new Error(`writer exited early (${code}): ${output}${errors}`)));
      }),
      60_000,
      'the writer did not get going',
    );
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('close', resolve));

    const app = await createApp(loadConfig(env), { startProjector: false });
    try {
      const store = app.store as SqliteEventStore;
      const total = store.countSync();
      expect(total).toBeGreaterThan(400);
      const report = await verifyLedger(app.store, app.keyring, { workers: 1 });
      expect(report.firstFailure).toBeUndefined();
      expect(report.ok).toBe(true);
      expect(report.events).toBe(total);

      // Every interview stream is whole: scheduled, then possibly edited. None half-written.
      const all = await app.store.readAll({ maxCount: total });
      const scheduled = all.filter((e) => e.type === 'InterviewScheduled').length;
      const checkpointBefore = await app.readModels.checkpoint(CHECKPOINT_NAME);
      const applied = await app.projector.catchUp();
      expect(app.projector.checkpoint).toBe(all[all.length - 1]!.position);
      expect(applied).toBe(all.filter((e) => !checkpointBefore || app.store.comparePositions(e.position, checkpointBefore) > 0).length);
      expect(await app.readModels.count(INTERVIEWS)).toBe(scheduled);
    } finally {
      await app.close();
    }
  }, 120_000);
});

describe('the verify command', () => {
  // Each test runs the command in a child process that compiles its TypeScript first: tens of seconds on a busy 2-core machine.
  jest.setTimeout(120_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'tamper-'));
  const env = { DATA_DIR: dataDir, JWT_SECRET: 'x' };

  beforeAll(async () => {
    const app = await createApp(loadConfig(env), { startProjector: false });
    for (let s = 0; s < 5; s++) {
      let head: { revision: number; hash: string } | null = null;
      for (let i = 0; i < 4; i++) {
        const result = await app.ledger.append(`interview-t${s}`, head, [
          {
            id: `t${s}.${i}`,
            type: 'InterviewSectionEdited',
            data: { i },
            meta: { actor: 'E1', roles: ['employee'], ip: '10.0.0.1', at: '2026-01-01T00:00:00.000Z', commandId: `c${s}${i}` },
          },
        ]);
        head = { revision: result.nextRevision, hash: result.sealed[0]!.hash };
      }
    }
    await app.close();
  });

  it('passes on an untouched ledger', async () => {
    const result = await runTs('scripts/verify-ledger.ts', [], env);
    expect(result.stderr + result.stdout).not.toMatch(/FAIL/);
    expect(result.code).toBe(0);
  });

  it('fails and names the event when one byte of a stored body changes', async () => {
    const db = new Database(paths({ dataDir }).events);
    const row = db.prepare('SELECT position, body FROM events WHERE stream = ? AND revision = 2').get('interview-t3') as {
      position: number;
      body: Buffer;
    };
    const body = Buffer.from(row.body);
    const at = body.indexOf('10.0.0.1');
    body[at] = '9'.charCodeAt(0); // the recorded IP becomes 90.0.0.1
    db.prepare('UPDATE events SET body = ? WHERE position = ?').run(body, row.position);
    db.close();
    const result = await runTs('scripts/verify-ledger.ts', [], env);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toContain(`FAIL position=${row.position} stream=interview-t3 revision=2 fault=BAD_SIGNATURE`);
  });

  /** A fresh ledger with one stream of `count` events, for tests that need an untouched log. */
  async function freshLedger(stream: string, count: number) {
    const dir = mkdtempSync(join(tmpdir(), 'fresh-'));
    const freshEnv = { DATA_DIR: dir, JWT_SECRET: 'x' };
    const app = await createApp(loadConfig(freshEnv), { startProjector: false });
    let head: { revision: number; hash: string } | null = null;
    for (let i = 0; i < count; i++) {
      const result = await app.ledger.append(stream, head, [
        {
          id: `${stream}.${i}`,
          type: 'InterviewSectionEdited',
          data: { i },
          meta: { actor: 'E1', roles: ['employee'], ip: '10.0.0.1', at: '2026-01-01T00:00:00.000Z', commandId: `${stream}${i}` },
        },
      ]);
      head = { revision: result.nextRevision, hash: result.sealed[0]!.hash };
    }
    await app.close();
    return { env: freshEnv, db: () => new Database(paths({ dataDir: dir }).events) };
  }

  it('fails on two events of a stream swapped in the log', async () => {
    const ledger = await freshLedger('interview-swap', 4);
    const db = ledger.db();
    const rows = db
      .prepare("SELECT position, revision, body, sig FROM events WHERE stream = 'interview-swap' ORDER BY revision")
      .all() as Array<{ position: number; body: Buffer; sig: Buffer }>;
    const [a, b] = [rows[1]!, rows[2]!];
    // Swap the signed contents of revisions 1 and 2: each stays validly signed, the order is wrong.
    const update = db.prepare('UPDATE events SET body = ?, sig = ? WHERE position = ?');
    update.run(b.body, b.sig, a.position);
    update.run(a.body, a.sig, b.position);
    db.close();
    const result = await runTs('scripts/verify-ledger.ts', [], ledger.env);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toContain(`FAIL position=${a.position} stream=interview-swap revision=1 fault=ENVELOPE_MISMATCH`);
  });

  it('fails on an event inserted into a stream', async () => {
    const ledger = await freshLedger('interview-ins', 3);
    const db = ledger.db();
    // A validly signed event copied in as a new revision 3: its body says revision 1.
    db.prepare(
      "INSERT INTO events (stream, revision, type, body, kid, sig) SELECT stream, 3, type, body, kid, sig FROM events WHERE stream = 'interview-ins' AND revision = 1",
    ).run();
    db.close();
    const result = await runTs('scripts/verify-ledger.ts', [], ledger.env);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toContain('FAIL position=4 stream=interview-ins revision=3 fault=ENVELOPE_MISMATCH');
  });

  it('fails on a deleted event in the middle of a stream', async () => {
    const db = new Database(paths({ dataDir }).events);
    db.prepare("DELETE FROM events WHERE stream = 'interview-t1' AND revision = 1").run();
    db.close();
    const result = await runTs('scripts/verify-ledger.ts', [], env);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toMatch(/FAIL position=\d+ stream=interview-t1 revision=2 fault=CHAIN_REVISION/);
  });
});
