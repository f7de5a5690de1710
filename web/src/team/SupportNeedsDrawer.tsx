/**
 * 支持需求评估: the support needs of one record, each with its status and the manager's
 * evaluation (`evaluateSupportNeed`: approved / partly / declined, with a reason that becomes
 * part of the signed content). A VERSION_CONFLICT (someone changed the record meanwhile) keeps
 * what the manager wrote, shows the record's new version and lets them apply it again.
 */
import { Alert, Button, Card, Drawer, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { CombinedError } from 'urql';
import { useMutation, useQuery, useSubscription } from 'urql';
import { ErrorNotice } from '../errors/ErrorNotice';
import type { TeamRecordNeedsQuery } from '../gql/graphql';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/messages';
import { EvaluateNeedDocument, InterviewChangedDocument, RecordNeedsDocument } from './documents';
import { formatInstant } from './format';

type Need = TeamRecordNeedsQuery['supportNeeds'][number];

export const NEED_STATUS_COLOR: Record<string, string> = {
  pending: 'gold',
  approved: 'green',
  partly: 'blue',
  declined: 'red',
  fulfilled: 'purple',
};

const isConflict = (error: CombinedError | undefined) => !!error?.graphQLErrors.some((e) => e.extensions?.code === 'VERSION_CONFLICT');

export function NeedEvaluation({ need }: { need: Need }) {
  const { t, locale } = useI18n();
  const evaluation = need.evaluation as { decision?: string; reason?: string; by?: string; at?: string } | null;
  if (!evaluation?.decision) return null;
  return (
    <Typography.Paragraph type="secondary" style={{ marginBottom: 0, wordBreak: 'break-word' }} data-testid="need-evaluation">
      {t('team.needs.evaluatedBy', { by: evaluation.by ?? '', at: formatInstant(evaluation.at, locale) })}
      {t(`team.decision.${evaluation.decision}` as MessageKey)}：{evaluation.reason}
    </Typography.Paragraph>
  );
}

function NeedForm({
  need,
  version,
  interviewId,
  onSaved,
  onStale,
}: {
  need: Need;
  version: number;
  interviewId: string;
  onSaved: () => void;
  onStale: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ decision: string; reason: string }>();
  const [result, evaluate] = useMutation(EvaluateNeedDocument);
  const [conflictFrom, setConflictFrom] = useState<number | null>(null);
  const submit = async () => {
    const checked = await form.validateFields().catch(() => null); // the form shows what is missing
    if (!checked) return;
    const values = checked;
    const answer = await evaluate({
      input: { interviewId, expectedVersion: version, needId: need.needId, decision: values.decision, reason: values.reason.trim() },
    });
    if (isConflict(answer.error)) {
      setConflictFrom(version);
      onStale();
    } else if (!answer.error) {
      setConflictFrom(null);
      onSaved();
    }
  };
  const decisionLabel = t('team.needs.decision');
  return (
    <Form form={form} name={`need-${need.needId}`} layout="vertical" requiredMark data-testid={`need-form-${need.needId}`}>
      <Form.Item name="decision" label={decisionLabel} rules={[{ required: true, message: t('team.needs.decisionRequired') }]}>
        <Radio.Group aria-label={decisionLabel}>
          <Radio value="approved">{t('team.decision.approved')}</Radio>
          <Radio value="partly">{t('team.decision.partly')}</Radio>
          <Radio value="declined">{t('team.decision.declined')}</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('team.needs.reason')}
        rules={[{ required: true, whitespace: true, message: t('team.needs.reasonRequired') }]}
      >
        <Input.TextArea rows={2} maxLength={2000} placeholder={t('team.needs.reasonPlaceholder')} />
      </Form.Item>
      {conflictFrom !== null && version !== conflictFrom ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="need-conflict"
          message={t('team.needs.conflict', { from: conflictFrom, to: version })}
          description={t('team.needs.conflictHint')}
        />
      ) : (
        <ErrorNotice error={result.error} />
      )}
      <Button type="primary" onClick={submit} loading={result.fetching} data-testid={`need-submit-${need.needId}`}>
        {conflictFrom !== null ? t('team.needs.reapply') : t('team.needs.submit')}
      </Button>
    </Form>
  );
}

