/**
 * The Merkle log through the real GraphQL schema: checkpoints and proofs that a client verifies
 * on its own (signed-note + RFC 9162 code, the ledger's verifier keys), and who may ask for what.
 */
import { openCheckpoint } from '../../src/crypto/checkpoint';
import { leafHash, rootFromLeafHashes, verifyConsistency, verifyInclusion } from '../../src/crypto/merkle';
import { parseVerifierKey } from '../../src/crypto/signed-note';
import type { App } from '../../src/server/app';
import { openTestApp, testApollo } from '../support/test-app';

const SCHEDULE = `mutation($input: ScheduleInterviewInput!) { scheduleInterview(input: $input) { id version } }`;
const EDIT = `mutation($input: EditSectionInput!) { editInterviewSection(input: $input) { id version } }`;
const CHECKPOINT_FIELDS = 'note origin size rootHash signedAt kid verifierKeys';
const LATEST = `query { latestCheckpoint { ${CHECKPOINT_FIELDS} } }`;
const SIGN = `mutation { signCheckpoint { ${CHECKPOINT_FIELDS} } }`;
const INCLUSION = `query($stream: String!, $revision: Int!, $treeSize: Int) {
  inclusionProof(stream: $stream, revision: $revision, treeSize: $treeSize) {
    stream revision leafIndex treeSize leafHash rootHash proof checkpoint { ${CHECKPOINT_FIELDS} }
  }
}`;
const CONSISTENCY = `query($oldSize: Int!, $newSize: Int!) {
  consistencyProof(oldSize: $oldSize, newSize: $newSize) { oldSize newSize oldRootHash newRootHash proof oldCheckpoint { size } newCheckpoint { size } }
}`;

interface CheckpointResult {
  note: string;
  origin: string;
  size: number;
  rootHash: string;
  signedAt: string;
  kid: string;
  verifierKeys: string[];
}
interface InclusionResult {
  stream: string;
  revision: number;
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  rootHash: string;
  proof: string[];
  checkpoint: CheckpointResult | null;
}

const bytes = (b64: string): Buffer => Buffer.from(b64, 'base64');

