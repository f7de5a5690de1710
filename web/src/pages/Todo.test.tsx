import { render, screen, within } from '@testing-library/react';
import { Provider, type Client } from 'urql';
import { describe, expect, it } from 'vitest';
import { fromValue, never } from 'wonka';
import { I18nProvider, type Locale } from '../i18n';
import { TodoList, TodoPage, type TaskItem } from './Todo';

const task = (over: Partial<TaskItem>): TaskItem => ({
  id: 'T1',
  kind: 'step',
  interviewId: 'IV-2026Q3-E1001',
  subject: 'self_assessment',
  title: '员工自评',
  titleEn: 'Self-assessment',
  status: 'open',
  dueAt: '2026-11-18T10:00:00.000Z',
  overdue: false,
  progress: null,
  cycle: '2026-Q3',
  ...over,
});

const TASKS = [
  task({ id: 'T1', overdue: true }),
  task({
    id: 'T2',
    kind: 'improvement',
    subject: 'I1',
    title: '每班开机前完成点检',
    titleEn: 'Check line 2 before each shift',
    dueAt: '2099-05-29',
    progress: 40,
  }),
];

const renderIn = (locale: Locale, ui: React.ReactNode) => render(<I18nProvider initial={locale}>{ui}</I18nProvider>);

describe('<TodoList>', () => {
  it('lists the work with due dates, overdue items marked and in red', () => {
    renderIn('zh-CN', <TodoList tasks={TASKS} />);
    const items = screen.getAllByTestId('todo-item');
    expect(items).toHaveLength(2);
    expect(items[0]!.dataset.overdue).toBe('true');
    expect(within(items[0]!).getByText('已逾期')).toBeTruthy();
    expect(within(items[0]!).getByText('员工自评')).toBeTruthy();
    const due = within(items[0]!).getByTestId('todo-due');
    expect(due.textContent).toContain('截止');
    expect(due.textContent).toContain('2026');
    expect(due.className).toContain('danger');
    expect(items[1]!.dataset.overdue).toBe('false');
    expect(within(items[1]!).queryByText('已逾期')).toBeNull();
    expect(within(items[1]!).getByTestId('todo-due').className).not.toContain('danger');
    expect(within(items[1]!).getByTestId('todo-due').textContent).toContain('2099');
    expect(screen.getByText('共 2 项，逾期 1 项')).toBeTruthy();
  });

  it('speaks English when switched', () => {
    renderIn('en', <TodoList tasks={TASKS} />);
    expect(screen.getByText('Self-assessment')).toBeTruthy();
    expect(screen.getByText('Overdue')).toBeTruthy();
    expect(screen.getByText('2 items, 1 overdue')).toBeTruthy();
  });

  it('says when nothing waits', () => {
    renderIn('zh-CN', <TodoList tasks={[]} />);
    expect(screen.getByText('没有待办事项。')).toBeTruthy();
  });
});

describe('<TodoPage>', () => {
  const client = (answer: unknown) =>
    ({
      executeQuery: () => fromValue(answer),
      executeSubscription: () => never,
      executeMutation: () => never,
    }) as unknown as Client;

  it('shows the viewer’s tasks from myTasks', async () => {
    renderIn(
      'zh-CN',
      <Provider value={client({ data: { myTasks: TASKS }, stale: false, hasNext: false })}>
        <TodoPage viewerId="E1001" />
      </Provider>,
    );
    expect(screen.getByRole('heading', { name: '我的待办' })).toBeTruthy();
    expect(await screen.findAllByTestId('todo-item')).toHaveLength(2);
  });
});
