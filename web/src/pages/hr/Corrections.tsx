/**
 * 更正: HR opens a correction on a locked record with a reason (`openCorrection`: the record
 * reopens, edits make new versions the parties must sign again) and sees, for every record in
 * correction, who must re-sign (the record's pending actors at the signing step).
 */
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import { ErrorNotice } from '../../errors/ErrorNotice';
import type { HrCorrectionRecordsQuery } from '../../gql/graphql';
import { CorrectionRecordsDocument, InterviewChangedHrDocument, OpenCorrectionDocument } from '../../hr/documents';
import { useCycleFilter, useDirectoryNames } from '../../hr/filters';
import { useI18n } from '../../i18n';
import { formatInstant, personLabel, type Names } from '../../team/format';

type Row = HrCorrectionRecordsQuery['interviews']['edges'][number]['node'];

export function ReSigners({ ids, names }: { ids: readonly string[]; names: Names }) {
  const { t } = useI18n();
  if (ids.length === 0) return <Typography.Text type="secondary">{t('hr.corrections.allSigned')}</Typography.Text>;
  return (
    <span data-testid="re-signers">
      {ids.map((id) => (
        <Tag key={id} color="orange">
          {personLabel(names, id)}
        </Tag>
      ))}
    </span>
  );
}

function OpenCorrectionModal({ row, names, onClose, onOpened }: { row: Row; names: Names; onClose: () => void; onOpened: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [result, open] = useMutation(OpenCorrectionDocument);
  const opened = result.data?.openCorrection;
  const submit = async () => {
    const checked = await form.validateFields().catch(() => null); // the form shows what is missing
    if (!checked) return;
    const { reason } = checked;
    const answer = await open({ interviewId: row.id, reason: reason.trim() });
    if (!answer.error) onOpened();
  };
  return (
    <Modal
      open
      title={t('hr.corrections.openTitle', { id: row.id })}
      okText={opened ? t('team.close') : t('hr.corrections.open')}
      cancelText={t('team.cancel')}
      onOk={opened ? onClose : submit}
      onCancel={onClose}
      okButtonProps={{ loading: result.fetching, 'data-testid': 'correction-submit' } as never}
    >
      {opened ? (
        <Alert
          type="success"
          showIcon
          data-testid="correction-opened"
          message={t('hr.corrections.opened', { version: opened.version })}
          description={
            <>
              {t('hr.corrections.mustResign')} <ReSigners ids={opened.workflow.pendingActorIds} names={names} />
            </>
          }
        />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {t('hr.corrections.explain', { employee: personLabel(names, row.employeeId), version: row.version })}
          </Typography.Paragraph>
          <Form form={form} layout="vertical" requiredMark>
            <Form.Item
              name="reason"
              label={t('hr.corrections.reason')}
              rules={[{ required: true, whitespace: true, message: t('hr.corrections.reasonRequired') }]}
            >
              <Input.TextArea
                rows={3}
                maxLength={2000}
                data-testid="correction-reason"
                placeholder={t('hr.corrections.reasonPlaceholder')}
              />
            </Form.Item>
          </Form>
        </>
      )}
      <ErrorNotice error={result.error} />
    </Modal>
  );
}

export function CorrectionsPage() {
  const { t, locale } = useI18n();
  const names = useDirectoryNames();
  const filter = useCycleFilter();
  const [cycle, setCycle] = useState<string | undefined>();
  const [inCorrection, reexecuteCorrection] = useQuery({
    query: CorrectionRecordsDocument,
    variables: { filter: { status: 'correction' }, first: 30 },
  });
  const [locked, reexecuteLocked] = useQuery({
    query: CorrectionRecordsDocument,
    variables: { filter: { status: 'locked', cycle }, first: 30 },
  });
  const refetch = useCallback(() => {
    reexecuteCorrection({ requestPolicy: 'network-only' });
    reexecuteLocked({ requestPolicy: 'network-only' });
  }, [reexecuteCorrection, reexecuteLocked]);
  const [changes] = useSubscription({ query: InterviewChangedHrDocument });
  useEffect(() => {
    if (changes.data) refetch();
  }, [changes.data, refetch]);
  const [opening, setOpening] = useState<Row | null>(null);

  const base = [
    {
      key: 'id',
      title: t('hr.col.interview'),
      render: (_: unknown, r: Row) => <Link to={`/interviews/${encodeURIComponent(r.id)}`}>{r.id}</Link>,
    },
    { key: 'employee', title: t('hr.col.employee'), render: (_: unknown, r: Row) => personLabel(names, r.employeeId) },
    { key: 'department', title: t('hr.col.department'), dataIndex: 'department' },
    { key: 'cycle', title: t('hr.col.cycle'), dataIndex: 'cycle' },
    { key: 'version', title: t('hr.col.version'), dataIndex: 'version' },
  ];
  const correctionRows = inCorrection.data?.interviews.edges.map((e) => e.node) ?? [];
  const lockedRows = locked.data?.interviews.edges.map((e) => e.node) ?? [];

  return (
    <div>
      <Typography.Title level={3}>{t('nav.corrections')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('hr.corrections.intro')}</Typography.Paragraph>
      <ErrorNotice error={inCorrection.error ?? locked.error} onRetry={refetch} />
      <ErrorNotice error={changes.error} />
      <Card title={t('hr.corrections.inCorrection', { count: inCorrection.data?.interviews.totalCount ?? 0 })} style={{ marginBottom: 16 }}>
        <Table<Row>
          data-testid="corrections-open"
          rowKey="id"
          size="middle"
          loading={inCorrection.fetching && !inCorrection.data}
          dataSource={correctionRows}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('hr.corrections.none') }}
          onRow={(r) => ({ 'data-testid': 'correction-row', 'data-id': r.id }) as never}
          columns={[
            ...base,
            {
              key: 'reason',
              title: t('hr.corrections.reason'),
              render: (_, r) => {
                const last = r.corrections[r.corrections.length - 1];
                return last ? (
                  <span style={{ wordBreak: 'break-word' }}>
                    {last.reason}
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {personLabel(names, last.openedBy)} · {formatInstant(last.openedAt, locale)} ·{' '}
                      {t('hr.corrections.from', { version: last.fromVersion })}
                    </Typography.Text>
                  </span>
                ) : (
                  '—'
                );
              },
            },
            {
              key: 'resign',
              title: t('hr.corrections.resignColumn'),
              render: (_, r) => <ReSigners ids={r.workflow.pendingActorIds} names={names} />,
            },
          ]}
        />
      </Card>
      <Card
        title={t('hr.corrections.locked', { count: locked.data?.interviews.totalCount ?? 0 })}
        extra={
          <Space>
            <label htmlFor="corr-cycle">{t('hr.filter.cycle')}</label>
            <Select
              id="corr-cycle"
              allowClear
              placeholder={t('hr.filter.all')}
              style={{ minWidth: 140 }}
              value={cycle}
              onChange={(v: string | undefined) => setCycle(v)}
              options={filter.cycles.map((c) => ({ value: c, label: c }))}
            />
          </Space>
        }
      >
        <Table<Row>
          data-testid="corrections-locked"
          rowKey="id"
          size="middle"
          loading={locked.fetching && !locked.data}
          dataSource={lockedRows}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          onRow={(r) => ({ 'data-testid': 'locked-row', 'data-id': r.id }) as never}
          columns={[
            ...base,
            { key: 'lockedAt', title: t('hr.col.lockedAt'), render: (_, r) => formatInstant(r.lockedAt, locale) },
            {
              key: 'action',
              title: t('hr.col.actions'),
              render: (_, r) => (
                <Button size="small" onClick={() => setOpening(r)} data-testid={`open-correction-${r.id}`}>
                  {t('hr.corrections.open')}
                </Button>
              ),
            },
          ]}
        />
        {(locked.data?.interviews.totalCount ?? 0) > lockedRows.length && (
          <Typography.Text type="secondary">{t('hr.corrections.more', { shown: lockedRows.length })}</Typography.Text>
        )}
      </Card>
      {opening && <OpenCorrectionModal row={opening} names={names} onClose={() => setOpening(null)} onOpened={refetch} />}
    </div>
  );
}
