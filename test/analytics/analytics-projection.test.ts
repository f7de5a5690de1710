import { openTestApp } from '../support/test-app';
import { editInterviewSection, scheduleInterview, systemMeta } from '../../src/application/interview-service';
import { setAnalyticsWords } from '../../src/application/alert-service';
import {
  ANALYTICS_CUES,
  ANALYTICS_GROUPS,
  ANALYTICS_MEMBERS,
  ANALYTICS_RECORDS,
  COMPANY_SCOPE,
  cueDocId,
  groupDocId,
  teamScope,
} from '../../src/projections/analytics.docs';
import type { AnalyticsRecordDoc, CueDoc, GroupDoc } from '../../src/projections/analytics.docs';
import { addToGroup, emptyGroup, emptyMembers, textFields } from '../../src/projections/analytics.projection';
import { INTERVIEW_VERSIONS, type InterviewVersionDoc } from '../../src/projections/interview.projection';
import { CHECKPOINT_NAME, Projector } from '../../src/projections/projector';
import { PROJECTIONS } from '../../src/server/app';
import { BUILTIN_TEMPLATES } from '../../src/domain/interview/template';
import type { Role } from '../../src/domain/command';

const as = (now: Date, personId: string, roles: Role[]) => ({ ...systemMeta(now, personId), roles });

type TestApp = Awaited<ReturnType<typeof openTestApp>>;

async function all<T extends { id: string }>(app: TestApp['app'], collection: string): Promise<T[]> {
  return (await app.readModels.find(collection, { orderBy: { field: 'id', direction: 'asc' }, limit: 10_000 })) as unknown as T[];
}

async function analyticsSnapshot(app: TestApp['app']) {
  return {
    records: await all(app, ANALYTICS_RECORDS),
    groups: await all(app, ANALYTICS_GROUPS),
    cues: await all(app, ANALYTICS_CUES),
  };
}

/** Two 生产部 records of 2026-Q1: E1 writes about old machines, overtime and stress; E2 about training. */
async function twoRecords() {
  const t = await openTestApp();
  const { app, clock } = t;
  const hr = () => as(clock(), 'HR1', ['hr', 'employee']);
  const schedule = (employeeId: string) =>
    scheduleInterview(app, hr(), { employeeId, templateId: 'standard-v1', cycle: '2026-Q1', scheduledAt: '2026-04-01T09:00:00+08:00' });
  const a = await schedule('E1');
  const b = await schedule('E2');
  clock.advance(1000);
  await editInterviewSection(app, as(clock(), 'E1', ['employee']), {
    interviewId: a.id,
    expectedVersion: 1,
    section: 'problems',
    content: { items: [{ problem: '冲压线的机器太旧了，老设备频繁停机', cause: '设备使用超过十年', measures: '申请更换主轴' }] },
  });
  clock.advance(1000);
  await editInterviewSection(app, as(clock(), 'E1', ['employee']), {
    interviewId: a.id,
    expectedVersion: 2,
    section: 'remarks',
    content: { text: '这个季度我每天加班到十点，压力很大。' },
  });
  clock.advance(1000);
  await editInterviewSection(app, as(clock(), 'E2', ['employee']), {
    interviewId: b.id,
    expectedVersion: 1,
    section: 'remarks',
    content: { text: '希望多参加质量培训。同事最近压力很大。' },
  });
  await app.projector.waitFor((await app.store.readAll()).at(-1)!.position);
  return { ...t, a, b };
}

