/**
 * The signed content of one version, readable: the basic information, then every section with
 * the template's labels, and the exact RFC 8785 JSON that is hashed on demand. Nothing here is
 * taken from anywhere but the content object itself, so what is shown is what is hashed.
 */
import { Collapse, Descriptions, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { SignedContent } from '../../../src/domain/interview/signing';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/messages';
import { zhCNSign } from '../i18n/messages-sign';
import { formatInstant } from './format';

export interface SectionLabels {
  readonly key: string;
  readonly label: string;
  readonly labelEn: string;
  readonly fields: ReadonlyArray<{ readonly key: string; readonly label: string; readonly labelEn: string }>;
}

const text = { whiteSpace: 'pre-wrap' as const, wordBreak: 'break-word' as const };

function Value({ value, fieldLabel }: { value: unknown; fieldLabel: (key: string) => string }): ReactNode {
  if (value === null || value === undefined || value === '') return <Typography.Text type="secondary">—</Typography.Text>;
  if (typeof value === 'string') return <span style={text}>{value}</span>;
  if (typeof value === 'number' || typeof value === 'boolean') return <span>{String(value)}</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
    return (
      <ol style={{ margin: 0, paddingInlineStart: 20 }}>
        {value.map((item, i) => (
          <li key={i} style={{ marginBottom: 4 }}>
            <Value value={item} fieldLabel={fieldLabel} />
          </li>
        ))}
      </ol>
    );
  }
  const entries = Object.entries(value as Record<string, unknown>);
  return (
    <div>
      {entries.map(([k, v]) => (
        <div key={k} style={{ marginBottom: 2 }}>
          <Typography.Text type="secondary">{fieldLabel(k)}：</Typography.Text>
          <Value value={v} fieldLabel={fieldLabel} />
        </div>
      ))}
    </div>
  );
}

export function SignedContentView({
  content,
  canonicalJson,
  sections,
  names,
}: {
  content: SignedContent;
  canonicalJson: string;
  sections: readonly SectionLabels[];
  names: Readonly<Record<string, string>>;
}) {
  const { t, locale } = useI18n();
  const en = locale === 'en';
  const b = content.basic;
  const person = (id: string) => (names[id] ? `${names[id]} (${id})` : id);
  const sectionKeys = Object.keys(content.sections);
  // Template order first, then any section the template does not name.
  const ordered = [
    ...sections.map((s) => s.key).filter((k) => sectionKeys.includes(k)),
    ...sectionKeys.filter((k) => !sections.some((s) => s.key === k)),
  ];
  return (
    <div data-testid="signed-content">
      <Descriptions title={t('sign.page.basic')} size="small" column={{ xs: 1, sm: 2 }} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('sign.page.employee')}>{person(b.employeeId)}</Descriptions.Item>
        <Descriptions.Item label={t('sign.page.manager')}>{person(b.managerId)}</Descriptions.Item>
        {b.participantIds.length > 0 && (
          <Descriptions.Item label={t('sign.page.participants')}>{b.participantIds.map(person).join('、')}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('sign.page.department')}>{b.department}</Descriptions.Item>
        <Descriptions.Item label={t('sign.page.position')}>{b.position}</Descriptions.Item>
        <Descriptions.Item label={t('sign.page.cycle')}>{b.cycle}</Descriptions.Item>
        <Descriptions.Item label={t('sign.page.scheduledAt')}>{formatInstant(b.scheduledAt, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('sign.page.location')}>{b.location || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('sign.page.template')}>{content.templateId}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>{t('sign.page.sections')}</Typography.Title>
      {ordered.length === 0 && <Typography.Paragraph type="secondary">{t('sign.page.noSections')}</Typography.Paragraph>}
      {ordered.map((key) => {
        const labels = sections.find((s) => s.key === key);
        // A template field's own label; inside list items, the common item keys' labels; else the key itself.
        const fieldLabel = (field: string) => {
          const f = labels?.fields.find((x) => x.key === field);
          if (f) return en ? f.labelEn : f.label;
          const item = `sign.item.${field}`;
          return item in zhCNSign ? t(item as MessageKey) : field;
        };
        const body = content.sections[key] ?? {};
        return (
          <Descriptions
            key={key}
            data-testid={`signed-section-${key}`}
            title={labels ? (en ? labels.labelEn : labels.label) : key}
            size="small"
            column={1}
            bordered
            style={{ marginBottom: 12 }}
          >
            {Object.entries(body).map(([field, value]) => (
              <Descriptions.Item key={field} label={fieldLabel(field)}>
                <Value value={value} fieldLabel={fieldLabel} />
              </Descriptions.Item>
            ))}
          </Descriptions>
        );
      })}
      <Collapse
        size="small"
        items={[
          {
            key: 'json',
            label: t('sign.page.canonicalJson'),
            children: (
              <pre data-testid="canonical-json" style={{ ...text, fontSize: 12, margin: 0, maxHeight: 360, overflow: 'auto' }}>
                {canonicalJson}
              </pre>
            ),
          },
        ]}
      />
    </div>
  );
}
