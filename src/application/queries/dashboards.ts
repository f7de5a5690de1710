/**
 * The dashboards: completion and progress of a cycle, trends across cycles, an employee's radar
 * of performance dimensions, recurring themes, sentiment, goal pressure and support-need totals.
 * Each reads the analytics read models (src/projections/analytics.projection.ts) narrowed to the
 * viewer's scope by the access policy, and withholds text-derived figures of groups too small to
 * be shown to the viewer. An unknown cycle or department answers an empty dashboard, exactly as
 * one the viewer has no records in.
 */
import type {
  CompletionDashboard,
  CompletionRow,
  CompletionTrend,
  GoalPressureReason,
  GoalPressureRow,
  PassageRef,
  ProgressDashboard,
  RadarDashboard,
  SentimentDashboard,
  SentimentRow,
  SupportNeedTotal,
  ThemeRow,
  ThemesDashboard,
} from '../../analytics/dashboard-types';
import { CHART_NAMES, isChartName, type ChartName } from '../../analytics/charts';
import { canViewRadar, dashboardScope, mayReadTextAggregate, type Viewer } from '../../domain/access';
import { ValidationError } from '../../domain/errors';
import type { Localized } from '../../domain/localized';
import { addToGroup, emptyGroup, emptyMembers } from '../../projections/analytics.projection';
import {
  ANALYTICS_GROUPS,
  ANALYTICS_RECORDS,
  COMPANY_SCOPE,
  groupDocId,
  teamScope,
  type AnalyticsRecordDoc,
  type GroupDoc,
  type GroupMembers,
  type ThemeTotalDoc,
  ALL_DEPARTMENTS,
  ANALYTICS_THEME_TOTALS,
  themePeopleId,
} from '../../projections/analytics.docs';
import type { App } from '../services';

/** Groups of a scope are few (departments × cycles); this bounds a read all the same. */
const MAX_GROUPS = 5_000;
/** The self scope reads the viewer's own records. */
const MAX_OWN_RECORDS = 200;
const MAX_PASSAGES = 20;
const FILTER_MAX = 64;

export interface DashboardFilter {
  readonly cycle?: string | null;
  readonly department?: string | null;
}

const STAGE_LABELS: Record<string, Localized> = {
  scheduled: { zh: '已排期', en: 'Scheduled' },
  in_progress: { zh: '进行中', en: 'In progress' },
  awaiting_signatures: { zh: '待签字', en: 'Awaiting signatures' },
  locked: { zh: '已锁定', en: 'Locked' },
};
const STAGES = Object.keys(STAGE_LABELS);

function checkFilterValue(value: string | null | undefined, field: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (value.length > FILTER_MAX) throw new ValidationError(`${field} has at most ${FILTER_MAX} characters`, field, 'VALUE_TOO_LARGE');
  return value;
}

/** Adds group b's figures into a (same cycle and department, different teams). */
function mergeInto(a: GroupDoc, b: GroupDoc): void {
  const add = (x: Record<string, number>, y: Record<string, number>) => {
    for (const [k, v] of Object.entries(y)) x[k] = (x[k] ?? 0) + v;
  };
  a.records += b.records;
  a.people += b.people;
  add(a.stages, b.stages);
  for (const [k, v] of Object.entries(b.steps)) {
    const step = (a.steps[k] ??= { label: v.label, count: 0 });
    step.count += v.count;
  }
  add(a.due, b.due);
  for (const [k, v] of Object.entries(b.dimensions)) add((a.dimensions[k] ??= { label: v.label, values: {} }).values, v.values);
  a.goals += b.goals;
  a.missed += b.missed;
  a.achievementSum += b.achievementSum;
  a.achievementCount += b.achievementCount;
  a.sentiment.records += b.sentiment.records;
  a.sentiment.scoreSum += b.sentiment.scoreSum;
  a.sentiment.positive += b.sentiment.positive;
  a.sentiment.neutral += b.sentiment.neutral;
  a.sentiment.negative += b.sentiment.negative;
  a.sentiment.people += b.sentiment.people;
  for (const [k, v] of Object.entries(b.themes)) {
    const t = (a.themes[k] ??= { records: 0, people: 0 });
    t.records += v.records;
    t.people += v.people;
  }
  a.stress += b.stress;
  a.overtime += b.overtime;
  add(a.needs, b.needs);
}

/**
 * The viewer's groups, one per cycle and department (merged across a scope's documents), in
 * cycle then department order. Company: the company's sums; a manager: their team's; anyone
 * else: built from their own records.
 */
