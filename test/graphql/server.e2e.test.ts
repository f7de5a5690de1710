/** The real server over HTTP and WebSocket: auth, body limits, client IPs, subscriptions. */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { openTestApp } from '../support/test-app';
import { startServer, type RunningServer } from '../../src/server/http-server';
import { mintToken } from '../../src/graphql/auth';
import type { App } from '../../src/server/app';
import { loadTokenSigningKey } from '../../src/server/token-keys';
import { localClaims, signJwt, strangerKey, unsignedJwt } from '../support/tokens';
import { startTestIssuer } from '../support/oidc-issuer';
import { verifyBundle } from '../../src/evidence/verify-bundle';
import { withTimeout } from '../support/timeout';

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as any };
}

describe.each([
  ['without a trusted proxy', ''],
  ['behind a trusted proxy', '127.0.0.1'],
])('real server %s', (_label, trusted) => {
  let app: App;
  let server: RunningServer;
  let token: (id: string, roles: string[]) => string;

  beforeAll(async () => {
    ({ app } = await openTestApp({ TRUSTED_PROXIES: trusted }));
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
    token = (id, roles) => `Bearer ${mintToken(app.localTokens!, { id, roles: roles as any })}`;
  });
  afterAll(async () => {
    await server.stop();
    await app.close();
  });

  // One interview per employee and cycle: each request schedules E1 in a cycle of its own.
  let cycles = 0;
  const SCHEDULE_IN = (cycle: string) =>
    `mutation { scheduleInterview(input: { employeeId: "E1", cycle: "${cycle}", scheduledAt: "2026-09-20T09:00:00+08:00" }) { id version } }`;
  const schedule = () => SCHEDULE_IN(`2026-M${String(++cycles).padStart(2, '0')}`);

  it('answers a query with a valid token and records the client IP on the event', async () => {
    const { status, json } = await post(
      server.url,
      { query: schedule() },
      { authorization: token('M1', ['manager']), 'x-forwarded-for': '203.0.113.7, 198.51.100.1' },
    );
    expect(status).toBe(200);
    expect(json.errors).toBeUndefined();
    const id = json.data.scheduleInterview.id;
    const [event] = await app.ledger.readStream(`interview-${id}`);
    // Only a trusted proxy's X-Forwarded-For is believed, right-most untrusted hop first.
    expect(event!.body.meta.ip).toBe(trusted ? '198.51.100.1' : '127.0.0.1');
  });

  it('rejects missing, malformed, forged and expired tokens with UNAUTHENTICATED', async () => {
    const missing = await post(server.url, { query: '{ me { id } }' });
    expect(missing.json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const malformed = await post(server.url, { query: '{ me { id } }' }, { authorization: 'Token abc' });
    expect(malformed.status).toBe(401);
    expect(malformed.json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const forged = await signJwt(localClaims('HR1', ['admin']), strangerKey(), 'EdDSA');
    const forgedRes = await post(server.url, { query: '{ me { id } }' }, { authorization: `Bearer ${forged}` });
    expect(forgedRes.status).toBe(401);
    expect(forgedRes.json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const expired = await signJwt(localClaims('HR1', ['hr'], -60), loadTokenSigningKey(app.config), 'EdDSA');
    const expiredRes = await post(server.url, { query: '{ me { id } }' }, { authorization: `Bearer ${expired}` });
    expect(expiredRes.json.errors[0].message).toContain('expired');
    const none = unsignedJwt(localClaims('HR1', ['hr']));
    const noneRes = await post(server.url, { query: '{ me { id } }' }, { authorization: `Bearer ${none}` });
    expect(noneRes.json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const ok = await post(server.url, { query: '{ me { id name } }' }, { authorization: token('E1', ['employee']) });
    expect(ok.json.data.me).toEqual({ id: 'E1', name: '张伟' });
  });

  it('answers malformed bodies and oversized requests with coded errors', async () => {
    const bad = await post(server.url, '{"query": ', { authorization: token('E1', ['employee']) });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].extensions.code).toBe('BAD_REQUEST');
    const huge = await post(
      server.url,
      { query: '{ me { id } }', variables: { pad: 'x'.repeat(1_100_000) } },
      { authorization: token('E1', ['employee']) },
    );
    expect(huge.status).toBe(413);
    expect(huge.json.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    // GET /nope is the web console's (its SPA fallback, when built); what is not a route answers 404.
    const notFound = await fetch(server.url.replace('/graphql', '/nope'), { method: 'POST' });
    expect(notFound.status).toBe(404);
    expect((await fetch(server.url.replace('/graphql', '/dashboards/nope'))).status).toBe(404);
    const health = await fetch(server.url.replace('/graphql', '/health'));
    expect(((await health.json()) as any).status).toBe('ok');
  });

  it('pushes changes over WebSocket only to subscribers who may see them', async () => {
    const connect = (auth: string): Client =>
      createClient({
        url: server.wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: auth },
        retryAttempts: 0,
        lazy: false,
      });
    const employee = connect(token('E1', ['employee']));
    const stranger = connect(token('E3', ['employee']));
    const received: { employee: any[]; stranger: any[] } = { employee: [], stranger: [] };
    const SUB = 'subscription { interviewChanged { interviewId version eventType } }';
    let gotOne: () => void;
    const first = new Promise<void>((resolve) => (gotOne = resolve));
    const subscribe = (client: Client, sink: any[], onData?: () => void) =>
      new Promise<void>((ready) => {
        client.subscribe(
          { query: SUB },
          {
            next: (v) => {
              sink.push(v);
              onData?.();
            },
            error: (e) => sink.push({ error: e }),
            complete: () => undefined,
          },
        );
        // graphql-ws has no "subscribed" ack; give the server a moment to register the operation.
        setTimeout(ready, 300);
      });
    await subscribe(employee, received.employee, () => gotOne());
    await subscribe(stranger, received.stranger);
    const { json } = await post(server.url, { query: schedule() }, { authorization: token('M1', ['manager']) });
    const id = json.data.scheduleInterview.id;
    await withTimeout(first, 5000, 'no subscription message');
    await new Promise((r) => setTimeout(r, 200));
    expect(received.employee).toEqual([{ data: { interviewChanged: { interviewId: id, version: 1, eventType: 'InterviewScheduled' } } }]);
    expect(received.stranger).toEqual([]);
    await employee.dispose();
    await stranger.dispose();
  });

  it('refuses a WebSocket connection without a valid token', async () => {
    const client = createClient({
      url: server.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: 'Bearer forged' },
      retryAttempts: 0,
    });
    const outcome = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: 'subscription { interviewChanged { interviewId } }' },
        { next: resolve, error: (e) => resolve({ closed: e }), complete: () => resolve('complete') },
      );
    });
    expect(outcome).toHaveProperty('closed');
    // 4401: not signed in (4403 is for a valid token that grants no role).
    expect((outcome as { closed: { code: number; reason: string } }).closed).toMatchObject({ code: 4401, reason: 'the token is invalid' });
    await client.dispose();
  });
});

