/**
 * 支持需求: support needs across departments — the `supportNeeds` dashboard (counts by
 * department, type and status) as a stacked bar chart, and the needs themselves (`supportNeeds`
 * list: open ones by default, or any status), each with the manager's evaluation.
 */
import { Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import type { SupportNeedTotal } from '../../../../src/analytics/dashboard-types';
import { EChart } from '../../charts/EChart';
import { ErrorNotice } from '../../errors/ErrorNotice';
import type { HrSupportNeedsQuery } from '../../gql/graphql';
import { supportNeedsOption } from '../../hr/chart-options';
import { FulfilNeedDocument, InterviewChangedHrDocument, SupportNeedsDocument } from '../../hr/documents';
import { CycleDepartmentFilter, useCycleFilter, useDirectoryNames } from '../../hr/filters';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/messages';
import { personLabel } from '../../team/format';
import { NEED_STATUS_COLOR } from '../../team/SupportNeedsDrawer';

type Need = HrSupportNeedsQuery['supportNeeds'][number];
const STATUSES = ['pending', 'approved', 'partly', 'declined', 'fulfilled'] as const;

/** HR records that an approved (or partly approved) need was provided, with a note. */
function FulfilModal({ need, onClose, onDone }: { need: Need; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ note: string }>();
  const [result, fulfil] = useMutation(FulfilNeedDocument);
  const submit = async () => {
    const checked = await form.validateFields().catch(() => null); // the form shows what is missing
    if (!checked) return;
    const answer = await fulfil({ interviewId: need.interviewId, needId: need.needId, note: checked.note.trim() });
    if (!answer.error) {
      onDone();
      onClose();
    }
  };
  return (
    <Modal
      open
      title={t('hr.needs.fulfilTitle')}
      okText={t('hr.needs.fulfil')}
      cancelText={t('team.cancel')}
      onOk={submit}
      onCancel={onClose}
      okButtonProps={{ loading: result.fetching, 'data-testid': 'fulfil-submit' } as never}
    >
      <Typography.Paragraph strong style={{ wordBreak: 'break-word' }}>
        {need.need}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item
          name="note"
          label={t('hr.needs.fulfilNote')}
          rules={[{ required: true, whitespace: true, message: t('hr.needs.fulfilNoteRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={2000} data-testid="fulfil-note" />
        </Form.Item>
      </Form>
      <ErrorNotice error={result.error} />
    </Modal>
  );
}

export function SupportNeedsPage() {
  const { t } = useI18n();
  const filter = useCycleFilter();
  const names = useDirectoryNames();
  const [status, setStatus] = useState<string | undefined>();
  const [openOnly, setOpenOnly] = useState(true);
  const [fulfilling, setFulfilling] = useState<Need | null>(null);
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: SupportNeedsDocument,
    variables: { cycle: filter.cycle, department: filter.department, status, openOnly: status ? false : openOnly },
    pause: !filter.cycle,
  });
  const refetch = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const [changes] = useSubscription({ query: InterviewChangedHrDocument });
  useEffect(() => {
    if (changes.data) refetch();
  }, [changes.data, refetch]);
  const totals = (data?.dashboard.supportNeeds.data ?? []) as SupportNeedTotal[];
  const option = useMemo(() => supportNeedsOption(totals, t), [totals, t]);
  const needs = (data?.supportNeeds ?? []).filter((n) => !filter.cycle || n.cycle === filter.cycle);
  const byStatus = STATUSES.map((s) => ({ s, n: totals.filter((r) => r.status === s).reduce((a, r) => a + r.count, 0) }));

  return (
    <div>
      <Typography.Title level={3}>{t('nav.supportNeeds')}</Typography.Title>
      <CycleDepartmentFilter filter={filter} />
      <ErrorNotice error={error} onRetry={refetch} />
      <ErrorNotice error={changes.error} />
      <Card title={t('hr.needs.chartTitle', { cycle: filter.cycle ?? '' })} loading={fetching && !data} style={{ marginBottom: 16 }}>
        <Space wrap style={{ marginBottom: 8 }} data-testid="needs-by-status">
          {byStatus.map(({ s, n }) => (
            <Tag key={s} color={NEED_STATUS_COLOR[s]}>
              {t(`team.needStatus.${s}` as MessageKey)} {n}
            </Tag>
          ))}
        </Space>
        {totals.length > 0 ? (
          <EChart option={option} height={340} ariaLabel={t('hr.needs.chartTitle', { cycle: filter.cycle ?? '' })} />
        ) : (
          <Typography.Text type="secondary">{t('hr.noData')}</Typography.Text>
        )}
      </Card>
      <Card
        title={t('hr.needs.listTitle', { count: needs.length })}
        extra={
          <Space wrap>
            <Select
              aria-label={t('hr.needs.status')}
              allowClear
              placeholder={t('hr.needs.anyStatus')}
              style={{ minWidth: 140 }}
              value={status}
              onChange={(v: string | undefined) => setStatus(v)}
              options={STATUSES.map((s) => ({ value: s, label: t(`team.needStatus.${s}` as MessageKey) }))}
            />
            <span>
              <Switch checked={openOnly} disabled={!!status} onChange={setOpenOnly} aria-label={t('hr.needs.openOnly')} />{' '}
              {t('hr.needs.openOnly')}
            </span>
          </Space>
        }
      >
        <Table<Need>
          rowKey="id"
          size="middle"
          dataSource={needs}
          pagination={{ pageSize: 15, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('hr.needs.empty') }}
          columns={[
            { key: 'department', title: t('hr.col.department'), dataIndex: 'department' },
            { key: 'employee', title: t('hr.col.employee'), render: (_, n) => personLabel(names, n.employeeId) },
            { key: 'type', title: t('hr.col.type'), render: (_, n) => <Tag>{t(`team.needType.${n.type}` as MessageKey)}</Tag> },
            { key: 'need', title: t('hr.col.need'), render: (_, n) => <span style={{ wordBreak: 'break-word' }}>{n.need}</span> },
            {
              key: 'status',
              title: t('hr.col.status'),
              render: (_, n) => <Tag color={NEED_STATUS_COLOR[n.status]}>{t(`team.needStatus.${n.status}` as MessageKey)}</Tag>,
            },
            {
              key: 'evaluation',
              title: t('hr.col.evaluation'),
              render: (_, n) => {
                const e = n.evaluation as { reason?: string; by?: string } | null;
                return e?.reason ? (
                  <Typography.Text type="secondary" style={{ wordBreak: 'break-word' }}>
                    {e.reason}（{personLabel(names, e.by ?? '')}）
                  </Typography.Text>
                ) : (
                  '—'
                );
              },
            },
            {
              key: 'record',
              title: t('hr.col.interview'),
              render: (_, n) => <Link to={`/interviews/${encodeURIComponent(n.interviewId)}`}>{n.interviewId}</Link>,
            },
            {
              key: 'actions',
              title: t('hr.col.actions'),
              render: (_, n) =>
                n.status === 'approved' || n.status === 'partly' ? (
                  <Button size="small" onClick={() => setFulfilling(n)} data-testid={`fulfil-${n.id}`}>
                    {t('hr.needs.fulfil')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      {fulfilling && <FulfilModal need={fulfilling} onClose={() => setFulfilling(null)} onDone={refetch} />}
    </div>
  );
}
