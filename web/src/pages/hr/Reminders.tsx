/**
 * 提醒策略: the company's reminder policy (`reminderPolicy`), changed with `setReminderPolicy`
 * (an event in the ledger). Every signed-in person may read it; HR and admins change it.
 */
import { Alert, Card, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorNotice } from '../../errors/ErrorNotice';
import { ReminderPolicyDocument, SetReminderPolicyDocument } from '../../hr/documents';
import { ReminderPolicyForm } from '../../hr/ReminderPolicyForm';
import { useI18n } from '../../i18n';

export function RemindersPage() {
  const { t } = useI18n();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: ReminderPolicyDocument });
  const refetch = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const [result, save] = useMutation(SetReminderPolicyDocument);
  const [saved, setSaved] = useState(false);
  const policy = result.data?.setReminderPolicy ?? data?.reminderPolicy;
  return (
    <div>
      <Typography.Title level={3}>{t('nav.reminders')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('hr.reminders.intro', { zone: typeof policy?.timeZone === 'string' ? policy.timeZone : '—' })}
      </Typography.Paragraph>
      <ErrorNotice error={error} onRetry={refetch} />
      {saved && !result.error && (
        <Alert type="success" showIcon closable style={{ marginBottom: 12 }} message={t('hr.reminders.saved')} data-testid="policy-saved" />
      )}
      <ErrorNotice error={result.error} />
      <Card loading={fetching && !data}>
        {policy && (
          <ReminderPolicyForm
            policy={policy}
            saving={result.fetching}
            error={result.error}
            onSave={async (next) => {
              setSaved(false);
              const answer = await save({ policy: next });
              if (!answer.error) setSaved(true);
            }}
          />
        )}
      </Card>
    </div>
  );
}