export function SupportNeedsDrawer({
  interviewId,
  onClose,
  onChanged,
}: {
  interviewId: string;
  onClose: () => void;
  onChanged?: () => void;
}) {
  const { t, locale } = useI18n();
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: RecordNeedsDocument,
    variables: { id: interviewId },
    requestPolicy: 'network-only',
  });
  const refetch = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const [changes] = useSubscription({ query: InterviewChangedDocument });
  useEffect(() => {
    if (changes.data?.interviewChanged.interviewId === interviewId) refetch();
  }, [changes.data, interviewId, refetch]);

  const [revising, setRevising] = useState<ReadonlySet<string>>(new Set());
  const record = data?.interview;
  const needs = (data?.supportNeeds ?? []).filter((n) => n.interviewId === interviewId);
  const evaluatingStep = record?.flow.steps.find((s) => s.evaluatesNeeds);
  const atEvaluatingStep = !!record && record.flow.steps.some((s) => s.evaluatesNeeds && s.key === record.workflow.step);

  return (
    <Drawer
      open
      width={560}
      onClose={onClose}
      title={t('team.needs.title', { name: record?.employee?.name ?? interviewId })}
      data-testid="needs-drawer"
    >
      <ErrorNotice error={error} onRetry={refetch} />
      <ErrorNotice error={changes.error} />
      {record && (
        <Typography.Paragraph type="secondary">
          {t('team.needs.record', {
            id: record.id,
            version: record.version,
            step: locale === 'en' ? record.workflow.labelEn : record.workflow.label,
          })}
        </Typography.Paragraph>
      )}
      {record && !atEvaluatingStep && evaluatingStep && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('team.needs.notNow', { step: locale === 'en' ? evaluatingStep.labelEn : evaluatingStep.label })}
        />
      )}
      {fetching && !data && <Card loading />}
      {data && needs.length === 0 && <Typography.Text type="secondary">{t('team.needs.none')}</Typography.Text>}
      <Space direction="vertical" style={{ width: '100%' }}>
        {needs.map((need) => (
          <Card key={need.id} size="small" data-testid="need-card" data-need={need.needId} data-status={need.status}>
            <Space wrap size={[6, 4]} style={{ marginBottom: 6 }}>
              <Tag>{t(`team.needType.${need.type}` as MessageKey)}</Tag>
              <Tag color={NEED_STATUS_COLOR[need.status]} data-testid="need-status">
                {t(`team.needStatus.${need.status}` as MessageKey)}
              </Tag>
              <Typography.Text type="secondary">{need.needId}</Typography.Text>
            </Space>
            <Typography.Paragraph strong style={{ wordBreak: 'break-word' }}>
              {need.need}
            </Typography.Paragraph>
            <NeedEvaluation need={need} />
            {record && need.status !== 'fulfilled' && atEvaluatingStep && need.status !== 'pending' && !revising.has(need.id) && (
              <Button size="small" onClick={() => setRevising((old) => new Set([...old, need.id]))}>
                {t('team.needs.revise')}
              </Button>
            )}
            {record && need.status !== 'fulfilled' && atEvaluatingStep && (need.status === 'pending' || revising.has(need.id)) && (
              <NeedForm
                key={`${need.id}:${need.status}`}
                need={need}
                version={record.version}
                interviewId={interviewId}
                onStale={refetch}
                onSaved={() => {
                  setRevising((old) => new Set([...old].filter((id) => id !== need.id)));
                  refetch();
                  onChanged?.();
                }}
              />
            )}
          </Card>
        ))}
      </Space>
    </Drawer>
  );
}