async function groupsFor(app: App, viewer: Viewer, filter: { cycle: string | null; department: string | null }): Promise<GroupDoc[]> {
  const scope = dashboardScope(viewer);
  let docs: GroupDoc[];
  if (scope.kind === 'self') {
    const where: Record<string, string> = { employeeId: scope.employeeId };
    if (filter.cycle) where.cycle = filter.cycle;
    const records = await app.readModels.find<AnalyticsRecordDoc>(ANALYTICS_RECORDS, {
      where,
      orderBy: { field: 'cycle', direction: 'asc' },
      limit: MAX_OWN_RECORDS,
    });
    const byKey = new Map<string, { group: GroupDoc; members: GroupMembers }>();
    for (const r of records) {
      const key = groupDocId('self', r.cycle, r.department);
      const entry = byKey.get(key) ?? { group: emptyGroup('self', r.cycle, r.department), members: emptyMembers(key) };
      addToGroup(entry.group, entry.members, r, 1);
      byKey.set(key, entry);
    }
    docs = [...byKey.values()].map((e) => e.group);
  } else {
    const where: Record<string, string> = { scope: scope.kind === 'company' ? COMPANY_SCOPE : teamScope(scope.managerId) };
    if (filter.cycle) where.cycle = filter.cycle;
    docs = await app.readModels.find<GroupDoc>(ANALYTICS_GROUPS, {
      where,
      orderBy: { field: 'cycle', direction: 'asc' },
      limit: MAX_GROUPS,
    });
  }
  if (filter.department) docs = docs.filter((d) => d.department === filter.department);
  return docs.sort((a, b) => a.cycle.localeCompare(b.cycle) || a.department.localeCompare(b.department));
}

const rate = (n: number, d: number): number => (d === 0 ? 0 : Math.round((n / d) * 1000) / 1000);

function completionRow(group: GroupDoc, now: string): CompletionRow {
  const overdue = Object.entries(group.due).reduce((sum, [dueAt, n]) => (dueAt < now ? sum + n : sum), 0);
  const locked = group.stages.locked ?? 0;
  return {
    department: group.department,
    cycle: group.cycle,
    total: group.records,
    scheduled: group.stages.scheduled ?? 0,
    inProgress: Object.entries(group.steps)
      .map(([step, s]) => ({ step, label: s.label, count: s.count }))
      .sort((a, b) => a.step.localeCompare(b.step)),
    awaitingSignatures: group.stages.awaiting_signatures ?? 0,
    locked,
    overdue,
    completionRate: rate(locked, group.records),
  };
}

function sumGroups(groups: readonly GroupDoc[], cycle: string, department: string): GroupDoc {
  const total = emptyGroup('sum', cycle, department);
  for (const g of groups) mergeInto(total, g);
  return total;
}

/**
 * Merges documents of the same cycle and department. Every scope's documents are already one per
 * pair, so a document alone in its pair is used as read (copying one means copying its per-person
 * counts, the larger part of a company-scope query's time); only a second one in a pair is merged
 * into a copy, so that no document read is changed.
 */
function byCycleAndDepartment(groups: readonly GroupDoc[]): GroupDoc[] {
  const out = new Map<string, { group: GroupDoc; copied: boolean }>();
  for (const g of groups) {
    const key = JSON.stringify([g.cycle, g.department]);
    const entry = out.get(key);
    if (!entry) out.set(key, { group: g, copied: false });
    else {
      if (!entry.copied) {
        const copy = emptyGroup(entry.group.scope, entry.group.cycle, entry.group.department);
        mergeInto(copy, entry.group);
        entry.group = copy;
        entry.copied = true;
      }
      mergeInto(entry.group, g);
    }
  }
  return [...out.values()].map((e) => e.group);
}

export async function completionDashboard(app: App, viewer: Viewer, filter: DashboardFilter): Promise<CompletionDashboard> {
  const cycle = checkFilterValue(filter.cycle, 'cycle');
  if (!cycle) throw new ValidationError('name the cycle, e.g. 2026-Q3', 'cycle');
  const department = checkFilterValue(filter.department, 'department');
  const groups = byCycleAndDepartment(await groupsFor(app, viewer, { cycle, department }));
  const now = app.clock().toISOString();
  return {
    cycle,
    departments: groups.map((g) => completionRow(g, now)),
    total: completionRow(sumGroups(groups, cycle, '*'), now),
  };
}