describe('evidence over the real server', () => {
  it('exports a bundle over HTTP that the offline verifier accepts, pinned to the ledger key', async () => {
    const { app } = await openTestApp();
    const server = await startServer(app, { port: 0, host: '127.0.0.1' });
    try {
      const auth = (id: string, roles: string[]) => ({
        authorization: `Bearer ${mintToken(app.localTokens!, { id, roles: roles as any })}`,
      });
      // standard-v1 (single-session flow) lets the employee write remarks right away.
      const scheduled = await post(
        server.url,
        {
          query: `mutation { scheduleInterview(input: { employeeId: "E1", templateId: "standard-v1", cycle: "2026-Q3", scheduledAt: "2026-09-20T09:00:00+08:00" }) { id } }`,
        },
        auth('M1', ['manager']),
      );
      expect(scheduled.json.errors).toBeUndefined();
      const id = scheduled.json.data.scheduleInterview.id;
      const edited = await post(
        server.url,
        {
          query: `mutation($id: ID!) { editInterviewSection(input: { interviewId: $id, expectedVersion: 1, section: "remarks", content: { text: "HTTP 导出测试" } }) { version } }`,
          variables: { id },
        },
        auth('E1', ['employee']),
      );
      expect(edited.json.errors).toBeUndefined();
      const exported = await post(
        server.url,
        { query: `mutation($id: ID!) { exportEvidence(interviewId: $id) { content sha256 events } }`, variables: { id } },
        auth('AUD1', ['auditor']),
      );
      expect(exported.json.errors).toBeUndefined();
      const bytes = Buffer.from(exported.json.data.exportEvidence.content, 'utf8');
      const ledgerKey = app.keyring.published.find((k) => k.kid === app.keyring.activeKid)!.publicKey;
      const report = verifyBundle(bytes, { trustedLedgerKeys: [ledgerKey] });
      expect(report.failures).toEqual([]);
      expect(report.ok).toBe(true);
      expect(exported.json.data.exportEvidence.events).toBe(report.events);
      // The IP the server saw on the socket is what the signed record and the rendering show.
      const bundle = JSON.parse(bytes.toString('utf8'));
      expect(bundle.rendering.html).toContain('127.0.0.1');
    } finally {
      await server.stop();
      await app.close();
    }
  });
});

