import { completionChart } from '../../../src/analytics/charts/completion-chart';
import { goalPressureChart } from '../../../src/analytics/charts/goal-pressure-chart';
import { supportNeedsChart } from '../../../src/analytics/charts/support-needs-chart';
import { themesChart } from '../../../src/analytics/charts/themes-chart';
import { completion, goalPressure, supportNeeds, themes } from './fixtures';
import { bars, dataShapes, symbolCentre, texts } from './svg';

const ratio = (a: number, b: number) => a / b;

describe('completionChart', () => {
  const svg = completionChart(completion);
  const labels = texts(svg);

  it('draws the title, the departments and every status in Chinese', () => {
    expect(labels).toEqual(expect.arrayContaining(['面谈完成率 · 2026H1', '生产部', '研发部']));
    expect(labels).toEqual(expect.arrayContaining(['已排期', '进行中', '待签字', '已锁定', '逾期', '完成率']));
  });

  it('labels every segment with its count, the rate in per cent and the totals', () => {
    // 生产部 3 / 2 / 1 / 4, overdue 2, 40 %; 研发部 6 / 4 / 2 / 12, overdue 4, 50 %.
    expect(labels).toEqual(expect.arrayContaining(['3', '2', '1', '4', '6', '12', '40%', '50%']));
    expect(labels).toContain('合计 34 · 已锁定 16 · 逾期 6 · 完成率 47.1%');
  });

  it('draws bars in proportion to the counts', () => {
    const [scheduled, inProgress, awaiting, locked, overdue] = [0, 1, 2, 3, 4].map((s) => bars(svg, s));
    expect(ratio(scheduled![0]!.height, scheduled![1]!.height)).toBeCloseTo(3 / 6, 2);
    expect(ratio(inProgress![0]!.height, inProgress![1]!.height)).toBeCloseTo(2 / 4, 2);
    expect(ratio(awaiting![0]!.height, awaiting![1]!.height)).toBeCloseTo(1 / 2, 2);
    expect(ratio(locked![0]!.height, locked![1]!.height)).toBeCloseTo(4 / 12, 2);
    expect(ratio(overdue![0]!.height, overdue![1]!.height)).toBeCloseTo(2 / 4, 2);
    // One stack per department: the segments sit on one another, scheduled at the bottom.
    expect(inProgress![1]!.y + inProgress![1]!.height).toBeCloseTo(scheduled![1]!.y, 1);
    expect(ratio(scheduled![1]!.height, locked![1]!.height)).toBeCloseTo(6 / 12, 2);
  });

  it('draws the completion rate on its own 0–100 % axis', () => {
    const base = bars(svg, 0)[0]!.y + bars(svg, 0)[0]!.height;
    const points = dataShapes(svg).filter((s) => s.series === 5);
    expect(points).toHaveLength(2);
    const [p0, p1] = points.map((p) => base - symbolCentre(p)[1]);
    expect(ratio(p0!, p1!)).toBeCloseTo(40 / 50, 2);
  });
});

describe('goalPressureChart', () => {
  const svg = goalPressureChart(goalPressure);
  const labels = texts(svg);

  it('names the high-pressure department and shows achievement and missed share', () => {
    expect(labels).toEqual(expect.arrayContaining(['目标压力 · 2026H1', '生产部（压力较大）', '研发部', '平均达成率', '未达成占比']));
    expect(labels).toEqual(expect.arrayContaining(['42%', '84%', '50%', '10%']));
    expect(labels).not.toContain('研发部（压力较大）');
  });

  it('draws achievement bars in proportion, the high-pressure one in red', () => {
    const [low, high] = bars(svg, 0);
    expect(ratio(low!.height, high!.height)).toBeCloseTo(42 / 84, 2);
    const fills = dataShapes(svg)
      .filter((s) => s.series === 0)
      .map((s) => s.attrs['fill']);
    expect(fills).toEqual(['#d9534f', '#5070dd']);
    const [missed5, missed1] = bars(svg, 1);
    expect(ratio(missed5!.height, missed1!.height)).toBeCloseTo(50 / 10, 2);
  });

  it('says "no goal" rather than drawing a 0 % achievement as a failure', () => {
    const svg2 = goalPressureChart([{ ...goalPressure[1]!, meanAchievement: null }]);
    expect(texts(svg2)).toContain('无目标');
    // The only "0%" are the two axes' zero ticks; the achievement axis still runs to 100 %.
    expect(texts(svg2).filter((t) => t === '0%')).toHaveLength(2);
    expect(texts(svg2).filter((t) => t === '100%')).toHaveLength(2);
  });

  it('tells cycles apart when the rows span more than one', () => {
    const svg2 = goalPressureChart([goalPressure[1]!, { ...goalPressure[1]!, cycle: '2026H2' }]);
    expect(texts(svg2)).toEqual(expect.arrayContaining(['研发部 2026H1', '研发部 2026H2', '目标压力']));
  });
});

describe('supportNeedsChart', () => {
  const svg = supportNeedsChart(supportNeeds);
  const labels = texts(svg);

  it('stacks needs by type per department, with the status totals as subtitle', () => {
    expect(labels).toEqual(expect.arrayContaining(['支持需求', '生产部', '研发部', '培训', '资源', '协作']));
    expect(labels).toEqual(expect.arrayContaining(['3', '2', '6', '1']));
    expect(labels).toContain('待评估 4 · 已落实 2 · 已批准 6');
  });

  it('draws training 3 against 6', () => {
    const training = bars(svg, 0);
    expect(ratio(training[0]!.height, training[1]!.height)).toBeCloseTo(3 / 6, 2);
  });

  it('shows an unknown type as its key', () => {
    expect(texts(supportNeedsChart([{ department: 'A', type: 'mentoring', status: 'pending', count: 1 }]))).toContain('mentoring');
  });
});

describe('themesChart', () => {
  const svg = themesChart(themes);
  const labels = texts(svg);

  it('lists every theme with its records and people', () => {
    expect(labels).toEqual(expect.arrayContaining(['反复出现的问题 · 2026H1 · 全部部门', '设备老化', '原材料短缺']));
    expect(labels).toEqual(expect.arrayContaining(['记录数', '人数', '6', '5', '3', '2']));
  });

  it('draws horizontal bars in proportion, the most frequent on top', () => {
    const [equipment, material] = bars(svg, 0);
    expect(ratio(material!.width, equipment!.width)).toBeCloseTo(3 / 6, 2);
    expect(equipment!.y).toBeLessThan(material!.y);
    const [p5, p2] = bars(svg, 1);
    expect(ratio(p2!.width, p5!.width)).toBeCloseTo(2 / 5, 2);
  });

  it('draws no figures for a withheld group, only the message', () => {
    const withheld = themesChart({ ...themes, withheld: true });
    expect(texts(withheld)).toEqual(['样本不足，已隐藏', '反复出现的问题 · 2026H1 · 全部部门']);
    expect(dataShapes(withheld)).toHaveLength(0);
    expect(withheld).not.toContain('设备老化');
  });
});
