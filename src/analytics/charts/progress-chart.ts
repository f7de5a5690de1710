import type { ProgressDashboard } from '../dashboard-types';
import { type ChartLocale, localize, word } from './chart-locale';
import { SQUARE, chartTitle, renderNoData, renderSvg } from './render-svg';

/**
 * A donut of the cycle's records by status; when open records are at known steps, an inner pie
 * of those records by step. Each slice is labelled with its count and its share.
 */
export function progressChart(d: ProgressDashboard, locale: ChartLocale = 'zh'): string {
  const title = chartTitle(word('progressTitle', locale), d.cycle, d.department ?? word('allDepartments', locale));
  const byStatus = d.byStatus.filter((s) => s.count > 0);
  if (byStatus.length === 0) return renderNoData(title, locale, SQUARE);
  const byStep = d.byStep.filter((s) => s.count > 0);
  const slices = (items: typeof byStatus) => items.map((s) => ({ name: localize(s.label, locale), value: s.count }));
  return renderSvg(
    {
      title: { text: title, left: 'center' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          name: 'status',
          radius: byStep.length > 0 ? ['48%', '68%'] : ['40%', '68%'],
          center: ['50%', '52%'],
          data: slices(byStatus),
          label: { show: true, formatter: locale === 'zh' ? '{b}\n{c}（{d}%）' : '{b}\n{c} ({d}%)' },
        },
        ...(byStep.length > 0
          ? [
              {
                type: 'pie' as const,
                name: 'step',
                radius: [0, '34%'],
                center: ['50%', '52%'],
                data: slices(byStep),
                label: { show: true, position: 'inside' as const, formatter: '{b}\n{c}' },
              },
            ]
          : []),
      ],
    },
    SQUARE,
  );
}