/** A graphql-transport-ws socket spoken by hand, so a test sees every message and the close frame. */
function rawSocket(url: string, authorization: string) {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  const messages: any[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const acked = new Promise<void>((resolve, reject) => {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString());
      messages.push(message);
      if (message.type === 'connection_ack') resolve();
    });
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization } })));
    void closed.then((c) => reject(new Error(`closed before the ack: ${c.code} ${c.reason}`)));
  });
  // A socket refused at connection_init is awaited through `closed`, not `acked`.
  acked.catch(() => undefined);
  let ids = 0;
  return {
    messages,
    closed,
    acked,
    /** Sends an operation; returns its id. */
    send(query: string, variables?: Record<string, unknown>): string {
      const id = String(++ids);
      socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, ...(variables ? { variables } : {}) } }));
      return id;
    },
    of: (id: string) => messages.filter((m) => m.id === id),
    close: () => socket.close(),
  };
}

const SUBSCRIBE = 'subscription { interviewChanged { interviewId eventType } }';
const scheduleIn = (cycle: string) =>
  `mutation { scheduleInterview(input: { employeeId: "E1", cycle: "${cycle}", scheduledAt: "2026-09-20T09:00:00+08:00" }) { id } }`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a WebSocket lives no longer than its token', () => {
  let app: App;
  let server: RunningServer;
  const bearer = (id: string, roles: string[], ttl?: number) => `Bearer ${mintToken(app.localTokens!, { id, roles: roles as any }, ttl)}`;

  beforeAll(async () => {
    ({ app } = await openTestApp());
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server.stop();
    await app.close();
  });

  it('stops the subscription and closes with 4401 when the token expires; a mutation sent after exp does not run', async () => {
    const exp = Math.floor(Date.now() / 1000) + 2;
    const employee = rawSocket(server.wsUrl, bearer('E1', ['employee'], exp - Math.floor(Date.now() / 1000)));
    const manager = rawSocket(server.wsUrl, bearer('M1', ['manager', 'employee'], exp - Math.floor(Date.now() / 1000)));
    await Promise.all([employee.acked, manager.acked]);
    const sub = employee.send(SUBSCRIBE);
    await sleep(300);

    // While the token is valid, changes arrive.
    const scheduled = await post(server.url, { query: scheduleIn('2026-M01') }, { authorization: bearer('M1', ['manager']) });
    expect(scheduled.json.errors).toBeUndefined();
    await withTimeout(
      (async () => {
        while (employee.of(sub).length === 0) await sleep(20);
      })(),
      5000,
      'no subscription message before exp',
    );
    expect(employee.of(sub)).toEqual([
      {
        id: sub,
        type: 'next',
        payload: { data: { interviewChanged: { interviewId: scheduled.json.data.scheduleInterview.id, eventType: 'InterviewScheduled' } } },
      },
    ]);

    // The manager's socket sends a mutation the moment the token expires.
    await sleep(exp * 1000 - Date.now());
    const late = manager.send(scheduleIn('2026-M02'));
    const [employeeClosed, managerClosed] = await withTimeout(
      Promise.all([employee.closed, manager.closed]),
      5000,
      'sockets still open after exp',
    );
    expect(employeeClosed).toEqual({ code: 4401, reason: 'the token has expired: reconnect with a new one' });
    expect(managerClosed.code).toBe(4401);
    expect(manager.of(late).filter((m) => m.type === 'next' && m.payload.data)).toEqual([]);

    // Nothing more arrives, and the late mutation was not recorded: the cycle is still free.
    await post(server.url, { query: scheduleIn('2026-M03') }, { authorization: bearer('M1', ['manager']) });
    await sleep(300);
    expect(employee.of(sub)).toHaveLength(1);
    const free = await post(server.url, { query: scheduleIn('2026-M02') }, { authorization: bearer('M1', ['manager']) });
    expect(free.json.errors).toBeUndefined();
  }, 20_000);

  it('refuses a connection without a token, or with an expired one, with 4401 and a reason', async () => {
    const none = rawSocket(server.wsUrl, '');
    expect(await none.closed).toEqual({ code: 4401, reason: 'sign in: send connectionParams.authorization = "Bearer <token>"' });
    const expired = await signJwt(localClaims('E1', ['employee'], -5), loadTokenSigningKey(app.config), 'EdDSA');
    expect(await rawSocket(server.wsUrl, `Bearer ${expired}`).closed).toEqual({
      code: 4401,
      reason: 'the token has expired: sign in again',
    });
  });

  it('closes with 4403 (and answers HTTP with 403) when the token is valid but grants no role', async () => {
    const roleless = await signJwt(localClaims('E1', ['boss']), loadTokenSigningKey(app.config), 'EdDSA');
    expect(await rawSocket(server.wsUrl, `Bearer ${roleless}`).closed).toEqual({
      code: 4403,
      reason: 'the token is valid but grants no role in this service',
    });
    // Over HTTP the same token answers FORBIDDEN with 403.
    const http = await post(server.url, { query: '{ me { id } }' }, { authorization: `Bearer ${roleless}` });
    expect([http.status, http.json.errors[0].extensions.code]).toEqual([403, 'FORBIDDEN']);
  });
});

