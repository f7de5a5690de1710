import * as echarts from 'echarts';
import { type ChartLocale, word } from './chart-locale';

/*
 * `echarts` resolves to its CommonJS bundle (dist/echarts.js, every chart type). The modular
 * imports (`echarts/core`, `echarts/charts`…) are ES modules only: tsc refuses them under
 * `module: node16` (TS1479), jest cannot load them untransformed, and Node's require() of them
 * took longer (about 430 ms) than the bundle (about 85 ms) on this machine.
 */

export type ChartOption = echarts.EChartsOption;

/**
 * Fonts that have Chinese glyphs, in the order a viewer's system is likely to have them. Names are
 * in single quotes: ECharts writes the stack into a double-quoted `style` attribute unescaped.
 */
export const CHART_FONT_FAMILY =
  "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif";

export interface ChartSize {
  readonly width: number;
  readonly height: number;
}

export const WIDE: ChartSize = { width: 860, height: 480 };
export const SQUARE: ChartSize = { width: 640, height: 520 };

/** Draws one option server-side and returns the SVG document; the chart instance never outlives the call. */
export function renderSvg(option: ChartOption, size: ChartSize): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: CHART_FONT_FAMILY },
      ...option,
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** A chart with a title and one line of text in the middle: no data, or data withheld. */
export function renderMessage(title: string, message: string, size: ChartSize): string {
  return renderSvg(
    {
      title: { text: title, left: 'center' },
      graphic: {
        type: 'text',
        left: 'center',
        top: 'middle',
        style: { text: message, fontSize: 16, fill: '#888', fontFamily: CHART_FONT_FAMILY },
      },
    },
    size,
  );
}

export function renderNoData(title: string, locale: ChartLocale, size: ChartSize): string {
  return renderMessage(title, word('noData', locale), size);
}

/** A label formatter for stacked segments: a zero segment has no height, so it gets no label either. */
export const hideZeroLabel = (p: { value?: unknown }): string => (p.value === 0 ? '' : String(p.value));

/** "Title · part · part", leaving out empty parts. */
export function chartTitle(...parts: readonly (string | null | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join(' · ');
}
