/**
 * The one replay against the live read model: for every interview of the demo data and every
 * version it went through, `interviewAt(id, version)` is the record the read model held at that
 * version (after the last event that left it there), in every field the API exposes — status,
 * workflow step and moves, sections, signatures, addenda, corrections, lock, attachments, tasks
 * and who must act. The live side is the real projection, applied one event at a time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { interviewAt } from '../../src/application/queries/interviews';
import type { Viewer } from '../../src/domain/access';
import { interviewStream, type ExistingInterview } from '../../src/domain/interview/interview';
import { seedDemo } from '../../src/demo/demo-data';
import { toInterview } from '../../src/graphql/interview.mapper';
import { INTERVIEWS, interviewProjection, pendingActors, type InterviewDoc } from '../../src/projections/interview.projection';
import type { ProjectionTx } from '../../src/projections/projection';
import type { Doc } from '../../src/readmodel/read-model-store';
import { createApp, type App } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { testApollo } from '../support/test-app';

const auditor: Viewer = { id: 'AUDIT-1', roles: ['auditor'] };

/** What the API exposes of a record, as plain JSON (the GraphQL mapper, and the workflow/pending fields built from it). */
function exposed(source: InterviewDoc | ExistingInterview): unknown {
  const { raw, ...fields } = toInterview(source);
  return JSON.parse(
    JSON.stringify({
      ...fields,
      workflow: raw.workflow,
      flowVersion: raw.flow.version,
      pendingActorIds: pendingActors(raw),
      fulfilledNeeds: raw.fulfilledNeeds,
      planAgreedVersion: raw.planAgreedVersion,
    }),
  );
}

/** The interview projection applied event by event into memory: the read model as it was after each event. */
function memoryTx(): ProjectionTx & { docs: Map<string, Doc> } {
  const docs = new Map<string, Doc>();
  return {
    docs,
    async get<T extends Doc>(collection: string, id: string) {
      return (docs.get(`${collection}/${id}`) as T | undefined) ?? null;
    },
    put(collection: string, doc: Doc) {
      docs.set(`${collection}/${doc.id}`, structuredClone(doc));
    },
    delete(collection: string, id: string) {
      docs.delete(`${collection}/${id}`);
    },
  };
}

describe('interviewAt replays the record the live read model held at each version', () => {
  let app: App;
  let dir: string;
  let ids: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'replay-'));
    app = await createApp(loadConfig({ DATA_DIR: dir, JWT_SECRET: 'test-secret-please-ignore', PORT: '0', CHECKPOINT_INTERVAL_MS: '0' }));
    await seedDemo(app);
    ids = (await app.readModels.find<InterviewDoc>(INTERVIEWS, { orderBy: { field: 'id', direction: 'asc' }, limit: 10_000 })).map(
      (d) => d.id,
    );
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('for every demo interview and every version, in every exposed field', async () => {
    expect(ids.length).toBeGreaterThan(100);
    let versionsChecked = 0;
    let nonContentTails = 0;
    for (const id of ids) {
      const events = await app.ledger.readStream(interviewStream(id));
      const tx = memoryTx();
      const liveAtVersion = new Map<number, { doc: InterviewDoc; eventType: string }>();
      for (const event of events) {
        await interviewProjection.apply(event, tx);
        const doc = tx.docs.get(`${INTERVIEWS}/${id}`) as InterviewDoc | undefined;
        if (doc) liveAtVersion.set(doc.version, { doc: structuredClone(doc), eventType: event.body.type });
      }
      // The projection's final document is the stored read model's.
      expect(exposed(liveAtVersion.get(Math.max(...liveAtVersion.keys()))!.doc)).toEqual(
        exposed((await app.readModels.get<InterviewDoc>(INTERVIEWS, id))!),
      );
      for (const [version, live] of liveAtVersion) {
        const replayed = await interviewAt(app, auditor, { id, version });
        expect({ id, version, record: exposed(replayed) }).toEqual({ id, version, record: exposed(live.doc) });
        versionsChecked++;
        if (!['InterviewScheduled', 'InterviewSectionEdited', 'InterviewBasicInfoUpdated', 'SupportNeedEvaluated'].includes(live.eventType))
          nonContentTails++;
      }
    }
    // The property is only interesting where versions end in step moves, signatures and locks.
    expect(versionsChecked).toBeGreaterThan(500);
    expect(nonContentTails).toBeGreaterThan(100);
  }, 300_000);

  it('answers over GraphQL with the step the record was at (IV-2026Q2-E1001 at the version it was signed)', async () => {
    const { server, as } = await testApollo(app);
    try {
      const hr = as('HR001', ['hr', 'employee', 'manager']);
      const live = await app.readModels.get<InterviewDoc>(INTERVIEWS, 'IV-2026Q2-E1001');
      expect(live?.status).toBe('locked');
      const signedVersion = live!.signatures[0]!.version;
      const result = await hr<{ interviewAt: { status: string; version: number; workflow: { step: string } } }>(
        'query ($id: ID!, $v: Int!) { interviewAt(id: $id, version: $v) { status version workflow { step } } }',
        { id: 'IV-2026Q2-E1001', v: signedVersion },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.interviewAt).toEqual({ status: 'locked', version: signedVersion, workflow: { step: live!.workflow.step } });
      expect(live!.workflow.step).not.toBe('self_assessment');
    } finally {
      await server.stop();
    }
  });
});
