import { ValidationError } from '../../../src/domain/errors';
import { CHART_FONT_FAMILY, CHART_NAMES, type ChartData, type ChartName, renderChart } from '../../../src/analytics/charts';
import { completionRow, completion, goalPressure, progress, radar, sentiment, supportNeeds, themes, trend } from './fixtures';
import { dataShapes, parseSvg, texts } from './svg';

const SAMPLES: ChartData = {
  completion,
  progress,
  completionTrend: trend,
  radar,
  themes,
  sentiment,
  goalPressure: goalPressure,
  supportNeeds: supportNeeds,
};

const render = (name: ChartName, data: unknown, locale: 'zh' | 'en' = 'zh') => renderChart(name, data as ChartData[typeof name], locale);

describe('renderChart', () => {
  it.each(CHART_NAMES)('%s: a well-formed SVG document in the CJK font stack', (name) => {
    const svg = render(name, SAMPLES[name]);
    expect(() => parseSvg(svg)).not.toThrow();
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain(`font-family:${CHART_FONT_FAMILY}`);
    expect(dataShapes(svg).length).toBeGreaterThan(0);
  });

  it('refuses an unknown chart or locale with VALIDATION_FAILED', () => {
    expect(() => render('pie' as ChartName, completion)).toThrow(ValidationError);
    expect(() => renderChart('completion', completion, 'fr' as 'zh')).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'locale' }),
    );
  });
});

describe('English', () => {
  const expected: Record<ChartName, string[]> = {
    completion: [
      'Interview completion · 2026H1',
      'Scheduled',
      'In progress',
      'Awaiting signatures',
      'Locked',
      'Overdue',
      'Completion rate',
      'Records',
    ],
    progress: [
      'Interview progress · 2026H1 · 研发部',
      'Scheduled',
      'In progress',
      'Locked',
      'Self-assessment',
      'Manager review',
      '9 (50%)',
    ],
    completionTrend: ['Completion rate by cycle', 'Cycle', 'Completion rate'],
    radar: [
      'Goal achievement radar · E-1001 · 2026H1',
      'Quality',
      'Delivery',
      'Cost',
      'Teamwork (no goal)',
      'Employee',
      'Department median',
    ],
    themes: ['Recurring concerns · 2026H1 · All departments', 'Records', 'People'],
    sentiment: ['Interview sentiment by cycle', '生产部 (falling)', 'Mean score'],
    goalPressure: ['Goal pressure · 2026H1', '生产部 (high pressure)', 'Mean achievement', 'Goals missed'],
    supportNeeds: ['Support needs', 'Training', 'Resources', 'Collaboration', 'Pending 4 · Fulfilled 2 · Approved 6'],
  };

  it.each(CHART_NAMES)('%s', (name) => {
    const labels = texts(render(name, SAMPLES[name], 'en'));
    expect(labels).toEqual(expect.arrayContaining(expected[name]));
    expect(labels.filter((t) => /[\u3000-\u9fff\uff00-\uffef]/.test(t) && !/生产部|研发部|设备老化|原材料短缺/.test(t))).toEqual([]);
  });
});

describe('empty data', () => {
  const empty: [ChartName, unknown][] = [
    ['completion', { cycle: '2026H1', departments: [], total: completionRow('*') }],
    ['completion', { cycle: '2026H1', departments: [completionRow('生产部')], total: completionRow('*') }],
    ['progress', { ...progress, byStatus: [], byStep: [] }],
    ['progress', { ...progress, byStatus: progress.byStatus.map((s) => ({ ...s, count: 0 })) }],
    ['completionTrend', { cycles: [], series: [] }],
    ['completionTrend', { cycles: ['2026H1'], series: [] }],
    ['radar', { ...radar, dimensions: [] }],
    ['radar', { ...radar, dimensions: radar.dimensions.map((d) => ({ ...d, employee: null, departmentMedian: null })) }],
    ['themes', { ...themes, themes: [] }],
    ['sentiment', { cycles: [], rows: [], turningNegative: [] }],
    ['goalPressure', []],
    ['goalPressure', goalPressure.map((r) => ({ ...r, goals: 0, missed: 0, meanAchievement: null }))],
    ['supportNeeds', []],
    ['supportNeeds', supportNeeds.map((r) => ({ ...r, count: 0 }))],
  ];

  it.each(empty)('%s: says there is no data and draws nothing', (name, data) => {
    const svg = render(name, data);
    expect(texts(svg)).toContain('暂无数据');
    expect(dataShapes(svg)).toHaveLength(0);
    expect(texts(render(name, data, 'en'))).toContain('No data');
  });

  it('draws zero rates as zeros: a cycle where nobody finished is a figure, not a gap', () => {
    const svg = render('completionTrend', { cycles: ['2025H2', '2026H1'], series: [{ department: '生产部', completionRate: [0, 0] }] });
    expect(texts(svg)).not.toContain('暂无数据');
    expect(dataShapes(svg)).toHaveLength(2);
  });
});

describe('hostile labels', () => {
  const evil = '<script>alert(1)</script>&"\'';
  const hostile: Record<ChartName, unknown> = {
    completion: { ...completion, departments: [completionRow(evil, { scheduled: 1 })] },
    progress: { ...progress, department: evil, byStatus: [{ key: 'x', label: { zh: evil, en: evil }, count: 1 }] },
    completionTrend: { cycles: [evil], series: [{ department: evil, completionRate: [0.5] }] },
    radar: { ...radar, department: evil, dimensions: radar.dimensions.map((d) => ({ ...d, label: { zh: evil, en: evil } })) },
    themes: { ...themes, department: evil, themes: [{ ...themes.themes[0]!, theme: evil }] },
    sentiment: { cycles: ['2026H1'], rows: [{ ...sentiment.rows[0]!, department: evil, cycle: '2026H1' }], turningNegative: [evil] },
    goalPressure: [{ ...goalPressure[0]!, department: evil }],
    supportNeeds: [{ department: evil, type: evil, status: evil, count: 1 }],
  };

  it.each(CHART_NAMES)('%s: the label is text, never markup', (name) => {
    const svg = render(name, hostile[name]);
    expect(() => parseSvg(svg)).not.toThrow();
    expect(svg).not.toMatch(/<script/i);
    expect(texts(svg).some((t) => t.includes(evil))).toBe(true);
  });
});
