/** One section of the template snapshot: its fields through FieldRenderer, save and undo when the step writes it. */
import { Alert, Button, Card, Space, Tag, Typography } from 'antd';
import { useContext } from 'react';
import { useI18n } from '../i18n';
import { FieldContext, FieldRenderer, type FieldSpecLike } from './FieldRenderer';

export interface SectionSpecLike {
  readonly key: string;
  readonly kind: string;
  readonly label: string;
  readonly labelEn: string;
  readonly required: boolean;
  readonly fields: readonly FieldSpecLike[];
}

export function SectionCard({
  section,
  content,
  dirty,
  saving,
  onChange,
  onSave,
  onReset,
  children,
}: {
  section: SectionSpecLike;
  content: Record<string, unknown>;
  dirty: boolean;
  saving: boolean;
  onChange: (next: Record<string, unknown>) => void;
  onSave: () => void;
  onReset: () => void;
  children?: React.ReactNode;
}) {
  const { t, locale } = useI18n();
  const ctx = useContext(FieldContext);
  return (
    <Card
      data-testid={`section-${section.key}`}
      data-editable={ctx.sectionEditable ? 'true' : 'false'}
      style={{ marginBottom: 16 }}
      title={
        <Space wrap size={[8, 4]}>
          <span style={{ whiteSpace: 'normal' }}>{locale === 'en' ? section.labelEn : section.label}</span>
          {section.required && <Tag color="blue">{t('form.section.required')}</Tag>}
          {!ctx.sectionEditable && <Tag>{t('form.section.readOnly')}</Tag>}
        </Space>
      }
    >
      {children}
      {section.fields.map((field) => (
        <FieldRenderer
          key={field.key}
          field={field}
          value={content[field.key]}
          path={`${section.key}.${field.key}`}
          onChange={(v) => {
            const next = { ...content };
            if (v === undefined || v === '') delete next[field.key];
            else next[field.key] = v;
            onChange(next);
          }}
        />
      ))}
      {ctx.sectionEditable && (
        <Space wrap>
          <Button type="primary" disabled={!dirty} loading={saving} onClick={onSave} data-testid={`save-${section.key}`}>
            {t('form.section.save')}
          </Button>
          <Button disabled={!dirty || saving} onClick={onReset}>
            {t('form.section.reset')}
          </Button>
        </Space>
      )}
    </Card>
  );
}

export function ConflictNotice({
  version,
  changes,
  onReapply,
  onDiscard,
}: {
  version: number;
  changes: ReadonlyArray<{ path: string; before?: string; after?: string }>;
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const { t } = useI18n();
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="conflict"
      style={{ marginBottom: 12 }}
      message={t('form.conflict.title', { version })}
      description={
        <Space direction="vertical" style={{ width: '100%' }}>
          {changes.length === 0 ? (
            <Typography.Text>{t('form.conflict.none')}</Typography.Text>
          ) : (
            <>
              <Typography.Text>{t('form.conflict.changed')}</Typography.Text>
              <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="conflict-fields">
                {changes.map((c) => (
                  <li key={c.path} style={{ wordBreak: 'break-word' }}>
                    <Typography.Text code>{c.path}</Typography.Text> {c.before ?? '∅'} → {c.after ?? '∅'}
                  </li>
                ))}
              </ul>
            </>
          )}
          <Space wrap>
            <Button type="primary" onClick={onReapply}>
              {t('form.conflict.reapply')}
            </Button>
            <Button onClick={onDiscard}>{t('form.conflict.discard')}</Button>
          </Space>
        </Space>
      }
    />
  );
}
