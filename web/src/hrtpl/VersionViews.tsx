/**
 * One version of a template or a flow, readable: who it is for, its rules and settings, every
 * section with its fields (label, type, required, who fills, constraints, a list's item fields),
 * or every step (who acts, who completes, what they write, when due). Tables scroll inside
 * their card on a narrow screen; the page itself does not.
 */
import { Descriptions, Space, Table, Tag, Typography } from 'antd';
import type { FieldSpec, InterviewTemplate } from '../../../src/domain/interview/template';
import type { FlowDefinition, StepSpec } from '../../../src/domain/workflow/flow';
import { useI18n, type Locale, type Translate } from '../i18n';
import { loc, word } from './labels';

function fillersText(f: FieldSpec, t: Translate): string {
  if (f.type === 'system') return t('hrtpl.field.system');
  return f.fillers.map((r) => word(t, 'party', r)).join(t('hrtpl.listSep'));
}

function constraints(f: FieldSpec, t: Translate): string {
  const out: string[] = [];
  if (f.options) out.push(t('hrtpl.field.options', { list: f.options.join(t('hrtpl.listSep')) }));
  if (f.refTo) out.push(t('hrtpl.field.refTo', { list: f.refTo.join(t('hrtpl.listSep')) }));
  if (f.min !== undefined) out.push(t('hrtpl.field.min', { n: f.min }));
  if (f.max !== undefined) out.push(t('hrtpl.field.max', { n: f.max }));
  if (f.maxLength !== undefined) out.push(t('hrtpl.field.maxLength', { n: f.maxLength }));
  if (f.maxItems !== undefined) out.push(t('hrtpl.field.maxItems', { n: f.maxItems }));
  if (f.idPrefix) out.push(t('hrtpl.field.idPrefix', { prefix: f.idPrefix }));
  return out.join(t('hrtpl.clauseSep'));
}

interface FieldRow {
  readonly key: string;
  readonly field: FieldSpec;
  readonly children?: FieldRow[];
}

const rowsOf = (fields: readonly FieldSpec[], parent = ''): FieldRow[] =>
  fields.map((field) => ({
    key: `${parent}${field.key}`,
    field,
    ...(field.items ? { children: rowsOf(field.items, `${parent}${field.key}.`) } : {}),
  }));

function FieldsTable({ fields, t, locale }: { fields: readonly FieldSpec[]; t: Translate; locale: Locale }) {
  return (
    <Table<FieldRow>
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={rowsOf(fields)}
      scroll={{ x: 'max-content' }}
      expandable={{ defaultExpandAllRows: true }}
      onRow={(row) => ({ 'data-testid': 'field-row', 'data-key': row.key }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t('hrtpl.field.col.label'),
          key: 'label',
          render: (_, { field }) => (
            <span>
              <Typography.Text style={{ wordBreak: 'break-word' }}>{loc(field.label, locale)}</Typography.Text>
              {locale !== 'en' && (
                <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
                  {field.label.en}
                </Typography.Text>
              )}
            </span>
          ),
        },
        { title: t('hrtpl.attr.key'), key: 'key', render: (_, { field }) => <Typography.Text code>{field.key}</Typography.Text> },
        { title: t('hrtpl.attr.type'), key: 'type', render: (_, { field }) => word(t, 'fieldType', field.type) },
        {
          title: t('hrtpl.attr.required'),
          key: 'required',
          render: (_, { field }) => (field.required ? <Tag color="red">{t('hrtpl.view.required')}</Tag> : t('hrtpl.view.optional')),
        },
        { title: t('hrtpl.attr.fillers'), key: 'fillers', render: (_, { field }) => fillersText(field, t) },
        { title: t('hrtpl.field.col.details'), key: 'details', render: (_, { field }) => constraints(field, t) || '—' },
      ]}
    />
  );
}

export function appliesToText(categories: readonly string[], levels: readonly string[], t: Translate): string {
  if (categories.length === 0 && levels.length === 0) return t('hrtpl.pickedByHand');
  return `${categories.map((c) => word(t, 'category', c)).join(t('hrtpl.listSep')) || '—'} · ${levels.map((l) => word(t, 'level', l)).join(t('hrtpl.listSep')) || '—'}`;
}

