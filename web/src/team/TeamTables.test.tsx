import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider, type Locale } from '../i18n';
import { TeamInterviewsTable, type TeamInterview } from './TeamInterviewsTable';
import { TeamTasksTable, type TeamTask } from './TeamTasksTable';

const row = (over: Partial<Omit<TeamInterview, 'workflow'>> & { workflow?: Partial<TeamInterview['workflow']> }): TeamInterview => ({
  id: 'IV-2026Q3-E1001',
  version: 3,
  status: 'in_progress',
  cycle: '2026-Q3',
  employeeId: 'E1001',
  employee: { id: 'E1001', name: '王建国' },
  ...over,
  workflow: {
    step: 'self_assessment',
    label: '员工自评',
    labelEn: 'Self-assessment',
    stepIndex: 1,
    dueAt: '2026-11-18T10:00:00.000Z',
    overdue: false,
    pendingActorIds: ['E1001'],
    ...over.workflow,
  },
});

const ROWS = [
  row({ id: 'IV-A', workflow: { overdue: true } }),
  row({
    id: 'IV-B',
    status: 'awaiting_signatures',
    employeeId: 'E1004',
    employee: { id: 'E1004', name: '欧阳明月·阿卜杜热合曼' },
    workflow: { step: 'signatures', label: '双方签字确认', labelEn: 'Signatures', stepIndex: 3, pendingActorIds: ['E1004', 'M102'] },
  }),
];
const NAMES = new Map([
  ['M102', '孙建华'],
  ['E1004', '欧阳明月·阿卜杜热合曼'],
]);

const renderIn = (locale: Locale, ui: React.ReactNode) =>
  render(
    <I18nProvider initial={locale}>
      <MemoryRouter>{ui}</MemoryRouter>
    </I18nProvider>,
  );

describe('<TeamInterviewsTable>', () => {
  it('marks overdue records in red, lists who has not signed, links to the record', () => {
    const onReturn = vi.fn();
    renderIn('zh-CN', <TeamInterviewsTable rows={ROWS} names={NAMES} onReturn={onReturn} onNeeds={() => {}} />);
    const [first, second] = screen.getAllByTestId('team-interview-row');
    expect(first!.dataset.overdue).toBe('true');
    expect(within(first!).getByText('已逾期')).toBeTruthy();
    expect(within(first!).getByTestId('team-due').className).toContain('danger');
    expect(within(first!).queryByTestId('team-pending-signatures')).toBeNull();
    expect(second!.dataset.overdue).toBe('false');
    expect(within(second!).queryByText('已逾期')).toBeNull();
    expect(within(second!).getByTestId('team-due').className).not.toContain('danger');
    const pending = within(second!).getByTestId('team-pending-signatures');
    expect(pending.textContent).toContain('孙建华 (M102)');
    expect(pending.textContent).toContain('欧阳明月·阿卜杜热合曼 (E1004)');
    expect(within(first!).getByRole('link', { name: '打开记录' }).getAttribute('href')).toBe('/interviews/IV-A');
    within(first!).getByRole('button', { name: '退回修改' }).click();
    expect(onReturn).toHaveBeenCalledWith(ROWS[0]);
  });

  it('offers no send-back at the first step or on a locked record, and speaks English', () => {
    renderIn(
      'en',
      <TeamInterviewsTable
        rows={[row({ id: 'IV-C', workflow: { stepIndex: 0 } }), row({ id: 'IV-D', status: 'locked' })]}
        names={NAMES}
        onReturn={() => {}}
      />,
    );
    expect(screen.queryByRole('button', { name: 'Send back' })).toBeNull();
    expect(screen.getAllByText('Self-assessment').length).toBeGreaterThan(0);
    expect(screen.getByText('Locked')).toBeTruthy();
  });
});

describe('<TeamTasksTable>', () => {
  const task = (over: Partial<TeamTask>): TeamTask => ({
    id: 'plan:IV-A:I1',
    kind: 'improvement',
    interviewId: 'IV-A',
    assigneeId: 'M102',
    subject: 'I1',
    title: '每班开机前完成点检',
    titleEn: 'Check before each shift',
    status: 'open',
    dueAt: '2026-05-29',
    overdue: false,
    progress: 40,
    employeeId: 'E1004',
    cycle: '2026-Q1',
    ...over,
  });
  it('shows owner, deadline red when overdue, progress and the actions', () => {
    renderIn(
      'zh-CN',
      <TeamTasksTable
        tasks={[task({ overdue: true }), task({ id: 'x', subject: 'I2' })]}
        names={NAMES}
        onProgress={() => {}}
        onComplete={() => {}}
      />,
    );
    const [late, onTime] = screen.getAllByTestId('team-task-row');
    expect(late!.dataset.overdue).toBe('true');
    expect(within(late!).getByTestId('task-deadline').className).toContain('danger');
    expect(within(late!).getByText('已逾期')).toBeTruthy();
    expect(within(late!).getByText('孙建华 (M102)')).toBeTruthy();
    expect(within(onTime!).getByTestId('task-deadline').className).not.toContain('danger');
    expect(within(onTime!).getByRole('button', { name: '更新进度' })).toBeTruthy();
    expect(within(onTime!).getByText('40%')).toBeTruthy();
  });
});
