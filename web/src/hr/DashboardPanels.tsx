/**
 * The dashboards' panels that must tell "withheld" from "none": text-derived figures (themes,
 * sentiment, pressure mentions) are withheld for groups smaller than the privacy threshold and
 * for employees; they show as withheld, with the reason, never as zero.
 */
import { Alert, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import type { GoalPressureRow, SentimentDashboard, ThemesDashboard } from '../../../src/analytics/dashboard-types';
import { EChart } from '../charts/EChart';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/messages';
import { sentimentOption, themesOption } from './chart-options';

export function WithheldNotice() {
  const { t } = useI18n();
  return <Alert type="warning" showIcon data-testid="withheld" message={t('hr.dash.withheld')} description={t('hr.dash.withheldReason')} />;
}

export function ThemesPanel({ data }: { data: ThemesDashboard }) {
  const { t } = useI18n();
  const option = useMemo(() => themesOption(data, t), [data, t]);
  if (data.withheld) return <WithheldNotice />;
  if (data.themes.length === 0) return <Typography.Text type="secondary">{t('hr.noData')}</Typography.Text>;
  return <EChart option={option} height={Math.max(260, Math.min(15, data.themes.length) * 28 + 60)} ariaLabel={t('hr.dash.themes')} />;
}

/** Sentiment leaves withheld groups out: a viewer narrowed to small groups gets no rows. */
export function SentimentPanel({ data, companyWide }: { data: SentimentDashboard; companyWide: boolean }) {
  const { t } = useI18n();
  const option = useMemo(() => sentimentOption(data, t), [data, t]);
  if (data.rows.length === 0)
    return companyWide ? <Typography.Text type="secondary">{t('hr.noData')}</Typography.Text> : <WithheldNotice />;
  return (
    <>
      <EChart option={option} height={300} ariaLabel={t('hr.dash.sentiment')} />
      {data.turningNegative.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          message={t('hr.dash.turningNegative', { list: data.turningNegative.join('、') })}
        />
      )}
    </>
  );
}

export function GoalPressureTable({ rows }: { rows: readonly GoalPressureRow[] }) {
  const { t } = useI18n();
  return (
    <Table<GoalPressureRow>
      data-testid="goal-pressure-table"
      rowKey={(r) => `${r.department}:${r.cycle}`}
      size="small"
      pagination={false}
      scroll={{ x: 640 }}
      dataSource={[...rows]}
      locale={{ emptyText: t('hr.noData') }}
      columns={[
        { key: 'department', title: t('hr.col.department'), dataIndex: 'department' },
        { key: 'cycle', title: t('hr.col.cycle'), dataIndex: 'cycle' },
        { key: 'goals', title: t('hr.dash.goals'), dataIndex: 'goals' },
        { key: 'missed', title: t('hr.dash.missed'), dataIndex: 'missed' },
        {
          key: 'mean',
          title: t('hr.chart.meanAchievement'),
          render: (_, r) => (r.meanAchievement === null ? t('hr.dash.noGoals') : `${r.meanAchievement}%`),
        },
        {
          key: 'mentions',
          title: t('hr.dash.pressureMentions'),
          render: (_, r) =>
            r.pressureMentions === null ? (
              <Tag data-testid="mentions-withheld" title={t('hr.dash.withheldReason')}>
                {t('hr.dash.withheldShort')}
              </Tag>
            ) : (
              <span data-testid="mentions-value">{r.pressureMentions}</span>
            ),
        },
        {
          key: 'high',
          title: t('hr.dash.highPressure'),
          render: (_, r) =>
            r.highPressure ? (
              <span>
                <Tag color="red">{t('hr.dash.yes')}</Tag>
                {r.reasons.map((reason) => (
                  <Tag key={reason}>{t(`hr.dash.reason.${reason}` as MessageKey)}</Tag>
                ))}
              </span>
            ) : (
              t('hr.dash.no')
            ),
        },
      ]}
    />
  );
}
