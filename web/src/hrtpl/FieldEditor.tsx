/**
 * One field of a template section (or one field of a list's items) in the editor: its labels,
 * key, type, whether it is required, who fills it, and what its type takes (choice options,
 * number bounds, a text limit, list items, references). The validator's problem for any of
 * them shows on that input; a field the section's rules read (CORE_FIELDS) says so.
 */
import { memo } from 'react';
import { Button, Checkbox, Input, InputNumber, Select, Space, Switch, Tag, Tooltip, Typography } from 'antd';
import { FIELD_TYPES, PARTY_ROLES } from '../../../src/domain/interview/template';
import { useI18n } from '../i18n';
import { asList, asNumber, asRecord, asStrings, asText, freeKey, pathString, type Path } from './definition';
import { EntryButtons, FieldRow, LocalizedInputs, PathItem, useInputId } from './editor-kit';
import { loc, word } from './labels';

export type Edit = (path: Path, next: unknown) => void;

/** A new field HR adds: a short text both sides fill, not required. */
export const newField = (taken: readonly string[]) => ({
  key: freeKey('field', taken),
  label: { zh: '新字段', en: 'New field' },
  type: 'text',
  required: false,
  fillers: ['employee', 'manager'],
});

function NumberAt({
  path,
  label,
  value,
  onChange,
  testId,
}: {
  path: Path;
  label: string;
  value: unknown;
  onChange: Edit;
  testId?: string;
}) {
  const id = useInputId(path);
  return (
    <PathItem path={path} label={label} style={{ width: 140 }}>
      <InputNumber
        id={id}
        value={asNumber(value)}
        onChange={(next) => onChange(path, next ?? undefined)}
        style={{ width: '100%' }}
        data-testid={testId}
      />
    </PathItem>
  );
}

function TagsAt({
  path,
  label,
  value,
  onChange,
  options,
  testId,
}: {
  path: Path;
  label: string;
  value: unknown;
  onChange: Edit;
  options?: readonly string[];
  testId?: string;
}) {
  const id = useInputId(path);
  return (
    <PathItem path={path} label={label} style={{ minWidth: 220, flex: 1 }}>
      <Select
        id={id}
        mode="tags"
        value={asStrings(value)}
        onChange={(next: string[]) => onChange(path, next)}
        options={(options ?? []).map((o) => ({ value: o, label: o }))}
        tokenSeparators={[',', '，']}
        style={{ width: '100%' }}
        data-testid={testId}
      />
    </PathItem>
  );
}

