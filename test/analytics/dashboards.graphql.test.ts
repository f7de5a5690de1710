import { company } from './company';
import type { CompletionDashboard, ProgressDashboard, ThemesDashboard } from '../../src/analytics/dashboard-types';
import { medianOf } from '../../src/application/queries/dashboards';

const COMPLETION = `query ($cycle: String!, $department: String) { dashboard { completion(cycle: $cycle, department: $department) { name data } } }`;
const THEMES = `query ($cycle: String) { dashboard { themes(cycle: $cycle) { data } } }`;

describe('dashboards through GraphQL', () => {
  it('shows HR the completion of every department, the overdue records at the moment of the query, and progress by status', async () => {
    const { app, clock, gql, server } = await company();
    const hr = gql('HR1', ['hr', 'employee']);
    const result = await hr<{ dashboard: { completion: { name: string; data: CompletionDashboard } } }>(COMPLETION, { cycle: '2026-Q1' });
    expect(result.errors).toBeUndefined();
    const data = result.data!.dashboard.completion.data;
    expect(data.departments.map((d) => [d.department, d.total, d.scheduled, d.locked])).toEqual([
      ['生产部', 2, 1, 0],
      ['研发中心', 1, 0, 0],
    ]);
    expect(data.total.total).toBe(3);
    expect(data.total.overdue).toBe(0);
    const drawn = await hr<{ dashboard: { completion: { svg: string } } }>(`{ dashboard { completion(cycle: "2026-Q1") { svg } } }`);
    const svg = drawn.data!.dashboard.completion.svg;
    expect(svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
    for (const label of ['面谈完成率', '生产部', '研发中心']) expect(svg).toContain(`>${label}`);
    // Weeks later every open record is past its step's due time.
    clock.advance(60 * 24 * 3600 * 1000);
    const later = await hr<{ dashboard: { completion: { data: CompletionDashboard } } }>(COMPLETION, { cycle: '2026-Q1' });
    expect(later.data!.dashboard.completion.data.total.overdue).toBe(3);

    const progress = await hr<{ dashboard: { progress: { data: ProgressDashboard } } }>(
      `{ dashboard { progress(cycle: "2026-Q1") { data } } }`,
    );
    const byStatus = Object.fromEntries(progress.data!.dashboard.progress.data.byStatus.map((s) => [s.key, s.count]));
    expect(byStatus).toEqual({ scheduled: 1, in_progress: 2, awaiting_signatures: 0, locked: 0 });
    await server.stop();
    await app.close();
  });

  it('narrows to the viewer: a manager sees their team, an employee their own record, an unknown cycle nothing', async () => {
    const { app, gql, server } = await company();
    const m2 = await gql('M2', ['manager', 'employee'])<{ dashboard: { completion: { data: CompletionDashboard } } }>(COMPLETION, {
      cycle: '2026-Q1',
    });
    expect(m2.data!.dashboard.completion.data.departments.map((d) => [d.department, d.total])).toEqual([['研发中心', 1]]);
    const e1 = await gql('E1')<{ dashboard: { completion: { data: CompletionDashboard } } }>(COMPLETION, { cycle: '2026-Q1' });
    expect(e1.data!.dashboard.completion.data.total.total).toBe(1);
    const unknown = await gql('HR1', ['hr'])<{ dashboard: { completion: { data: CompletionDashboard } } }>(COMPLETION, {
      cycle: '1999-Q9',
      department: '没有这个部门',
    });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data!.dashboard.completion.data.departments).toEqual([]);
    expect(unknown.data!.dashboard.completion.data.total.total).toBe(0);
    const anonymous = await gql(null)(COMPLETION, { cycle: '2026-Q1' });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await server.stop();
    await app.close();
  });

  it('groups variants of one concern as a theme with the passages behind it, withheld from a manager of a small team', async () => {
    const { app, gql, server, ids } = await company();
    const hr = await gql('HR1', ['hr'])<{ dashboard: { themes: { data: ThemesDashboard } } }>(THEMES, { cycle: '2026-Q1' });
    const themes = hr.data!.dashboard.themes.data;
    expect(themes.withheld).toBe(false);
    const ageing = themes.themes.find((t) => t.theme === '设备老化')!;
    expect(ageing).toMatchObject({ records: 1, people: 1, byCycle: [{ cycle: '2026-Q1', records: 1, people: 1 }] });
    expect(ageing.passages).toEqual([
      expect.objectContaining({
        interviewId: ids.E1,
        version: 2,
        text: '设备老化，经常停机',
        eventHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
    expect(themes.themes.map((t) => t.theme)).toContain('需求变更');
    // M1's team has two people: below the default threshold of 5.
    const m1 = await gql('M1', ['manager'])<{ dashboard: { themes: { data: ThemesDashboard } } }>(THEMES, { cycle: '2026-Q1' });
    expect(m1.data!.dashboard.themes.data).toEqual({ cycle: '2026-Q1', department: null, themes: [], withheld: true });
    // An employee never sees text-derived figures.
    const e1 = await gql('E1')<{ dashboard: { themes: { data: ThemesDashboard } } }>(THEMES, { cycle: '2026-Q1' });
    expect(e1.data!.dashboard.themes.data.withheld).toBe(true);
    await server.stop();
    await app.close();
  });

  it('shows a manager their team’s themes once the team reaches ANALYTICS_MIN_GROUP_SIZE', async () => {
    const { app, gql, server } = await company({ ANALYTICS_MIN_GROUP_SIZE: '2' });
    const m1 = await gql('M1', ['manager'])<{ dashboard: { themes: { data: ThemesDashboard } } }>(THEMES, { cycle: '2026-Q1' });
    expect(m1.data!.dashboard.themes.data.withheld).toBe(false);
    // 经常停机 also raises 停线 (line stops): one passage may raise several themes.
    expect(m1.data!.dashboard.themes.data.themes.map((t) => t.theme).sort()).toEqual(['停线', '设备老化']);
    await server.stop();
    await app.close();
  });

  it('explains an interview’s keywords and sentiment to those who may read it, and answers NOT_FOUND to others', async () => {
    const { app, gql, server, ids } = await company();
    const query = `query ($id: ID!) {
      keywords(interviewId: $id, topK: 5) { interviewId keywords { word weight } sections { section keywords { word } } }
      sentiment(interviewId: $id) { label score sections { section passages { text label score contributions { word contribution because } } } }
    }`;
    const own = await gql('E3')<{
      keywords: { keywords: { word: string }[] };
      sentiment: { label: string; sections: { passages: { contributions: { word: string }[] }[] }[] };
    }>(query, { id: ids.E3 });
    expect(own.errors).toBeUndefined();
    expect(own.data!.keywords.keywords.map((k) => k.word)).toContain('需求变更');
    expect(own.data!.sentiment.label).toBe('negative');
    expect(
      own.data!.sentiment.sections.flatMap((s) => s.passages.flatMap((p) => p.contributions.map((c) => c.word))).length,
    ).toBeGreaterThan(0);
    const keywordsOnly = `query ($id: ID!) { keywords(interviewId: $id) { interviewId } }`;
    const sentimentOnly = `query ($id: ID!) { sentiment(interviewId: $id) { label } }`;
    for (const q of [keywordsOnly, sentimentOnly]) {
      const other = await gql('E1')(q, { id: ids.E3 });
      expect(other.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
      const unknown = await gql('E1')(q, { id: 'IV-NOPE' });
      expect(unknown.errors?.map((e) => e.message)).toEqual(other.errors?.map((e) => e.message.replace(ids.E3!, 'IV-NOPE')));
    }
    const other = await gql('E1')(query, { id: ids.E3 });
    const unknown = await gql('E1')(query, { id: 'IV-NOPE' });
    expect(unknown.errors?.map((e) => [e.extensions?.code, e.message])).toEqual(
      other.errors?.map((e) => [e.extensions?.code, e.message.replace(ids.E3!, 'IV-NOPE')]),
    );
    await server.stop();
    await app.close();
  });

  it('takes the median of a histogram of values', () => {
    expect(medianOf({})).toBeNull();
    expect(medianOf({ '80': 1 })).toBe(80);
    expect(medianOf({ '80': 1, '100': 1 })).toBe(90);
    expect(medianOf({ '100': 2, '60': 1 })).toBe(100);
    expect(medianOf({ '50': 3, '120.5': 1, '90': 1 })).toBe(50);
  });
});
