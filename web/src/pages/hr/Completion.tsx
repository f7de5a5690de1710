/**
 * 完成情况: completion of a cycle by department (the `completion` dashboard's JSON drawn as an
 * interactive ECharts bar chart: scheduled / in progress / awaiting signatures / locked,
 * overdue beside, the completion rate as a line) and the overdue records with who is late.
 * Live: a change to any record refetches.
 */
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useCallback, useEffect, useMemo } from 'react';
import { useQuery, useSubscription } from 'urql';
import type { CompletionDashboard } from '../../../../src/analytics/dashboard-types';
import { EChart } from '../../charts/EChart';
import { ErrorNotice } from '../../errors/ErrorNotice';
import { completionOption } from '../../hr/chart-options';
import { CompletionDocument, InterviewChangedHrDocument } from '../../hr/documents';
import { CycleDepartmentFilter, useCycleFilter, useDirectoryNames } from '../../hr/filters';
import { OverdueTable } from '../../hr/OverdueTable';
import { useI18n } from '../../i18n';

export function CompletionPage() {
  const { t } = useI18n();
  const filter = useCycleFilter();
  const names = useDirectoryNames();
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: CompletionDocument,
    variables: { cycle: filter.cycle ?? '', department: filter.department },
    pause: !filter.cycle,
  });
  const refetch = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const [changes] = useSubscription({ query: InterviewChangedHrDocument });
  useEffect(() => {
    if (changes.data) refetch();
  }, [changes.data, refetch]);
  const completion = data?.dashboard.completion.data as CompletionDashboard | undefined;
  const option = useMemo(() => (completion ? completionOption(completion, t) : null), [completion, t]);
  const overdue = (data?.tasks ?? []).filter((task) => task.cycle === filter.cycle);
  const total = completion?.total;

  return (
    <div>
      <Typography.Title level={3}>{t('nav.completion')}</Typography.Title>
      <CycleDepartmentFilter filter={filter} />
      <ErrorNotice error={error} onRetry={refetch} />
      <ErrorNotice error={changes.error} />
      {total && (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="completion-totals">
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('hr.completion.total')} value={total.total} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('hr.chart.locked')} value={total.locked} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t('hr.chart.overdue')}
                value={total.overdue}
                valueStyle={{ color: total.overdue > 0 ? '#cf1322' : undefined }}
              />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('hr.chart.completionRate')} value={Math.round(total.completionRate * 1000) / 10} suffix="%" />
            </Card>
          </Col>
        </Row>
      )}
      <Card title={t('hr.completion.chartTitle', { cycle: filter.cycle ?? '' })} loading={fetching && !data} style={{ marginBottom: 16 }}>
        {option && completion && completion.departments.length > 0 ? (
          <EChart option={option} height={380} ariaLabel={t('hr.completion.chartTitle', { cycle: filter.cycle ?? '' })} />
        ) : (
          <Typography.Text type="secondary">{t('hr.noData')}</Typography.Text>
        )}
      </Card>
      <Card title={t('hr.overdue.title', { count: overdue.filter((x) => x.kind === 'step').length })}>
        <OverdueTable tasks={overdue} names={names} />
      </Card>
    </div>
  );
}