export function TemplateVersionView({ template, flowName }: { template: InterviewTemplate; flowName: (id: string) => string }) {
  const { t, locale } = useI18n();
  return (
    <div data-testid="template-version" data-version={template.version}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        bordered
        style={{ marginBottom: 12 }}
        items={[
          { key: 'name', label: t('hrtpl.col.name'), children: `${template.name.zh} / ${template.name.en}` },
          {
            key: 'for',
            label: t('hrtpl.col.appliesTo'),
            children: appliesToText(template.appliesTo.categories, template.appliesTo.levels, t),
          },
          {
            key: 'flow',
            label: t('hrtpl.attr.defaultFlowId'),
            children: template.pinnedFlow
              ? t('hrtpl.view.pinnedFlow', { flow: flowName(template.defaultFlowId) })
              : flowName(template.defaultFlowId),
          },
          {
            key: 'signatures',
            label: t('hrtpl.attr.requiredSignatures'),
            children: template.requiredSignatures.map((r) => word(t, 'signer', r)).join(t('hrtpl.listSep')),
          },
          {
            key: 'rules',
            label: t('hrtpl.view.rules'),
            children: [
              t('hrtpl.rule.vague', { rule: t(`hrtpl.rule.${template.rules.vagueHighlights}`) }),
              t('hrtpl.rule.minCaseChars', { n: template.rules.minCaseChars }),
              t('hrtpl.rule.planHorizonDays', { n: template.rules.planHorizonDays }),
            ].join(t('hrtpl.clauseSep')),
          },
          { key: 'active', label: t('hrtpl.col.status'), children: template.active ? t('hrtpl.active') : t('hrtpl.retired') },
          {
            key: 'dimensions',
            label: t('hrtpl.editor.dimensions'),
            span: 'filled' as never,
            children:
              template.dimensions && template.dimensions.length > 0 ? (
                <Space wrap size={[4, 4]}>
                  {template.dimensions.map((d) => (
                    <Tag key={d.key} title={d.keywords.join(t('hrtpl.listSep'))}>
                      {loc(d.label, locale)}
                    </Tag>
                  ))}
                </Space>
              ) : (
                t('hrtpl.view.noDimensions')
              ),
          },
        ]}
      />
      {template.sections.map((section, i) => (
        <div key={section.key} data-testid="view-section" data-key={section.key} style={{ marginBottom: 16, minWidth: 0 }}>
          <Space wrap size={[6, 2]} style={{ marginBottom: 4 }}>
            <Typography.Text strong style={{ wordBreak: 'break-word' }}>
              {i + 1}. {loc(section.label, locale)}
            </Typography.Text>
            <Tag>{word(t, 'kind', section.kind)}</Tag>
            {section.required ? <Tag color="red">{t('hrtpl.view.requiredSection')}</Tag> : null}
          </Space>
          <FieldsTable fields={section.fields} t={t} locale={locale} />
        </div>
      ))}
    </div>
  );
}

export function FlowVersionView({ flow, sectionName }: { flow: FlowDefinition; sectionName: (key: string) => string }) {
  const { t, locale } = useI18n();
  return (
    <div data-testid="flow-version" data-version={flow.version}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        bordered
        style={{ marginBottom: 12 }}
        items={[
          { key: 'name', label: t('hrtpl.col.name'), children: `${flow.name.zh} / ${flow.name.en}` },
          {
            key: 'for',
            label: t('hrtpl.col.appliesTo'),
            children: `${flow.appliesTo.departments.join(t('hrtpl.listSep')) || t('hrtpl.anyDepartment')} · ${
              flow.appliesTo.levels.map((l) => word(t, 'level', l)).join(t('hrtpl.listSep')) || t('hrtpl.flowByTemplate')
            }`,
          },
          { key: 'active', label: t('hrtpl.col.status'), children: flow.active ? t('hrtpl.active') : t('hrtpl.retired') },
        ]}
      />
      <Table<StepSpec & { index: number }>
        size="small"
        pagination={false}
        rowKey="key"
        scroll={{ x: 'max-content' }}
        dataSource={flow.steps.map((s, index) => ({ ...s, index }))}
        onRow={(row) => ({ 'data-testid': 'step-row', 'data-key': row.key }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('hrtpl.step.col.order'), key: 'order', render: (_, s) => s.index + 1 },
          { title: t('hrtpl.step.col.label'), key: 'label', render: (_, s) => loc(s.label, locale) },
          {
            title: t('hrtpl.attr.actors'),
            key: 'actors',
            render: (_, s) => s.actors.map((r) => word(t, 'party', r)).join(t('hrtpl.listSep')),
          },
          { title: t('hrtpl.attr.completedBy'), key: 'completedBy', render: (_, s) => word(t, 'party', s.completedBy) },
          {
            title: t('hrtpl.attr.edits'),
            key: 'edits',
            render: (_, s) =>
              s.edits.length === 0
                ? '—'
                : s.edits.map((e) => (e === '*' ? t('hrtpl.step.allSections') : sectionName(e))).join(t('hrtpl.listSep')),
          },
          { title: t('hrtpl.step.col.due'), key: 'due', render: (_, s) => t('hrtpl.step.dueDays', { n: s.dueInDays }) },
          {
            title: t('hrtpl.step.col.flags'),
            key: 'flags',
            render: (_, s) => (
              <Space size={4} wrap>
                {s.signing && <Tag color="purple">{t('hrtpl.step.signing')}</Tag>}
                {s.evaluatesNeeds && <Tag color="cyan">{t('hrtpl.step.evaluatesNeeds')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
