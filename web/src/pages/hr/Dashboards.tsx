/**
 * 看板: every dashboard the viewer may see (the API narrows them: HR, auditors and admins the
 * company, a manager their team, anyone else their own records), drawn as interactive ECharts
 * from the JSON figures, with a cycle and department filter. Text-derived figures withheld for
 * small groups show as withheld, with the reason.
 */
import { Card, Col, Input, Row, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import type {
  CompletionDashboard,
  CompletionTrend,
  GoalPressureRow,
  ProgressDashboard,
  RadarDashboard,
  SentimentDashboard,
  SupportNeedTotal,
  ThemesDashboard,
} from '../../../../src/analytics/dashboard-types';
import { EChart } from '../../charts/EChart';
import { ErrorNotice } from '../../errors/ErrorNotice';
import { completionOption, goalPressureOption, progressOption, radarOption, supportNeedsOption, trendOption } from '../../hr/chart-options';
import { GoalPressureTable, SentimentPanel, ThemesPanel } from '../../hr/DashboardPanels';
import { DashboardsDocument, InterviewChangedHrDocument, RadarDocument } from '../../hr/documents';
import { CycleDepartmentFilter, useCycleFilter } from '../../hr/filters';
import { useI18n } from '../../i18n';
import { ViewerQuery } from '../../shell/viewer';

const COMPANY_ROLES = ['hr', 'auditor', 'admin'];

function Panel({ title, testId, children, loading }: { title: string; testId: string; children: React.ReactNode; loading?: boolean }) {
  return (
    <Card title={title} size="small" loading={loading} data-testid={`dash-${testId}`} style={{ height: '100%' }}>
      {children}
    </Card>
  );
}

export function DashboardsPage() {
  const { t, locale } = useI18n();
  const [{ data: viewer }] = useQuery({ query: ViewerQuery });
  const me = viewer?.me;
  const companyWide = !!me?.roles.some((r) => COMPANY_ROLES.includes(r));
  const filter = useCycleFilter();
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: DashboardsDocument,
    variables: { cycle: filter.cycle ?? '', department: filter.department },
    pause: !filter.cycle,
  });
  const [employeeId, setEmployeeId] = useState<string | null>(null);
  const radarFor = employeeId ?? me?.id ?? '';
  const [radar, reexecuteRadar] = useQuery({
    query: RadarDocument,
    variables: { employeeId: radarFor, cycle: filter.cycle ?? '' },
    pause: !filter.cycle || !radarFor,
  });
  const refetch = useCallback(() => {
    reexecute({ requestPolicy: 'network-only' });
    reexecuteRadar({ requestPolicy: 'network-only' });
  }, [reexecute, reexecuteRadar]);
  const [changes] = useSubscription({ query: InterviewChangedHrDocument });
  useEffect(() => {
    if (changes.data) refetch();
  }, [changes.data, refetch]);

  const d = data?.dashboard;
  const completion = d?.completion.data as CompletionDashboard | undefined;
  const progress = d?.progress.data as ProgressDashboard | undefined;
  const trend = d?.completionTrend.data as CompletionTrend | undefined;
  const themes = d?.themes.data as ThemesDashboard | undefined;
  const sentiment = d?.sentiment.data as SentimentDashboard | undefined;
  const pressure = d?.goalPressure.data as GoalPressureRow[] | undefined;
  const needs = d?.supportNeeds.data as SupportNeedTotal[] | undefined;
  const radarData = radar.data?.dashboard.radar?.data as RadarDashboard | undefined;

  const options = useMemo(
    () => ({
      completion: completion ? completionOption(completion, t) : null,
      progress: progress ? progressOption(progress, t, locale) : null,
      trend: trend ? trendOption(trend, t) : null,
      pressure: pressure ? goalPressureOption(pressure, t) : null,
      needs: needs ? supportNeedsOption(needs, t) : null,
      radar: radarData ? radarOption(radarData, t, locale) : null,
    }),
    [completion, progress, trend, pressure, needs, radarData, t, locale],
  );
  const none = <Typography.Text type="secondary">{t('hr.noData')}</Typography.Text>;
  const loading = fetching && !data;

  return (
    <div>
      <Typography.Title level={3}>{t('nav.dashboards')}</Typography.Title>
      <Typography.Paragraph type="secondary">{companyWide ? t('hr.dash.scopeCompany') : t('hr.dash.scopeOwn')}</Typography.Paragraph>
      <CycleDepartmentFilter filter={filter} />
      <ErrorNotice error={error} onRetry={refetch} />
      <ErrorNotice error={changes.error} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Panel title={t('hr.dash.completion', { cycle: filter.cycle ?? '' })} testId="completion" loading={loading}>
            {options.completion && completion && completion.departments.length > 0 ? (
              <EChart option={options.completion} height={340} ariaLabel={t('hr.dash.completion', { cycle: filter.cycle ?? '' })} />
            ) : (
              none
            )}
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title={t('hr.dash.progress', { cycle: filter.cycle ?? '' })} testId="progress" loading={loading}>
            {options.progress && progress && progress.byStatus.some((s) => s.count > 0) ? (
              <EChart option={options.progress} height={340} ariaLabel={t('hr.dash.progress', { cycle: filter.cycle ?? '' })} />
            ) : (
              none
            )}
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title={t('hr.dash.trend')} testId="completionTrend" loading={loading}>
            {options.trend && trend && trend.series.length > 0 ? (
              <EChart option={options.trend} height={300} ariaLabel={t('hr.dash.trend')} />
            ) : (
              none
            )}
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title={t('hr.dash.radar')} testId="radar">
            <label htmlFor="radar-employee">{t('hr.dash.radarEmployee')}</label>{' '}
            <Input.Search
              id="radar-employee"
              style={{ width: 200, marginBottom: 8 }}
              defaultValue={radarFor}
              key={me?.id}
              enterButton={t('hr.dash.show')}
              onSearch={(value) => setEmployeeId(value.trim() || null)}
            />
            <ErrorNotice error={radar.error} />
            {options.radar && radarData ? (
              <EChart option={options.radar} height={300} ariaLabel={t('hr.dash.radar')} />
            ) : radar.data ? (
              <Typography.Text type="secondary" style={{ display: 'block' }}>
                {t('hr.dash.noRadar', { id: radarFor, cycle: filter.cycle ?? '' })}
              </Typography.Text>
            ) : null}
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title={t('hr.dash.themes')} testId="themes" loading={loading}>
            {themes ? <ThemesPanel data={themes} /> : none}
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title={t('hr.dash.sentiment')} testId="sentiment" loading={loading}>
            {sentiment ? <SentimentPanel data={sentiment} companyWide={companyWide} /> : none}
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title={t('hr.dash.goalPressure', { cycle: filter.cycle ?? '' })} testId="goalPressure" loading={loading}>
            {options.pressure && pressure && pressure.length > 0 ? (
              <>
                <EChart option={options.pressure} height={300} ariaLabel={t('hr.dash.goalPressure', { cycle: filter.cycle ?? '' })} />
                <GoalPressureTable rows={pressure} />
              </>
            ) : (
              none
            )}
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title={t('hr.dash.supportNeeds', { cycle: filter.cycle ?? '' })} testId="supportNeeds" loading={loading}>
            {options.needs && needs && needs.length > 0 ? (
              <EChart option={options.needs} height={300} ariaLabel={t('hr.dash.supportNeeds', { cycle: filter.cycle ?? '' })} />
            ) : (
              none
            )}
          </Panel>
        </Col>
      </Row>
    </div>
  );
}
