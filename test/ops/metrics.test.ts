/**
 * /metrics in the Prometheus text format: GraphQL operations by type with their latency,
 * errors by code, appends and group-commit sizes, lag per projection, the checkpoint's age,
 * reminder sweeps, attachment bytes and the process's own metrics. Served on its own listener
 * (METRICS_PORT) or, with METRICS_TOKEN, on the public port to that bearer token only.
 */
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { openTestApp } from '../support/test-app';
import { startServer, type RunningServer } from '../../src/server/http-server';
import { mintToken } from '../../src/graphql/auth';
import { loadConfig } from '../../src/server/config';
import type { App } from '../../src/server/app';
import { withTimeout } from '../support/timeout';
import { probes } from '../support/probes';

/** The samples of a scrape: `name{labels}` → value. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    out.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return out;
}

const METRICS_TOKEN = 'metrics-secret-0123456789abcdef';

describe('metrics on their own listener', () => {
  let app: App;
  let server: RunningServer;
  let base: string;
  const auth = (id: string, roles: string[]) => `Bearer ${mintToken(app.localTokens!, { id, roles: roles as any })}`;
  const graphql = async (query: string, as: string | null, variables?: unknown) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(as ? { authorization: as } : {}) },
      body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
    });
    return (await response.json()) as any;
  };
  const scrape = async () => {
    const response = await fetch(server.metricsUrl!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return samples(await response.text());
  };

  beforeAll(async () => {
    ({ app } = await openTestApp({ METRICS_PORT: '0' }));
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
    base = server.url.replace(/\/graphql$/, '');
  });
  afterAll(async () => {
    await server.stop();
    await app.close();
  });

  it('count what the server did, by operation type, code and projection', async () => {
    expect(server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const before = await scrape();
    const at = (m: Map<string, number>, key: string) => m.get(key) ?? 0;

    const manager = auth('M1', ['manager']);
    expect((await graphql('{ me { id } }', manager)).data.me.id).toBe('M1');
    const scheduled = await graphql(
      `
        mutation {
          scheduleInterview(
            input: { employeeId: "E1", templateId: "standard-v1", cycle: "2026-Q3", scheduledAt: "2026-09-20T09:00:00+08:00" }
          ) {
            id
          }
        }
      `,
      manager,
    );
    const interviewId = scheduled.data.scheduleInterview.id as string;
    expect((await graphql('{ me { id } }', null)).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await graphql('{ nope }', manager)).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const tooLarge = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(300_000),
    });
    expect(tooLarge.status).toBe(413);

    // A subscription over the WebSocket counts as one.
    const client = createClient({
      url: server.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: manager },
      retryAttempts: 0,
    });
    const subscribed = new Promise<void>((resolve) => {
      const stop = client.subscribe(
        { query: 'subscription { notificationAdded { id } }' },
        { next: () => undefined, error: () => undefined, complete: () => undefined },
      );
      setTimeout(() => {
        stop();
        resolve();
      }, 300);
    });
    await withTimeout(subscribed, 5000, 'no subscription');
    await client.dispose();

    // Attachment bytes in and out.
    const bytes = Buffer.from('面谈附件：体检报告\n', 'utf8');
    const upload = await fetch(`${base}/attachments/${interviewId}`, {
      method: 'POST',
      headers: { authorization: manager, 'content-type': 'text/plain', 'x-file-name': 'report.txt' },
      body: bytes,
    });
    expect(upload.status).toBe(201);
    const { url } = (await upload.json()) as { url: string };
    const download = await fetch(`${base}${url}`, { headers: { authorization: manager } });
    expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);

    await app.reminders.sweep();
    await app.merkle.signCheckpoint();
    const head = await app.store.headPosition();
    await app.projector.waitFor(head!);
    await app.merkle.waitFor(head!);

    const after = await scrape();
    const grew = (key: string) => at(after, key) - at(before, key);
    expect(grew('interview_ledger_graphql_requests_total{operation="query"}')).toBe(2); // me, with a token and without
    expect(grew('interview_ledger_graphql_requests_total{operation="mutation"}')).toBe(1);
    expect(grew('interview_ledger_graphql_requests_total{operation="subscription"}')).toBe(1);
    expect(grew('interview_ledger_graphql_requests_total{operation="unknown"}')).toBe(1); // a document that did not validate
    expect(grew('interview_ledger_graphql_request_duration_seconds_count{operation="query"}')).toBe(2);
    expect(grew('interview_ledger_graphql_request_duration_seconds_bucket{le="+Inf",operation="mutation"}')).toBe(1);
    expect(grew('interview_ledger_graphql_errors_total{code="UNAUTHENTICATED"}')).toBe(1);
    expect(grew('interview_ledger_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"}')).toBe(1);
    expect(grew('interview_ledger_graphql_errors_total{code="PAYLOAD_TOO_LARGE"}')).toBe(1);
    expect(grew('interview_ledger_appends_total')).toBeGreaterThanOrEqual(2); // the schedule, the upload
    expect(grew('interview_ledger_appended_events_total')).toBeGreaterThanOrEqual(grew('interview_ledger_appends_total'));
    expect(grew('interview_ledger_group_commit_appends_count')).toBeGreaterThanOrEqual(1);
    expect(grew('interview_ledger_group_commit_appends_sum')).toBe(grew('interview_ledger_appends_total'));
    for (const projection of ['interviews', 'analytics', 'people', 'catalog', 'reminders', 'upload-usage', 'alerts', 'merkle-log'])
      expect([projection, after.get(`interview_ledger_projection_lag_events{projection="${projection}"}`)]).toEqual([projection, 0]);
    expect(after.get('interview_ledger_checkpoint_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(after.get('interview_ledger_checkpoint_unsigned_events')).toBe(app.merkle.size - app.merkle.latestCheckpoint()!.size);
    expect(grew('interview_ledger_reminder_sweeps_total{outcome="ok"}')).toBe(1);
    expect(grew('interview_ledger_reminder_sweep_duration_seconds_count')).toBe(1);
    expect(grew('interview_ledger_attachment_bytes_total{direction="stored"}')).toBe(bytes.length);
    expect(grew('interview_ledger_attachment_bytes_total{direction="served"}')).toBe(bytes.length);
    // The process's own.
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
      'nodejs_eventloop_lag_seconds',
    ])
      expect([name, after.has(name)]).toEqual([name, true]);
  });

  it('show a projection that falls behind', async () => {
    await app.projector.stop();
    try {
      await app.ledger.append('ops-metrics-lag', null, probes(2));
      const behind = await scrape();
      expect(behind.get('interview_ledger_projection_lag_events{projection="interviews"}')).toBe(2);
      await app.merkle.waitFor((await app.store.headPosition())!);
      expect((await scrape()).get('interview_ledger_projection_lag_events{projection="merkle-log"}')).toBe(0);
    } finally {
      await app.projector.start();
    }
    await app.projector.waitFor((await app.store.headPosition())!);
    expect((await scrape()).get('interview_ledger_projection_lag_events{projection="interviews"}')).toBe(0);
  });

  it('are not served on the public port without METRICS_TOKEN', async () => {
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('interview_ledger_');
  });

  it('answer /health and /ready on the metrics port too, and nothing else', async () => {
    const port = server.metricsUrl!.replace(/\/metrics$/, '');
    expect((await fetch(`${port}/health`)).status).toBe(200);
    expect((await fetch(`${port}/ready`)).status).toBe(200);
    expect((await fetch(`${port}/graphql`)).status).toBe(404);
  });
});

describe('metrics on the public port with METRICS_TOKEN, beside another app in the same process', () => {
  let app: App;
  let server: RunningServer;
  let other: App;
  let otherServer: RunningServer;

  beforeAll(async () => {
    ({ app } = await openTestApp({ METRICS_TOKEN }));
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
    ({ app: other } = await openTestApp({ METRICS_PORT: '0' }));
    otherServer = await startServer(other, { port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server.stop();
    await app.close();
    await otherServer.stop();
    await other.close();
  });

  const metricsAt = (authorization?: string) =>
    fetch(server.url.replace(/\/graphql$/, '/metrics'), { headers: authorization ? { authorization } : {} });

  it('refuses a request without the token, or with another, and answers the token', async () => {
    expect(server.metricsUrl).toBeUndefined();
    for (const wrong of [undefined, 'Bearer nope', `Bearer ${METRICS_TOKEN}x`, METRICS_TOKEN]) {
      const response = await metricsAt(wrong);
      expect([wrong, response.status]).toEqual([wrong, 401]);
      expect(((await response.json()) as any).error.code).toBe('UNAUTHENTICATED');
    }
    const response = await metricsAt(`Bearer ${METRICS_TOKEN}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('interview_ledger_appends_total');
  });

  it('keeps each app’s counts apart (a registry each)', async () => {
    const token = `Bearer ${mintToken(app.localTokens!, { id: 'M1', roles: ['manager'] })}`;
    const count = async (url: string, authorization?: string) =>
      samples(await (await fetch(url, { headers: authorization ? { authorization } : {} })).text()).get(
        'interview_ledger_graphql_requests_total{operation="query"}',
      ) ?? 0;
    const mine = await count(server.url.replace(/\/graphql$/, '/metrics'), `Bearer ${METRICS_TOKEN}`);
    const theirs = await count(otherServer.metricsUrl!);
    await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: token },
      body: '{"query":"{ me { id } }"}',
    });
    expect(await count(server.url.replace(/\/graphql$/, '/metrics'), `Bearer ${METRICS_TOKEN}`)).toBe(mine + 1);
    expect(await count(otherServer.metricsUrl!)).toBe(theirs);
  });
});

describe('metrics configuration', () => {
  it('refuses a bad METRICS_PORT and a short or spaced METRICS_TOKEN, and binds to 127.0.0.1 by default', () => {
    expect(() => loadConfig({ METRICS_PORT: 'x' })).toThrow(/METRICS_PORT must be a port number/);
    expect(() => loadConfig({ METRICS_PORT: '70000' })).toThrow(/METRICS_PORT/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 16 characters/);
    expect(() => loadConfig({ METRICS_TOKEN: 'a long token with spaces' })).toThrow(/METRICS_TOKEN/);
    expect(loadConfig({ METRICS_PORT: '9464' }).metrics).toEqual({ port: 9464, host: '127.0.0.1' });
    expect(loadConfig({}).metrics).toEqual({ host: '127.0.0.1' });
  });
});
