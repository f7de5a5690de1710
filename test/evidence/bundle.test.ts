/**
 * Evidence bundles end to end: a record is filled in, signed by both parties (tweetnacl, via
 * the client module), locked and given an addendum; an auditor exports the bundle through the
 * real GraphQL schema; the offline verifier (function and command) accepts it, and rejects
 * every change: flipped bytes anywhere, and events changed, deleted, reordered or inserted
 * by someone who rewrites the JSON properly.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyPair, publicKeyBase64, signInterview as clientSign, type SignerKeyPair } from '../../src/client/signer';
import { canonicalJson } from '../../src/crypto/canonical-json';
import { ed25519Sign } from '../../src/crypto/ed25519';
import { pae } from '../../src/crypto/pae';
import { sha256Hex } from '../../src/crypto/sha256';
import type { SignedContent } from '../../src/domain/interview/signing';
import { BUNDLE_PAYLOAD_TYPE, type EvidenceBundle } from '../../src/evidence/bundle-format';
import { verifyBundle } from '../../src/evidence/verify-bundle';
import type { App } from '../../src/server/app';
import { openTestApp, testApollo } from '../support/test-app';
import { runTs } from '../support/run-ts';

type Result<T = any> = { data?: T | null; errors?: ReadonlyArray<{ message: string; extensions?: Record<string, any> }> };

const EXPORT = `mutation($id: ID, $filter: EvidenceFilter) { exportEvidence(interviewId: $id, filter: $filter) { fileName content sha256 bytes interviews events checkpointSize } }`;

describe('evidence bundles', () => {
  let app: App;
  let dataDir: string;
  let clock: Awaited<ReturnType<typeof openTestApp>>['clock'];
  let gql: Awaited<ReturnType<typeof testApollo>>;
  let interviewId: string;
  let file: Buffer;
  let ledgerKey: string;

  const hr = () => gql.as('HR1', ['hr', 'employee'], '10.0.0.5');
  const m1 = () => gql.as('M1', ['manager', 'employee'], '10.0.0.9');
  const e1 = () => gql.as('E1', ['employee'], '10.0.0.21');
  const e3 = () => gql.as('E3', ['employee'], '10.0.0.23');
  const auditor = () => gql.as('AUD1', ['auditor'], '10.0.0.99');
  type Caller = ReturnType<typeof e1>;

  const ok = async <T = any>(pending: Promise<Result<T>>): Promise<T> => {
    const result = await pending;
    expect(result.errors).toBeUndefined();
    return result.data as T;
  };

  async function sign(caller: Caller, id: string, version: number, role: 'employee' | 'manager', signerId: string, keys: SignerKeyPair) {
    const { signingMessage: m } = await ok<{ signingMessage: { content: SignedContent; message: string } }>(
      caller(
        `query($id: ID!, $v: Int!, $role: SignatureRole!) { signingMessage(interviewId: $id, version: $v, role: $role) { content message } }`,
        { id, v: version, role },
      ),
    );
    const signed = clientSign({ interviewId: id, version, role, signerId, content: m.content, expectedMessage: m.message }, keys.secretKey);
    await ok(
      caller(`mutation($input: SignInterviewInput!) { signInterview(input: $input) { status } }`, {
        input: { interviewId: id, version, role, kid: signed.kid, signature: signed.signature },
      }),
    );
  }

  beforeAll(async () => {
    ({ app, clock, dataDir } = await openTestApp());
    gql = await testApollo(app);
    ledgerKey = app.keyring.published.find((k) => k.kid === app.keyring.activeKid)!.publicKey;
    const employeeKeys = generateKeyPair();
    const managerKeys = generateKeyPair();
    const REGISTER = `mutation($p: ID!, $k: String!) { registerSigningKey(personId: $p, publicKey: $k) { kid } }`;
    await ok(e1()(REGISTER, { p: 'E1', k: publicKeyBase64(employeeKeys) }));
    await ok(m1()(REGISTER, { p: 'M1', k: publicKeyBase64(managerKeys) }));
    clock.set('2026-07-02T02:00:00.000Z');
    const scheduled = await ok<any>(
      m1()(
        `mutation { scheduleInterview(input: { employeeId: "E1", templateId: "standard-v1", cycle: "2026-Q2", scheduledAt: "2026-07-02T10:00:00+08:00", location: "3号会议室" }) { id } }`,
      ),
    );
    interviewId = scheduled.scheduleInterview.id;
    const EDIT = `mutation($input: EditSectionInput!) { editInterviewSection(input: $input) { version } }`;
    clock.set('2026-07-02T03:00:00.000Z');
    await ok(
      e1()(EDIT, {
        input: {
          interviewId,
          expectedVersion: 1,
          section: 'highlights',
          content: { items: [{ case: '主动提出换模流程优化建议', data: '换模时间由 45 分钟降到 30 分钟' }] },
        },
      }),
    );
    clock.set('2026-07-02T03:30:00.000Z');
    await ok(
      m1()(EDIT, {
        input: {
          interviewId,
          expectedVersion: 2,
          section: 'problems',
          content: { items: [{ problem: '原材料到货不及时', cause: '供应商排产', measures: '提前一周下单' }] },
        },
      }),
    );
    clock.set('2026-07-02T04:00:00.000Z');
    await sign(e1(), interviewId, 3, 'employee', 'E1', employeeKeys);
    clock.set('2026-07-02T04:10:00.000Z');
    await sign(m1(), interviewId, 3, 'manager', 'M1', managerKeys);
    clock.set('2026-07-03T01:00:00.000Z');
    await ok(
      hr()(`mutation($id: ID!) { addAddendum(interviewId: $id, text: "员工补充：设备维护记录已上传") { status } }`, { id: interviewId }),
    );
    const exported = await ok<any>(auditor()(EXPORT, { id: interviewId }));
    file = Buffer.from(exported.exportEvidence.content, 'utf8');
    expect(exported.exportEvidence.bytes).toBe(file.length);
  });
  afterAll(async () => {
    await gql.server.stop();
    await app.close();
  });

  const parse = (): EvidenceBundle => JSON.parse(file.toString('utf8')) as EvidenceBundle;
  const codes = (bytes: Buffer, pinned = true) =>
    verifyBundle(bytes, pinned ? { trustedLedgerKeys: [ledgerKey] } : {}).failures.map((f) => f.code);
  const rewrite = (change: (bundle: any) => void): Buffer => {
    const bundle = parse();
    change(bundle);
    return canonicalJson(bundle);
  };

  it('exports one file that verifies offline, with the record, its history and the signature block', () => {
    const report = verifyBundle(file, { trustedLedgerKeys: [ledgerKey] });
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.interviews).toBe(1);
    expect(report.ledgerKeys).toEqual([{ kid: app.keyring.activeKid, publicKey: ledgerKey, pinned: true }]);
    const bundle = parse();
    expect(bundle.interviews[0]).toMatchObject({ id: interviewId, version: 3, status: 'locked' });
    // The interview stream and the person streams of everyone who acted or is named.
    const streams = new Set(bundle.events.map((e) => e.stream));
    expect(streams).toEqual(new Set([`interview-${interviewId}`, 'person-E1', 'person-M1', 'person-HR1']));
    const html = bundle.rendering.html;
    expect(html).toContain('电子签字确认');
    expect(html).toContain('张伟 (E1)');
    expect(html).toContain('10.0.0.21');
    expect(html).toContain('2026-07-02T04:10:00.000Z');
    expect(html).toContain('原材料到货不及时');
    expect(html).toContain('员工补充：设备维护记录已上传');
  });

  it('verifies through the offline command, and names what fails', async () => {
    const good = join(dataDir, 'good.evidence.json');
    const bad = join(dataDir, 'bad.evidence.json');
    writeFileSync(good, file);
    writeFileSync(
      bad,
      rewrite((b) => (b.rendering.html = b.rendering.html.replace('10.0.0.21', '10.0.0.66'))),
    );
    const passed = await runTs('scripts/verify-bundle.ts', [good, '--ledger-key', ledgerKey], {});
    expect(passed.code).toBe(0);
    expect(passed.stdout).toContain('OK 1 interview(s)');
    expect(passed.stdout).toContain('(pinned)');
    const failed = await runTs('scripts/verify-bundle.ts', [bad, '--ledger-key', ledgerKey], {});
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('FAIL RENDERING_DIGEST rendering');
    // Re-rendering is this verifier's extra check (§13.8): a warning, beside the failures.
    expect(failed.stdout).toContain('WARN RENDERING_MISMATCH rendering');
    expect(failed.stdout).toContain('FAIL SEAL_SIGNATURE seal');
  });

  it('fails when any single byte of the file changes', () => {
    // Bytes spread over the whole file (a prime stride, so every part of the structure is hit),
    // each flipped in one low bit: a change to a value, a key, a bracket or the encoding.
    let checked = 0;
    for (let i = 0; i < file.length; i += 53) {
      const copy = Buffer.from(file);
      copy[i] = copy[i]! ^ 0x01;
      expect(verifyBundle(copy, { trustedLedgerKeys: [ledgerKey] }).ok).toBe(false);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('detects changed, deleted, reordered and inserted events even when the JSON is rewritten cleanly', () => {
    const stream = `interview-${interviewId}`;
    const indexOf = (b: EvidenceBundle, revision: number) => b.events.findIndex((e) => e.stream === stream && e.revision === revision);

    const changed = codes(
      rewrite((b) => {
        const e = b.events[indexOf(b, 1)];
        e.body = Buffer.from(Buffer.from(e.body, 'base64').toString('utf8').replace('10.0.0.21', '10.0.0.66')).toString('base64');
      }),
    );
    expect(changed).toEqual(expect.arrayContaining(['EVENT_BAD_SIGNATURE', 'INCLUSION_PROOF', 'SEAL_SIGNATURE']));

    const deleted = codes(rewrite((b) => b.events.splice(indexOf(b, 2), 1)));
    expect(deleted).toEqual(expect.arrayContaining(['EVENT_CHAIN_REVISION', 'INTERVIEW_VERSION', 'SEAL_SIGNATURE']));

    const deletedTail = codes(rewrite((b) => b.events.splice(indexOf(b, 6), 1)));
    expect(deletedTail).toEqual(expect.arrayContaining(['MANIFEST_MISMATCH', 'SEAL_SIGNATURE']));

    const reordered = codes(
      rewrite((b) => {
        const [i, j] = [indexOf(b, 1), indexOf(b, 2)];
        [b.events[i], b.events[j]] = [b.events[j], b.events[i]];
      }),
    );
    expect(reordered).toEqual(expect.arrayContaining(['EVENT_CHAIN_REVISION', 'SEAL_SIGNATURE']));

    const inserted = codes(rewrite((b) => b.events.splice(indexOf(b, 2), 0, { ...b.events[indexOf(b, 1)] })));
    expect(inserted).toEqual(expect.arrayContaining(['LEAF_INDEX', 'SEAL_SIGNATURE']));

    const claim = codes(rewrite((b) => (b.interviews[0].status = 'in_progress')));
    expect(claim).toEqual(expect.arrayContaining(['INTERVIEW_STATUS', 'SEAL_SIGNATURE']));

    const root = codes(rewrite((b) => (b.checkpoint.rootHash = Buffer.alloc(32, 1).toString('base64'))));
    expect(root).toEqual(expect.arrayContaining(['CHECKPOINT_ROOT', 'INCLUSION_PROOF', 'SEAL_SIGNATURE']));
  });

  /** Rewrites the file and seals it again with the ledger's own key: what only the key holder can do. */
  const resealed = (change: (bundle: any) => void, from: Buffer = file): Buffer => {
    const bundle = JSON.parse(from.toString('utf8'));
    change(bundle);
    const { seal: _seal, ...unsealed } = bundle;
    const { kid, key } = app.keyring.signingKey();
    bundle.seal = { kid, sig: ed25519Sign(pae(BUNDLE_PAYLOAD_TYPE, canonicalJson(unsealed)), key).toString('base64') };
    return canonicalJson(bundle);
  };
  const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  /** The same bytes under node's lenient decoder: the lowest (unused) bit of the last digit flipped. */
  const lowBitFlipped = (text: string): string => {
    const i = text.replace(/=+$/, '').length - 1;
    const flipped = text.slice(0, i) + BASE64[BASE64.indexOf(text[i]!) ^ 1] + text.slice(i + 1);
    expect(Buffer.from(flipped, 'base64')).toEqual(Buffer.from(text, 'base64'));
    return flipped;
  };

  it('refuses base64 that is not canonical, in the seal, a signature, a key or a proof hash, with BUNDLE_BASE64', () => {
    const proofOwner = parse().events.findIndex((e) => e.proof.length > 0);
    const cases: Array<[string, (b: any) => void]> = [
      ['seal', (b) => (b.seal.sig = lowBitFlipped(b.seal.sig))],
      ['event signature', (b) => (b.events[0].sig = lowBitFlipped(b.events[0].sig))],
      ['ledger key', (b) => (b.ledgerKeys[0].publicKey = lowBitFlipped(b.ledgerKeys[0].publicKey))],
      ['proof hash', (b) => (b.events[proofOwner].proof[0] = lowBitFlipped(b.events[proofOwner].proof[0]))],
      ['checkpoint root', (b) => (b.checkpoint.rootHash = lowBitFlipped(b.checkpoint.rootHash))],
    ];
    for (const [name, change] of cases) {
      // Sealed again where the seal covers the value: only the encoding is wrong.
      const bytes = name === 'seal' ? rewrite(change) : resealed(change);
      expect({ name, codes: codes(bytes, false) }).toEqual({ name, codes: ['BUNDLE_BASE64'] });
    }
  });

  it('refuses members the format does not define, with BUNDLE_FORMAT: nothing would check them', () => {
    expect(codes(rewrite((b) => (b.seal.note = 'unsigned')))).toEqual(['BUNDLE_FORMAT']);
    expect(codes(resealed((b) => (b.events[0].note = 'x')))).toEqual(['BUNDLE_FORMAT']);
    expect(codes(resealed((b) => (b.checkpoint.witness = 'x')))).toEqual(['BUNDLE_FORMAT']);
    expect(codes(resealed((b) => (b.extra = 1)))).toEqual(['BUNDLE_FORMAT']);
    expect(codes(resealed((b) => (b.rendering.mediaType = 'text/plain')))).toEqual(['BUNDLE_FORMAT']);
  });

  it('ties the array to the log: events must be in strictly ascending leaf index (LEAF_INDEX)', () => {
    const events = parse().events;
    // Two neighbours of different streams: every chain still holds after swapping them.
    const i = events.findIndex(
      (e, k) => k + 1 < events.length && events[k + 1]!.stream !== e.stream && !/Signing|Signed/.test(e.type + events[k + 1]!.type),
    );
    expect(i).toBeGreaterThanOrEqual(0);
    const swapped = resealed((b) => ([b.events[i], b.events[i + 1]] = [b.events[i + 1], b.events[i]]));
    expect(codes(swapped)).toEqual(['LEAF_INDEX']);
  });

  it('refuses a subject that contradicts the interviews it lists (SUBJECT_MISMATCH)', async () => {
    expect(codes(resealed((b) => (b.subject.interviewId = 'iv-other')))).toEqual(['SUBJECT_MISMATCH']);
    expect(codes(resealed((b) => b.interviews.push({ ...b.interviews[0] })))).toEqual(
      expect.arrayContaining(['SUBJECT_MISMATCH', 'MANIFEST_MISMATCH']),
    );
    const byEmployee = await ok<any>(hr()(EXPORT, { filter: { employeeId: 'E1', cycle: '2026-Q2' } }));
    const query = Buffer.from(byEmployee.exportEvidence.content, 'utf8');
    expect(codes(query)).toEqual([]);
    expect(codes(resealed((b) => (b.subject.employeeId = 'E2'), query))).toEqual(['SUBJECT_MISMATCH']);
    expect(codes(resealed((b) => (b.subject.cycle = '2026-Q3'), query))).toEqual(['SUBJECT_MISMATCH']);
    // A claim under another stream than interview-<id>.
    expect(codes(resealed((b) => (b.interviews[0].stream = 'person-E1')))).toEqual(['INTERVIEW_MISSING']);
  });

  it('treats the HTML as informative: sealed by its hash, re-rendered only as a warning (§13.8)', () => {
    const html = resealed((b) => {
      b.rendering.html = b.rendering.html.replace('10.0.0.21', '10.0.0.66');
      b.rendering.sha256 = sha256Hex(Buffer.from(b.rendering.html, 'utf8'));
    });
    const report = verifyBundle(html, { trustedLedgerKeys: [ledgerKey] });
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.warnings.map((w) => [w.code, w.where])).toEqual([['RENDERING_MISMATCH', 'rendering']]);
    expect(verifyBundle(file, { trustedLedgerKeys: [ledgerKey] }).warnings).toEqual([]);
  });

  it('catches a forger who re-signs everything with their own key, when the ledger key is pinned', () => {
    const { Keyring } = require('../../src/crypto/keyring') as typeof import('../../src/crypto/keyring');
    const forger = Keyring.fromSeed(Buffer.alloc(32, 9), '2026-01-01T00:00:00.000Z');
    const forged = rewrite((b) => {
      b.ledgerKeys = forger.published;
    });
    expect(codes(forged)).toEqual(expect.arrayContaining(['LEDGER_KEY_NOT_PINNED']));
    // Unpinned, the report says which keys the verdict rests on.
    const unpinned = verifyBundle(file);
    expect(unpinned.ok).toBe(true);
    expect(unpinned.ledgerKeys.every((k) => !k.pinned)).toBe(true);
  });

  it('exports by query for HR and auditors only, and a single record only for those who may see it', async () => {
    const byQuery = await ok<any>(hr()(EXPORT, { filter: { cycle: '2026-Q2' } }));
    expect(byQuery.exportEvidence.interviews).toBeGreaterThanOrEqual(1);
    expect(verifyBundle(Buffer.from(byQuery.exportEvidence.content, 'utf8'), { trustedLedgerKeys: [ledgerKey] }).ok).toBe(true);
    const employeeQuery = await e1()(EXPORT, { filter: { cycle: '2026-Q2' } });
    expect(employeeQuery.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const stranger = await e3()(EXPORT, { id: interviewId });
    expect(stranger.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const own = await ok<any>(e1()(EXPORT, { id: interviewId }));
    expect(verifyBundle(Buffer.from(own.exportEvidence.content, 'utf8'), { trustedLedgerKeys: [ledgerKey] }).ok).toBe(true);
    const neither = await hr()(EXPORT, {});
    expect(neither.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
  });
});