describe('the analytics projection', () => {
  it('analyses each text once, with the version and the event that wrote it, and counts only the employee’s own cues', async () => {
    const { app, a, b } = await twoRecords();
    const record = (await app.readModels.get<AnalyticsRecordDoc>(ANALYTICS_RECORDS, a.id))!;
    expect(record.themes).toContain('设备老化');
    const problem = Object.entries(record.texts).find(([path]) => path.startsWith('problems.items['))!;
    expect(problem[0]).toMatch(/^problems\.items\[P\d+\]\.problem$/);
    expect(problem[1]).toMatchObject({ version: 2, author: 'E1' });
    expect(problem[1].themes).toContain('设备老化');
    // The event hash proves the text: it is the hash of the history entry of that version.
    const versions = (await all<InterviewVersionDoc>(app, INTERVIEW_VERSIONS)).filter((v) => v.interviewId === a.id);
    expect(problem[1].eventHash).toBe(versions.find((v) => v.version === 2)!.eventHash);
    expect(record.texts['remarks.text']).toMatchObject({ version: 3, author: 'E1' });
    expect(record.stress).toBe(1);
    expect(record.overtime).toBe(1);

    const cues = (await app.readModels.get<CueDoc>(ANALYTICS_CUES, cueDocId('E1', '2026-Q1')))!;
    expect(cues.cues.map((c) => [c.kind, c.path, c.version])).toEqual([
      ['overtime', 'remarks.text', 3],
      ['stress', 'remarks.text', 3],
    ]);
    expect(cues.cues[0]!.eventHash).toBe(versions.find((v) => v.version === 3)!.eventHash);
    // A colleague's stress, in E2's words, is not E2's own.
    expect(await app.readModels.get(ANALYTICS_CUES, cueDocId('E2', '2026-Q1'))).toBeNull();
    expect((await app.readModels.get<AnalyticsRecordDoc>(ANALYTICS_RECORDS, b.id))!.stress).toBe(0);
    await app.close();
  });

  it('keeps every group equal to the sum of its records, for the company and the team', async () => {
    const { app } = await twoRecords();
    const records = await all<AnalyticsRecordDoc>(app, ANALYTICS_RECORDS);
    const groups = await all<GroupDoc>(app, ANALYTICS_GROUPS);
    expect(groups.map((g) => g.id).sort()).toEqual(
      [groupDocId(COMPANY_SCOPE, '2026-Q1', '生产部'), groupDocId(teamScope('M1'), '2026-Q1', '生产部')].sort(),
    );
    for (const group of groups) {
      const expected = emptyGroup(group.scope, group.cycle, group.department);
      const members = emptyMembers(group.id);
      for (const r of records) addToGroup(expected, members, r, 1);
      expect(group).toEqual(expected);
      expect(await app.readModels.get(ANALYTICS_MEMBERS, group.id)).toEqual(members);
    }
    const company = groups.find((g) => g.scope === COMPANY_SCOPE)!;
    expect(company.records).toBe(2);
    expect(company.themes['设备老化']).toEqual({ records: 1, people: 1 });
    expect(company.stress).toBe(1);
    await app.close();
  });

  it('takes a cue away when the employee edits the words away', async () => {
    const { app, clock, a } = await twoRecords();
    await editInterviewSection(app, as(clock(), 'E1', ['employee']), {
      interviewId: a.id,
      expectedVersion: 3,
      section: 'remarks',
      content: { text: '这个季度按计划完成了任务。' },
    });
    await app.projector.waitFor((await app.store.readAll()).at(-1)!.position);
    const cues = (await app.readModels.get<CueDoc>(ANALYTICS_CUES, cueDocId('E1', '2026-Q1')))!;
    expect(cues.cues).toEqual([]);
    const company = (await app.readModels.get<GroupDoc>(ANALYTICS_GROUPS, groupDocId(COMPANY_SCOPE, '2026-Q1', '生产部')))!;
    expect(company.stress).toBe(0);
    await app.close();
  });

  it('rebuilds the same documents from the log, and changes nothing when events arrive twice', async () => {
    const { app } = await twoRecords();
    const before = await analyticsSnapshot(app);
    const events = await app.store.readAll();
    // Re-delivered: rewind the checkpoint and catch up again.
    await app.projector.stop();
    await app.readModels.commit(CHECKPOINT_NAME, [], events[0]!.position);
    await new Projector(app.store, app.readModels, PROJECTIONS).catchUp();
    expect(await analyticsSnapshot(app)).toEqual(before);
    // Rebuilt from nothing.
    const rebuild = new Projector(app.store, app.readModels, PROJECTIONS);
    await rebuild.reset();
    await rebuild.catchUp();
    expect(await analyticsSnapshot(app)).toEqual(before);
    await app.close();
  });

  it('reads text fields by the template: plain and list fields, with item ids in the path', () => {
    const template = BUILTIN_TEMPLATES.get('standard-v1')!;
    const fields = textFields(template, {
      remarks: { text: '备注' },
      problems: { items: [{ id: 'P1', problem: '来料不及时', cause: '', measures: '协调采购' }] },
      goalReview: { items: [{ id: 'G1', goal: '产量', target: '1000', achievement: 95 }] },
    });
    expect(Object.fromEntries(fields)).toEqual(
      expect.objectContaining({
        'remarks.text': '备注',
        'problems.items[P1].problem': '来料不及时',
        'problems.items[P1].measures': '协调采购',
        'goalReview.items[G1].goal': '产量',
      }),
    );
    expect(fields.has('problems.items[P1].cause')).toBe(false);
  });
});

describe('the analytics projection and the company’s word lists', () => {
  it('analyses a text with the lists in effect when it was written, and gives the same answer on a rebuild', async () => {
    const { app, clock } = await openTestApp();
    const hr = () => as(clock(), 'HR1', ['hr', 'employee']);
    const record = await scheduleInterview(app, hr(), {
      employeeId: 'E1',
      templateId: 'standard-v1',
      cycle: '2026-Q1',
      scheduledAt: '2026-04-01T09:00:00+08:00',
    });
    const write = async (version: number, text: string) => {
      clock.advance(1000);
      await editInterviewSection(app, as(clock(), 'E1', ['employee']), {
        interviewId: record.id,
        expectedVersion: version,
        section: 'remarks',
        content: { text },
      });
      await app.projector.waitFor((await app.store.readAll()).at(-1)!.position);
      return (await app.readModels.get<AnalyticsRecordDoc>(ANALYTICS_RECORDS, record.id))!;
    };
    expect((await write(1, '冲压模具寿命短，两周就要修。')).themes).not.toContain('模具寿命');
    // HR adds a theme and empties the stress list: texts written from now on are read with them.
    await setAnalyticsWords(
      app,
      hr(),
      { themes: [{ theme: '模具寿命', terms: ['模具寿命短', '模具…要修'] }], monitoredWords: { stress: [] } },
      0,
    );
    const after = await write(2, '冲压模具寿命短，两周就要修。我压力很大。');
    expect(after.themes).toContain('模具寿命');
    expect(after.stress).toBe(0);
    const before = await analyticsSnapshot(app);
    const rebuild = new Projector(app.store, app.readModels, PROJECTIONS);
    await app.projector.stop();
    await rebuild.reset();
    await rebuild.catchUp();
    expect(await analyticsSnapshot(app)).toEqual(before);
    await app.close();
  });
});
