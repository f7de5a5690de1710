/**
 * Interactive charts for the console's pages: Apache ECharts (the same library the server
 * draws its SVG dashboards with), tree-shaken to the chart kinds the dashboards use and drawn
 * as SVG (sharp at any zoom, and testable in jsdom). Follows the language switch (ECharts'
 * own texts) and the container's width.
 */
import { BarChart, LineChart, PieChart, RadarChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  RadarChart,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  SVGRenderer,
]);

export type EChartOption = echarts.EChartsCoreOption;

export function EChart({ option, height = 320, ariaLabel }: { option: EChartOption; height?: number; ariaLabel: string }) {
  const { locale } = useI18n();
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, undefined, { renderer: 'svg', locale: locale === 'en' ? 'EN' : 'ZH' });
    chart.current = instance;
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => instance.resize());
    observer?.observe(element.current);
    return () => {
      observer?.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [locale]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option, locale]);

  return <div ref={element} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} />;
}
