/**
 * Several real server processes on one embedded DATA_DIR (README, "Several instances"): one
 * projects, the others follow; edits through any instance are read back on every instance;
 * a subscriber on one instance hears an edit made on another; a stale edit is refused whichever
 * instance takes it; kill -9 of the projecting instance in the middle of writes loses nothing it
 * acknowledged and another instance takes over; restarted instances agree with a rebuild.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { registerPerson, scheduleInterview, systemMeta } from '../../src/application/interview-service';
import { mintToken } from '../../src/graphql/auth';
import { verifyLedger } from '../../src/ledger/verify-ledger';
import { CHECKPOINT_NAME, Projector } from '../../src/projections/projector';
import { INTERVIEWS } from '../../src/projections/interview.projection';
import { PEOPLE } from '../../src/projections/person.projection';
import { SqliteReadModelStore } from '../../src/readmodel/sqlite-read-model-store';
import { createApp, PROJECTIONS } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { createLogger } from '../../src/server/logger';
import { gql, ONLY_DATA_DIR, startInstance, type Instance } from '../support/instances';
import { withTimeout } from '../support/timeout';

jest.setTimeout(240_000);

const quiet = () => createLogger({ level: 'silent', format: 'json' });
const EMPLOYEES = ['E1', 'E2', 'E3', 'E4', 'E5', 'E6'];
const EDIT = `mutation($input: EditSectionInput!) { editInterviewSection(input: $input) { id version } }`;
const READ = `query($id: ID!) { interview(id: $id) { id version sections } }`;
const REGISTER = 'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }';

const highlights = (text: string) => ({ items: [{ case: text, data: '减少停线 6 小时' }] });

async function ready(instance: Instance): Promise<{ status: number; json: { projector?: string; check?: string } }> {
  const response = await fetch(`${instance.base}/ready`);
  return { status: response.status, json: (await response.json()) as { projector?: string } };
}

/** Polls until `check` holds (or fails the test after `ms`). */
async function eventually<T>(what: string, probe: () => Promise<T>, check: (value: T) => boolean, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  let last: T = await probe();
  while (!check(last)) {
    if (Date.now() > until) throw new Error(`${what}: still ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await probe();
  }
  return last;
}

describe('several server processes on one DATA_DIR', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'instances-'));
  const env: Record<string, string> = {
    ...ONLY_DATA_DIR,
    DATA_DIR: dataDir,
    // Every instance sweeps for due reminders, several times a second.
    REMINDER_INTERVAL_MS: '250',
    CHECKPOINT_INTERVAL_MS: '0',
    SHUTDOWN_TIMEOUT_MS: '20000',
  };
  // The company's webhook: counts what it receives per notification id.
  const received = new Map<string, number>();
  let webhook: Server;
  const signed: Array<{ by: string; size: number; rootHash: string; note: string }> = [];
  const tokens: Record<string, string> = {};
  const interviews: Record<string, string> = {};
  let instances: Instance[] = [];

  beforeAll(async () => {
    webhook = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        const { id } = JSON.parse(body) as { id: string };
        received.set(id, (received.get(id) ?? 0) + 1);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
    env.NOTIFY_WEBHOOK_URL = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook`;
    // The directory, an interview per employee and tokens, made before any instance runs.
    // Made as of three weeks ago: every interview's first step is overdue now, so its reminders are due.
    const past = () => new Date(Date.now() - 21 * 86_400_000);
    const app = await createApp(loadConfig({ ...env, NOTIFY_WEBHOOK_URL: '' }), { log: quiet(), clock: past });
    const meta = () => systemMeta(past(), 'HR1');
    await registerPerson(app, meta(), {
      personId: 'HR1',
      name: '钱慧',
      department: '人力资源部',
      position: 'HRBP',
      managerId: null,
      category: 'functional',
      level: 'manager',
      roles: ['hr', 'employee'],
    });
    await registerPerson(app, meta(), {
      personId: 'M1',
      name: '王建国',
      department: '生产部',
      position: '车间主任',
      managerId: null,
      category: 'production',
      level: 'manager',
      roles: ['manager', 'employee'],
    });
    for (const id of EMPLOYEES) {
      await registerPerson(app, meta(), {
        personId: id,
        name: `员工${id}`,
        department: '生产部',
        position: '装配工',
        managerId: 'M1',
        category: 'production',
        level: 'staff',
        roles: ['employee'],
      });
      const interview = await scheduleInterview(app, meta(), {
        employeeId: id,
        templateId: 'standard-v1',
        cycle: '2026-H1',
        scheduledAt: new Date(Date.now() - 7 * 86_400_000).toISOString(),
      });
      interviews[id] = interview.id;
      tokens[id] = mintToken(app.localTokens!, { id, roles: ['employee'] });
    }
    tokens.HR1 = mintToken(app.localTokens!, { id: 'HR1', roles: ['hr'] });
    tokens.M1 = mintToken(app.localTokens!, { id: 'M1', roles: ['manager'] });
    tokens.AUD = mintToken(app.localTokens!, { id: 'AUD1', roles: ['auditor'] });
    await app.close();
    instances = await Promise.all(['A', 'B', 'C'].map((name) => startInstance(name, env)));
  });

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.kill().catch(() => undefined)));
    await new Promise((resolve) => webhook?.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('elects one instance to project; every instance is ready', async () => {
    const roles = await eventually(
      'readiness of the three instances',
      () => Promise.all(instances.map(ready)),
      (answers) => answers.every((a) => a.status === 200),
    );
    expect(roles.map((r) => r.json.projector).sort()).toEqual(['following', 'following', 'leading']);
  });

  it('takes concurrent edits through different instances, each read back at once on the instance that took it and soon on every other', async () => {
    const edits = await Promise.all(
      EMPLOYEES.map((id, i) =>
        gql(instances[i % 3]!.url, tokens[id]!, EDIT, {
          input: {
            interviewId: interviews[id],
            expectedVersion: 1,
            section: 'highlights',
            content: highlights(`${id} 经 ${instances[i % 3]!.name}`),
          },
        }),
      ),
    );
    for (const edit of edits) expect(edit.errors).toBeUndefined();
    // Read-your-writes on the instance that took the edit (even when another one projects).
    for (const [i, id] of EMPLOYEES.entries()) {
      const read = await gql(instances[i % 3]!.url, tokens[id]!, READ, { id: interviews[id] });
      expect(read.data.interview).toMatchObject({ version: 2, sections: { highlights: highlights(`${id} 经 ${instances[i % 3]!.name}`) } });
    }
    for (const instance of instances) {
      const read = await gql(instance.url, tokens.E1!, READ, { id: interviews.E1 });
      expect(read.data.interview.version).toBe(2);
    }
  });

  it('refuses the second of two edits made on different instances from the same version', async () => {
    const [a, b] = await Promise.all(
      [instances[0]!, instances[1]!].map((instance) =>
        gql(instance.url, tokens.E2!, EDIT, {
          input: { interviewId: interviews.E2, expectedVersion: 2, section: 'highlights', content: highlights(`并发 ${instance.name}`) },
        }),
      ),
    );
    const outcomes = [a, b].map((r) => (r.errors ? r.errors[0].extensions.code : 'ok')).sort();
    expect(outcomes[1]).toBe('ok');
    expect(['CONCURRENCY_CONFLICT', 'VERSION_CONFLICT']).toContain(outcomes[0]);
    const read = await gql(instances[2]!.url, tokens.E2!, READ, { id: interviews.E2 });
    expect(read.data.interview.version).toBe(3);
  });

  it('tells a subscriber on one instance of an edit made on another', async () => {
    const received: Array<{ interviewId: string; version: number }> = [];
    let heard: () => void = () => undefined;
    const gotIt = new Promise<void>((resolve) => (heard = resolve));
    const listener = createClient({
      url: instances[1]!.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${tokens.E3}` },
      retryAttempts: 0,
    });
    listener.subscribe(
      { query: 'subscription { interviewChanged { interviewId version } }' },
      {
        next: (value) => {
          received.push((value.data as { interviewChanged: { interviewId: string; version: number } }).interviewChanged);
          heard();
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
    // graphql-ws has no "subscribed" ack; give the server a moment to register the operation.
    await new Promise((r) => setTimeout(r, 300));
    for (const origin of [instances[0]!, instances[2]!]) {
      const version = origin === instances[0] ? 2 : 3;
      const edit = await gql(origin.url, tokens.E3!, EDIT, {
        input: { interviewId: interviews.E3, expectedVersion: version, section: 'highlights', content: highlights(`经 ${origin.name}`) },
      });
      expect(edit.errors).toBeUndefined();
    }
    await withTimeout(gotIt, 10_000, 'no change heard on B');
    await eventually(
      'changes heard on B',
      async () => received.length,
      (n) => n >= 2,
    );
    expect(received).toEqual([
      { interviewId: interviews.E3, version: 3 },
      { interviewId: interviews.E3, version: 4 },
    ]);
    await listener.dispose();
  });

  it('delivers each reminder to the webhook once, though every instance sweeps', async () => {
    // The interviews' first steps were due weeks ago: their due and overdue reminders are due now.
    await eventually(
      'reminders delivered',
      async () => received.size,
      (n) => n >= EMPLOYEES.length,
      30_000,
    );
    // Several more sweeps of every instance.
    await new Promise((r) => setTimeout(r, 2000));
    const twice = [...received].filter(([, n]) => n !== 1);
    expect(twice).toEqual([]);
  });

  it('signs checkpoints on different instances that are one history, and every instance serves the newest', async () => {
    for (const instance of instances) {
      const write = await gql(instance.url, tokens.HR1!, REGISTER, {
        input: {
          personId: `CP${instance.name}`,
          name: '李娜',
          department: '生产部',
          position: '质检员',
          category: 'production',
          level: 'staff',
        },
      });
      expect(write.errors).toBeUndefined();
      const answer = await gql(instance.url, tokens.AUD!, 'mutation { signCheckpoint { size rootHash note } }');
      expect(answer.errors).toBeUndefined();
      signed.push({ by: instance.name, ...answer.data.signCheckpoint });
    }
    const sizes = signed.map((c) => c.size);
    expect([...sizes].sort((a, b) => a - b)).toEqual(sizes);
    const newest = signed[signed.length - 1]!;
    for (const instance of instances) {
      await eventually(
        `the newest checkpoint on ${instance.name}`,
        async () => (await gql(instance.url, tokens.AUD!, '{ latestCheckpoint { size } }')).data.latestCheckpoint?.size,
        (size) => size >= newest.size,
        20_000,
      );
      // A consistency proof between checkpoints two different instances signed.
      // (once the instance's own tree, which follows the log, holds the newest size).
      const proof = await eventually(
        `a consistency proof on ${instance.name}`,
        () =>
          gql(
            instance.url,
            tokens.AUD!,
            `{ consistencyProof(oldSize: ${signed[0]!.size}, newSize: ${newest.size}) { oldRootHash newRootHash } }`,
          ),
        (answer) => answer.errors === undefined,
      );
      expect(proof.data.consistencyProof).toEqual({ oldRootHash: signed[0]!.rootHash, newRootHash: newest.rootHash });
    }
  });

  it('loses nothing it acknowledged when the projecting instance is killed mid-write; another takes over', async () => {
    const answers = await Promise.all(instances.map(ready));
    const leader = instances[answers.findIndex((a) => a.json.projector === 'leading')]!;
    const others = instances.filter((i) => i !== leader);
    const acknowledged: string[] = [];
    let n = 0;
    let stop = false;
    const writer = async (instance: Instance) => {
      while (!stop) {
        const personId = `K${instance.name}${String(n++).padStart(4, '0')}`;
        try {
          const answer = await gql(instance.url, tokens.HR1!, REGISTER, {
            input: { personId, name: '张伟', department: '生产部', position: '装配工', category: 'production', level: 'staff' },
          });
          if (answer.data?.registerPerson?.id === personId) acknowledged.push(personId);
        } catch {
          // The killed instance's connections fail: not acknowledged.
        }
      }
    };
    const writers = [writer(leader), writer(leader), writer(others[0]!), writer(others[1]!)];
    await eventually(
      'writes under way',
      async () => acknowledged.length,
      (count) => count >= 20,
    );
    await leader.kill();
    instances = others;
    await new Promise((r) => setTimeout(r, 500));
    stop = true;
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThan(20);
    // One of the others projects now, and both read every acknowledged person.
    await eventually(
      'a new projecting instance',
      () => Promise.all(others.map(ready)),
      (roles) => roles.filter((r) => r.json.projector === 'leading').length === 1,
    );
    for (const instance of others) {
      const count = await eventually(
        `people on ${instance.name}`,
        async () => {
          const answer = await gql(instance.url, tokens.HR1!, '{ people(department: "生产部") { id } }');
          const ids = new Set((answer.data?.people ?? []).map((p: { id: string }) => p.id));
          return acknowledged.filter((id) => ids.has(id)).length;
        },
        (found) => found === acknowledged.length,
      );
      expect(count).toBe(acknowledged.length);
    }
  });

  it('agrees with the log after the others restart: the ledger verifies and a rebuild gives the same read models', async () => {
    for (const instance of instances) expect(await instance.stop()).toBe(0);
    instances = await Promise.all(['D', 'E'].map((name) => startInstance(name, env)));
    await eventually(
      'readiness after the restart',
      () => Promise.all(instances.map(ready)),
      (answers) => answers.every((a) => a.status === 200),
    );
    const read = await gql(instances[1]!.url, tokens.E3!, READ, { id: interviews.E3 });
    expect(read.data.interview.version).toBe(4);
    for (const instance of instances) expect(await instance.stop()).toBe(0);
    instances = [];
    const app = await createApp(loadConfig(env), { log: quiet(), startProjector: false });
    try {
      const report = await verifyLedger(app.store, app.keyring);
      expect(report.ok).toBe(true);
      expect(await app.readModels.checkpoint(CHECKPOINT_NAME)).toBe(await app.store.headPosition());
      // What the instances projected together is what one projector makes of the log alone.
      const rebuilt = new SqliteReadModelStore(join(mkdtempSync(join(tmpdir(), 'rebuilt-')), 'read.db'));
      await new Projector(app.store, rebuilt, PROJECTIONS).catchUp();
      for (const [collection, ids] of [
        [INTERVIEWS, Object.values(interviews)],
        [PEOPLE, ['HR1', 'M1', ...EMPLOYEES]],
      ] as const) {
        for (const id of ids) expect(await app.readModels.get(collection, id)).toEqual(await rebuilt.get(collection, id));
      }
      expect(await app.readModels.count(PEOPLE)).toBe(await rebuilt.count(PEOPLE));
      await rebuilt.close();
      // Every checkpoint an instance signed is the log's own root at its size, and kept in the shared record.
      app.merkle.open();
      await app.merkle.catchUp();
      await app.merkle.sync();
      for (const checkpoint of signed) {
        expect(Buffer.from(app.merkle.root(checkpoint.size)).toString('base64')).toBe(checkpoint.rootHash);
        expect(app.merkle.checkpointAt(checkpoint.size)?.note).toBe(checkpoint.note);
      }
    } finally {
      await app.close();
    }
  });
});
