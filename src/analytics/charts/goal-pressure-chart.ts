import type { GoalPressureRow } from '../dashboard-types';
import { type ChartLocale, percent, qualify, word } from './chart-locale';
import { WIDE, chartTitle, renderNoData, renderSvg } from './render-svg';

const HIGH = '#d9534f';
const NORMAL = '#5070dd';

/**
 * Per department (and cycle, when the rows span more than one): mean goal achievement as a bar,
 * red and named "（压力较大）" when the row is high-pressure, and the share of goals missed on a
 * second axis. A department whose goals have no achievement yet shows "无目标" instead of a 0.
 */
export function goalPressureChart(rows: readonly GoalPressureRow[], locale: ChartLocale = 'zh'): string {
  const cycles = [...new Set(rows.map((r) => r.cycle))];
  const title = chartTitle(word('goalPressureTitle', locale), cycles.length === 1 ? cycles[0] : null);
  if (rows.length === 0 || rows.every((r) => r.goals === 0)) return renderNoData(title, locale, WIDE);
  const category = (r: GoalPressureRow) => {
    const name = cycles.length > 1 ? `${r.department} ${r.cycle}` : r.department;
    return r.highPressure ? qualify(name, word('highPressure', locale), locale) : name;
  };
  const noGoal = word('noGoal', locale);
  return renderSvg(
    {
      title: { text: title, left: 'center' },
      legend: { bottom: 0 },
      grid: { top: 70, bottom: 70, left: 60, right: 70 },
      xAxis: { type: 'category', data: rows.map(category), axisLabel: { interval: 0 } },
      yAxis: [
        {
          type: 'value',
          name: word('meanAchievement', locale),
          min: 0,
          // Never shorter than 100 %, so that a department at 50 % does not fill the axis.
          max: (extent: { max: number }) => Math.max(100, Math.ceil(extent.max / 10) * 10),
          axisLabel: { formatter: '{value}%' },
        },
        { type: 'value', name: word('missedShare', locale), min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        {
          type: 'bar',
          name: word('meanAchievement', locale),
          barMaxWidth: 40,
          itemStyle: { color: NORMAL },
          data: rows.map((r) => ({
            value: r.meanAchievement === null ? 0 : Math.round(r.meanAchievement * 10) / 10,
            itemStyle: { color: r.highPressure ? HIGH : NORMAL },
            label: { formatter: r.meanAchievement === null ? noGoal : '{c}%' },
          })),
          label: { show: true, position: 'top' },
        },
        {
          type: 'bar',
          name: word('missedShare', locale),
          yAxisIndex: 1,
          barMaxWidth: 24,
          itemStyle: { color: '#f0ad4e' },
          data: rows.map((r) => (r.goals === 0 ? 0 : percent(r.missed / r.goals))),
          label: { show: true, position: 'top', formatter: '{c}%' },
        },
      ],
    },
    WIDE,
  );
}
