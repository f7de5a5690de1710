/**
 * Overdue records and who is late: one row per record and person who must act (the API's
 * `tasks(overdueOnly: true)`, interview steps), with their part in the record, the step, when
 * it was due and by how many days it is late, in red.
 */
import { Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { HrCompletionQuery } from '../gql/graphql';
import { useI18n } from '../i18n';
import { daysBetween, formatInstant, personLabel, type Names } from '../team/format';

export type OverdueTask = HrCompletionQuery['tasks'][number];

export function OverdueTable({ tasks, names, now = new Date() }: { tasks: readonly OverdueTask[]; names: Names; now?: Date }) {
  const { t, locale } = useI18n();
  const rows = tasks.filter((task) => task.kind === 'step' && task.overdue).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const part = (task: OverdueTask) =>
    task.assigneeId === task.employeeId
      ? t('hr.part.employee')
      : task.assigneeId === task.managerId
        ? t('hr.part.manager')
        : t('hr.part.participant');
  return (
    <Table<OverdueTask>
      data-testid="overdue-table"
      rowKey="id"
      size="middle"
      dataSource={rows}
      pagination={{ pageSize: 15, hideOnSinglePage: true }}
      scroll={{ x: 860 }}
      locale={{ emptyText: t('hr.overdue.empty') }}
      onRow={() => ({ 'data-testid': 'overdue-row' }) as never}
      columns={[
        {
          key: 'interview',
          title: t('hr.col.interview'),
          render: (_, row) => <Link to={`/interviews/${encodeURIComponent(row.interviewId)}`}>{row.interviewId}</Link>,
        },
        { key: 'employee', title: t('hr.col.employee'), render: (_, row) => personLabel(names, row.employeeId) },
        { key: 'department', title: t('hr.col.department'), dataIndex: 'department' },
        { key: 'step', title: t('hr.col.step'), render: (_, row) => (locale === 'en' ? row.titleEn : row.title) },
        {
          key: 'late',
          title: t('hr.col.late'),
          render: (_, row) => (
            <span data-testid="overdue-late">
              <Typography.Text strong type="danger">
                {personLabel(names, row.assigneeId)}
              </Typography.Text>{' '}
              <Tag>{part(row)}</Tag>
            </span>
          ),
        },
        {
          key: 'due',
          title: t('hr.col.due'),
          render: (_, row) => (
            <Typography.Text type="danger" data-testid="overdue-due">
              {formatInstant(row.dueAt, locale)}
            </Typography.Text>
          ),
        },
        {
          key: 'days',
          title: t('hr.col.daysLate'),
          render: (_, row) => <Tag color="red">{t('hr.overdue.days', { days: daysBetween(row.dueAt, now) })}</Tag>,
        },
      ]}
    />
  );
}