describe('a WebSocket whose issuer retires the key of its token', () => {
  it('checks the token again on every operation: after the rotation the next one is refused and the socket closes with 4401', async () => {
    const issuer = await startTestIssuer({ audience: 'interview-ledger' });
    const { app } = await openTestApp({
      OIDC_ISSUER: issuer.issuer,
      OIDC_AUDIENCE: 'interview-ledger',
      OIDC_ROLES_CLAIM: 'groups',
      OIDC_ROLE_MAP: 'employee:*,manager:Team-Leads',
      OIDC_JWKS_COOLDOWN_MS: '0',
    });
    const server = await startServer(app, { port: 0, host: '127.0.0.1' });
    try {
      expect(app.localTokens).toBeUndefined();
      const old = await issuer.addKey('ES256');
      const socket = rawSocket(server.wsUrl, `Bearer ${await issuer.sign(old, { sub: 'M1', groups: ['Team-Leads'] })}`);
      await socket.acked;
      const first = socket.send(scheduleIn('2026-M04'));
      await withTimeout(
        (async () => {
          while (!socket.of(first).some((m) => m.type === 'complete')) await sleep(20);
        })(),
        5000,
        'the first mutation got no answer',
      );
      expect(socket.of(first)[0].payload.errors).toBeUndefined();

      // The issuer rotates; the next sign-in with the new key makes the server fetch the JWKS again.
      const fresh = await issuer.addKey('EdDSA');
      issuer.removeKey(old);
      const me = await post(server.url, { query: '{ me { id } }' }, { authorization: `Bearer ${await issuer.sign(fresh, { sub: 'E1' })}` });
      expect(me.json.data.me).toEqual({ id: 'E1' });

      const second = socket.send(scheduleIn('2026-M05'));
      expect(await withTimeout(socket.closed, 5000, 'socket still open')).toEqual({
        code: 4401,
        reason: 'the token is signed with a key the issuer does not publish (unknown or retired kid)',
      });
      expect(socket.of(second).filter((m) => m.type === 'next')).toEqual([]);
    } finally {
      await server.stop();
      await app.close();
      await issuer.close();
    }
  });
});
