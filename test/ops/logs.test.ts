/**
 * The log: one JSON object a line, a request id on every line written for a request (the
 * caller's X-Request-Id when sane, echoed back), the actor's id once a token named them, and
 * never a token, a section's text, a file name or anything else a person wrote.
 */
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { Writable } from 'node:stream';
import { openTestApp } from '../support/test-app';
import { startServer, type RunningServer } from '../../src/server/http-server';
import { createLogger, prettyStream } from '../../src/server/logger';
import { mintToken } from '../../src/graphql/auth';
import { requestIdFrom } from '../../src/http/request-id';
import type { App } from '../../src/server/app';
import { withTimeout } from '../support/timeout';

/** pino writes each line to a destination; this one keeps them. */
function captured() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const SECTION_TEXT = '本季度加班太多，压力很大，家里老人住院，希望调整排班';
const FILE_NAME = '体检报告-王建国.txt';
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

describe('log lines', () => {
  const log = captured();
  let app: App;
  let server: RunningServer;
  const tokens: string[] = [];
  const token = (id: string, roles: string[]) => {
    const minted = mintToken(app.localTokens!, { id, roles: roles as any });
    tokens.push(minted);
    return minted;
  };
  const post = async (body: unknown, headers: Record<string, string>) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { id: response.headers.get('x-request-id'), json: (await response.json()) as any };
  };

  beforeAll(async () => {
    ({ app } = await openTestApp({}, { log: createLogger({ level: 'info', format: 'json' }, log.stream) }));
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server.stop();
    await app.close();
  });

  it('carry the request id and the actor, and no token or personal content', async () => {
    const start = log.lines.length;
    const manager = token('M1', ['manager']);
    const employee = token('E1', ['employee']);

    const scheduled = await post(
      {
        query: `mutation { scheduleInterview(input: { employeeId: "E1", templateId: "standard-v1", cycle: "2026-Q3", scheduledAt: "2026-09-20T09:00:00+08:00", reason: "${SECTION_TEXT}" }) { id } }`,
      },
      { authorization: `Bearer ${manager}`, 'x-request-id': 'ops-log-schedule-1' },
    );
    expect(scheduled.json.errors).toBeUndefined();
    expect(scheduled.id).toBe('ops-log-schedule-1');
    const interviewId = scheduled.json.data.scheduleInterview.id as string;

    // Section text in variables, and a second time in the document itself.
    const edited = await post(
      {
        query: 'mutation ($input: EditSectionInput!) { editInterviewSection(input: $input) { version } }',
        variables: { input: { interviewId, expectedVersion: 1, section: 'remarks', content: { text: SECTION_TEXT } } },
      },
      { authorization: `Bearer ${employee}` },
    );
    expect(edited.json.errors).toBeUndefined();
    expect(edited.id).toMatch(/^[0-9a-f-]{36}$/); // none sent: one made and echoed

    // Refusals whose messages could quote the input: a wrong variable type, a stale version.
    const badInput = await post(
      {
        query:
          'mutation ($v: Int!) { editInterviewSection(input: { interviewId: "x", expectedVersion: $v, section: "remarks", content: {} }) { version } }',
        variables: { v: SECTION_TEXT },
      },
      { authorization: `Bearer ${employee}`, 'x-request-id': 'ops-log-bad-input' },
    );
    expect(badInput.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const stale = await post(
      {
        query: 'mutation ($input: EditSectionInput!) { editInterviewSection(input: $input) { version } }',
        variables: { input: { interviewId, expectedVersion: 1, section: 'remarks', content: { text: SECTION_TEXT } } },
      },
      { authorization: `Bearer ${employee}`, 'x-request-id': 'ops-log-stale' },
    );
    expect(stale.json.errors[0].extensions.code).toBe('VERSION_CONFLICT');

    // A token that is refused is not written down either, nor an insane request id.
    const forged = `${manager.slice(0, -4)}AAAA`;
    tokens.push(forged);
    const refused = await post({ query: '{ me { id } }' }, { authorization: `Bearer ${forged}`, 'x-request-id': 'a b {"forged":1}' });
    expect(refused.json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(refused.id).toMatch(/^[0-9a-f-]{36}$/);

    // A GET carries the document and variables in its query string.
    const get = await fetch(
      `${server.url}?query=${encodeURIComponent(`{ interview(id: "${interviewId}") { id } }`)}&variables=${encodeURIComponent(JSON.stringify({ t: SECTION_TEXT }))}`,
      {
        headers: { authorization: `Bearer ${manager}`, 'apollo-require-preflight': '1' },
      },
    );
    expect(get.status).toBe(200);

    // An upload names its file in a header and carries text in its body.
    const uploaded = await fetch(`${server.url.replace(/\/graphql$/, '')}/attachments/${interviewId}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${manager}`,
        'content-type': 'text/plain',
        'x-file-name': encodeURIComponent(FILE_NAME),
        'x-request-id': 'ops-log-upload',
      },
      body: Buffer.from(SECTION_TEXT, 'utf8'),
    });
    expect(uploaded.status).toBe(201);

    // An unexpected failure is logged, with the request's id and actor, not the operation.
    const readModels = app.readModels as unknown as Record<'get' | 'getMany', unknown>;
    const kept = { get: readModels.get, getMany: readModels.getMany };
    readModels.get = readModels.getMany = async () => {
      throw new Error('disk on fire');
    };
    let broken;
    try {
      broken = await post(
        { query: `{ interview(id: "${interviewId}") { id } }` },
        { authorization: `Bearer ${manager}`, 'x-request-id': 'ops-log-broken' },
      );
    } finally {
      Object.assign(readModels, kept);
    }
    expect(broken.json.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');

    // A subscriber's socket: its token travels in connectionParams.
    const socketToken = token('E1', ['employee']);
    const client = createClient({
      url: server.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${socketToken}` },
      retryAttempts: 0,
    });
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        client.subscribe({ query: '{ me { id } }' }, { next: () => undefined, error: reject, complete: resolve });
      }),
      10_000,
      'the socket query did not complete',
    );
    await client.dispose();
    await new Promise((r) => setTimeout(r, 100)); // the server's close line

    const lines = log.lines.slice(start);
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const line of lines) {
      for (const t of tokens) expect(line).not.toContain(t);
      expect(line).not.toContain(manager.split('.')[2]!); // not even a token's signature
      expect(line).not.toMatch(CJK); // no section text, reason, file name or person's name
      expect(line).not.toContain('forged');
    }
    // A request id on every line written for a request.
    for (const entry of entries) expect([entry.msg, typeof entry.reqId]).toEqual([entry.msg, 'string']);
    const byId = (id: string) => entries.filter((e) => e.reqId === id);
    expect(byId('ops-log-schedule-1')).toEqual([
      expect.objectContaining({ msg: 'request', actor: 'M1', method: 'POST', path: '/graphql', status: 200 }),
    ]);
    expect(byId(edited.id!)).toEqual([expect.objectContaining({ msg: 'request', actor: 'E1' })]);
    expect(byId('ops-log-bad-input')).toEqual([expect.objectContaining({ msg: 'request', actor: 'E1' })]);
    expect(byId('ops-log-stale')).toEqual([expect.objectContaining({ msg: 'request', actor: 'E1' })]);
    expect(byId(refused.id!)).toEqual([expect.objectContaining({ msg: 'request', status: expect.any(Number) })]);
    expect(byId(refused.id!)[0]).not.toHaveProperty('actor');
    expect(byId('ops-log-upload')).toEqual([
      expect.objectContaining({ msg: 'request', actor: 'M1', path: `/attachments/${interviewId}`, status: 201 }),
    ]);
    const brokenLines = byId('ops-log-broken');
    expect(brokenLines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          msg: 'unexpected error in a GraphQL operation',
          level: 50,
          actor: 'M1',
          err: expect.objectContaining({ message: 'disk on fire' }),
        }),
        expect.objectContaining({ msg: 'request', actor: 'M1' }),
      ]),
    );
    // The GET's line has its path, not its query string.
    expect(entries.filter((e) => e.method === 'GET' && e.path === '/graphql')).toHaveLength(1);
    // The socket: one id from the upgrade to the close, with the actor.
    const socket = entries.filter((e) => typeof e.msg === 'string' && e.msg.startsWith('websocket'));
    expect(socket.map((e) => e.msg)).toEqual(['websocket connected', 'websocket closed']);
    expect(new Set(socket.map((e) => e.reqId)).size).toBe(1);
    expect(socket.every((e) => e.actor === 'E1')).toBe(true);
  });

  it('censor fields that could carry secrets or content, should one be passed by mistake', () => {
    const out = captured();
    const logger = createLogger({ level: 'info', format: 'json' }, out.stream);
    logger.info(
      { authorization: 'Bearer abc', variables: { text: SECTION_TEXT }, content: SECTION_TEXT, token: 'abc', reqId: 'r-1' },
      'oops',
    );
    logger.flush();
    expect(out.lines).toHaveLength(1);
    expect(out.lines[0]).not.toMatch(CJK);
    expect(out.lines[0]).not.toContain('abc');
    expect(JSON.parse(out.lines[0]!)).toMatchObject({
      authorization: '[redacted]',
      variables: '[redacted]',
      content: '[redacted]',
      token: '[redacted]',
      reqId: 'r-1',
    });
  });

  it('read as a line for a person in LOG_FORMAT=pretty', () => {
    const written: string[] = [];
    const logger = createLogger({ level: 'debug', format: 'pretty' }, prettyStream({ write: (text: string) => written.push(text) }));
    logger.info({ reqId: 'r-1', actor: 'M1', status: 200 }, 'request');
    logger.error({ err: new Error('boom') }, 'request failed');
    logger.debug({ n: 1 }, 'detail');
    expect(written[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO  request {2}reqId=r-1 actor=M1 status=200\n$/);
    expect(written[1]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} ERROR request failed\n {2}Error: boom\n/);
    expect(written[2]).toMatch(/DEBUG detail {2}n=1/);
  });

  it('take a sane X-Request-Id as it is and make one for anything else', () => {
    expect(requestIdFrom('abc-123_x.y:z')).toBe('abc-123_x.y:z');
    for (const insane of ['', 'a b', 'x'.repeat(65), '王建国', 'a\nb', undefined, ['a', 'b']])
      expect(requestIdFrom(insane)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});
