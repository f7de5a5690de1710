/**
 * ECharts options for the dashboards, drawn in the browser from the API's JSON (the shapes of
 * src/analytics/dashboard-types.ts): the same figures the server's SVG charts show, but
 * interactive (tooltips, legend toggles). Pure: data and the translator in, an option out.
 */
import type {
  CompletionDashboard,
  CompletionTrend,
  GoalPressureRow,
  ProgressDashboard,
  RadarDashboard,
  SentimentDashboard,
  SupportNeedTotal,
  ThemesDashboard,
} from '../../../src/analytics/dashboard-types';
import type { EChartOption } from '../charts/EChart';
import type { Locale, Translate } from '../i18n';
import type { MessageKey } from '../i18n/messages';

const text = (label: { zh: string; en: string }, locale: Locale) => (locale === 'en' ? label.en : label.zh);
const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

export const COLORS = { scheduled: '#bfbfbf', inProgress: '#1677ff', awaiting: '#faad14', locked: '#52c41a', overdue: '#ff4d4f' };

export function completionOption(d: CompletionDashboard, t: Translate): EChartOption {
  const departments = d.departments.map((r) => r.department);
  const inProgress = (r: CompletionDashboard['departments'][number]) => r.inProgress.reduce((n, s) => n + s.count, 0);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 48, right: 56, top: 48, bottom: 64, containLabel: true },
    xAxis: { type: 'category', data: departments, axisLabel: { interval: 0, rotate: departments.length > 6 ? 30 : 0 } },
    yAxis: [
      { type: 'value', name: t('hr.chart.records'), minInterval: 1 },
      { type: 'value', name: t('hr.chart.completionRate'), min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      {
        name: t('hr.chart.scheduled'),
        type: 'bar',
        stack: 'status',
        data: d.departments.map((r) => r.scheduled),
        itemStyle: { color: COLORS.scheduled },
      },
      {
        name: t('hr.chart.inProgress'),
        type: 'bar',
        stack: 'status',
        data: d.departments.map(inProgress),
        itemStyle: { color: COLORS.inProgress },
      },
      {
        name: t('hr.chart.awaitingSignatures'),
        type: 'bar',
        stack: 'status',
        data: d.departments.map((r) => r.awaitingSignatures),
        itemStyle: { color: COLORS.awaiting },
      },
      {
        name: t('hr.chart.locked'),
        type: 'bar',
        stack: 'status',
        data: d.departments.map((r) => r.locked),
        itemStyle: { color: COLORS.locked },
      },
      { name: t('hr.chart.overdue'), type: 'bar', data: d.departments.map((r) => r.overdue), itemStyle: { color: COLORS.overdue } },
      {
        name: t('hr.chart.completionRate'),
        type: 'line',
        yAxisIndex: 1,
        data: d.departments.map((r) => percent(r.completionRate)),
        tooltip: { valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
      },
    ],
  };
}

export function progressOption(d: ProgressDashboard, t: Translate, locale: Locale): EChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { type: 'scroll', bottom: 0 },
    series: [
      {
        name: t('hr.chart.byStep'),
        type: 'pie',
        radius: [0, '35%'],
        label: { position: 'inner', formatter: '{c}' },
        data: d.byStep.map((s) => ({ name: text(s.label, locale), value: s.count })),
      },
      {
        name: t('hr.chart.byStatus'),
        type: 'pie',
        radius: ['48%', '68%'],
        label: { formatter: '{b}: {c}' },
        data: d.byStatus.map((s) => ({ name: text(s.label, locale), value: s.count })),
      },
    ],
  };
}

export function trendOption(d: CompletionTrend, t: Translate): EChartOption {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 48, right: 24, top: 48, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: [...d.cycles] },
    yAxis: { type: 'value', min: 0, max: 100, name: t('hr.chart.completionRate'), axisLabel: { formatter: '{value}%' } },
    series: d.series.map((s) => ({ name: s.department, type: 'line', connectNulls: false, data: s.completionRate.map(percent) })),
  };
}

