/**
 * The team's improvement tasks: what was agreed, whose it is, the deadline (red when overdue),
 * progress and status, and the follow-up actions the API allows the owner or the manager.
 */
import { Button, Progress, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { TeamTasksQuery } from '../gql/graphql';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/messages';
import { formatInstant, personLabel, type Names } from './format';

export type TeamTask = TeamTasksQuery['tasks'][number];

export function TeamTasksTable({
  tasks,
  names,
  onProgress,
  onComplete,
}: {
  tasks: readonly TeamTask[];
  names: Names;
  onProgress?: (task: TeamTask) => void;
  onComplete?: (task: TeamTask) => void;
}) {
  const { t, locale } = useI18n();
  return (
    <Table<TeamTask>
      data-testid="team-tasks"
      rowKey="id"
      size="middle"
      dataSource={[...tasks]}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 900 }}
      locale={{ emptyText: t('team.tasks.empty') }}
      onRow={(row) => ({ 'data-testid': 'team-task-row', 'data-id': row.id, 'data-overdue': row.overdue ? 'true' : 'false' }) as never}
      columns={[
        {
          key: 'title',
          title: t('team.col.task'),
          render: (_, row) => (
            <Space direction="vertical" size={0}>
              <Typography.Text style={{ wordBreak: 'break-word' }}>{locale === 'en' ? row.titleEn : row.title}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <Link to={`/interviews/${encodeURIComponent(row.interviewId)}`}>{row.interviewId}</Link> · {row.subject}
              </Typography.Text>
            </Space>
          ),
        },
        { key: 'owner', title: t('team.col.owner'), render: (_, row) => personLabel(names, row.assigneeId) },
        { key: 'employee', title: t('team.col.employee'), render: (_, row) => personLabel(names, row.employeeId) },
        {
          key: 'deadline',
          title: t('team.col.deadline'),
          render: (_, row) => (
            <Typography.Text type={row.overdue ? 'danger' : undefined} data-testid="task-deadline">
              {formatInstant(row.dueAt, locale)}
            </Typography.Text>
          ),
        },
        {
          key: 'status',
          title: t('team.col.status'),
          render: (_, row) => (
            <Space size={4} wrap>
              <Tag>{t(`team.taskStatus.${row.status}` as MessageKey)}</Tag>
              {row.overdue && <Tag color="red">{t('team.overdue')}</Tag>}
            </Space>
          ),
        },
        {
          key: 'progress',
          title: t('team.col.progress'),
          width: 150,
          render: (_, row) => <Progress percent={row.progress ?? 0} size="small" aria-label={t('team.col.progress')} />,
        },
        {
          key: 'actions',
          title: t('team.col.actions'),
          render: (_, row) =>
            row.status === 'open' ? (
              <Space wrap size={[4, 4]}>
                {onProgress && (
                  <Button size="small" onClick={() => onProgress(row)}>
                    {t('team.tasks.report')}
                  </Button>
                )}
                {onComplete && (
                  <Button size="small" type="primary" onClick={() => onComplete(row)}>
                    {t('team.tasks.complete')}
                  </Button>
                )}
              </Space>
            ) : null,
        },
      ]}
    />
  );
}
