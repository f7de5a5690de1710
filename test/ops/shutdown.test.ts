/**
 * SIGTERM during a burst of writes: the real server process (src/server/main.ts) stops taking
 * requests, lets those in flight finish, closes its WebSockets with 1001, stores the
 * projector's checkpoint and exits 0. Every write it acknowledged is in the log, and the next
 * start has nothing to catch up: the read models' checkpoint and the Merkle log's last leaf are
 * the log's last event, and no upload is left staged.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { registerPerson, systemMeta } from '../../src/application/interview-service';
import { settleStagedAttachments } from '../../src/application/attachment-service';
import { createApp } from '../../src/server/app';
import { loadConfig, paths } from '../../src/server/config';
import { mintToken } from '../../src/graphql/auth';
import { CHECKPOINT_NAME } from '../../src/projections/projector';
import { verifyLedger } from '../../src/ledger/verify-ledger';
import { readStoredCheckpoints } from '../../src/ledger/merkle-log';
import { createLogger } from '../../src/server/logger';
import { spawnTs } from '../support/run-ts';
import { withTimeout } from '../support/timeout';

const quiet = () => createLogger({ level: 'silent', format: 'json' });
const ONLY_DATA_DIR = { JWT_SECRET: '', LEDGER_SIGNING_KEY: '', EVENTSTORE_URL: '', MONGODB_URL: '', OIDC_ISSUER: '' };

describe('SIGTERM while clients write', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sigterm-'));
  const env = {
    ...ONLY_DATA_DIR,
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
    REMINDER_INTERVAL_MS: '0',
    CHECKPOINT_INTERVAL_MS: '100',
    SHUTDOWN_TIMEOUT_MS: '20000',
  };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('finishes what it acknowledged, closes sockets with 1001, exits 0, and leaves nothing to repair', async () => {
    // The directory and a token for HR, made before the server runs (as `npm run token` would).
    let token: string;
    {
      const app = await createApp(loadConfig(env), { log: quiet() });
      await registerPerson(app, systemMeta(new Date(), 'HR1'), {
        personId: 'HR1',
        name: '钱慧',
        department: '人力资源部',
        position: 'HRBP',
        managerId: null,
        category: 'functional',
        level: 'manager',
        roles: ['hr', 'employee'],
      });
      token = mintToken(app.localTokens!, { id: 'HR1', roles: ['hr'] });
      await app.close();
    }

    const child = spawnTs('src/server/main.ts', [], env);
    const lines: string[] = [];
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const parts = stdout.split('\n');
      stdout = parts.pop()!;
      lines.push(...parts);
    });
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await withTimeout(
        (async () => {
          for (;;) {
            const ready = lines.map((l) => JSON.parse(l) as { msg: string; url?: string }).find((l) => l.msg.startsWith('GraphQL ready'));
            if (ready?.url) return ready.url;
            const code = await Promise.race([exited, new Promise<'running'>((r) => setTimeout(() => r('running'), 100))]);
            if (code !== 'running') throw new Error(`the server exited (${code}): ${stderr}`);
          }
        })(),
        150_000,
        'the server did not start',
      );

      // A subscriber: its socket must be closed with a code, not dropped.
      const closed = new Promise<number>((resolve) => {
        const client = createClient({
          url: url.replace(/^http/, 'ws'),
          webSocketImpl: WebSocket,
          connectionParams: { authorization: `Bearer ${token}` },
          retryAttempts: 0,
          lazy: false,
          onNonLazyError: () => undefined,
          on: { closed: (event) => resolve((event as { code: number }).code) },
        });
        client.subscribe(
          { query: 'subscription { notificationAdded { id } }' },
          { next: () => undefined, error: () => undefined, complete: () => undefined },
        );
      });

      // Writers: each registers people one after another; a person is acknowledged when the answer names it.
      const acknowledged: string[] = [];
      let refused = 0;
      let stop = false;
      let n = 0;
      const writer = async () => {
        while (!stop) {
          const id = `P${String(n++).padStart(5, '0')}`;
          try {
            const response = await fetch(url, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body: JSON.stringify({
                query: 'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }',
                variables: {
                  input: { personId: id, name: '张伟', department: '生产部', position: '装配工', category: 'production', level: 'staff' },
                },
              }),
            });
            const json = (await response.json()) as { data?: { registerPerson?: { id: string } } };
            if (json.data?.registerPerson?.id === id) acknowledged.push(id);
            else refused++;
          } catch {
            refused++; // refused or cut off by the stop: not acknowledged, may or may not be in the log
            await new Promise((r) => setTimeout(r, 20));
          }
        }
      };
      const writers = Array.from({ length: 8 }, writer);
      await withTimeout(
        (async () => {
          while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 20));
        })(),
        60_000,
        'the writers did not get going',
      );
      child.kill('SIGTERM');
      const code = await withTimeout(exited, 30_000, 'the server did not exit after SIGTERM');
      stop = true;
      await Promise.all(writers);
      expect([code, stderr]).toEqual([0, '']);
      expect(await withTimeout(closed, 5000, 'the socket was not closed')).toBe(1001);
      const log = lines.map((l) => JSON.parse(l) as { msg: string; level: number });
      expect(log.map((l) => l.msg)).toEqual(expect.arrayContaining(['stopping: no new requests; finishing those in flight', 'stopped']));
      expect(log.filter((l) => l.level >= 40)).toEqual([]); // no warning, no error: not even "closing before the followers caught up"
      expect(acknowledged.length).toBeGreaterThanOrEqual(150);
      expect(refused).toBeGreaterThan(0); // the server did stop answering while they wrote

      // The data the stopped server left: every acknowledged write, and nothing to repair.
      const app = await createApp(loadConfig(env), { startProjector: false, log: quiet() });
      try {
        for (const id of acknowledged) expect([id, (await app.store.readStream(`person-${id}`)).length]).toEqual([id, 1]);
        const head = await app.store.headPosition();
        expect(await app.readModels.checkpoint(CHECKPOINT_NAME)).toBe(head);
        expect(await app.projector.catchUp()).toBe(0);
        expect(await app.merkle.catchUp()).toBe(0);
        expect(app.merkle.position).toBe(head);
        expect(await settleStagedAttachments(app)).toEqual({ committed: 0, discarded: 0, kept: 0 });
        const stored = readStoredCheckpoints(paths(app.config).merkle)!;
        expect(stored.checkpoints.length).toBeGreaterThan(0);
        const report = await verifyLedger(app.store, app.keyring, { workers: 1, checkpoints: stored });
        expect(report.firstFailure).toBeUndefined();
        expect(report.ok).toBe(true);
      } finally {
        await app.close();
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 240_000);
});
