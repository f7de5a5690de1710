import type {
  CompletionDashboard,
  CompletionRow,
  CompletionTrend,
  GoalPressureRow,
  ProgressDashboard,
  RadarDashboard,
  SentimentDashboard,
  SupportNeedTotal,
  ThemesDashboard,
} from '../../../src/analytics/dashboard-types';

/** Hand-built dashboards: small numbers chosen so that a chart's shapes can be checked against them. */

export function completionRow(department: string, counts: Partial<Omit<CompletionRow, 'department'>> = {}): CompletionRow {
  const scheduled = counts.scheduled ?? 0;
  const inProgress = counts.inProgress ?? [];
  const awaitingSignatures = counts.awaitingSignatures ?? 0;
  const locked = counts.locked ?? 0;
  const total = scheduled + inProgress.reduce((s, x) => s + x.count, 0) + awaitingSignatures + locked;
  return {
    department,
    cycle: '2026H1',
    total,
    scheduled,
    inProgress,
    awaitingSignatures,
    locked,
    overdue: counts.overdue ?? 0,
    completionRate: total === 0 ? 0 : locked / total,
  };
}

const review = (count: number) => [{ step: 'review', label: { zh: '主管评价', en: 'Manager review' }, count }];

export const completion: CompletionDashboard = {
  cycle: '2026H1',
  departments: [
    completionRow('生产部', { scheduled: 3, inProgress: review(2), awaitingSignatures: 1, locked: 4, overdue: 2 }),
    completionRow('研发部', { scheduled: 6, inProgress: review(4), awaitingSignatures: 2, locked: 12, overdue: 4 }),
  ],
  total: completionRow('*', { scheduled: 9, inProgress: review(6), awaitingSignatures: 3, locked: 16, overdue: 6 }),
};

export const progress: ProgressDashboard = {
  cycle: '2026H1',
  department: '研发部',
  byStatus: [
    { key: 'scheduled', label: { zh: '已排期', en: 'Scheduled' }, count: 3 },
    { key: 'in_progress', label: { zh: '进行中', en: 'In progress' }, count: 6 },
    { key: 'locked', label: { zh: '已锁定', en: 'Locked' }, count: 9 },
  ],
  byStep: [
    { key: 'self', label: { zh: '员工自评', en: 'Self-assessment' }, count: 2 },
    { key: 'review', label: { zh: '主管评价', en: 'Manager review' }, count: 4 },
  ],
};

export const trend: CompletionTrend = {
  cycles: ['2025H1', '2025H2', '2026H1'],
  series: [
    { department: '生产部', completionRate: [0.25, 0.5, 0.75] },
    { department: '研发部', completionRate: [0.1, 0.2, 0.4] },
  ],
};

export const radar: RadarDashboard = {
  employeeId: 'E-1001',
  cycle: '2026H1',
  department: '研发部',
  interviewId: 'iv-1',
  templateId: 'standard',
  dimensions: [
    { key: 'quality', label: { zh: '质量', en: 'Quality' }, employee: 40, departmentMedian: 80, goals: 2, inferred: 0 },
    { key: 'delivery', label: { zh: '交付', en: 'Delivery' }, employee: 95, departmentMedian: 90, goals: 1, inferred: 0 },
    { key: 'cost', label: { zh: '成本', en: 'Cost' }, employee: 70, departmentMedian: 60, goals: 1, inferred: 1 },
    { key: 'teamwork', label: { zh: '协作', en: 'Teamwork' }, employee: null, departmentMedian: 75, goals: 0, inferred: 0 },
  ],
};

export const themes: ThemesDashboard = {
  cycle: '2026H1',
  department: null,
  withheld: false,
  themes: [
    { theme: '设备老化', records: 6, people: 5, byCycle: [{ cycle: '2026H1', records: 6, people: 5 }], passages: [] },
    { theme: '原材料短缺', records: 3, people: 2, byCycle: [{ cycle: '2026H1', records: 3, people: 2 }], passages: [] },
  ],
};

const sentimentRow = (department: string, cycle: string, meanScore: number) => ({
  department,
  cycle,
  records: 4,
  people: 4,
  positive: 2,
  neutral: 1,
  negative: 1,
  meanScore,
});

export const sentiment: SentimentDashboard = {
  cycles: ['2025H1', '2025H2', '2026H1'],
  rows: [
    sentimentRow('生产部', '2025H1', 0.5),
    sentimentRow('生产部', '2025H2', 0.25),
    sentimentRow('生产部', '2026H1', -0.25),
    sentimentRow('研发部', '2025H1', 0.1),
    sentimentRow('研发部', '2025H2', 0.2),
    sentimentRow('研发部', '2026H1', 0.3),
  ],
  turningNegative: ['生产部'],
};

export const goalPressure: GoalPressureRow[] = [
  {
    department: '生产部',
    cycle: '2026H1',
    people: 4,
    goals: 10,
    missed: 5,
    meanAchievement: 42,
    pressureMentions: 3,
    highPressure: true,
    reasons: ['lowAchievement', 'pressureWords'],
  },
  {
    department: '研发部',
    cycle: '2026H1',
    people: 5,
    goals: 10,
    missed: 1,
    meanAchievement: 84,
    pressureMentions: 0,
    highPressure: false,
    reasons: [],
  },
];

export const supportNeeds: SupportNeedTotal[] = [
  { department: '生产部', type: 'training', status: 'pending', count: 3 },
  { department: '生产部', type: 'resource', status: 'fulfilled', count: 2 },
  { department: '研发部', type: 'training', status: 'approved', count: 6 },
  { department: '研发部', type: 'collaboration', status: 'pending', count: 1 },
];
