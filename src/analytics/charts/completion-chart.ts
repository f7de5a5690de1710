import type { CompletionDashboard, CompletionRow } from '../dashboard-types';
import { type ChartLocale, type ChartWord, percent, word } from './chart-locale';
import { WIDE, chartTitle, hideZeroLabel, renderNoData, renderSvg } from './render-svg';

/** The segments of a department's bar, bottom to top: a record's way from scheduled to locked. */
const SEGMENTS: readonly (readonly [ChartWord, (row: CompletionRow) => number])[] = [
  ['scheduled', (r) => r.scheduled],
  ['inProgress', (r) => r.inProgress.reduce((sum, s) => sum + s.count, 0)],
  ['awaitingSignatures', (r) => r.awaitingSignatures],
  ['locked', (r) => r.locked],
];

/**
 * The article's chart: per department a stacked bar of records by status (scheduled, in progress,
 * awaiting signatures, locked), an overdue bar beside it, and the completion rate as a line on a
 * second axis in per cent. The totals of all departments are the subtitle.
 */
export function completionChart(d: CompletionDashboard, locale: ChartLocale = 'zh'): string {
  const title = chartTitle(word('completionTitle', locale), d.cycle);
  const rows = d.departments;
  if (rows.length === 0 || rows.every((r) => r.total === 0)) return renderNoData(title, locale, WIDE);
  const t = d.total;
  const subtext =
    `${word('total', locale)} ${t.total} · ${word('locked', locale)} ${t.locked} · ` +
    `${word('overdue', locale)} ${t.overdue} · ${word('completionRate', locale)} ${percent(t.completionRate)}%`;
  return renderSvg(
    {
      title: { text: title, subtext, left: 'center' },
      legend: { bottom: 0 },
      grid: { top: 80, bottom: 70, left: 60, right: 70 },
      xAxis: { type: 'category', data: rows.map((r) => r.department), axisLabel: { interval: 0 } },
      yAxis: [
        { type: 'value', name: word('records', locale), minInterval: 1 },
        { type: 'value', name: word('completionRate', locale), min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        ...SEGMENTS.map(([key, count]) => ({
          type: 'bar' as const,
          name: word(key, locale),
          stack: 'status',
          barMaxWidth: 48,
          data: rows.map(count),
          label: { show: true, formatter: hideZeroLabel },
        })),
        {
          type: 'bar',
          name: word('overdue', locale),
          barMaxWidth: 24,
          itemStyle: { color: '#d9534f' },
          data: rows.map((r) => r.overdue),
          label: { show: true, position: 'top', formatter: hideZeroLabel },
        },
        {
          type: 'line',
          name: word('completionRate', locale),
          yAxisIndex: 1,
          data: rows.map((r) => percent(r.completionRate)),
          label: { show: true, position: 'top', formatter: '{c}%' },
        },
      ],
    },
    WIDE,
  );
}
