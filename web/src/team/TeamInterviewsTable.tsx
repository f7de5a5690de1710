/**
 * The team's interviews as a table: employee, cycle, step, due (red when overdue), who has not
 * signed yet at the signing step, and the actions (open the record, evaluate support needs,
 * send back). Pure: the page loads the rows and handles the actions.
 */
import { Button, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { TeamInterviewsQuery } from '../gql/graphql';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/messages';
import { formatInstant, personLabel, type Names } from './format';

export type TeamInterview = TeamInterviewsQuery['interviews']['edges'][number]['node'];

const SIGNING = new Set(['awaiting_signatures', 'correction']);

export function TeamInterviewsTable({
  rows,
  names,
  loading,
  onReturn,
  onNeeds,
}: {
  rows: readonly TeamInterview[];
  names: Names;
  loading?: boolean;
  onReturn?: (row: TeamInterview) => void;
  onNeeds?: (row: TeamInterview) => void;
}) {
  const { t, locale } = useI18n();
  return (
    <Table<TeamInterview>
      data-testid="team-interviews"
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={[...rows]}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 900 }}
      locale={{ emptyText: t('team.interviews.empty') }}
      onRow={(row) =>
        ({ 'data-testid': 'team-interview-row', 'data-id': row.id, 'data-overdue': row.workflow.overdue ? 'true' : 'false' }) as never
      }
      columns={[
        {
          key: 'employee',
          title: t('team.col.employee'),
          render: (_, row) => <Typography.Text style={{ wordBreak: 'break-word' }}>{row.employee?.name ?? row.employeeId}</Typography.Text>,
        },
        { key: 'cycle', title: t('team.col.cycle'), dataIndex: 'cycle', width: 100 },
        {
          key: 'step',
          title: t('team.col.step'),
          render: (_, row) => (
            <Space direction="vertical" size={0}>
              <span>{locale === 'en' ? row.workflow.labelEn : row.workflow.label}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`team.status.${row.status}` as MessageKey)}
              </Typography.Text>
            </Space>
          ),
        },
        {
          key: 'due',
          title: t('team.col.due'),
          render: (_, row) =>
            row.status === 'locked' ? (
              <Typography.Text type="secondary">—</Typography.Text>
            ) : (
              <Typography.Text type={row.workflow.overdue ? 'danger' : undefined} data-testid="team-due">
                {formatInstant(row.workflow.dueAt, locale)}
              </Typography.Text>
            ),
        },
        {
          key: 'overdue',
          title: t('team.col.overdue'),
          width: 90,
          render: (_, row) => (row.workflow.overdue ? <Tag color="red">{t('team.overdue')}</Tag> : null),
        },
        {
          key: 'pending',
          title: t('team.col.pendingSignatures'),
          render: (_, row) =>
            SIGNING.has(row.status) && row.workflow.pendingActorIds.length > 0 ? (
              <span data-testid="team-pending-signatures">
                {row.workflow.pendingActorIds.map((id) => (
                  <Tag key={id} color="orange" style={{ marginBottom: 2 }}>
                    {personLabel(names, id)}
                  </Tag>
                ))}
              </span>
            ) : (
              <Typography.Text type="secondary">—</Typography.Text>
            ),
        },
        {
          key: 'actions',
          title: t('team.col.actions'),
          render: (_, row) => (
            <Space wrap size={[4, 4]}>
              <Link to={`/interviews/${encodeURIComponent(row.id)}`}>{t('team.action.open')}</Link>
              {onNeeds && (
                <Button size="small" onClick={() => onNeeds(row)}>
                  {t('team.action.needs')}
                </Button>
              )}
              {onReturn && row.status !== 'locked' && row.workflow.stepIndex > 0 && (
                <Button size="small" danger onClick={() => onReturn(row)}>
                  {t('team.action.return')}
                </Button>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}
