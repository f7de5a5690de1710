/** /interviews — 我的面谈: the viewer's interviews (as employee and as manager), by cycle, with step and status. */
import { Alert, Card, List, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect } from 'react';
import { Link } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { ErrorNotice } from '../../errors/ErrorNotice';
import { MyInterviewsDocument, RecordChangedDocument } from '../../form/operations';
import type { InterviewRowFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatDue } from '../Todo';

export function InterviewList({ rows, viewerId }: { rows: ReadonlyArray<InterviewRowFragment>; viewerId: string }) {
  const { t, locale } = useI18n();
  const byCycle = [...new Set(rows.map((r) => r.cycle))].sort().reverse();
  if (rows.length === 0) return <Typography.Text type="secondary">{t('form.list.empty')}</Typography.Text>;
  return (
    <>
      {byCycle.map((cycle) => (
        <div key={cycle} data-testid={`cycle-${cycle}`}>
          <Typography.Title level={5}>
            {t('form.list.cycle')} {cycle}
          </Typography.Title>
          <List
            dataSource={rows.filter((r) => r.cycle === cycle)}
            renderItem={(r) => (
              <List.Item key={r.id} style={{ paddingInline: 0 }} data-testid="interview-item">
                <Card size="small" style={{ width: '100%' }}>
                  <Space direction="vertical" size={4} style={{ width: '100%' }}>
                    <Space wrap size={[6, 4]}>
                      <Link to={`/interviews/${encodeURIComponent(r.id)}`} style={{ wordBreak: 'break-word' }}>
                        <Typography.Text strong>
                          {r.employee?.name ?? r.employeeId} · {r.templateId} v{r.templateVersion}
                        </Typography.Text>
                      </Link>
                      <Tag>{r.employeeId === viewerId ? t('form.list.asEmployee') : t('form.list.asManager')}</Tag>
                      <Tag color={r.status === 'locked' ? 'green' : 'blue'}>{t(`form.status.${r.status}` as MessageKey)}</Tag>
                      {r.workflow.pendingActorIds.includes(viewerId) && r.status !== 'locked' && (
                        <Tag color="orange">{t('form.list.waitingForMe')}</Tag>
                      )}
                    </Space>
                    <Typography.Text type={r.workflow.overdue ? 'danger' : 'secondary'}>
                      {t('form.record.step')}: {locale === 'en' ? r.workflow.labelEn : r.workflow.label} · {t('form.record.due')}:{' '}
                      {formatDue(r.workflow.dueAt, locale)}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                      {r.id} · {t('form.record.manager')} {r.managerId}
                    </Typography.Text>
                  </Space>
                </Card>
              </List.Item>
            )}
          />
        </div>
      ))}
    </>
  );
}

export function MyInterviewsPage({ viewerId }: { viewerId: string }) {
  const { t } = useI18n();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: MyInterviewsDocument, variables: { me: viewerId } });
  const refetch = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const [changes] = useSubscription({ query: RecordChangedDocument, variables: {} });
  useEffect(() => {
    if (changes.data) refetch();
  }, [changes.data, refetch]);
  const rows = data
    ? [...data.asEmployee.edges, ...data.asManager.edges]
        .map((e) => e.node)
        .filter((r, i, all) => all.findIndex((x) => x.id === r.id) === i)
    : [];
  return (
    <div>
      <Typography.Title level={3}>{t('form.list.title')}</Typography.Title>
      <ErrorNotice error={error} onRetry={refetch} />
      <ErrorNotice error={changes.error} />
      {data && data.asManager.totalCount > data.asManager.edges.length && (
        // The newest 40 as the manager: the rest are on 团队面谈, filtered by cycle and step and paged.
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="my-interviews-more"
          message={t('form.list.moreAsManager', { shown: data.asManager.edges.length, total: data.asManager.totalCount })}
          action={<Link to="/team/interviews">{t('nav.teamInterviews')}</Link>}
        />
      )}
      {data && data.asEmployee.totalCount > data.asEmployee.edges.length && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('form.list.moreAsEmployee', { shown: data.asEmployee.edges.length, total: data.asEmployee.totalCount })}
        />
      )}
      {data ? <InterviewList rows={rows} viewerId={viewerId} /> : fetching && <Card loading />}
    </div>
  );
}
