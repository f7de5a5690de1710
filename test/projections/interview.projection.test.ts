/** Projections in a real (embedded) read-model store: idempotent, resumable, rebuildable. */
import { openTestApp } from '../support/test-app';
import { editInterviewSection, scheduleInterview, systemMeta } from '../../src/application/interview-service';
import { INTERVIEWS, INTERVIEW_VERSIONS, interviewProjection } from '../../src/projections/interview.projection';
import { PEOPLE } from '../../src/projections/person.projection';
import { CHECKPOINT_NAME, Projector } from '../../src/projections/projector';
import { toLedgerEvent } from '../../src/ledger/ledger';
import type { Doc } from '../../src/readmodel/read-model-store';

/** Commands of the record's employee: HR schedules, but no longer writes a record in progress. */
const employeeMeta = (now: Date, personId: string) => ({ ...systemMeta(now, personId), roles: ['employee' as const] });

async function snapshot(app: Awaited<ReturnType<typeof openTestApp>>['app']) {
  const find = (collection: string) => app.readModels.find(collection, { orderBy: { field: 'id', direction: 'asc' }, limit: 10_000 });
  return { interviews: await find(INTERVIEWS), versions: await find(INTERVIEW_VERSIONS), people: await find(PEOPLE) };
}

describe('interview projections', () => {
  it('should be idempotent if run twice', async () => {
    const { app, clock } = await openTestApp();
    const meta = () => systemMeta(clock(), 'HR1');
    // standard-v1 runs the single-session flow, where the employee may write remarks at once.
    const a = await scheduleInterview(app, meta(), {
      employeeId: 'E1',
      templateId: 'standard-v1',
      cycle: '2026-Q1',
      scheduledAt: '2026-04-01T09:00:00+08:00',
    });
    clock.advance(1000);
    await editInterviewSection(app, employeeMeta(clock(), 'E1'), {
      interviewId: a.id,
      expectedVersion: 1,
      section: 'remarks',
      content: { text: '一' },
    });
    const before = await snapshot(app);
    expect(before.interviews).toHaveLength(1);
    expect(before.versions).toHaveLength(2);

    // Deliver every event a second time, as a crash between write and checkpoint would.
    const events = (await app.store.readAll()).map(toLedgerEvent);
    const writes: Doc[] = [];
    const tx = {
      get: <T extends Doc>(collection: string, id: string) => app.readModels.get<T>(collection, id),
      put: (_collection: string, doc: Doc) => void writes.push(doc),
      delete: () => undefined,
    };
    for (const event of events) await interviewProjection.apply(event, tx);
    expect(writes).toEqual([]);

    // And through the projector: rewind the checkpoint to the start and catch up again.
    await app.projector.stop();
    await app.readModels.commit(CHECKPOINT_NAME, [], events[0]!.position);
    const again = new Projector(app.store, app.readModels, [interviewProjection]);
    await again.catchUp();
    expect(await snapshot(app)).toEqual(before);
    await app.close();
  });

  it('rebuilds identical read models from the log after a reset', async () => {
    const { app, clock } = await openTestApp();
    const meta = () => systemMeta(clock(), 'HR1');
    for (let i = 0; i < 5; i++) {
      const employeeId = i % 2 ? 'E1' : 'E3';
      const interview = await scheduleInterview(app, meta(), {
        employeeId,
        templateId: 'standard-v1',
        cycle: `2026-M0${i + 1}`,
        scheduledAt: `2026-07-0${i + 1}T09:00:00+08:00`,
      });
      clock.advance(1000);
      await editInterviewSection(app, employeeMeta(clock(), employeeId), {
        interviewId: interview.id,
        expectedVersion: 1,
        section: 'highlights',
        content: { items: [{ case: `案例${i}`, data: `${i * 10}%` }] },
      });
    }
    const before = await snapshot(app);
    await app.projector.stop();
    await app.projector.reset();
    expect(await app.readModels.count(INTERVIEWS)).toBe(0);
    const progress: number[] = [];
    const applied = await app.projector.catchUp((n) => progress.push(n));
    expect(applied).toBe((await app.store.readAll()).length);
    expect(progress.at(-1)).toBe(applied);
    expect(await snapshot(app)).toEqual(before);
    await app.close();
  });
});
