/**
 * One field of a template section, drawn by its type (the template's FieldSpec types: text,
 * longText, number, percent, date, person, choice, ref, attachments, list, system), editable
 * when the viewer's side fills it at this step, read-only otherwise (saying who fills it).
 * Findings and the server's refusals show under the field they name (`highlights.items[0].case`).
 */
import { Button, Card, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { createContext, useContext, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/messages';

export interface FieldSpecLike {
  readonly key: string;
  readonly label: string;
  readonly labelEn: string;
  readonly type: string;
  readonly required: boolean;
  readonly fillers: readonly string[];
  readonly options?: readonly string[] | null;
  readonly refTo?: readonly string[] | null;
  readonly min?: number | null;
  readonly max?: number | null;
  readonly maxLength?: number | null;
  readonly maxItems?: number | null;
  readonly items?: readonly FieldSpecLike[] | null;
}

export interface AttachmentLike {
  readonly sha256: string;
  readonly name: string;
  readonly url: string;
}

export interface FieldContextValue {
  /** The viewer's side on this record, or null (HR, auditors: read-only). */
  readonly role: 'employee' | 'manager' | null;
  /** The section is written at the current step by the viewer's side. */
  readonly sectionEditable: boolean;
  readonly parties: ReadonlyArray<{ id: string; name: string }>;
  /** The current (draft) sections, for `ref` options. */
  readonly sections: Readonly<Record<string, unknown>>;
  readonly attachments: readonly AttachmentLike[];
  readonly dimensions: ReadonlyArray<{ key: string; label: string; labelEn: string }>;
  /** Path → messages to show under the field (findings, refusals). */
  readonly issues: Readonly<Record<string, readonly string[]>>;
}

export const FieldContext = createContext<FieldContextValue>({
  role: null,
  sectionEditable: false,
  parties: [],
  sections: {},
  attachments: [],
  dimensions: [],
  issues: {},
});

export const domId = (path: string) => `field-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;

type Json = unknown;
type Obj = Record<string, Json>;
const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: Json): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

export function whoFills(fillers: readonly string[]): MessageKey {
  if (fillers.length === 0) return 'form.field.system';
  if (fillers.includes('employee') && fillers.includes('manager')) return 'form.who.both';
  return fillers.includes('manager') ? 'form.who.manager' : 'form.who.employee';
}

/** Items of the lists a `ref` may name, e.g. goalReview.items and problems.items. */
export function refOptions(sections: Readonly<Record<string, unknown>>, refTo: readonly string[]) {
  return refTo.flatMap((target) => {
    const [section, field] = target.split('.');
    const list = isObj(sections[section!]) ? (sections[section!] as Obj)[field!] : undefined;
    if (!Array.isArray(list)) return [];
    return list.filter(isObj).flatMap((item) => {
      const id = text(item.id);
      if (!id) return [];
      const name = text(item.goal) || text(item.problem) || text(item.title) || text(item.action);
      return [{ value: id, label: name ? `${id} · ${name.slice(0, 40)}` : id }];
    });
  });
}

export interface FieldRendererProps {
  readonly field: FieldSpecLike;
  readonly value: Json;
  readonly onChange: (value: Json) => void;
  /** Where the field is in the content: `highlights.items[0].case`. */
  readonly path: string;
}

export function FieldRenderer({ field, value, onChange, path }: FieldRendererProps) {
  const { t, locale } = useI18n();
  const ctx = useContext(FieldContext);
  const editable = ctx.sectionEditable && ctx.role !== null && field.type !== 'system' && field.fillers.includes(ctx.role);
  const id = domId(path);
  const issues = ctx.issues[path] ?? [];
  const label = locale === 'en' ? field.labelEn : field.label;
  const who = field.type === 'system' ? t('form.field.system') : t('form.field.filledBy', { who: t(whoFills(field.fillers)) });

  if (field.type === 'list') return <ListField field={field} value={value} onChange={onChange} path={path} editable={editable} />;

  return (
    <div
      data-testid={`field-${path}`}
      data-type={field.type}
      data-editable={editable ? 'true' : 'false'}
      style={{ marginBottom: 12, minWidth: 0 }}
    >
      <label htmlFor={id} style={{ display: 'block', marginBottom: 4 }}>
        <Typography.Text strong>{label}</Typography.Text>
        {field.required && (
          <Typography.Text type="danger" aria-label={t('form.field.required')}>
            {' '}
            *
          </Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
          {who}
        </Typography.Text>
      </label>
      {editable ? (
        <EditControl field={field} value={value} onChange={onChange} id={id} invalid={issues.length > 0} />
      ) : (
        <ReadValue field={field} value={value} id={id} />
      )}
      {issues.map((message, i) => (
        <Typography.Text
          key={i}
          type="danger"
          role="alert"
          id={`${id}-issue-${i}`}
          data-testid="field-issue"
          style={{ display: 'block', fontSize: 13 }}
        >
          {message}
        </Typography.Text>
      ))}
    </div>
  );
}

function EditControl({
  field,
  value,
  onChange,
  id,
  invalid,
}: {
  field: FieldSpecLike;
  value: Json;
  onChange: (v: Json) => void;
  id: string;
  invalid: boolean;
}) {
  const { t, locale } = useI18n();
  const ctx = useContext(FieldContext);
  const status = invalid ? ('error' as const) : undefined;
  const common = { id, 'aria-invalid': invalid || undefined, status };
  switch (field.type) {
    case 'text':
      return <Input {...common} value={text(value)} maxLength={field.maxLength ?? undefined} onChange={(e) => onChange(e.target.value)} />;
    case 'longText':
      return (
        <Input.TextArea
          {...common}
          value={text(value)}
          maxLength={field.maxLength ?? undefined}
          autoSize={{ minRows: 2, maxRows: 10 }}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'number':
    case 'percent':
      return (
        <InputNumber
          {...common}
          style={{ width: '100%', maxWidth: 240 }}
          value={typeof value === 'number' ? value : null}
          min={field.min ?? undefined}
          max={field.max ?? undefined}
          addonAfter={field.type === 'percent' ? '%' : undefined}
          onChange={(v) => onChange(typeof v === 'number' ? v : undefined)}
        />
      );
    case 'date':
      return (
        <Input
          {...common}
          type="date"
          style={{ maxWidth: 240 }}
          value={text(value)}
          onChange={(e) => onChange(e.target.value || undefined)}
        />
      );
    case 'person':
      return (
        <Select
          {...common}
          style={{ width: '100%', maxWidth: 320 }}
          allowClear
          value={text(value) || undefined}
          options={ctx.parties.map((p) => ({ value: p.id, label: `${p.name} (${p.id})` }))}
          onChange={(v) => onChange(v ?? undefined)}
        />
      );
    case 'choice':
      return (
        <Select
          {...common}
          style={{ width: '100%', maxWidth: 320 }}
          allowClear
          value={text(value) || undefined}
          options={(field.options ?? []).map((o) => ({ value: o, label: choiceLabel(field.key, o, ctx, locale, t) }))}
          onChange={(v) => onChange(v ?? undefined)}
        />
      );
    case 'ref':
      return (
        <Select
          {...common}
          style={{ width: '100%' }}
          allowClear
          value={text(value) || undefined}
          options={refOptions(ctx.sections, field.refTo ?? [])}
          onChange={(v) => onChange(v ?? undefined)}
        />
      );
    case 'attachments':
      return <AttachmentsField value={value} onChange={onChange} id={id} max={field.maxItems ?? 10} />;
    default:
      return <ReadValue field={field} value={value} id={id} />;
  }
}

function choiceLabel(key: string, option: string, ctx: FieldContextValue, locale: string, t: ReturnType<typeof useI18n>['t']): string {
  if (key === 'dimension') {
    const d = ctx.dimensions.find((x) => x.key === option);
    if (d) return locale === 'en' ? d.labelEn : d.label;
  }
  const known = `form.option.${option}` as MessageKey;
  const shown = t(known);
  return shown === undefined ? option : shown;
}

function AttachmentsField({ value, onChange, id, max }: { value: Json; onChange: (v: Json) => void; id: string; max: number }) {
  const { t } = useI18n();
  const ctx = useContext(FieldContext);
  const refs = Array.isArray(value) ? value.filter(isObj) : [];
  const files = refs.filter((r) => typeof r.sha256 === 'string');
  const links = refs.filter((r) => typeof r.url === 'string');
  const update = (nextFiles: Obj[], nextLinks: Obj[]) => onChange([...nextFiles, ...nextLinks].slice(0, max));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select
        id={id}
        mode="multiple"
        style={{ width: '100%' }}
        placeholder={t('form.field.chooseFiles')}
        aria-label={t('form.field.files')}
        value={files.map((f) => f.sha256 as string)}
        options={ctx.attachments.map((a) => ({ value: a.sha256, label: a.name }))}
        onChange={(shas: string[]) =>
          update(
            shas.map((sha256) => ({ sha256 })),
            links,
          )
        }
      />
      {links.map((link, i) => (
        <Space.Compact key={i} style={{ width: '100%' }}>
          <Input
            aria-label={t('form.field.linkTitle')}
            placeholder={t('form.field.linkTitle')}
            value={text(link.title)}
            style={{ width: '40%' }}
            onChange={(e) =>
              update(
                files,
                links.map((l, j) => (j === i ? { ...l, title: e.target.value } : l)),
              )
            }
          />
          <Input
            aria-label={t('form.field.linkUrl')}
            placeholder="https://"
            value={text(link.url)}
            onChange={(e) =>
              update(
                files,
                links.map((l, j) => (j === i ? { ...l, url: e.target.value } : l)),
              )
            }
          />
          <Button
            aria-label={t('form.field.remove')}
            onClick={() =>
              update(
                files,
                links.filter((_, j) => j !== i),
              )
            }
          >
            ×
          </Button>
        </Space.Compact>
      ))}
      {refs.length < max && (
        <Button size="small" onClick={() => update(files, [...links, { url: '', title: '' }])}>
          {t('form.field.addLink')}
        </Button>
      )}
    </Space>
  );
}

function ReadValue({ field, value, id }: { field: FieldSpecLike; value: Json; id: string }) {
  const { t, locale } = useI18n();
  const ctx = useContext(FieldContext);
  const empty = (
    <Typography.Text type="secondary" id={id}>
      {t('form.field.empty')}
    </Typography.Text>
  );
  let shown: ReactNode = null;
  if (field.type === 'system') {
    if (isObj(value) && typeof value.cycle === 'string')
      shown = t('form.field.carriedFrom', { cycle: value.cycle, goal: text(value.goalId) });
    else if (isObj(value) && typeof value.decision === 'string')
      shown = `${t('form.field.evaluation', { decision: value.decision })}${value.reason ? ` — ${text(value.reason)}` : ''}`;
    else if (value !== undefined && value !== null) shown = JSON.stringify(value);
  } else if (field.type === 'attachments') {
    const refs = Array.isArray(value) ? value.filter(isObj) : [];
    if (refs.length > 0)
      shown = (
        <Space wrap>
          {refs.map((r, i) => {
            const file = typeof r.sha256 === 'string' ? ctx.attachments.find((a) => a.sha256 === r.sha256) : undefined;
            return <Tag key={i}>{file ? file.name : text(r.title) || text(r.url) || text(r.sha256).slice(0, 12)}</Tag>;
          })}
        </Space>
      );
  } else if (field.type === 'person') {
    const person = ctx.parties.find((p) => p.id === value);
    if (text(value)) shown = person ? `${person.name} (${person.id})` : text(value);
  } else if (field.type === 'choice') {
    if (text(value)) shown = choiceLabel(field.key, text(value), ctx, locale, t);
  } else if (field.type === 'ref') {
    if (text(value)) shown = refOptions(ctx.sections, field.refTo ?? []).find((o) => o.value === value)?.label ?? text(value);
  } else if (field.type === 'percent') {
    if (typeof value === 'number') shown = `${value}%`;
  } else if (text(value)) shown = text(value);
  if (shown === null || shown === '') return empty;
  return (
    <div
      id={id}
      data-testid="read-value"
      style={{ whiteSpace: field.type === 'longText' ? 'pre-wrap' : undefined, wordBreak: 'break-word' }}
    >
      {shown}
    </div>
  );
}

function ListField({ field, value, onChange, path, editable }: FieldRendererProps & { editable: boolean }) {
  const { t, locale } = useI18n();
  const ctx = useContext(FieldContext);
  const items = Array.isArray(value) ? value.filter(isObj) : [];
  const canAdd = editable && items.length < (field.maxItems ?? 50);
  const setItem = (i: number, next: Obj) => onChange(items.map((item, j) => (j === i ? next : item)));
  const label = locale === 'en' ? field.labelEn : field.label;
  return (
    <div data-testid={`field-${path}`} data-type="list" data-editable={editable ? 'true' : 'false'} style={{ marginBottom: 12 }}>
      <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>
        {label}
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8, fontWeight: 'normal' }}>
          {t('form.field.filledBy', { who: t(whoFills(field.fillers)) })}
        </Typography.Text>
      </Typography.Text>
      {items.length === 0 && !editable && <Typography.Text type="secondary">{t('form.field.empty')}</Typography.Text>}
      {items.map((item, i) => {
        const itemPath = `${path}[${i}]`;
        const flagged = Object.keys(ctx.issues).some((p) => p.startsWith(`${itemPath}.`) || p === itemPath);
        return (
          <Card
            key={text(item.id) || `new-${i}`}
            size="small"
            data-testid="list-item"
            data-flagged={flagged ? 'true' : 'false'}
            style={{ marginBottom: 8, borderColor: flagged ? '#ff4d4f' : undefined, background: flagged ? '#fff2f0' : undefined }}
            title={`${t('form.field.item', { n: i + 1 })}${item.id ? ` · ${text(item.id)}` : ''}`}
            extra={
              editable ? (
                <Button size="small" danger type="link" onClick={() => onChange(items.filter((_, j) => j !== i))}>
                  {t('form.field.remove')}
                </Button>
              ) : undefined
            }
          >
            {(field.items ?? []).map((sub) => (
              <FieldRenderer
                key={sub.key}
                field={sub}
                value={item[sub.key]}
                path={`${itemPath}.${sub.key}`}
                onChange={(v) => {
                  const next = { ...item };
                  if (v === undefined || v === '') delete next[sub.key];
                  else next[sub.key] = v;
                  setItem(i, next);
                }}
              />
            ))}
            {(ctx.issues[itemPath] ?? []).map((m, k) => (
              <Typography.Text key={k} type="danger" role="alert" data-testid="field-issue" style={{ display: 'block' }}>
                {m}
              </Typography.Text>
            ))}
          </Card>
        );
      })}
      {canAdd && (
        <Button onClick={() => onChange([...items, {}])} data-testid={`add-${path}`}>
          {t('form.field.add')}
        </Button>
      )}
      {(ctx.issues[path] ?? []).map((m, k) => (
        <Typography.Text key={k} type="danger" role="alert" data-testid="field-issue" style={{ display: 'block' }}>
          {m}
        </Typography.Text>
      ))}
    </div>
  );
}
