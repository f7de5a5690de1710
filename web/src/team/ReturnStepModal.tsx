/**
 * 退回: sends a record back to an earlier step of its flow (`returnStep`), with the reason the
 * API requires (and keeps in the step's history). The earlier steps come from the record's own
 * flow version.
 */
import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorNotice } from '../errors/ErrorNotice';
import { useI18n } from '../i18n';
import { RecordNeedsDocument, ReturnStepDocument } from './documents';

export function ReturnStepModal({
  interviewId,
  employeeName,
  onClose,
  onReturned,
}: {
  interviewId: string;
  employeeName: string;
  onClose: () => void;
  onReturned: (step: string) => void;
}) {
  const { t, locale } = useI18n();
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: RecordNeedsDocument,
    variables: { id: interviewId },
    requestPolicy: 'network-only',
  });
  const [result, returnStep] = useMutation(ReturnStepDocument);
  const [form] = Form.useForm<{ toStep: string; reason: string }>();
  const [done, setDone] = useState<string | null>(null);
  const record = data?.interview;
  const earlier = record ? record.flow.steps.slice(0, record.workflow.stepIndex) : [];

  const submit = async () => {
    const checked = await form.validateFields().catch(() => null); // the form shows what is missing
    if (!checked) return;
    const values = checked;
    const answer = await returnStep({ interviewId, toStep: values.toStep, reason: values.reason.trim() });
    if (!answer.error && answer.data) {
      const w = answer.data.returnStep.workflow;
      setDone(locale === 'en' ? w.labelEn : w.label);
      onReturned(w.step);
    }
  };

  return (
    <Modal
      open
      title={t('team.return.title', { name: employeeName })}
      okText={done ? t('team.close') : t('team.return.submit')}
      cancelText={t('team.cancel')}
      okButtonProps={
        {
          danger: !done,
          loading: result.fetching,
          disabled: !done && (!record || earlier.length === 0),
          'data-testid': 'return-submit',
        } as never
      }
      onOk={done ? onClose : submit}
      onCancel={onClose}
    >
      <ErrorNotice error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      {fetching && !record && <Typography.Text type="secondary">{t('app.loading')}</Typography.Text>}
      {record && (
        <Typography.Paragraph type="secondary">
          {t('team.return.current', { step: locale === 'en' ? record.workflow.labelEn : record.workflow.label, id: record.id })}
        </Typography.Paragraph>
      )}
      {done ? (
        <Alert type="success" showIcon message={t('team.return.done', { step: done })} data-testid="return-done" />
      ) : (
        record && (
          <Form form={form} layout="vertical" requiredMark initialValues={{ toStep: earlier[earlier.length - 1]?.key }}>
            <Form.Item name="toStep" label={t('team.return.toStep')} rules={[{ required: true, message: t('team.return.toStepRequired') }]}>
              <Select
                aria-label={t('team.return.toStep')}
                options={earlier.map((s) => ({ value: s.key, label: locale === 'en' ? s.labelEn : s.label }))}
              />
            </Form.Item>
            <Form.Item
              name="reason"
              label={t('team.return.reason')}
              rules={[{ required: true, whitespace: true, message: t('team.return.reasonRequired') }]}
            >
              <Input.TextArea rows={3} maxLength={2000} placeholder={t('team.return.reasonPlaceholder')} data-testid="return-reason" />
            </Form.Item>
          </Form>
        )
      )}
      <ErrorNotice error={result.error} />
    </Modal>
  );
}
