import type { RadarDashboard } from '../dashboard-types';
import { type ChartLocale, localize, qualify, word } from './chart-locale';
import { SQUARE, chartTitle, renderNoData, renderSvg } from './render-svg';

const round = (n: number): number => Math.round(n * 10) / 10;

/**
 * The employee's mean achievement per dimension against the department median. Achievement can
 * pass 100 %, so the scale is 100 or the largest value rounded up to ten. A dimension without a
 * goal is drawn at 0 and says so in its axis name, so a 0 there is not read as a failed goal.
 */
export function radarChart(d: RadarDashboard, locale: ChartLocale = 'zh'): string {
  const title = chartTitle(word('radarTitle', locale), d.employeeId, d.cycle);
  if (d.dimensions.every((x) => x.employee === null && x.departmentMedian === null)) return renderNoData(title, locale, SQUARE);
  const values = d.dimensions.flatMap((x) => [x.employee ?? 0, x.departmentMedian ?? 0]);
  const max = Math.max(100, Math.ceil(Math.max(...values) / 10) * 10);
  const indicator = d.dimensions.map((x) => ({
    name: x.employee === null ? qualify(localize(x.label, locale), word('noGoal', locale), locale) : localize(x.label, locale),
    max,
  }));
  return renderSvg(
    {
      title: { text: title, subtext: d.department, left: 'center' },
      legend: { bottom: 0 },
      radar: { indicator, radius: '60%', center: ['50%', '54%'] },
      series: [
        {
          type: 'radar',
          label: { show: true },
          data: [
            { name: word('employee', locale), value: d.dimensions.map((x) => round(x.employee ?? 0)), areaStyle: { opacity: 0.2 } },
            {
              name: word('departmentMedian', locale),
              value: d.dimensions.map((x) => round(x.departmentMedian ?? 0)),
              lineStyle: { type: 'dashed' },
            },
          ],
        },
      ],
    },
    SQUARE,
  );
}
