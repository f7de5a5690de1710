/** Comparing versions, changed passages of long text, and one employee's interviews across cycles. */
import { openTestApp, testApollo } from '../support/test-app';
import { changedPassages, sentences } from '../../src/history/text-passages';
import { recurringProblems } from '../../src/history/recurring';
import type { App } from '../../src/server/app';

describe('history: passages and recurring problems (units)', () => {
  it('cuts Chinese and Western text into sentences and reports only what changed', () => {
    expect(sentences('设备老化。原料不足！Done? 好')).toEqual(['设备老化。', '原料不足！', 'Done?', ' 好']);
    const before = '本季度产量达标。质检合格率为 97%。设备故障两次，均已修复。下季度计划培训新人。';
    const after = '本季度产量达标。质检合格率为 98.5%。设备故障两次，均已修复。下季度计划培训新人。新增夜班巡检。';
    expect(changedPassages(before, after)).toEqual([
      { kind: 'unchanged', text: '本季度产量达标。' },
      { kind: 'removed', text: '质检合格率为 97%。' },
      { kind: 'added', text: '质检合格率为 98.5%。' },
      { kind: 'unchanged', text: '设备故障两次，均已修复。下季度计划培训新人。' },
      { kind: 'added', text: '新增夜班巡检。' },
    ]);
  });

  it('finds problems raised in two or more cycles, however they are punctuated', () => {
    const found = recurringProblems([
      { interviewId: 'a', cycle: '2024', problems: { items: [{ problem: '设备老化' }, { problem: '原材料到货不及时' }] } },
      { interviewId: 'b', cycle: '2025', problems: { items: [{ problem: '设备老化，影响产能' }] } },
      { interviewId: 'c', cycle: '2026', problems: { items: ['设备 老化。'] } },
      { interviewId: 'd', cycle: '2026', problems: { items: [{ problem: '加班多' }] } },
    ]);
    expect(found).toEqual([{ problem: '设备老化', cycles: ['2024', '2025', '2026'], interviewIds: ['a', 'b', 'c'] }]);
  });
});

describe('GraphQL: compare versions and timelines', () => {
  let app: App;
  let gql: Awaited<ReturnType<typeof testApollo>>;
  let clock: Awaited<ReturnType<typeof openTestApp>>['clock'];
  beforeAll(async () => {
    ({ app, clock } = await openTestApp());
    gql = await testApollo(app);
  });
  afterAll(async () => {
    await gql.server.stop();
    await app.close();
  });
  const m1 = () => gql.as('M1', ['manager', 'employee']);
  const e1 = () => gql.as('E1', ['employee']);
  const e2 = () => gql.as('E2', ['employee']);
  const hr = () => gql.as('HR1', ['hr']);

  async function interview(cycle: string, at: string, problems: string[], remarks?: string[]) {
    // standard-v1 runs the single-session flow: both parties write any section from the start.
    const r: any = await m1()(
      `mutation($c: String!, $at: String!) { scheduleInterview(input: { employeeId: "E1", templateId: "standard-v1", cycle: $c, scheduledAt: $at }) { id } }`,
      { c: cycle, at },
    );
    expect(r.errors).toBeUndefined();
    const id = r.data.scheduleInterview.id;
    let version = 1;
    const EDIT = `mutation($input: EditSectionInput!) { editInterviewSection(input: $input) { version } }`;
    const p: any = await m1()(EDIT, {
      input: {
        interviewId: id,
        expectedVersion: version++,
        section: 'problems',
        content: { items: problems.map((problem) => ({ problem })) },
      },
    });
    expect(p.errors).toBeUndefined();
    for (const text of remarks ?? []) {
      clock.advance(60_000);
      const e: any = await e1()(EDIT, { input: { interviewId: id, expectedVersion: version++, section: 'remarks', content: { text } } });
      expect(e.errors).toBeUndefined();
    }
    return id;
  }

  it('compares any two versions, with changed passages for long text', async () => {
    const id = await interview(
      '2026-Q2',
      '2026-07-01T10:00:00+08:00',
      ['原材料到货不及时'],
      [
        '本季度产量达标。质检合格率为 97%。设备故障两次，均已修复。下季度计划培训新人，并完善交接班记录。',
        '本季度产量达标。质检合格率为 98.5%。设备故障两次，均已修复。下季度计划培训新人，并完善交接班记录。',
        '本季度产量达标。质检合格率为 98.5%。下季度计划培训新人，并完善交接班记录。',
      ],
    );
    const Q = `query($id: ID!, $a: Int!, $b: Int!) { compareInterviewVersions(id: $id, fromVersion: $a, toVersion: $b) { fromVersion toVersion changes { path kind passages { kind text } } } }`;
    const r: any = await e1()(Q, { id, a: 3, b: 5 });
    expect(r.errors).toBeUndefined();
    expect(r.data.compareInterviewVersions.changes).toEqual([
      {
        path: 'sections.remarks.text',
        kind: 'changed',
        passages: [
          { kind: 'unchanged', text: '本季度产量达标。' },
          { kind: 'removed', text: '质检合格率为 97%。设备故障两次，均已修复。' },
          { kind: 'added', text: '质检合格率为 98.5%。' },
          { kind: 'unchanged', text: '下季度计划培训新人，并完善交接班记录。' },
        ],
      },
    ]);
    const whole: any = await e1()(Q, { id, a: 1, b: 5 });
    expect(whole.data.compareInterviewVersions.changes.map((c: any) => c.path)).toEqual(['sections.problems', 'sections.remarks']);
    const missing: any = await e1()(Q, { id, a: 1, b: 9 });
    expect(missing.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'toVersion' });
    const stranger: any = await e2()(Q, { id, a: 1, b: 2 });
    expect(stranger.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it("lays one employee's cycles side by side and names recurring problems", async () => {
    await interview('2024', '2024-12-20T10:00:00+08:00', ['设备老化', '加班多']);
    await interview('2025', '2025-12-20T10:00:00+08:00', ['设备老化，影响产能']);
    await interview('2026', '2026-12-20T10:00:00+08:00', ['设备老化。']);
    const Q = `query { employeeInterviewTimeline(employeeId: "E1", sections: ["problems"]) { entries { cycle sections } recurringProblems { problem cycles } } }`;
    const r: any = await hr()(Q);
    expect(r.errors).toBeUndefined();
    const timeline = r.data.employeeInterviewTimeline;
    expect(timeline.entries.map((e: any) => e.cycle)).toEqual(['2024', '2025', '2026-Q2', '2026']);
    // Problem items carry the ids the server assigned (P1, P2…).
    expect(timeline.entries[0].sections).toEqual({
      problems: {
        items: [
          { id: 'P1', problem: '设备老化' },
          { id: 'P2', problem: '加班多' },
        ],
      },
    });
    expect(timeline.recurringProblems).toEqual([{ problem: '设备老化', cycles: ['2024', '2025', '2026'] }]);
    const own: any = await e1()(Q);
    expect(own.data.employeeInterviewTimeline.entries).toHaveLength(4);
    const other: any = await e2()(Q);
    expect(other.errors[0].extensions.code).toBe('NOT_FOUND');
  });
});