function FieldEditorAt({
  path,
  value,
  index,
  count,
  depth,
  core,
  coreItems,
  refTargets,
  onChange,
  onMove,
  onRemove,
}: {
  path: Path;
  value: unknown;
  index: number;
  count: number;
  depth: 0 | 1;
  /** The section's rules read this field: its key and type must stay (and, for a list, these item keys). */
  core: boolean;
  /** Item keys of a core list the rules read (e.g. goal, target), marked as core too. */
  coreItems?: readonly string[];
  /** `section.list` names a ref field may point at. */
  refTargets: readonly string[];
  onChange: Edit;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const { t, locale } = useI18n();
  const field = asRecord(value);
  const type = asText(field.type);
  const name = loc(field.label, locale) || asText(field.key);
  const keyId = useInputId([...path, 'key']);
  const typeId = useInputId([...path, 'type']);
  const requiredId = useInputId([...path, 'required']);
  const testBase = `field-${asText(field.key)}`;
  const items = asList(field.items);
  return (
    <div
      data-testid={depth === 0 ? 'field-editor' : 'item-field-editor'}
      data-key={asText(field.key)}
      style={{
        border: '1px solid #f0f0f0',
        borderRadius: 6,
        padding: '8px 12px',
        marginBottom: 8,
        background: depth === 0 ? '#fff' : '#fafafa',
        minWidth: 0,
      }}
    >
      <Space wrap size={[8, 4]} style={{ width: '100%', justifyContent: 'space-between', marginBottom: 4 }}>
        <Space wrap size={[6, 2]}>
          <Typography.Text strong style={{ wordBreak: 'break-word' }}>
            {depth === 0 ? t('hrtpl.editor.fieldN', { n: index + 1 }) : t('hrtpl.editor.itemFieldN', { n: index + 1 })} {name}
          </Typography.Text>
          {core && (
            <Tooltip title={t('hrtpl.editor.coreHint')}>
              <Tag color="geekblue" tabIndex={0}>
                {t('hrtpl.editor.core')}
              </Tag>
            </Tooltip>
          )}
        </Space>
        <EntryButtons name={name} index={index} count={count} onMove={onMove} onRemove={onRemove} testId={`${testBase}-remove`} />
      </Space>
      <FieldRow>
        <LocalizedInputs
          path={[...path, 'label']}
          value={field.label}
          onChange={onChange}
          zhLabel={t('hrtpl.editor.labelZh')}
          enLabel={t('hrtpl.editor.labelEn')}
          testId={`${testBase}-label`}
        />
        <PathItem path={[...path, 'key']} label={t('hrtpl.attr.key')} style={{ width: 140 }}>
          <Input
            id={keyId}
            value={asText(field.key)}
            onChange={(e) => onChange([...path, 'key'], e.target.value)}
            data-testid={`${testBase}-key`}
          />
        </PathItem>
        <PathItem path={[...path, 'type']} label={t('hrtpl.attr.type')} style={{ width: 140 }}>
          <Select
            id={typeId}
            value={type}
            onChange={(next: string) => onChange([...path, 'type'], next)}
            options={FIELD_TYPES.map((ft) => ({ value: ft, label: word(t, 'fieldType', ft) }))}
            data-testid={`${testBase}-type`}
          />
        </PathItem>
        <PathItem path={[...path, 'required']} label={t('hrtpl.attr.required')}>
          <Switch
            id={requiredId}
            checked={field.required === true}
            disabled={type === 'system'}
            onChange={(checked) => onChange([...path, 'required'], checked)}
            data-testid={`${testBase}-required`}
          />
        </PathItem>
        {type !== 'system' && (
          <PathItem path={[...path, 'fillers']} label={t('hrtpl.attr.fillers')}>
            <Checkbox.Group
              value={asStrings(field.fillers ?? ['employee', 'manager'])}
              onChange={(next) => onChange([...path, 'fillers'], next)}
              options={PARTY_ROLES.map((r) => ({ value: r, label: word(t, 'party', r) }))}
              data-testid={`${testBase}-fillers`}
            />
          </PathItem>
        )}
      </FieldRow>
      <FieldRow>
        {type === 'choice' && (
          <TagsAt
            path={[...path, 'options']}
            label={t('hrtpl.attr.options')}
            value={field.options}
            onChange={onChange}
            testId={`${testBase}-options`}
          />
        )}
        {type === 'ref' && (
          <TagsAt path={[...path, 'refTo']} label={t('hrtpl.attr.refTo')} value={field.refTo} onChange={onChange} options={refTargets} />
        )}
        {(type === 'number' || type === 'percent') && (
          <>
            <NumberAt path={[...path, 'min']} label={t('hrtpl.attr.min')} value={field.min} onChange={onChange} />
            <NumberAt path={[...path, 'max']} label={t('hrtpl.attr.max')} value={field.max} onChange={onChange} />
          </>
        )}
        {(type === 'text' || type === 'longText') && (
          <NumberAt
            path={[...path, 'maxLength']}
            label={t('hrtpl.attr.maxLength')}
            value={field.maxLength}
            onChange={onChange}
            testId={`${testBase}-maxLength`}
          />
        )}
        {(type === 'list' || type === 'attachments') && (
          <NumberAt path={[...path, 'maxItems']} label={t('hrtpl.attr.maxItems')} value={field.maxItems} onChange={onChange} />
        )}
        {type === 'list' && <IdPrefix path={[...path, 'idPrefix']} value={field.idPrefix} onChange={onChange} />}
      </FieldRow>
      {type === 'list' && (
        <PathItem path={[...path, 'items']} exact label={t('hrtpl.attr.items')}>
          <div>
            {items.map((item, i) => (
              <FieldEditor
                key={i}
                path={[...path, 'items', i]}
                value={item}
                index={i}
                count={items.length}
                depth={1}
                core={coreItems?.includes(asText(asRecord(item).key)) ?? false}
                refTargets={refTargets}
                onChange={onChange}
                onMove={(to) => {
                  const next = [...items];
                  const [moved] = next.splice(i, 1);
                  next.splice(to, 0, moved);
                  onChange([...path, 'items'], next);
                }}
                onRemove={() =>
                  onChange(
                    [...path, 'items'],
                    items.filter((_, j) => j !== i),
                  )
                }
              />
            ))}
            <Button
              size="small"
              onClick={() => onChange([...path, 'items'], [...items, newField(items.map((x) => asText(asRecord(x).key)))])}
              data-testid={`${testBase}-add-item`}
            >
              {t('hrtpl.editor.addItemField')}
            </Button>
          </div>
        </PathItem>
      )}
    </div>
  );
}

type FieldEditorProps = Parameters<typeof FieldEditorAt>[0];

/**
 * Re-drawn only when its own part of the draft changes (the draft is copied on write, so an
 * untouched field keeps its object): a template has a hundred inputs. The handlers act on the
 * latest draft (functional updates) at this field's path, so an older one is as good.
 */
export const FieldEditor = memo(
  FieldEditorAt,
  (a: FieldEditorProps, b: FieldEditorProps) =>
    a.value === b.value &&
    pathString(a.path) === pathString(b.path) &&
    a.index === b.index &&
    a.count === b.count &&
    a.depth === b.depth &&
    a.core === b.core &&
    (a.coreItems ?? []).join() === (b.coreItems ?? []).join() &&
    a.refTargets.join() === b.refTargets.join(),
);

function IdPrefix({ path, value, onChange }: { path: Path; value: unknown; onChange: Edit }) {
  const { t } = useI18n();
  const id = useInputId(path);
  return (
    <PathItem path={path} label={t('hrtpl.attr.idPrefix')} style={{ width: 120 }} help={t('hrtpl.editor.idPrefixHint')}>
      <Input id={id} value={asText(value)} maxLength={3} onChange={(e) => onChange(path, e.target.value || undefined)} />
    </PathItem>
  );
}
