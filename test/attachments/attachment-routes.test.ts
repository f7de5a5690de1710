/** Attachment upload and download through the real server over HTTP. */
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { openTestApp } from '../support/test-app';
import { startServer, type RunningServer } from '../../src/server/http-server';
import { mintToken } from '../../src/graphql/auth';
import { FsAttachmentStore } from '../../src/attachments/fs-attachment-store';
import { INTERVIEWS, type InterviewDoc } from '../../src/projections/interview.projection';
import { interviewStream } from '../../src/domain/interview/interview';
import type { App } from '../../src/server/app';

const LIMIT = 64 * 1024;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (size = 2000): Buffer => Buffer.concat([Buffer.from(PNG_SIGNATURE), randomBytes(size - PNG_SIGNATURE.length)]);
const pdf = (): Buffer => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(500)]);
const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('attachment routes over the real server', () => {
  let app: App;
  let server: RunningServer;
  let base: string;
  let interviewId: string;
  const auth = (id: string, roles: string[]) => `Bearer ${mintToken(app.localTokens!, { id, roles: roles as any })}`;

  beforeAll(async () => {
    ({ app } = await openTestApp({ ATTACHMENT_MAX_BYTES: String(LIMIT) }));
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
    base = server.url.replace(/\/graphql$/, '');
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: auth('M1', ['manager']) },
      body: JSON.stringify({
        query: `mutation { scheduleInterview(input: { employeeId: "E1", cycle: "2026-Q3", scheduledAt: "2026-09-20T09:00:00+08:00" }) { id } }`,
      }),
    });
    const json = (await response.json()) as any;
    expect(json.errors).toBeUndefined();
    interviewId = json.data.scheduleInterview.id;
  });
  afterAll(async () => {
    await server.stop();
    await app.close();
  });

  const upload = async (
    bytes: Uint8Array | ReadableStream<Uint8Array>,
    options: { as?: string | null; type?: string; name?: string; rawName?: string; id?: string } = {},
  ) => {
    const headers: Record<string, string> = {
      'content-type': options.type ?? 'image/png',
      'x-file-name': options.rawName ?? encodeURIComponent(options.name ?? '问题截图 (1).png'),
    };
    const as = options.as === undefined ? auth('M1', ['manager']) : options.as;
    if (as) headers.authorization = as;
    const response = await fetch(`${base}/attachments/${options.id ?? interviewId}`, {
      method: 'POST',
      headers,
      body: bytes as RequestInit['body'],
      ...(bytes instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
    return { status: response.status, headers: response.headers, json: (await response.json()) as any };
  };
  const download = (sha256: string, as: string | null, extra: Record<string, string> = {}, id = interviewId) =>
    fetch(`${base}/attachments/${id}/${sha256}`, { headers: { ...(as ? { authorization: as } : {}), ...extra } });
  const doc = async () => (await app.readModels.get<InterviewDoc>(INTERVIEWS, interviewId))!;
  const events = async () => (await app.ledger.readStream(interviewStream(interviewId))).length;

  it('records an upload, then serves the identical bytes with safe download headers', async () => {
    const bytes = png();
    const name = '问题截图 (1).png';
    const created = await upload(bytes, { name });
    expect(created.status).toBe(201);
    const url = `/attachments/${interviewId}/${sha(bytes)}`;
    expect(created.json).toEqual({ sha256: sha(bytes), name, mediaType: 'image/png', size: bytes.length, url });
    expect(created.headers.get('location')).toBe(url);

    // The ledger names the bytes by hash; the read model lists them with who and when.
    const stream = await app.ledger.readStream(interviewStream(interviewId));
    const added = stream.find((e) => (e.body.data as { sha256?: string }).sha256 === sha(bytes));
    expect(added?.body.data).toMatchObject({ sha256: sha(bytes), name, mediaType: 'image/png', size: bytes.length });
    expect(added?.body.meta).toMatchObject({ actor: 'M1', ip: '127.0.0.1' });
    expect((await doc()).attachments).toContainEqual(expect.objectContaining({ sha256: sha(bytes), name, uploadedBy: 'M1' }));
    expect(await app.attachments.has(sha(bytes))).toBe(true);

    // The employee (a party) reads it; so does HR, who is no party.
    for (const reader of [auth('E1', ['employee']), auth('HR1', ['hr'])]) {
      const response = await download(sha(bytes), reader);
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
      expect(response.headers.get('content-type')).toBe('image/png');
      expect(response.headers.get('content-length')).toBe(String(bytes.length));
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename*=UTF-8''%E9%97%AE%E9%A2%98%E6%88%AA%E5%9B%BE%20%281%29.png`,
      );
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('etag')).toBe(`"${sha(bytes)}"`);
      expect(response.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    }
    const again = await download(sha(bytes), auth('E1', ['employee']), { 'if-none-match': `"${sha(bytes)}"` });
    expect(again.status).toBe(304);
    const head = await fetch(`${base}${url}`, { method: 'HEAD', headers: { authorization: auth('E1', ['employee']) } });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(bytes.length));
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it('records the same file once when it is uploaded again', async () => {
    const bytes = png(1500);
    expect((await upload(bytes)).status).toBe(201);
    const before = await events();
    const second = await upload(bytes);
    expect(second.status).toBe(201);
    expect(second.json.sha256).toBe(sha(bytes));
    expect(await events()).toBe(before);
    expect((await doc()).attachments.filter((a) => a.sha256 === sha(bytes))).toHaveLength(1);
  });

  it('answers 413 for a body over the limit, declared or streamed, and records nothing', async () => {
    const before = await events();
    const big = png(LIMIT + 1);
    const declared = await upload(big);
    expect(declared.status).toBe(413);
    expect(declared.json.error).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE', field: 'file' });
    expect(declared.json.error.message).toContain('64 KiB');
    // Without Content-Length the server counts as it reads, and stops at the limit.
    const huge = png(4 * 1024 * 1024);
    const streamed = await upload(
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < huge.length; i += 16 * 1024) controller.enqueue(huge.subarray(i, i + 16 * 1024));
          controller.close();
        },
      }),
    );
    expect(streamed.status).toBe(413);
    expect(streamed.json.error.code).toBe('ATTACHMENT_TOO_LARGE');
    expect(await events()).toBe(before);
    expect(await app.attachments.has(sha(big))).toBe(false);
    expect(await app.attachments.has(sha(huge))).toBe(false);
    // The server is still answering.
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('refuses a forbidden media type with 400 and lists the allowed ones', async () => {
    const response = await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), { type: 'image/svg+xml', name: 'x.svg' });
    expect(response.status).toBe(400);
    expect(response.json.error).toMatchObject({ code: 'ATTACHMENT_TYPE_FORBIDDEN', field: 'mediaType' });
    expect(response.json.error.message).toContain('application/pdf');
  });

  it('refuses bytes that are not the declared type with 400 ATTACHMENT_TYPE_MISMATCH, storing nothing', async () => {
    const before = await events();
    const bytes = pdf();
    const response = await upload(bytes, { type: 'image/png' });
    expect(response.status).toBe(400);
    expect(response.json.error).toMatchObject({ code: 'ATTACHMENT_TYPE_MISMATCH', field: 'file' });
    expect(await app.attachments.has(sha(bytes))).toBe(false);
    expect(await events()).toBe(before);
  });

  it('refuses file names that are not plain, percent-encoded names', async () => {
    for (const rawName of ['%E9%97%AE%', encodeURIComponent('../secret.png'), '', encodeURIComponent('a\nb.png')]) {
      const response = await upload(png(), { rawName });
      expect(response.status).toBe(400);
      expect(response.json.error).toMatchObject({ code: 'INVALID_FILE_NAME', field: 'fileName' });
    }
  });

  it('answers 401 UNAUTHENTICATED without a token or with a bad one', async () => {
    for (const as of [null, 'Bearer not-a-token', 'Token abc']) {
      const response = await upload(png(), { as });
      expect(response.status).toBe(401);
      expect(response.json.error.code).toBe('UNAUTHENTICATED');
    }
    const bytes = png();
    const anonymous = await download(sha(bytes), null);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as any).error.code).toBe('UNAUTHENTICATED');
  });

  it('gives a stranger 404 for an attachment of an interview they may not see, exactly as for none', async () => {
    const bytes = png();
    expect((await upload(bytes)).status).toBe(201);
    const stranger = auth('E3', ['employee']);
    const hidden = await download(sha(bytes), stranger);
    expect(hidden.status).toBe(404);
    const hiddenBody = (await hidden.json()) as any;
    expect(hiddenBody.error.code).toBe('NOT_FOUND');
    expect(JSON.stringify(hiddenBody)).not.toContain('E1');
    const none = await download(sha(bytes), stranger, {}, 'no-such-interview');
    expect(none.status).toBe(404);
    expect(Object.keys(((await none.json()) as any).error).sort()).toEqual(Object.keys(hiddenBody.error).sort());
    // Nor may a stranger store bytes against it.
    const other = png();
    const refused = await upload(other, { as: stranger });
    expect(refused.status).toBe(404);
    expect(refused.json.error.code).toBe('NOT_FOUND');
    expect(await app.attachments.has(sha(other))).toBe(false);
  });

  it('answers 404 for a hash the visible interview does not list, even if the store has it', async () => {
    const employee = auth('E1', ['employee']);
    const unknown = await download(sha(randomBytes(10)), employee);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as any).error.code).toBe('NOT_FOUND');
    // In the store (say, from another interview) but not on this one.
    const elsewhere = png();
    await app.attachments.put(sha(elsewhere), elsewhere);
    expect((await download(sha(elsewhere), employee)).status).toBe(404);
    expect((await download('not-a-hash', employee)).status).toBe(404);
    expect((await download(sha(elsewhere).toUpperCase(), employee)).status).toBe(404);
  });

  it('answers 403 FORBIDDEN when the role may see but not attach', async () => {
    const response = await upload(png(), { as: auth('AUD1', ['auditor']) });
    expect(response.status).toBe(403);
    expect(response.json.error.code).toBe('FORBIDDEN');
  });

  it('answers 500 with a generic message, no stack, when stored bytes are corrupt', async () => {
    const bytes = png();
    expect((await upload(bytes)).status).toBe(201);
    writeFileSync((app.attachments as FsAttachmentStore).pathOf(sha(bytes)), png());
    const logged = jest.spyOn(app.log, 'error').mockImplementation(() => undefined);
    try {
      const response = await download(sha(bytes), auth('E1', ['employee']));
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' } });
      expect(text).not.toContain(sha(bytes));
      // The operator's log names the corrupt object.
      const [fields] = logged.mock.calls[0] as unknown as [{ err: unknown; reqId: string }];
      expect(String(fields.err)).toContain(`attachment ${sha(bytes)}`);
      expect(fields.reqId).toBe(response.headers.get('x-request-id'));
    } finally {
      logged.mockRestore();
    }
  });

  it('answers 405 for the wrong method and 404 for other paths under /attachments', async () => {
    const get = await fetch(`${base}/attachments/${interviewId}`, { headers: { authorization: auth('E1', ['employee']) } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const deeper = await fetch(`${base}/attachments/${interviewId}/a/b`, { headers: { authorization: auth('E1', ['employee']) } });
    expect(deeper.status).toBe(404);
  });
});
