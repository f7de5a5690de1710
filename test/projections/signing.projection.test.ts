import { viewerOf } from '../../src/domain/access';
/** Signatures, locks, addenda and corrections in the read models: projected, idempotent, rebuildable. */
import {
  addAddendum,
  editInterviewSection,
  openCorrection,
  registerSigningKey,
  scheduleInterview,
  signInterview,
  signingMessageFor,
  systemMeta,
} from '../../src/application/interview-service';
import { keyPairFromSeed, publicKeyBase64 } from '../../src/client/signer';
import { ed25519Sign, privateKeyFromSeed } from '../../src/crypto/ed25519';
import type { CommandMeta, Role } from '../../src/domain/command';
import { toLedgerEvent } from '../../src/ledger/ledger';
import {
  INTERVIEWS,
  INTERVIEW_VERSIONS,
  interviewProjection,
  type InterviewDoc,
  type InterviewVersionDoc,
} from '../../src/projections/interview.projection';
import { PEOPLE, personProjection, type PersonDoc } from '../../src/projections/person.projection';
import { CHECKPOINT_NAME, Projector } from '../../src/projections/projector';
import type { Doc } from '../../src/readmodel/read-model-store';
import { openTestApp } from '../support/test-app';

type TestApp = Awaited<ReturnType<typeof openTestApp>>;

async function snapshot(app: TestApp['app']) {
  const find = (collection: string) => app.readModels.find(collection, { orderBy: { field: 'id', direction: 'asc' }, limit: 10_000 });
  return { interviews: await find(INTERVIEWS), versions: await find(INTERVIEW_VERSIONS), people: await find(PEOPLE) };
}

/** One interview taken through sign, lock, addendum, correction and re-sign, with node-made signatures. */
async function signedStory({ app, clock }: TestApp) {
  const IPS: Record<string, string> = { HR1: '10.9.0.1', E1: '10.9.0.21', M1: '10.9.0.9' };
  const as = (actor: string, ...roles: Role[]): CommandMeta => ({ ...systemMeta(clock(), actor), roles, ip: IPS[actor]! });
  const seeds = { E1: new Uint8Array(32).fill(7), M1: new Uint8Array(32).fill(8) };
  const register = async (person: 'E1' | 'M1') =>
    (
      await registerSigningKey(app, as(person, 'employee'), {
        personId: person,
        publicKey: publicKeyBase64(keyPairFromSeed(seeds[person])),
      })
    ).kid;
  const kids = { E1: await register('E1'), M1: await register('M1') };
  // standard-v1 runs the single-session flow: the parties write and sign at its one step.
  const iv = await scheduleInterview(app, as('HR1', 'hr'), {
    employeeId: 'E1',
    templateId: 'standard-v1',
    cycle: '2026-Q1',
    scheduledAt: '2026-04-01T09:00:00+08:00',
  });
  clock.advance(1000);
  await editInterviewSection(app, as('E1', 'employee'), {
    interviewId: iv.id,
    expectedVersion: 1,
    section: 'remarks',
    content: { text: '一' },
  });
  const signAt = async (person: 'E1' | 'M1', role: 'employee' | 'manager', version: number) => {
    clock.advance(1000);
    const meta = as(person, person === 'M1' ? 'manager' : 'employee');
    const { message } = await signingMessageFor(app, viewerOf(meta), { interviewId: iv.id, version, role });
    const signature = ed25519Sign(message, privateKeyFromSeed(seeds[person])).toString('base64');
    return signInterview(app, meta, { interviewId: iv.id, version, role, kid: kids[person], signature });
  };
  await signAt('E1', 'employee', 2);
  const lockedState = await signAt('M1', 'manager', 2);
  clock.advance(1000);
  await addAddendum(app, as('M1', 'manager'), { interviewId: iv.id, text: '补充' });
  clock.advance(1000);
  await openCorrection(app, as('HR1', 'hr'), { interviewId: iv.id, reason: '错别字' });
  clock.advance(1000);
  await editInterviewSection(app, as('E1', 'employee'), {
    interviewId: iv.id,
    expectedVersion: 2,
    section: 'remarks',
    content: { text: '壹' },
  });
  await signAt('M1', 'manager', 3);
  const relocked = await signAt('E1', 'employee', 3);
  return { id: iv.id, lockedState, relocked };
}

