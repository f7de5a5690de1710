import { progressChart } from '../../../src/analytics/charts/progress-chart';
import { radarChart } from '../../../src/analytics/charts/radar-chart';
import { progress, radar } from './fixtures';
import { type Point, dataShapes, pathPoints, polyPoints, texts } from './svg';

const distance = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);

/** The centre of the circle through three points. */
function circumcentre([ax, ay]: Point, [bx, by]: Point, [cx, cy]: Point): Point {
  const d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by));
  const a2 = ax * ax + ay * ay;
  const b2 = bx * bx + by * by;
  const c2 = cx * cx + cy * cy;
  return [(a2 * (by - cy) + b2 * (cy - ay) + c2 * (ay - by)) / d, (a2 * (cx - bx) + b2 * (ax - cx) + c2 * (bx - ax)) / d];
}

/** Where the line through a1, a2 meets the line through b1, b2. */
function intersection(a1: Point, a2: Point, b1: Point, b2: Point): Point {
  const [x1, y1, x2, y2, x3, y3, x4, y4] = [...a1, ...a2, ...b1, ...b2];
  const den = (x1 - x2) * (y3 - y4) - (y1 - y2) * (x3 - x4);
  const t = ((x1 - x3) * (y3 - y4) - (y1 - y3) * (x3 - x4)) / den;
  return [x1 + t * (x2 - x1), y1 + t * (y2 - y1)];
}

describe('progressChart', () => {
  const svg = progressChart(progress);
  const labels = texts(svg);

  it('labels every status and step with its count and share', () => {
    expect(labels).toEqual(expect.arrayContaining(['面谈进度 · 2026H1 · 研发部', '已排期', '进行中', '已锁定', '员工自评', '主管评价']));
    expect(labels).toEqual(expect.arrayContaining(['3（16.67%）', '6（33.33%）', '9（50%）', '2', '4']));
  });

  it('draws slices whose angles are in proportion to the counts', () => {
    const slices = dataShapes(svg)
      .filter((s) => s.series === 0)
      .sort((a, b) => a.data - b.data)
      .map((s) => pathPoints(s.attrs['d']!));
    expect(slices).toHaveLength(3);
    // Each slice starts with its outer arc: the first two points are on the outer circle.
    const centre = circumcentre(slices[0]![0]!, slices[1]![0]!, slices[2]![0]!);
    const sweep = ([from, to]: Point[]) => {
      const a = Math.atan2(to![1] - centre[1], to![0] - centre[0]) - Math.atan2(from![1] - centre[1], from![0] - centre[0]);
      return (a + 2 * Math.PI) % (2 * Math.PI);
    };
    const angles = slices.map(sweep);
    expect(angles[0]! / angles[2]!).toBeCloseTo(3 / 9, 2);
    expect(angles[1]! / angles[2]!).toBeCloseTo(6 / 9, 2);
    expect(angles.reduce((s, a) => s + a, 0)).toBeCloseTo(2 * Math.PI, 2);
  });

  it('leaves the inner ring out when no record is at a step, and says which departments', () => {
    const svg2 = progressChart({ ...progress, department: null, byStep: [] });
    expect(dataShapes(svg2).filter((s) => s.series === 1)).toHaveLength(0);
    expect(texts(svg2)).toContain('面谈进度 · 2026H1 · 全部部门');
  });
});

describe('radarChart', () => {
  const svg = radarChart(radar);
  const labels = texts(svg);

  it('names every dimension in Chinese, marks the one without a goal, and labels the values', () => {
    expect(labels).toEqual(expect.arrayContaining(['目标达成雷达图 · E-1001 · 2026H1', '研发部', '员工', '部门中位数']));
    expect(labels).toEqual(expect.arrayContaining(['质量', '交付', '成本', '协作（无目标）']));
    expect(labels).toEqual(expect.arrayContaining(['40', '80', '95', '90', '70', '60', '75']));
  });

  it('draws a bigger value further from the centre', () => {
    const polygon = (data: number) => polyPoints(dataShapes(svg).find((s) => s.name === 'polyline' && s.data === data)!);
    const employee = polygon(0);
    const median = polygon(1);
    // An axis runs through both series' vertices on it; two axes meet at the centre.
    const centre = intersection(employee[0]!, median[0]!, employee[1]!, median[1]!);
    const r = (p: Point) => distance(p, centre);
    expect(r(employee[0]!) / r(median[0]!)).toBeCloseTo(40 / 80, 2); // quality
    expect(r(employee[1]!) / r(median[1]!)).toBeCloseTo(95 / 90, 2); // delivery
    expect(r(employee[2]!) / r(median[2]!)).toBeCloseTo(70 / 60, 2); // cost
    expect(r(employee[3]!)).toBeCloseTo(0, 1); // teamwork: no goal, drawn at 0
    expect(r(median[3]!) / r(median[0]!)).toBeCloseTo(75 / 80, 2);
  });

  it('scales past 100 % when an achievement does', () => {
    const over = radarChart({ ...radar, dimensions: radar.dimensions.map((d, i) => (i === 0 ? { ...d, employee: 130 } : d)) });
    const employee = polyPoints(dataShapes(over).find((s) => s.name === 'polyline' && s.data === 0)!);
    const median = polyPoints(dataShapes(over).find((s) => s.name === 'polyline' && s.data === 1)!);
    const centre = intersection(employee[0]!, median[0]!, employee[1]!, median[1]!);
    expect(distance(employee[0]!, centre) / distance(median[0]!, centre)).toBeCloseTo(130 / 80, 2);
    expect(texts(over)).toContain('130');
  });
});
