import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { GoalPressureRow, SentimentDashboard, ThemesDashboard } from '../../../src/analytics/dashboard-types';
import { I18nProvider } from '../i18n';
import { GoalPressureTable, SentimentPanel, ThemesPanel } from './DashboardPanels';
import { OverdueTable, type OverdueTask } from './OverdueTable';
import { fieldPath, toFormValues, toPolicy } from './ReminderPolicyForm';

const wrap = (ui: React.ReactNode) =>
  render(
    <I18nProvider initial="zh-CN">
      <MemoryRouter>{ui}</MemoryRouter>
    </I18nProvider>,
  );

describe('<OverdueTable>', () => {
  const task = (over: Partial<OverdueTask>): OverdueTask => ({
    id: 'step:IV-2026Q3-E1001:0:E1001',
    kind: 'step',
    interviewId: 'IV-2026Q3-E1001',
    assigneeId: 'E1001',
    subject: 'self_assessment',
    title: '员工自评',
    titleEn: 'Self-assessment',
    dueAt: '2026-11-18T10:00:00.000Z',
    overdue: true,
    employeeId: 'E1001',
    managerId: 'M102',
    department: '生产部',
    cycle: '2026-Q3',
    ...over,
  });
  it('lists overdue steps with who must act, their part, in red with the days late', () => {
    const names = new Map([
      ['E1001', '王建国'],
      ['M102', '孙建华'],
    ]);
    wrap(
      <OverdueTable
        now={new Date('2026-11-28T10:00:00.000Z')}
        names={names}
        tasks={[
          task({}),
          task({ id: 'm', assigneeId: 'M102', subject: 'meeting_review', title: '面谈与点评', dueAt: '2026-11-24T10:00:00.000Z' }),
          task({ id: 'improvement', kind: 'improvement' }),
        ]}
      />,
    );
    const rows = screen.getAllByTestId('overdue-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByTestId('overdue-late').textContent).toBe('王建国 (E1001) 员工');
    expect(within(rows[0]!).getByText('10 天')).toBeTruthy();
    expect(within(rows[0]!).getByTestId('overdue-due').className).toContain('danger');
    expect(within(rows[1]!).getByTestId('overdue-late').textContent).toBe('孙建华 (M102) 经理');
    expect(within(rows[0]!).getByRole('link').getAttribute('href')).toBe('/interviews/IV-2026Q3-E1001');
  });
});

describe('withheld text aggregates', () => {
  it('shows withheld themes as withheld with the reason, not as an empty chart', () => {
    const data: ThemesDashboard = { cycle: null, department: null, themes: [], withheld: true };
    wrap(<ThemesPanel data={data} />);
    expect(screen.getByTestId('withheld').textContent).toContain('已隐藏：样本不足');
    expect(screen.getByTestId('withheld').textContent).toContain('不表示数量为零');
    expect(screen.queryByText('暂无数据。')).toBeNull();
  });

  it('draws themes that are not withheld', () => {
    const data: ThemesDashboard = {
      cycle: '2026-Q3',
      department: null,
      withheld: false,
      themes: [{ theme: '设备老化', records: 6, people: 6, byCycle: [], passages: [] }],
    };
    wrap(<ThemesPanel data={data} />);
    expect(screen.queryByTestId('withheld')).toBeNull();
    expect(screen.getByRole('img', { name: '反复出现的问题' }).querySelector('svg')).not.toBeNull();
  });

  it('shows withheld pressure mentions as withheld and a real zero as 0', () => {
    const row = (over: Partial<GoalPressureRow>): GoalPressureRow => ({
      department: '生产部',
      cycle: '2026-Q3',
      people: 4,
      goals: 10,
      missed: 2,
      meanAchievement: 101,
      pressureMentions: null,
      highPressure: false,
      reasons: [],
      ...over,
    });
    wrap(
      <GoalPressureTable
        rows={[row({}), row({ department: '销售部', pressureMentions: 0, highPressure: true, reasons: ['manyMissed'] })]}
      />,
    );
    expect(screen.getByTestId('mentions-withheld').textContent).toBe('已隐藏');
    expect(screen.getByTestId('mentions-value').textContent).toBe('0');
    expect(screen.getByText('七成以上目标未达成')).toBeTruthy();
  });

  it('tells a manager whose groups are all too small that sentiment is withheld', () => {
    const data: SentimentDashboard = { cycles: ['2026-Q3'], rows: [], turningNegative: [] };
    wrap(<SentimentPanel data={data} companyWide={false} />);
    expect(screen.getByTestId('withheld')).toBeTruthy();
  });
});

describe('the reminder policy form helpers', () => {
  it('maps a server field to the form field, and sends only the settings', () => {
    expect(fieldPath('rules[2].at')).toEqual(['rules', 2, 'at']);
    expect(fieldPath('dueTimeOfDay')).toEqual(['dueTimeOfDay']);
    expect(fieldPath('rules[1]')).toEqual(['rules', 1, 'offsetDays']);
    expect(fieldPath('rules[0].notify[1]')).toEqual(['rules', 0, 'notify']);
    const values = toFormValues({
      dueTimeOfDay: '18:00',
      businessDays: true,
      skipWeekends: false,
      timeZone: 'Asia/Shanghai',
      rules: [{ offsetDays: 0, notify: ['actors'] }],
    });
    expect(toPolicy({ ...values, rules: [...values.rules, { offsetDays: 2, at: ' 10:30 ', notify: ['hr'] }] })).toEqual({
      dueTimeOfDay: '18:00',
      businessDays: true,
      skipWeekends: false,
      rules: [
        { offsetDays: 0, notify: ['actors'] },
        { offsetDays: 2, at: '10:30', notify: ['hr'] },
      ],
    });
  });
});
