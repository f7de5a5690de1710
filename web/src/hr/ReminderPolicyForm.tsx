/**
 * The reminder policy as a form: the due time of day, business days, weekend skipping and the
 * rules (days from due, time of day, who is told). Checked here as the server checks it
 * (src/domain/workflow/reminder-schedule.ts), and a server refusal naming a field
 * (`extensions.field`, e.g. rules[2].at) is shown on that field.
 */
import { Button, Card, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import type { CombinedError } from 'urql';
import { useI18n } from '../i18n';
import { describeError } from '../errors/ErrorNotice';

export interface PolicyRule {
  offsetDays: number;
  at?: string;
  notify: string[];
}
export interface ReminderPolicyValues {
  dueTimeOfDay: string;
  businessDays: boolean;
  skipWeekends: boolean;
  rules: PolicyRule[];
}

export const RECIPIENTS = ['actors', 'employee', 'manager', 'hr'] as const;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
export const LIMITS = { rules: 10, minOffsetDays: -30, maxOffsetDays: 60 } as const;

/** What the API answers (it adds timeZone, which is not a setting) → the form's values. */
export function toFormValues(policy: Record<string, unknown>): ReminderPolicyValues {
  const rules = Array.isArray(policy.rules) ? (policy.rules as PolicyRule[]) : [];
  return {
    dueTimeOfDay: typeof policy.dueTimeOfDay === 'string' ? policy.dueTimeOfDay : '18:00',
    businessDays: policy.businessDays !== false,
    skipWeekends: policy.skipWeekends !== false,
    rules: rules.map((r) => ({ offsetDays: r.offsetDays, at: r.at, notify: [...r.notify] })),
  };
}

/** The form's values → the policy to send: only the settings, a rule without a time has no `at`. */
export function toPolicy(values: ReminderPolicyValues): Record<string, unknown> {
  return {
    dueTimeOfDay: values.dueTimeOfDay.trim(),
    businessDays: values.businessDays,
    skipWeekends: values.skipWeekends,
    rules: (values.rules ?? []).map((r) => {
      const at = r.at?.trim();
      return at ? { offsetDays: r.offsetDays, at, notify: r.notify } : { offsetDays: r.offsetDays, notify: r.notify };
    }),
  };
}

/** `rules[2].at` → ['rules', 2, 'at']; `dueTimeOfDay` → ['dueTimeOfDay']. */
export function fieldPath(field: string): (string | number)[] {
  const path = field
    .split(/[.[\]]+/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  // A whole rule (a duplicate, say) shows on its first input; a recipient on the list.
  if (path[0] === 'rules' && path.length === 2) return [...path, 'offsetDays'];
  if (path[0] === 'rules' && path[2] === 'notify') return path.slice(0, 3);
  return path;
}

export function ReminderPolicyForm({
  policy,
  saving,
  error,
  onSave,
}: {
  policy: Record<string, unknown>;
  saving: boolean;
  error: CombinedError | undefined;
  onSave: (policy: Record<string, unknown>) => void;
}) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<ReminderPolicyValues>();
  useEffect(() => {
    form.setFieldsValue(toFormValues(policy));
  }, [policy, form]);
  // A refusal that names a field shows on that field, in the person's language.
  useEffect(() => {
    if (!error) return;
    const described = describeError(error, locale, t);
    const fields = error.graphQLErrors
      .map((e, i) => ({
        field: typeof e.extensions?.field === 'string' ? e.extensions.field : null,
        text: described[i]?.message ?? e.message,
        detail: e.message,
      }))
      .filter((f): f is { field: string; text: string; detail: string } => !!f.field);
    if (fields.length > 0) form.setFields(fields.map((f) => ({ name: fieldPath(f.field) as never, errors: [`${f.text}（${f.detail}）`] })));
  }, [error, form, locale, t]);

  const timeRule = { pattern: TIME, message: t('hr.reminders.timeFormat') };
  return (
    <Form form={form} layout="vertical" onFinish={(values) => onSave(toPolicy(values))} data-testid="reminder-form" requiredMark>
      <Space wrap size={24} align="start">
        <Form.Item
          name="dueTimeOfDay"
          label={t('hr.reminders.dueTimeOfDay')}
          rules={[{ required: true, message: t('hr.reminders.required') }, timeRule]}
        >
          <Input style={{ width: 120 }} placeholder="18:00" data-testid="policy-dueTimeOfDay" />
        </Form.Item>
        <Form.Item name="businessDays" label={t('hr.reminders.businessDays')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="skipWeekends" label={t('hr.reminders.skipWeekends')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Space>
      <Typography.Title level={5}>{t('hr.reminders.rules')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('hr.reminders.rulesHint')}</Typography.Paragraph>
      <Form.List
        name="rules"
        rules={[
          {
            validator: async (_, rules: PolicyRule[] | undefined) => {
              if ((rules?.length ?? 0) > LIMITS.rules) throw new Error(t('hr.reminders.tooMany', { max: LIMITS.rules }));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <Card key={field.key} size="small" style={{ marginBottom: 8 }} data-testid={`policy-rule-${index}`}>
                <Space wrap align="start">
                  <Form.Item
                    name={[field.name, 'offsetDays']}
                    label={t('hr.reminders.offsetDays')}
                    style={{ width: 200 }}
                    rules={[
                      { required: true, message: t('hr.reminders.required') },
                      {
                        type: 'integer',
                        min: LIMITS.minOffsetDays,
                        max: LIMITS.maxOffsetDays,
                        message: t('hr.reminders.offsetRange', { min: LIMITS.minOffsetDays, max: LIMITS.maxOffsetDays }),
                      },
                    ]}
                  >
                    <InputNumber style={{ width: 110 }} data-testid={`policy-rule-${index}-offsetDays`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'at']} label={t('hr.reminders.at')} rules={[timeRule]} style={{ width: 200 }}>
                    <Input style={{ width: 110 }} placeholder={t('hr.reminders.atPlaceholder')} data-testid={`policy-rule-${index}-at`} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'notify']}
                    label={t('hr.reminders.notify')}
                    rules={[{ required: true, type: 'array', min: 1, message: t('hr.reminders.notifyRequired') }]}
                  >
                    <Select
                      mode="multiple"
                      style={{ width: 240, maxWidth: '100%' }}
                      aria-label={t('hr.reminders.notify')}
                      options={RECIPIENTS.map((r) => ({ value: r, label: t(`hr.recipient.${r}`) }))}
                    />
                  </Form.Item>
                  <Form.Item label=" ">
                    <Button onClick={() => remove(field.name)} aria-label={t('hr.reminders.removeRule', { n: index + 1 })}>
                      {t('hr.reminders.remove')}
                    </Button>
                  </Form.Item>
                </Space>
              </Card>
            ))}
            <Form.ErrorList errors={errors} />
            <Button
              onClick={() => add({ offsetDays: 0, notify: ['actors'] })}
              disabled={fields.length >= LIMITS.rules}
              style={{ marginBottom: 16 }}
            >
              {t('hr.reminders.addRule')}
            </Button>
          </>
        )}
      </Form.List>
      <div>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="policy-save">
          {t('hr.reminders.save')}
        </Button>
      </div>
    </Form>
  );
}
