import { completionTrendChart } from '../../../src/analytics/charts/completion-trend-chart';
import { sentimentChart } from '../../../src/analytics/charts/sentiment-chart';
import { sentiment, trend } from './fixtures';
import { dataShapes, parseSvg, symbolCentre, texts } from './svg';

/** The centres of a line series' point symbols, in cycle order. */
const points = (svg: string, series: number) =>
  dataShapes(svg)
    .filter((s) => s.series === series)
    .sort((a, b) => a.data - b.data)
    .map(symbolCentre);

describe('completionTrendChart', () => {
  const svg = completionTrendChart(trend);
  const labels = texts(svg);

  it('draws a line per department across the cycles, labelled in per cent', () => {
    expect(labels).toEqual(expect.arrayContaining(['面谈完成率趋势', '生产部', '研发部', '2025H1', '2025H2', '2026H1']));
    expect(labels).toEqual(expect.arrayContaining(['25%', '50%', '75%', '10%', '20%', '40%', '完成率']));
  });

  it('places the points by cycle and rate', () => {
    const a = points(svg, 0);
    const b = points(svg, 1);
    expect(a).toHaveLength(3);
    expect(a[0]![0]).toBeLessThan(a[1]![0]);
    expect(a[1]![0]).toBeLessThan(a[2]![0]);
    // Higher rate, higher on the page (smaller y); equal steps in rate, equal steps in y.
    expect(a[2]![1]).toBeLessThan(a[0]![1]);
    expect((a[0]![1] - a[2]![1]) / (b[0]![1] - b[2]![1])).toBeCloseTo((75 - 25) / (40 - 10), 2);
    expect(a[0]![1] - a[1]![1]).toBeCloseTo(a[1]![1] - a[2]![1], 1);
  });
});

describe('sentimentChart', () => {
  const svg = sentimentChart(sentiment);
  const labels = texts(svg);

  it('names the departments and marks the one turning negative', () => {
    expect(labels).toEqual(expect.arrayContaining(['面谈情绪趋势', '生产部（连续下降）', '研发部', '平均情绪分']));
    expect(labels).not.toContain('研发部（连续下降）');
    expect(labels).toEqual(expect.arrayContaining(['0.5', '0.25', '-0.25', '0.1', '0.2', '0.3']));
  });

  it('draws the falling department thick and dashed, the other plain', () => {
    const lines = parseSvg(svg).filter((e) => e.name === 'path' && e.attrs['fill'] === 'none' && e.attrs['stroke-linejoin']);
    expect(lines).toHaveLength(2);
    expect(lines[0]!.attrs).toMatchObject({ 'stroke-width': '4', 'stroke-dasharray': expect.any(String) });
    expect(lines[1]!.attrs['stroke-dasharray']).toBeUndefined();
  });

  it('places the scores on the −1 … 1 axis', () => {
    const falling = points(svg, 0);
    const rising = points(svg, 1);
    expect((falling[0]![1] - falling[2]![1]) / (rising[0]![1] - rising[2]![1])).toBeCloseTo((0.5 - -0.25) / (0.1 - 0.3), 2);
  });

  it('leaves a gap where a department has no row for a cycle', () => {
    const gap = sentimentChart({ ...sentiment, rows: sentiment.rows.filter((r) => !(r.department === '研发部' && r.cycle === '2025H2')) });
    expect(points(gap, 1)).toHaveLength(2);
    expect(texts(gap)).not.toContain('0.2');
  });
});
