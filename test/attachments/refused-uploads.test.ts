/**
 * Refused uploads leave nothing behind: for every way an upload can be refused, through the
 * HTTP route and through GraphQL, the attachment store's files (names and hashes, staging area
 * included) are the same before and after. Then: the daily quota, and what a crash between
 * the append and the commit leaves.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generateKeyPair, publicKeyBase64, signInterview as clientSign } from '../../src/client/signer';
import { settleStagedAttachments, storeAttachment } from '../../src/application/attachment-service';
import { interviewStream } from '../../src/domain/interview/interview';
import { mintToken } from '../../src/graphql/auth';
import { startServer, type RunningServer } from '../../src/server/http-server';
import type { App } from '../../src/server/app';
import { interviewDecider } from '../../src/application/deciders';
import { systemMeta } from '../../src/application/interview-service';
import { StreamConcurrencyError } from '../../src/store/event-store';
import { openTestApp, testApollo } from '../support/test-app';

const LIMIT = 64 * 1024;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (size = 2000): Buffer => Buffer.concat([Buffer.from(PNG_SIGNATURE), randomBytes(size - PNG_SIGNATURE.length)]);
const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const SCHEDULE = `mutation($input: ScheduleInterviewInput!) { scheduleInterview(input: $input) { id } }`;
const EDIT = `mutation($input: EditSectionInput!) { editInterviewSection(input: $input) { version } }`;
const REGISTER_KEY = `mutation($p: ID!, $k: String!) { registerSigningKey(personId: $p, publicKey: $k) { kid } }`;
const MESSAGE = `query($id: ID!, $v: Int!, $r: SignatureRole!) { signingMessage(interviewId: $id, version: $v, role: $r) { content message } }`;
const SIGN = `mutation($input: SignInterviewInput!) { signInterview(input: $input) { status } }`;
const UPLOAD = `mutation($id: ID!, $name: String!, $type: String!, $content: String!) {
  uploadAttachment(interviewId: $id, fileName: $name, mediaType: $type, contentBase64: $content) { attachments { sha256 } } }`;

/** Every file and directory under `dir`, with the SHA-256 of each file's bytes. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) {
        out[`${relative(dir, full)}/`] = 'dir';
        walk(full);
      } else out[relative(dir, full)] = sha(readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

describe('refused uploads leave the attachment store unchanged', () => {
  let app: App;
  let server: RunningServer;
  let base: string;
  let gql: Awaited<ReturnType<typeof testApollo>>;
  let dir: string;
  let open: string;
  let locked: string;
  const token = (id: string, roles: string[]) => `Bearer ${mintToken(app.localTokens!, { id, roles: roles as any })}`;
  const callers = {
    M1: ['manager', 'employee'],
    E1: ['employee'],
    E3: ['employee'],
    AUD1: ['auditor'],
    HR1: ['hr', 'employee'],
  } as const;
  type Who = keyof typeof callers;
  const as = (who: Who) => gql.as(who, [...callers[who]] as any);
  const ok = async (pending: Promise<any>) => {
    const result = await pending;
    expect(result.errors).toBeUndefined();
    return result.data;
  };

  beforeAll(async () => {
    ({ app } = await openTestApp({ ATTACHMENT_MAX_BYTES: String(LIMIT), UPLOAD_QUOTA_FILES: '3', UPLOAD_QUOTA_BYTES: '20000' }));
    dir = join(app.config.dataDir, 'attachments');
    gql = await testApollo(app);
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
    base = server.url.replace(/\/graphql$/, '');
    const schedule = async (cycle: string) =>
      (
        await ok(
          as('M1')(SCHEDULE, {
            input: { employeeId: 'E1', templateId: 'standard-v1', cycle, scheduledAt: '2026-07-02T10:00:00+08:00' },
          }),
        )
      ).scheduleInterview.id as string;
    open = await schedule('2026-M01');
    locked = await schedule('2026-M02');
    // standard-v1 signs at its one step: both parties sign and the record locks.
    await ok(
      as('E1')(EDIT, {
        input: {
          interviewId: locked,
          expectedVersion: 1,
          section: 'goalReview',
          content: { items: [{ goal: '产量', actual: '1020件/天' }] },
        },
      }),
    );
    for (const who of ['E1', 'M1'] as const) {
      const pair = generateKeyPair();
      const { registerSigningKey } = await ok(as(who)(REGISTER_KEY, { p: who, k: publicKeyBase64(pair) }));
      const role = who === 'E1' ? 'employee' : 'manager';
      const { signingMessage } = await ok(as(who)(MESSAGE, { id: locked, v: 2, r: role }));
      const signed = clientSign({ interviewId: locked, version: 2, role, signerId: who, content: signingMessage.content }, pair.secretKey);
      expect(signed.kid).toBe(registerSigningKey.kid);
      await ok(as(who)(SIGN, { input: { interviewId: locked, version: 2, role, kid: signed.kid, signature: signed.signature } }));
    }
    expect((await ok(as('HR1')(`query($id: ID!) { interview(id: $id) { status } }`, { id: locked }))).interview.status).toBe('locked');
  });
  afterAll(async () => {
    await server.stop();
    await gql.server.stop();
    await app.close();
  });

  const httpUpload = async (who: Who, interviewId: string, bytes: Buffer, type = 'image/png', name = 'shot.png') => {
    const response = await fetch(`${base}/attachments/${interviewId}`, {
      method: 'POST',
      headers: { authorization: token(who, [...callers[who]]), 'content-type': type, 'x-file-name': encodeURIComponent(name) },
      body: bytes,
    });
    return { status: response.status, code: ((await response.json()) as any).error?.code as string | undefined };
  };
  const gqlUpload = async (who: Who, interviewId: string, bytes: Buffer, type = 'image/png', name = 'shot.png') => {
    const result = await as(who)(UPLOAD, { id: interviewId, name, type, content: bytes.toString('base64') });
    return { code: result.errors?.[0]?.extensions?.code as string | undefined };
  };

  // [what, who, record, bytes, media type, HTTP status, code]; the record is resolved at run time.
  const refusals: Array<[string, Who, () => string, () => Buffer, string, number, string]> = [
    ['to a locked record', 'M1', () => locked, () => png(3000), 'image/png', 409, 'LOCKED'],
    ['by an auditor', 'AUD1', () => open, () => png(3000), 'image/png', 403, 'FORBIDDEN'],
    ['by a stranger', 'E3', () => open, () => png(3000), 'image/png', 404, 'NOT_FOUND'],
    [
      'of a forbidden type',
      'M1',
      () => open,
      () => Buffer.from('<script>alert(1)</script>'),
      'text/html',
      400,
      'ATTACHMENT_TYPE_FORBIDDEN',
    ],
    ['whose bytes are not its type', 'M1', () => open, () => randomBytes(3000), 'image/png', 400, 'ATTACHMENT_TYPE_MISMATCH'],
    ['too large', 'M1', () => open, () => png(LIMIT + 1), 'image/png', 413, 'ATTACHMENT_TOO_LARGE'],
  ];

  it.each(refusals)('over HTTP: an upload %s', async (_what, who, record, bytes, type, status, code) => {
    const before = snapshot(dir);
    expect(await httpUpload(who, record(), bytes(), type)).toEqual({ status, code });
    expect(snapshot(dir)).toEqual(before);
  });

  // "Too large" here is under the GraphQL body limit and over this server's ATTACHMENT_MAX_BYTES.
  it.each(refusals)('over GraphQL: an upload %s', async (_what, who, record, bytes, type, _status, code) => {
    const before = snapshot(dir);
    expect(await gqlUpload(who, record(), bytes(), type)).toEqual({ code });
    expect(snapshot(dir)).toEqual(before);
  });

  it('three 3 KB posts to a locked record add not one byte (the issue’s report, scaled down)', async () => {
    const before = snapshot(dir);
    for (let i = 0; i < 3; i++) expect((await httpUpload('M1', locked, png(3000))).status).toBe(409);
    expect(snapshot(dir)).toEqual(before);
  });

  it('an accepted upload is committed whole, and the staging area is empty again', async () => {
    const bytes = png(2500);
    expect((await httpUpload('HR1', open, bytes)).status).toBe(201);
    const after = snapshot(dir);
    expect(after[join(sha(bytes).slice(0, 2), sha(bytes))]).toBe(sha(bytes));
    expect(readdirSync(join(dir, '.staging'))).toEqual([]);
  });

  it('counts a person’s files per day: past UPLOAD_QUOTA_FILES the upload is refused with UPLOAD_QUOTA_EXCEEDED and stores nothing', async () => {
    // E1 has 3 files a day; the same file twice on one record is not a new upload.
    const first = png(1000);
    expect((await httpUpload('E1', open, first)).status).toBe(201);
    expect((await httpUpload('E1', open, first)).status).toBe(201);
    expect((await gqlUpload('E1', open, png(1000))).code).toBeUndefined();
    expect((await httpUpload('E1', open, png(1000))).status).toBe(201);
    const before = snapshot(dir);
    expect(await httpUpload('E1', open, png(1000))).toEqual({ status: 429, code: 'UPLOAD_QUOTA_EXCEEDED' });
    expect(await gqlUpload('E1', open, png(1000))).toEqual({ code: 'UPLOAD_QUOTA_EXCEEDED' });
    expect(snapshot(dir)).toEqual(before);
    // Someone else's quota is their own.
    expect((await httpUpload('M1', open, png(1000))).status).toBe(201);
  });

  it('counts a person’s bytes per day: past UPLOAD_QUOTA_BYTES the upload is refused and stores nothing', async () => {
    // HR1 has 2500 bytes recorded already (above); 20000 a day.
    expect((await httpUpload('HR1', open, png(16_000))).status).toBe(201);
    const before = snapshot(dir);
    const refused = await fetch(`${base}/attachments/${open}`, {
      method: 'POST',
      headers: { authorization: token('HR1', ['hr', 'employee']), 'content-type': 'image/png', 'x-file-name': 'big.png' },
      body: png(2000),
    });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as any).error).toMatchObject({
      code: 'UPLOAD_QUOTA_EXCEEDED',
      details: { bytes: 18_500, maxBytes: 20_000, files: 2, maxFiles: 3 },
    });
    expect(await gqlUpload('HR1', open, png(2000))).toEqual({ code: 'UPLOAD_QUOTA_EXCEEDED' });
    expect(snapshot(dir)).toEqual(before);
  });

  it('after a crash between append and commit, the start-up sweep commits what the ledger names and drops the rest once old', async () => {
    const named = png(1200);
    const orphan = png(1300);
    const young = png(1400);
    // What a crash leaves: staged bytes whose event was appended, but no commit.
    await app.attachments.stage(sha(named), named, open);
    await app.commands.handle(interviewStream(open), interviewDecider, {
      type: 'AddInterviewAttachment',
      data: { interviewId: open, sha256: sha(named), name: 'crash.png', mediaType: 'image/png', size: named.length },
      meta: systemMeta(new Date('2026-07-01T02:00:00.000Z'), 'HR1'),
    });
    expect(await app.attachments.has(sha(named))).toBe(false);
    // And staged bytes whose command never got to append (one old, one still in flight).
    await app.attachments.stage(sha(orphan), orphan, open);
    await app.attachments.stage(sha(young), young, open);
    const staging = join(dir, '.staging');
    const old = new Date(Date.now() - 60 * 60_000);
    for (const name of readdirSync(staging)) if (name.startsWith(sha(orphan))) utimesSync(join(staging, name), old, old);

    expect(await settleStagedAttachments(app)).toEqual({ committed: 1, discarded: 1, kept: 1 });
    expect((await app.attachments.get(sha(named)))!.equals(named)).toBe(true);
    expect(await app.attachments.has(sha(orphan))).toBe(false);
    expect(await app.attachments.has(sha(young))).toBe(false);
    expect(readdirSync(staging).map((name) => name.slice(0, 64))).toEqual([sha(young)]);
    // Idempotent: the young one waits for its upload (or a later sweep).
    expect(await settleStagedAttachments(app)).toEqual({ committed: 0, discarded: 0, kept: 1 });
    expect(await settleStagedAttachments(app, { now: new Date(Date.now() + 60 * 60_000) })).toEqual({
      committed: 0,
      discarded: 1,
      kept: 0,
    });
    expect(readdirSync(staging)).toEqual([]);
  });

  it('a staging directory and committed objects only the server’s user can read', () => {
    expect(statSync(join(dir, '.staging')).mode & 0o777).toBe(0o700);
    const [shard] = readdirSync(dir).filter((name) => /^[0-9a-f]{2}$/.test(name));
    expect(statSync(join(dir, shard!)).mode & 0o777).toBe(0o700);
    const [object] = readdirSync(join(dir, shard!));
    expect(statSync(join(dir, shard!, object!)).mode & 0o777).toBe(0o600);
  });

  it('storeAttachment discards the staged bytes when the command is refused', async () => {
    const before = snapshot(dir);
    await expect(
      storeAttachment(
        app,
        { ...systemMeta(new Date(), 'AUD1'), roles: ['auditor'] },
        {
          interviewId: open,
          fileName: 'x.png',
          mediaType: 'image/png',
          bytes: png(900),
        },
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(snapshot(dir)).toEqual(before);
  });

  it('storeAttachment discards the staged bytes when the append keeps losing to other writers (CONCURRENCY_CONFLICT)', async () => {
    const before = snapshot(dir);
    let staged = 0;
    const racing = {
      ...app,
      commands: {
        handle: async () => {
          // The bytes are staged by now, and go when the command fails.
          staged = readdirSync(join(dir, '.staging')).length;
          throw new StreamConcurrencyError(interviewStream(open), 7, 8);
        },
      },
    } as unknown as App;
    await expect(
      storeAttachment(racing, systemMeta(new Date(), 'HR1'), {
        interviewId: open,
        fileName: 'x.png',
        mediaType: 'image/png',
        bytes: png(900),
      }),
    ).rejects.toBeInstanceOf(StreamConcurrencyError);
    expect(staged).toBe(1);
    expect(snapshot(dir)).toEqual(before);
  });
});
