import type { ThemesDashboard } from '../dashboard-types';
import { type ChartLocale, word } from './chart-locale';
import { WIDE, chartTitle, renderMessage, renderNoData, renderSvg } from './render-svg';

/**
 * Horizontal bars of recurring concerns, most frequent on top: records that raise the theme and
 * distinct people who raised it. A withheld group gets the title and a message, never figures.
 */
export function themesChart(d: ThemesDashboard, locale: ChartLocale = 'zh'): string {
  const title = chartTitle(
    word('themesTitle', locale),
    d.cycle ?? word('allCycles', locale),
    d.department ?? word('allDepartments', locale),
  );
  if (d.withheld) return renderMessage(title, word('withheld', locale), WIDE);
  const themes = d.themes.filter((t) => t.records > 0);
  if (themes.length === 0) return renderNoData(title, locale, WIDE);
  return renderSvg(
    {
      title: { text: title, left: 'center' },
      legend: { bottom: 0 },
      grid: { top: 60, bottom: 60, left: 40, right: 60, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: themes.map((t) => t.theme), axisLabel: { interval: 0 } },
      series: [
        {
          type: 'bar',
          name: word('records', locale),
          data: themes.map((t) => t.records),
          label: { show: true, position: 'right' },
        },
        {
          type: 'bar',
          name: word('people', locale),
          data: themes.map((t) => t.people),
          label: { show: true, position: 'right' },
        },
      ],
    },
    { width: WIDE.width, height: Math.max(WIDE.height, 120 + themes.length * 48) },
  );
}
