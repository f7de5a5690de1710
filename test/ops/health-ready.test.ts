/**
 * /health answers 200 while the process serves; /ready answers 200 only while the stores answer
 * and the projector and the Merkle log are running and within READY_MAX_LAG_EVENTS of the log,
 * and 503 with the reason otherwise (and while the server shuts down).
 */
import { openTestApp } from '../support/test-app';
import { startServer, type RunningServer } from '../../src/server/http-server';
import { readiness } from '../../src/server/ops-routes';
import { loadConfig } from '../../src/server/config';
import type { App } from '../../src/server/app';
import { probes } from '../support/probes';

describe('/health and /ready', () => {
  let app: App;
  let server: RunningServer;
  let base: string;
  const get = async (path: string) => {
    const response = await fetch(`${base}${path}`);
    return { status: response.status, type: response.headers.get('content-type'), json: (await response.json()) as any };
  };

  beforeAll(async () => {
    ({ app } = await openTestApp({ READY_MAX_LAG_EVENTS: '2' }));
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
    base = server.url.replace(/\/graphql$/, '');
  });
  afterAll(async () => {
    await server.stop();
    await app.close();
  });

  it('is live and ready once the followers hold the log', async () => {
    await app.projector.waitFor((await app.store.headPosition())!);
    await app.merkle.waitFor((await app.store.headPosition())!);
    expect(await get('/health')).toEqual({ status: 200, type: 'application/json; charset=utf-8', json: { status: 'ok' } });
    expect(await get('/ready')).toEqual({
      status: 200,
      type: 'application/json; charset=utf-8',
      json: { status: 'ready', lag: { readModels: 0, merkle: 0 }, projector: 'leading' },
    });
  });

  it('is not ready while the read models are further behind than the bound, and ready again once caught up', async () => {
    await app.projector.stop();
    try {
      await app.ledger.append('ops-ready-lag', null, probes(2));
      const within = await get('/ready');
      expect(within.status).toBe(200); // 2 behind, the bound is 2
      expect(within.json.lag.readModels).toBe(2);
      await app.ledger.append('ops-ready-lag', { revision: 1, hash: (await app.ledger.head('ops-ready-lag'))!.hash }, probes(1));
      expect(await get('/ready')).toEqual({
        status: 503,
        type: 'application/json; charset=utf-8',
        json: {
          status: 'not ready',
          check: 'read-models',
          reason: 'the read models are 3 events behind the log (READY_MAX_LAG_EVENTS=2)',
        },
      });
      expect((await get('/health')).status).toBe(200); // alive all the same
    } finally {
      await app.projector.start();
    }
    await app.projector.waitFor((await app.store.headPosition())!);
    await app.merkle.waitFor((await app.store.headPosition())!);
    expect((await get('/ready')).status).toBe(200);
  });

  it('is not ready while the batches of the projector fail (retried from the checkpoint), and ready once one commits', async () => {
    const store = app.readModels as { commit: typeof app.readModels.commit };
    const commit = store.commit;
    store.commit = async () => {
      throw new Error('disk full (injected)');
    };
    try {
      await app.ledger.append('ops-ready-fail', null, probes(1));
      let answer = await get('/ready');
      for (let i = 0; i < 50 && answer.status === 200; i++) {
        await new Promise((r) => setTimeout(r, 20));
        answer = await get('/ready');
      }
      expect(answer.status).toBe(503);
      expect(answer.json).toMatchObject({ status: 'not ready', check: 'projector' });
      expect(answer.json.reason).toMatch(/failed \d+ time\(s\) and is retried from the checkpoint: disk full \(injected\)/);
    } finally {
      store.commit = commit;
    }
    expect(await app.projector.waitFor((await app.store.headPosition())!, 10_000)).toBe(true);
    expect((await get('/ready')).status).toBe(200);
  });

  it('is not ready while a follower has lost its subscription to the log (it resubscribes), and ready once it follows again', async () => {
    const projector = app.projector.health();
    const down = { ...projector, disconnectedSince: '2026-12-02T08:00:00.000Z', lastError: 'Connection dropped (injected)' };
    const withProjector = { ...app, projector: Object.assign(Object.create(app.projector), { health: () => down }) } as typeof app;
    expect(await readiness(withProjector, { stopping: false })).toEqual({
      ready: false,
      check: 'projector',
      reason:
        "the projector's subscription to the log is down since 2026-12-02T08:00:00.000Z and is retried: Connection dropped (injected)",
    });
    const merkleHealth = await app.merkle.health();
    const stalled = { ...merkleHealth, following: false, stalledSince: '2026-12-02T08:00:01.000Z', lastError: 'stream ended (injected)' };
    const withMerkle = { ...app, merkle: Object.assign(Object.create(app.merkle), { health: async () => stalled }) } as typeof app;
    expect(await readiness(withMerkle, { stopping: false })).toEqual({
      ready: false,
      check: 'merkle-log',
      reason: 'the Merkle log stopped following the log at 2026-12-02T08:00:01.000Z and resubscribes: stream ended (injected)',
    });
    expect(await readiness(app, { stopping: false })).toMatchObject({ ready: true });
  });

  it('is not ready while the server shuts down, nor when a store does not answer', async () => {
    expect(await readiness(app, { stopping: true })).toEqual({ ready: false, check: 'shutdown', reason: 'the server is shutting down' });
    const store = app.store as unknown as { countAfter: unknown };
    const kept = store.countAfter;
    store.countAfter = async () => {
      throw new Error('database is locked');
    };
    try {
      expect(await readiness(app, { stopping: false })).toEqual({
        ready: false,
        check: 'event-store',
        reason: 'not answering: database is locked',
      });
      const answer = await get('/ready');
      expect([answer.status, answer.json.check]).toEqual([503, 'event-store']);
    } finally {
      store.countAfter = kept;
    }
  });

  it('takes its bound from READY_MAX_LAG_EVENTS (default 1000)', () => {
    expect(loadConfig({}).readyMaxLagEvents).toBe(1000);
    expect(loadConfig({ READY_MAX_LAG_EVENTS: '0' }).readyMaxLagEvents).toBe(0);
    expect(() => loadConfig({ READY_MAX_LAG_EVENTS: '-1' })).toThrow(/READY_MAX_LAG_EVENTS must be a non-negative integer/);
  });
});
