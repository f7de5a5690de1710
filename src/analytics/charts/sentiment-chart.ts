import type { SentimentDashboard } from '../dashboard-types';
import { type ChartLocale, qualify, word } from './chart-locale';
import { WIDE, chartTitle, renderNoData, renderSvg } from './render-svg';

const round = (n: number): number => Math.round(n * 100) / 100;

/**
 * One line per department: its mean interview score (−1 … 1) in each cycle, with a gap where a
 * cycle has no rows (or was withheld). A department whose score fell in each of the last two
 * cycles is drawn thick and dashed and named "（连续下降）" in the legend.
 */
export function sentimentChart(d: SentimentDashboard, locale: ChartLocale = 'zh'): string {
  const title = chartTitle(word('sentimentTitle', locale));
  if (d.cycles.length === 0 || d.rows.length === 0) return renderNoData(title, locale, WIDE);
  const departments = [...new Set(d.rows.map((r) => r.department))];
  const falling = new Set(d.turningNegative);
  return renderSvg(
    {
      title: { text: title, left: 'center' },
      legend: { bottom: 0 },
      grid: { top: 60, bottom: 70, left: 60, right: 40 },
      xAxis: { type: 'category', name: word('cycle', locale), data: [...d.cycles], boundaryGap: false },
      yAxis: { type: 'value', name: word('meanScore', locale), min: -1, max: 1 },
      series: departments.map((department) => {
        const score = new Map(d.rows.filter((r) => r.department === department).map((r) => [r.cycle, r.meanScore]));
        const marked = falling.has(department);
        return {
          type: 'line' as const,
          name: marked ? qualify(department, word('turningNegative', locale), locale) : department,
          data: d.cycles.map((c) => {
            const s = score.get(c);
            return s === undefined ? null : round(s);
          }),
          label: { show: true },
          lineStyle: marked ? { width: 4, type: 'dashed' as const } : { width: 2 },
        };
      }),
    },
    WIDE,
  );
}
