/**
 * The demo shows every dashboard with realistic numbers, and the article's cases: 生产部 raising
 * 设备老化 over three cycles, 研发中心 under pressure, 销售部 missing its targets, 客服中心's
 * feedback turning negative. Checked against the interview read model, not against the
 * analytics' own figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_NOW, seedDemo } from '../../src/demo/demo-data';
import {
  completionDashboard,
  goalPressureDashboard,
  radarDashboard,
  sentimentDashboard,
  supportNeedTotals,
  themesDashboard,
} from '../../src/application/queries/dashboards';
import { ANALYTICS_GROUPS, ANALYTICS_RECORDS, type AnalyticsRecordDoc, type GroupDoc } from '../../src/projections/analytics.docs';
import { addToGroup, emptyGroup, emptyMembers } from '../../src/projections/analytics.projection';
import { INTERVIEWS, SUPPORT_NEEDS, type InterviewDoc, type SupportNeedDoc } from '../../src/projections/interview.projection';
import { createApp, type App } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';

const HR = { id: 'HR001', roles: ['hr', 'employee'] as const };
const all = <T>(app: App, collection: string) =>
  app.readModels.find(collection, { orderBy: { field: 'id', direction: 'asc' }, limit: 100_000 }) as unknown as Promise<T[]>;

describe('the demo’s dashboards', () => {
  let app: App;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'demo-dash-'));
    const config = loadConfig({ DATA_DIR: dir, PORT: '0', REMINDER_INTERVAL_MS: '0', CHECKPOINT_INTERVAL_MS: '0' });
    app = await createApp(config, { clock: () => new Date(DEMO_NOW) });
    await seedDemo(app);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts completion and overdue as the interview records say', async () => {
    const interviews = (await all<InterviewDoc>(app, INTERVIEWS)).filter((i) => i.cycle === '2026-Q3');
    const now = new Date(DEMO_NOW).toISOString();
    const completion = await completionDashboard(app, { ...HR, roles: [...HR.roles] }, { cycle: '2026-Q3' });
    expect(completion.departments.map((d) => d.department)).toEqual([...new Set(interviews.map((i) => i.department))].sort());
    for (const row of completion.departments) {
      const mine = interviews.filter((i) => i.department === row.department);
      expect([row.department, row.total, row.locked, row.overdue]).toEqual([
        row.department,
        mine.length,
        mine.filter((i) => i.status === 'locked').length,
        mine.filter((i) => i.open && i.stepDueAt < now).length,
      ]);
    }
    expect(completion.total.overdue).toBeGreaterThan(10);
  });

  it('keeps every group of the company and of each team equal to the sum of its records', async () => {
    const records = await all<AnalyticsRecordDoc>(app, ANALYTICS_RECORDS);
    const groups = await all<GroupDoc>(app, ANALYTICS_GROUPS);
    expect(groups.length).toBeGreaterThan(20);
    for (const group of groups) {
      const expected = emptyGroup(group.scope, group.cycle, group.department);
      const members = emptyMembers(group.id);
      for (const r of records) {
        if (r.cycle === group.cycle && r.department === group.department && (group.scope === 'all' || group.scope === `m:${r.managerId}`))
          addToGroup(expected, members, r, 1);
      }
      // Float sums may differ in the last bits with the order they were added in.
      expect({ ...group, sentiment: { ...group.sentiment, scoreSum: 0 } }).toEqual({
        ...expected,
        sentiment: { ...expected.sentiment, scoreSum: 0 },
      });
      expect(group.sentiment.scoreSum).toBeCloseTo(expected.sentiment.scoreSum, 9);
    }
  });

  it('shows 设备老化 raised by several 生产部 people in three cycles, with the passages behind it', async () => {
    const themes = await themesDashboard(app, { ...HR, roles: [...HR.roles] }, { department: '生产部' });
    const ageing = themes.themes.find((t) => t.theme === '设备老化')!;
    // Distinct people over the four cycles, as the records say.
    const records = await all<AnalyticsRecordDoc>(app, ANALYTICS_RECORDS);
    const raising = records.filter((r) => r.department === '生产部' && r.themes.includes('设备老化'));
    expect(ageing.people).toBe(new Set(raising.map((r) => r.employeeId)).size);
    expect(ageing.records).toBe(raising.length);
    for (const c of ageing.byCycle)
      expect(c.people).toBe(new Set(raising.filter((r) => r.cycle === c.cycle).map((r) => r.employeeId)).size);
    const cycles = ageing.byCycle.filter((c) => c.people >= 3).map((c) => c.cycle);
    expect(cycles).toEqual(expect.arrayContaining(['2025-H2', '2026-Q1', '2026-Q2']));
    expect(ageing.passages.length).toBeGreaterThan(3);
    for (const p of ageing.passages) expect(p.eventHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('flags 销售部 for missed targets and 研发中心 for pressure words in 2026-Q2, and 客服中心 turning negative', async () => {
    const pressure = await goalPressureDashboard(app, { ...HR, roles: [...HR.roles] }, { cycle: '2026-Q2' });
    const flagged = Object.fromEntries(pressure.filter((r) => r.highPressure).map((r) => [r.department, r.reasons]));
    expect(flagged).toEqual({ 销售部: ['lowAchievement', 'manyMissed'], 研发中心: ['pressureWords'] });
    const sentiment = await sentimentDashboard(app, { ...HR, roles: [...HR.roles] }, {});
    expect(sentiment.turningNegative).toEqual(['客服中心']);
  });

  it('draws E1001’s radar on the production template’s dimensions beside the department’s median', async () => {
    const radar = (await radarDashboard(app, { ...HR, roles: [...HR.roles] }, { employeeId: 'E1001', cycle: '2026-Q2' }))!;
    expect(radar.templateId).toBe('production-staff');
    expect(radar.dimensions.map((d) => d.label.zh)).toEqual(['产量', '质量', '安全', '设备与工艺', '协作']);
    expect(radar.dimensions.filter((d) => d.employee !== null && d.departmentMedian !== null).length).toBeGreaterThanOrEqual(3);
    // The employee themself sees it; a colleague does not (same answer as no record at all).
    expect(await radarDashboard(app, { id: 'E1001', roles: ['employee'] }, { employeeId: 'E1001', cycle: '2026-Q2' })).toEqual(radar);
    expect(await radarDashboard(app, { id: 'E1002', roles: ['employee'] }, { employeeId: 'E1001', cycle: '2026-Q2' })).toBeNull();
    expect(await radarDashboard(app, { id: 'E1002', roles: ['employee'] }, { employeeId: 'NOBODY', cycle: '2026-Q2' })).toBeNull();
  });

  it('totals support needs by department, type and status as the support-need read model has them', async () => {
    const needs = (await all<SupportNeedDoc>(app, SUPPORT_NEEDS)).filter((n) => n.cycle === '2026-Q2');
    const totals = await supportNeedTotals(app, { ...HR, roles: [...HR.roles] }, { cycle: '2026-Q2' });
    expect(totals.reduce((s, t) => s + t.count, 0)).toBe(needs.length);
    for (const t of totals) {
      expect(needs.filter((n) => n.department === t.department && n.type === t.type && n.status === t.status).length).toBe(t.count);
    }
  });
});
