import type { CompletionTrend } from '../dashboard-types';
import { type ChartLocale, percent, word } from './chart-locale';
import { WIDE, chartTitle, renderNoData, renderSvg } from './render-svg';

/** One line per department: its completion rate (per cent) in each cycle, oldest first. */
export function completionTrendChart(d: CompletionTrend, locale: ChartLocale = 'zh'): string {
  const title = chartTitle(word('trendTitle', locale));
  if (d.cycles.length === 0 || d.series.length === 0) return renderNoData(title, locale, WIDE);
  return renderSvg(
    {
      title: { text: title, left: 'center' },
      legend: { bottom: 0 },
      grid: { top: 60, bottom: 70, left: 60, right: 40 },
      xAxis: { type: 'category', name: word('cycle', locale), data: [...d.cycles], boundaryGap: false },
      yAxis: { type: 'value', name: word('completionRate', locale), min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: d.series.map((s) => ({
        type: 'line' as const,
        name: s.department,
        // A cycle in which the department had no records is a gap, not 0 %.
        data: s.completionRate.map((rate) => (rate === null ? null : percent(rate))),
        label: { show: true, formatter: '{c}%' },
      })),
    },
    WIDE,
  );
}