describe('GraphQL: the Merkle log', () => {
  let app: App;
  let gql: Awaited<ReturnType<typeof testApollo>>;
  let interviewId: string;

  const auditor = () => gql.as('AUD1', ['auditor']);
  const admin = () => gql.as('ADMIN', ['admin']);
  const hr = () => gql.as('HR1', ['hr', 'employee']);
  const m1 = () => gql.as('M1', ['manager', 'employee']);
  const e1 = () => gql.as('E1', ['employee']);
  const e3 = () => gql.as('E3', ['employee']);

  /** Verifies a checkpoint as an outside client would: with the published verifier keys only. */
  const verifyCheckpoint = (c: CheckpointResult) => {
    const opened = openCheckpoint(c.note, c.verifierKeys.map(parseVerifierKey), { origin: c.origin });
    expect(opened.checkpoint.size).toBe(c.size);
    expect(Buffer.from(opened.checkpoint.rootHash).toString('base64')).toBe(c.rootHash);
  };
  const bodies = async () => (await app.store.readAll()).map((e) => e.body);
  const caughtUp = async () => {
    const all = await app.store.readAll();
    expect(await app.merkle.waitFor(all[all.length - 1]!.position)).toBe(true);
    return all.length;
  };

  beforeAll(async () => {
    ({ app } = await openTestApp({ CHECKPOINT_INTERVAL_MS: '0' }));
    gql = await testApollo(app);
    const scheduled = await m1()<{ scheduleInterview: { id: string } }>(SCHEDULE, {
      // standard-v1 (single-session flow): the employee and the manager may both write remarks now.
      input: { employeeId: 'E1', templateId: 'standard-v1', cycle: '2026-Q2', scheduledAt: '2026-07-02T10:00:00+08:00' },
    });
    expect(scheduled.errors).toBeUndefined();
    interviewId = scheduled.data!.scheduleInterview.id;
    const edited = await e1()(EDIT, { input: { interviewId, expectedVersion: 1, section: 'remarks', content: { text: '同意' } } });
    expect(edited.errors).toBeUndefined();
    await app.projector.waitFor((await app.store.lastEvent(`interview-${interviewId}`))!.position);
  });
  afterAll(async () => {
    await gql.server.stop();
    await app.close();
  });

  it('has no checkpoint until one is signed; auditors and admins sign on demand', async () => {
    expect((await auditor()<{ latestCheckpoint: CheckpointResult | null }>(LATEST)).data!.latestCheckpoint).toBeNull();
    const size = await caughtUp();
    const signed = await auditor()<{ signCheckpoint: CheckpointResult }>(SIGN);
    expect(signed.errors).toBeUndefined();
    const checkpoint = signed.data!.signCheckpoint;
    expect(checkpoint).toMatchObject({ size, origin: app.merkle.origin, kid: app.keyring.activeKid, signedAt: app.clock().toISOString() });
    verifyCheckpoint(checkpoint);
    // The root is the RFC 9162 root of the event bodies in commit order, recomputed here.
    expect(checkpoint.rootHash).toBe(Buffer.from(rootFromLeafHashes((await bodies()).map(leafHash))).toString('base64'));
    expect((await admin()<{ signCheckpoint: CheckpointResult }>(SIGN)).data!.signCheckpoint).toEqual(checkpoint); // same size: same checkpoint
    // Anyone signed in may read it: it names no content.
    expect((await e1()<{ latestCheckpoint: CheckpointResult }>(LATEST)).data!.latestCheckpoint).toEqual(checkpoint);
  });

  it('does not let other roles sign, nor anonymous callers read', async () => {
    for (const caller of [e1(), hr(), m1()]) {
      const result = await caller(SIGN);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await gql.as(null)(LATEST)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gql.as(null)(INCLUSION, { stream: `interview-${interviewId}`, revision: 0 })).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('gives a party an inclusion proof for their interview that verifies against a signed checkpoint', async () => {
    const stream = `interview-${interviewId}`;
    const events = await app.store.readStream(stream);
    expect(events.length).toBe(2);
    for (const event of events) {
      const result = await e1()<{ inclusionProof: InclusionResult }>(INCLUSION, { stream, revision: event.revision });
      expect(result.errors).toBeUndefined();
      const p = result.data!.inclusionProof;
      expect(p.leafIndex).toBe(app.merkle.leafIndexOfEvent(stream, event.revision));
      expect(p.leafHash).toBe(leafHash(event.body).toString('base64'));
      expect(p.checkpoint).not.toBeNull();
      expect(p.treeSize).toBe(p.checkpoint!.size);
      expect(p.rootHash).toBe(p.checkpoint!.rootHash);
      verifyCheckpoint(p.checkpoint!);
      const verdict = verifyInclusion(leafHash(event.body), p.leafIndex, p.treeSize, p.proof.map(bytes), bytes(p.checkpoint!.rootHash));
      expect(verdict).toEqual({ ok: true });
      // Tampering with the body the client holds breaks it.
      const changed = Buffer.from(event.body);
      changed[10] = changed[10]! ^ 1;
      expect(verifyInclusion(leafHash(changed), p.leafIndex, p.treeSize, p.proof.map(bytes), bytes(p.checkpoint!.rootHash)).ok).toBe(false);
    }
  });

  it('signs a new checkpoint when no signed one contains the event yet', async () => {
    const before = app.merkle.latestCheckpoint()!;
    const edited = await m1()(EDIT, { input: { interviewId, expectedVersion: 2, section: 'remarks', content: { text: '补充' } } });
    expect(edited.errors).toBeUndefined();
    const size = await caughtUp();
    const result = await m1()<{ inclusionProof: InclusionResult }>(INCLUSION, { stream: `interview-${interviewId}`, revision: 2 });
    expect(result.errors).toBeUndefined();
    const p = result.data!.inclusionProof;
    expect(p.checkpoint!.size).toBe(size);
    expect(size).toBeGreaterThan(before.size);
    expect(app.merkle.latestCheckpoint()!.size).toBe(size);
    expect(verifyInclusion(bytes(p.leafHash), p.leafIndex, p.treeSize, p.proof.map(bytes), bytes(p.checkpoint!.rootHash))).toEqual({
      ok: true,
    });
    // An older event is proven against the newest checkpoint that contains it.
    const older = await e1()<{ inclusionProof: InclusionResult }>(INCLUSION, { stream: `interview-${interviewId}`, revision: 0 });
    expect(older.data!.inclusionProof.treeSize).toBe(size);
  });

  it('proves against a chosen tree size, with the checkpoint only when one was signed there', async () => {
    const stream = `interview-${interviewId}`;
    const leafIndex = app.merkle.leafIndexOfEvent(stream, 0)!;
    const size = leafIndex + 1; // the smallest tree that contains it
    const result = await hr()<{ inclusionProof: InclusionResult }>(INCLUSION, { stream, revision: 0, treeSize: size });
    expect(result.errors).toBeUndefined();
    const p = result.data!.inclusionProof;
    expect(p.treeSize).toBe(size);
    expect(p.checkpoint).toBeNull();
    expect(p.rootHash).toBe(Buffer.from(rootFromLeafHashes((await bodies()).slice(0, size).map(leafHash))).toString('base64'));
    expect(verifyInclusion(bytes(p.leafHash), leafIndex, size, p.proof.map(bytes), bytes(p.rootHash))).toEqual({ ok: true });
    const signedSize = app.merkle.latestCheckpoint()!.size;
    const atCheckpoint = await hr()<{ inclusionProof: InclusionResult }>(INCLUSION, { stream, revision: 0, treeSize: signedSize });
    expect(atCheckpoint.data!.inclusionProof.checkpoint!.size).toBe(signedSize);
  });

  it("lets HR, auditors and admins prove any event, and hides others' events from everyone else", async () => {
    for (const caller of [hr(), auditor(), admin()]) {
      const result = await caller<{ inclusionProof: InclusionResult }>(INCLUSION, { stream: 'person-E2', revision: 0 });
      expect(result.errors).toBeUndefined();
      expect(result.data!.inclusionProof.leafIndex).toBe(app.merkle.leafIndexOfEvent('person-E2', 0));
    }
    const cases: Array<[ReturnType<typeof e1>, Record<string, unknown>, string, string]> = [
      [e3(), { stream: `interview-${interviewId}`, revision: 0 }, 'NOT_FOUND', 'stream'], // not a party
      [e1(), { stream: 'person-E2', revision: 0 }, 'NOT_FOUND', 'stream'], // not an interview stream
      [e1(), { stream: 'interview-no-such', revision: 0 }, 'NOT_FOUND', 'stream'],
      [e1(), { stream: `interview-${interviewId}`, revision: 99 }, 'NOT_FOUND', 'revision'],
      [hr(), { stream: 'person-NOBODY', revision: 0 }, 'NOT_FOUND', 'revision'],
      [e1(), { stream: `interview-${interviewId}`, revision: -1 }, 'VALIDATION_FAILED', 'revision'],
      [e1(), { stream: `interview-${interviewId}`, revision: 1, treeSize: 0 }, 'VALIDATION_FAILED', 'treeSize'],
      [e1(), { stream: `interview-${interviewId}`, revision: 1, treeSize: 100_000 }, 'VALIDATION_FAILED', 'treeSize'],
    ];
    for (const [caller, variables, code, field] of cases) {
      const result = await caller(INCLUSION, variables);
      expect([variables, result.errors?.[0]?.extensions]).toEqual([variables, { code, field }]);
    }
    // A tree that ends just before the event cannot contain it.
    const leafIndex = app.merkle.leafIndexOfEvent(`interview-${interviewId}`, 1)!;
    const tooSmall = await e1()(INCLUSION, { stream: `interview-${interviewId}`, revision: 1, treeSize: leafIndex });
    expect(tooSmall.errors?.[0]?.extensions).toEqual({ code: 'VALIDATION_FAILED', field: 'treeSize' });
  });

  it('proves consistency between two checkpoints', async () => {
    const [newer, older] = app.merkle.checkpoints();
    expect(older!.size).toBeLessThan(newer!.size);
    const result = await e1()<{
      consistencyProof: {
        oldSize: number;
        newSize: number;
        oldRootHash: string;
        newRootHash: string;
        proof: string[];
        oldCheckpoint: { size: number } | null;
        newCheckpoint: { size: number } | null;
      };
    }>(CONSISTENCY, { oldSize: older!.size, newSize: newer!.size });
    expect(result.errors).toBeUndefined();
    const c = result.data!.consistencyProof;
    expect(c.oldRootHash).toBe(Buffer.from(older!.rootHash).toString('base64'));
    expect(c.newRootHash).toBe(Buffer.from(newer!.rootHash).toString('base64'));
    expect(c.oldCheckpoint).toEqual({ size: older!.size });
    expect(c.newCheckpoint).toEqual({ size: newer!.size });
    expect(verifyConsistency(c.oldSize, c.newSize, older!.rootHash, newer!.rootHash, c.proof.map(bytes))).toEqual({ ok: true });
    // The same proof does not connect a different old root.
    expect(verifyConsistency(c.oldSize, c.newSize, leafHash(Buffer.from('forged')), newer!.rootHash, c.proof.map(bytes)).ok).toBe(false);

    const size = app.merkle.size;
    for (const [oldSize, newSize, field] of [
      [0, size, 'oldSize'],
      [3, 2, 'oldSize'],
      [1, size + 1, 'newSize'],
      [1, 0, 'newSize'],
    ] as const) {
      const bad = await auditor()(CONSISTENCY, { oldSize, newSize });
      expect([oldSize, newSize, bad.errors?.[0]?.extensions]).toEqual([oldSize, newSize, { code: 'VALIDATION_FAILED', field }]);
    }
    const same = await auditor()<{ consistencyProof: { proof: string[] } }>(CONSISTENCY, { oldSize: size, newSize: size });
    expect(same.data!.consistencyProof.proof).toEqual([]);
  });
});