export function radarOption(d: RadarDashboard, t: Translate, locale: Locale): EChartOption {
  const values = d.dimensions.flatMap((x) => [x.employee ?? 0, x.departmentMedian ?? 0]);
  const max = Math.max(100, Math.ceil(Math.max(0, ...values) / 10) * 10);
  return {
    tooltip: {},
    legend: { bottom: 0 },
    radar: {
      indicator: d.dimensions.map((x) => ({ name: text(x.label, locale) + (x.employee === null ? t('hr.chart.noGoal') : ''), max })),
    },
    series: [
      {
        type: 'radar',
        data: [
          { name: t('hr.chart.employee'), value: d.dimensions.map((x) => x.employee ?? 0) },
          { name: t('hr.chart.departmentMedian'), value: d.dimensions.map((x) => x.departmentMedian ?? 0) },
        ],
      },
    ],
  };
}

export function themesOption(d: ThemesDashboard, t: Translate): EChartOption {
  const top = [...d.themes]
    .sort((a, b) => b.records - a.records)
    .slice(0, 15)
    .reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 16, right: 24, top: 32, bottom: 16, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: top.map((x) => x.theme) },
    series: [
      { name: t('hr.chart.records'), type: 'bar', data: top.map((x) => x.records) },
      { name: t('hr.chart.people'), type: 'bar', data: top.map((x) => x.people) },
    ],
  };
}

export function sentimentOption(d: SentimentDashboard, t: Translate): EChartOption {
  const departments = [...new Set(d.rows.map((r) => r.department))];
  return {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 48, right: 24, top: 48, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: [...d.cycles] },
    yAxis: { type: 'value', min: -1, max: 1, name: t('hr.chart.meanScore') },
    series: departments.map((department) => {
      const turning = d.turningNegative.includes(department);
      return {
        name: turning ? `${department}${t('hr.chart.turningNegative')}` : department,
        type: 'line',
        lineStyle: turning ? { width: 4, type: 'dashed' } : undefined,
        data: d.cycles.map((cycle) => d.rows.find((r) => r.department === department && r.cycle === cycle)?.meanScore ?? null),
      };
    }),
  };
}

export function goalPressureOption(rows: readonly GoalPressureRow[], t: Translate): EChartOption {
  const cycles = new Set(rows.map((r) => r.cycle));
  const label = (r: GoalPressureRow) => (cycles.size > 1 ? `${r.department} ${r.cycle}` : r.department);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 48, right: 56, top: 48, bottom: 48, containLabel: true },
    xAxis: {
      type: 'category',
      data: rows.map((r) => (r.highPressure ? `${label(r)}${t('hr.chart.highPressure')}` : label(r))),
      axisLabel: { interval: 0 },
    },
    yAxis: [
      { type: 'value', name: t('hr.chart.meanAchievement'), axisLabel: { formatter: '{value}%' } },
      { type: 'value', name: t('hr.chart.missedShare'), min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      {
        name: t('hr.chart.meanAchievement'),
        type: 'bar',
        data: rows.map((r) => ({ value: r.meanAchievement, itemStyle: { color: r.highPressure ? COLORS.overdue : '#1677ff' } })),
      },
      {
        name: t('hr.chart.missedShare'),
        type: 'line',
        yAxisIndex: 1,
        data: rows.map((r) => (r.goals > 0 ? Math.round((r.missed / r.goals) * 1000) / 10 : null)),
      },
    ],
  };
}

export const NEED_TYPES = ['resource', 'training', 'collaboration', 'other'] as const;

export function supportNeedsOption(rows: readonly SupportNeedTotal[], t: Translate): EChartOption {
  const departments = [...new Set(rows.map((r) => r.department))].sort();
  const types = [...new Set([...NEED_TYPES, ...rows.map((r) => r.type)])];
  const typeLabel = (type: string) => ((NEED_TYPES as readonly string[]).includes(type) ? t(`team.needType.${type}` as MessageKey) : type);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 48, right: 24, top: 48, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: departments, axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1, name: t('hr.chart.needs') },
    series: types.map((type) => ({
      name: typeLabel(type),
      type: 'bar',
      stack: 'type',
      data: departments.map((department) =>
        rows.filter((r) => r.department === department && r.type === type).reduce((n, r) => n + r.count, 0),
      ),
    })),
  };
}