describe('signing in the read models', () => {
  it('projects signatures, lock, addenda and corrections into the detail, and one history entry per event', async () => {
    const t = await openTestApp();
    const { id, lockedState, relocked } = await signedStory(t);
    expect(lockedState).toMatchObject({ status: 'locked', version: 2 });
    const doc = (await t.app.readModels.get<InterviewDoc>(INTERVIEWS, id))!;
    expect(doc).toMatchObject({ status: 'locked', version: 3, lockedAt: relocked.lockedAt });
    expect(doc.signatures.map((s) => [s.version, s.role, s.signerId, s.observed.ip])).toEqual([
      [2, 'employee', 'E1', '10.9.0.21'],
      [2, 'manager', 'M1', '10.9.0.9'],
      [3, 'manager', 'M1', '10.9.0.9'],
      [3, 'employee', 'E1', '10.9.0.21'],
    ]);
    expect(doc.addenda).toMatchObject([{ addendumId: 'A1', text: '补充', authorId: 'M1' }]);
    expect(doc.corrections).toMatchObject([{ reason: '错别字', fromVersion: 2, openedBy: 'HR1' }]);
    const history = await t.app.readModels.find<InterviewVersionDoc>(INTERVIEW_VERSIONS, {
      where: { interviewId: id },
      orderBy: { field: 'revision', direction: 'asc' },
      limit: 100,
    });
    expect(history.map((h) => [h.revision, h.version, h.eventType, h.contentChanged])).toEqual([
      [0, 1, 'InterviewScheduled', true],
      [1, 2, 'InterviewSectionEdited', true],
      [2, 2, 'InterviewSigned', false],
      [3, 2, 'InterviewSigned', false],
      [4, 2, 'InterviewLocked', false],
      [5, 2, 'InterviewAddendumAdded', false],
      [6, 2, 'InterviewCorrectionOpened', false],
      [7, 3, 'InterviewSectionEdited', true],
      [8, 3, 'InterviewSigned', false],
      [9, 3, 'InterviewSigned', false],
      [10, 3, 'InterviewLocked', false],
    ]);
    await t.app.close();
  });

  it('should be idempotent if run twice, signatures and all', async () => {
    const t = await openTestApp();
    await signedStory(t);
    const before = await snapshot(t.app);
    const events = (await t.app.store.readAll()).map(toLedgerEvent);
    const writes: Doc[] = [];
    const tx = {
      get: <T extends Doc>(collection: string, docId: string) => t.app.readModels.get<T>(collection, docId),
      put: (_collection: string, doc: Doc) => void writes.push(doc),
      delete: () => undefined,
    };
    for (const event of events) {
      await interviewProjection.apply(event, tx);
      await personProjection.apply(event, tx);
    }
    expect(writes).toEqual([]);
    await t.app.projector.stop();
    await t.app.readModels.commit(CHECKPOINT_NAME, [], events[0]!.position);
    await new Projector(t.app.store, t.app.readModels, [interviewProjection, personProjection]).catchUp();
    expect(await snapshot(t.app)).toEqual(before);
    await t.app.close();
  });

  it('rebuilds identical read models, keys and signatures included, from the log', async () => {
    const t = await openTestApp();
    await signedStory(t);
    const before = await snapshot(t.app);
    expect((before.people.find((p) => p.id === 'E1') as PersonDoc).signingKeys).toHaveLength(1);
    await t.app.projector.stop();
    await t.app.projector.reset();
    await t.app.projector.catchUp();
    expect(await snapshot(t.app)).toEqual(before);
    await t.app.close();
  });
});
