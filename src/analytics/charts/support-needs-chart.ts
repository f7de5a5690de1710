import type { SupportNeedTotal } from '../dashboard-types';
import { type ChartLocale, supportLabel, word } from './chart-locale';
import { WIDE, chartTitle, hideZeroLabel, renderNoData, renderSvg } from './render-svg';

/**
 * Per department a stacked bar of support needs by type (resources, training, collaboration,
 * other); the totals by status (pending, approved, fulfilled…) are the subtitle.
 */
export function supportNeedsChart(rows: readonly SupportNeedTotal[], locale: ChartLocale = 'zh'): string {
  const title = chartTitle(word('supportNeedsTitle', locale));
  const counted = rows.filter((r) => r.count > 0);
  if (counted.length === 0) return renderNoData(title, locale, WIDE);
  const departments = [...new Set(counted.map((r) => r.department))];
  const types = [...new Set(counted.map((r) => r.type))];
  const byStatus = new Map<string, number>();
  for (const r of counted) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + r.count);
  const subtext = [...byStatus].map(([status, n]) => `${supportLabel(status, locale)} ${n}`).join(' · ');
  const count = (department: string, type: string) =>
    counted.filter((r) => r.department === department && r.type === type).reduce((sum, r) => sum + r.count, 0);
  return renderSvg(
    {
      title: { text: title, subtext, left: 'center' },
      legend: { bottom: 0 },
      grid: { top: 80, bottom: 70, left: 60, right: 40 },
      xAxis: { type: 'category', data: departments, axisLabel: { interval: 0 } },
      yAxis: { type: 'value', name: word('records', locale), minInterval: 1 },
      series: types.map((type) => ({
        type: 'bar' as const,
        name: supportLabel(type, locale),
        stack: 'type',
        barMaxWidth: 48,
        data: departments.map((dep) => count(dep, type)),
        label: { show: true, formatter: hideZeroLabel },
      })),
    },
    WIDE,
  );
}