export async function progressDashboard(app: App, viewer: Viewer, filter: DashboardFilter): Promise<ProgressDashboard> {
  const cycle = checkFilterValue(filter.cycle, 'cycle');
  if (!cycle) throw new ValidationError('name the cycle, e.g. 2026-Q3', 'cycle');
  const department = checkFilterValue(filter.department, 'department');
  const total = sumGroups(await groupsFor(app, viewer, { cycle, department }), cycle, department ?? '*');
  return {
    cycle,
    department,
    byStatus: STAGES.map((key) => ({ key, label: STAGE_LABELS[key]!, count: total.stages[key] ?? 0 })),
    byStep: Object.entries(total.steps)
      .map(([key, s]) => ({ key, label: s.label, count: s.count }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
  };
}

export async function completionTrend(app: App, viewer: Viewer, filter: { department?: string | null }): Promise<CompletionTrend> {
  const department = checkFilterValue(filter.department, 'department');
  const groups = byCycleAndDepartment(await groupsFor(app, viewer, { cycle: null, department }));
  const cycles = [...new Set(groups.map((g) => g.cycle))].sort();
  const departments = [...new Set(groups.map((g) => g.department))].sort();
  return {
    cycles,
    series: departments.map((d) => ({
      department: d,
      completionRate: cycles.map((c) => {
        const g = groups.find((x) => x.cycle === c && x.department === d);
        return g && g.records > 0 ? rate(g.stages.locked ?? 0, g.records) : null;
      }),
    })),
  };
}

/** The median of a histogram of values → counts; null when empty. */
export function medianOf(values: Readonly<Record<string, number>>): number | null {
  const sorted = Object.entries(values)
    .map(([v, n]) => [Number(v), n] as const)
    .sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const at = (k: number): number => {
    let seen = 0;
    for (const [v, n] of sorted) {
      seen += n;
      if (k < seen) return v;
    }
    return sorted[sorted.length - 1]![0];
  };
  const mid = Math.floor(total / 2);
  return total % 2 === 1 ? at(mid) : Math.round(((at(mid - 1) + at(mid)) / 2) * 10) / 10;
}

/**
 * An employee's radar for a cycle: null when there is no such record or the viewer may not see
 * it (the employee themself, the record's manager, the company's overseers).
 */
export async function radarDashboard(
  app: App,
  viewer: Viewer,
  args: { employeeId: string; cycle: string },
): Promise<RadarDashboard | null> {
  const employeeId = checkFilterValue(args.employeeId, 'employeeId');
  const cycle = checkFilterValue(args.cycle, 'cycle');
  if (!employeeId || !cycle) return null;
  const [record] = await app.readModels.find<AnalyticsRecordDoc>(ANALYTICS_RECORDS, {
    where: { employeeId, cycle },
    orderBy: { field: 'updatedAt', direction: 'desc' },
    limit: 1,
  });
  if (!record || !canViewRadar(viewer, record)) return null;
  const group = await app.readModels.get<GroupDoc>(ANALYTICS_GROUPS, groupDocId(COMPANY_SCOPE, cycle, record.department));
  return {
    employeeId,
    cycle,
    department: record.department,
    interviewId: record.id,
    templateId: record.templateId,
    dimensions: record.dimensions.map((d) => ({
      key: d.key,
      label: d.label,
      employee: d.value,
      departmentMedian: group?.dimensions[d.key] ? medianOf(group.dimensions[d.key]!.values) : null,
      goals: d.goals,
      inferred: d.inferred,
    })),
  };
}

/** People in groups of one cycle: departments do not share people, so their counts add up. */
const sumPeople = (groups: readonly GroupDoc[], pick: (g: GroupDoc) => number): number => groups.reduce((s, g) => s + pick(g), 0);

export async function themesDashboard(app: App, viewer: Viewer, filter: DashboardFilter): Promise<ThemesDashboard> {
  const cycle = checkFilterValue(filter.cycle, 'cycle');
  const department = checkFilterValue(filter.department, 'department');
  const groups = await groupsFor(app, viewer, { cycle, department });
  // The group the figures are of has at least as many people as its largest cycle (a lower
  // bound: the threshold never lets a smaller group through).
  const cycles = [...new Set(groups.map((g) => g.cycle))];
  const people = Math.max(
    0,
    ...cycles.map((c) =>
      sumPeople(
        groups.filter((g) => g.cycle === c),
        (g) => g.people,
      ),
    ),
  );
  if (!mayReadTextAggregate(viewer, people, app.config.analytics.minGroupSize)) return { cycle, department, themes: [], withheld: true };
  const names = [...new Set(groups.flatMap((g) => Object.keys(g.themes)))];
  const scope = dashboardScope(viewer);
  // Distinct people over several cycles: the scope's running totals per department (or all of them).
  const scopeKey = scope.kind === 'company' ? COMPANY_SCOPE : scope.kind === 'team' ? teamScope(scope.managerId) : null;
  const acrossCycles = cycles.length > 1 && scopeKey !== null;
  const totals = acrossCycles
    ? await app.readModels.getMany<ThemeTotalDoc>(
        ANALYTICS_THEME_TOTALS,
        names.map((theme) => themePeopleId(scopeKey, department ?? ALL_DEPARTMENTS, theme)),
      )
    : [];
  const themes: ThemeRow[] = [];
  names.forEach((theme, i) => {
    const having = groups.filter((g) => g.themes[theme]);
    const themeCycles = [...new Set(having.map((g) => g.cycle))].sort();
    const byCycle = themeCycles.map((c) => {
      const inCycle = having.filter((g) => g.cycle === c);
      return {
        cycle: c,
        records: inCycle.reduce((s, g) => s + g.themes[theme]!.records, 0),
        people: sumPeople(inCycle, (g) => g.themes[theme]!.people),
      };
    });
    themes.push({
      theme,
      records: having.reduce((s, g) => s + g.themes[theme]!.records, 0),
      people: acrossCycles ? (totals[i]?.people ?? 0) : Math.max(0, ...byCycle.map((c) => c.people)),
      byCycle,
      passages: [],
    });
  });
  themes.sort((a, b) => b.records - a.records || b.people - a.people || a.theme.localeCompare(b.theme));
  // The passages behind the leading themes (the records of the groups shown, newest first).
  const shown = themes.slice(0, 10);
  const passagesOf = new Map<string, PassageRef[]>();
  for (const row of shown) {
    const passages: PassageRef[] = [];
    for (const g of [...groups].filter((x) => x.themes[row.theme]).sort((a, b) => b.cycle.localeCompare(a.cycle))) {
      if (passages.length >= MAX_PASSAGES) break;
      const where: Record<string, string> = { cycle: g.cycle, department: g.department };
      if (scope.kind === 'team') where.managerId = scope.managerId;
      if (scope.kind === 'self') where.employeeId = scope.employeeId;
      const records = await app.readModels.find<AnalyticsRecordDoc>(ANALYTICS_RECORDS, {
        where,
        contains: { field: 'themes', value: row.theme },
        orderBy: { field: 'updatedAt', direction: 'desc' },
        limit: MAX_PASSAGES,
      });
      for (const r of records) {
        for (const [path, t] of Object.entries(r.texts)) {
          if (passages.length >= MAX_PASSAGES) break;
          if (t.themes.includes(row.theme))
            passages.push({ interviewId: r.id, version: t.version, path, text: t.text, eventHash: t.eventHash });
        }
      }
    }
    passagesOf.set(row.theme, passages);
  }
  return { cycle, department, themes: themes.map((row) => ({ ...row, passages: passagesOf.get(row.theme) ?? [] })), withheld: false };
}

const mean = (sum: number, n: number): number => (n === 0 ? 0 : Math.round((sum / n) * 1000) / 1000);

export async function sentimentDashboard(app: App, viewer: Viewer, filter: { department?: string | null }): Promise<SentimentDashboard> {
  const department = checkFilterValue(filter.department, 'department');
  const groups = byCycleAndDepartment(await groupsFor(app, viewer, { cycle: null, department }));
  const rows: SentimentRow[] = groups
    .filter((g) => g.sentiment.records > 0)
    .map((g) => ({ g, people: g.sentiment.people }))
    .filter(({ people }) => mayReadTextAggregate(viewer, people, app.config.analytics.minGroupSize))
    .map(({ g, people }) => ({
      department: g.department,
      cycle: g.cycle,
      records: g.sentiment.records,
      people,
      positive: g.sentiment.positive,
      neutral: g.sentiment.neutral,
      negative: g.sentiment.negative,
      meanScore: mean(g.sentiment.scoreSum, g.sentiment.records),
    }));
  const cycles = [...new Set(rows.map((r) => r.cycle))].sort();
  // Each department's own last three cycles with records: its mean score fell twice in a row.
  const turningNegative = [...new Set(rows.map((r) => r.department))].sort().filter((d) => {
    const last = rows
      .filter((r) => r.department === d)
      .sort((a, b) => a.cycle.localeCompare(b.cycle))
      .slice(-3);
    return last.length === 3 && last[1]!.meanScore < last[0]!.meanScore && last[2]!.meanScore < last[1]!.meanScore;
  });
  return { cycles, rows, turningNegative };
}

/** docs/analytics.md, "The rules behind the signals". */
export const GOAL_PRESSURE_RULE = { meanBelow: 90, missedShareAtLeast: 0.7, mentionsPerPersonAtLeast: 1 / 3 } as const;

export async function goalPressureDashboard(app: App, viewer: Viewer, filter: DashboardFilter): Promise<GoalPressureRow[]> {
  const cycle = checkFilterValue(filter.cycle, 'cycle');
  const department = checkFilterValue(filter.department, 'department');
  const groups = byCycleAndDepartment(await groupsFor(app, viewer, { cycle, department }));
  return groups.map((g) => {
    const people = g.people;
    const shown = mayReadTextAggregate(viewer, people, app.config.analytics.minGroupSize);
    const meanAchievement = g.achievementCount === 0 ? null : Math.round((g.achievementSum / g.achievementCount) * 10) / 10;
    const pressureMentions = shown ? g.stress : null;
    const reasons: GoalPressureReason[] = [];
    if (meanAchievement !== null && meanAchievement < GOAL_PRESSURE_RULE.meanBelow) reasons.push('lowAchievement');
    if (g.goals > 0 && g.missed / g.goals >= GOAL_PRESSURE_RULE.missedShareAtLeast) reasons.push('manyMissed');
    if (pressureMentions !== null && people > 0 && pressureMentions / people >= GOAL_PRESSURE_RULE.mentionsPerPersonAtLeast - 1e-9)
      reasons.push('pressureWords');
    return {
      department: g.department,
      cycle: g.cycle,
      people,
      goals: g.goals,
      missed: g.missed,
      meanAchievement,
      pressureMentions,
      highPressure: reasons.length > 0,
      reasons,
    };
  });
}

export async function supportNeedTotals(app: App, viewer: Viewer, filter: DashboardFilter): Promise<SupportNeedTotal[]> {
  const cycle = checkFilterValue(filter.cycle, 'cycle');
  const department = checkFilterValue(filter.department, 'department');
  const totals = new Map<string, SupportNeedTotal>();
  for (const g of await groupsFor(app, viewer, { cycle, department })) {
    for (const [key, count] of Object.entries(g.needs)) {
      const [type, status] = JSON.parse(key) as [string, string];
      const id = JSON.stringify([g.department, type, status]);
      const current = totals.get(id);
      totals.set(id, { department: g.department, type, status, count: (current?.count ?? 0) + count });
    }
  }
  return [...totals.values()].sort(
    (a, b) => a.department.localeCompare(b.department) || a.type.localeCompare(b.type) || a.status.localeCompare(b.status),
  );
}

/** The dashboards by name, as the HTTP routes serve them (GraphQL has a field for each): the charts' names. */
export const DASHBOARD_NAMES = CHART_NAMES;
export type DashboardName = ChartName;
export const isDashboardName = isChartName;

export interface DashboardParams {
  readonly cycle?: string | null;
  readonly department?: string | null;
  readonly employeeId?: string | null;
}

/** One dashboard's data by name; null only for a radar there is none of (or none the viewer may see). */
export async function dashboardData(app: App, viewer: Viewer, name: DashboardName, params: DashboardParams): Promise<unknown> {
  const filter = { cycle: params.cycle ?? null, department: params.department ?? null };
  switch (name) {
    case 'completion':
      return completionDashboard(app, viewer, filter);
    case 'progress':
      return progressDashboard(app, viewer, filter);
    case 'completionTrend':
      return completionTrend(app, viewer, filter);
    case 'radar':
      return radarDashboard(app, viewer, { employeeId: params.employeeId ?? '', cycle: params.cycle ?? '' });
    case 'themes':
      return themesDashboard(app, viewer, filter);
    case 'sentiment':
      return sentimentDashboard(app, viewer, filter);
    case 'goalPressure':
      return goalPressureDashboard(app, viewer, filter);
    case 'supportNeeds':
      return supportNeedTotals(app, viewer, filter);
  }
}
