/**
 * The next version of a template, edited from a version's definition: its name, who it is for,
 * its default flow, the signatures that lock a record, its rules, its performance dimensions and
 * its sections and fields (add, remove, reorder, relabel, type, required, who fills), in a
 * form or as JSON (the same draft). Every change is checked at once by the server's own
 * `validateTemplate`; its problem shows on the input it names. Nothing is sent until the draft
 * passes and HR confirms with a note.
 */
import { Alert, Button, Card, Collapse, Form, Input, InputNumber, Select, Space, Switch, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { SIGNATURE_ROLES } from '../../../src/domain/interview/signing';
import {
  BUILTIN_TEMPLATES,
  CORE_FIELDS,
  SECTION_KINDS,
  type InterviewTemplate,
  type SectionKind,
} from '../../../src/domain/interview/template';
import { JOB_CATEGORIES, LEVELS } from '../../../src/domain/person/categories';
import type { FlowDefinition } from '../../../src/domain/workflow/flow';
import { useI18n } from '../i18n';
import {
  appendIn,
  asList,
  asNumber,
  asRecord,
  asStrings,
  asText,
  checkTemplate,
  draftOf,
  freeKey,
  mismatchOf,
  moveIn,
  parsePath,
  removeIn,
  setIn,
  type DefinitionProblem,
  type Draft,
  type Path,
} from './definition';
import { diffTemplates } from './diff';
import { EntryButtons, FieldRow, JsonView, LocalizedInputs, PathItem, ProblemContext, ProblemSummary, useInputId } from './editor-kit';
import { FieldEditor, newField, type Edit } from './FieldEditor';
import { loc, word } from './labels';
import { PublishPanel, type Newer } from './PublishPanel';

export interface TemplateEditorProps {
  readonly templateId: string;
  /** The version edited from (normally the latest). */
  readonly base: { readonly version: number; readonly definition: Readonly<Record<string, unknown>> };
  /** The version publishing makes. */
  readonly nextVersion: number;
  /** The latest version of every flow: the default flow's choices, and whether it can run the template. */
  readonly flows: readonly FlowDefinition[];
  readonly publishing: boolean;
  /** The server's refusal of the last publication (shown on its field while the draft is unchanged). */
  readonly serverProblem?: DefinitionProblem | null;
  /** A version newer than `base` that the page learned of. */
  readonly newer?: { readonly version: number; readonly definition: Readonly<Record<string, unknown>> } | null;
  readonly onConfirmOpen?: () => void;
  readonly onPublish: (definition: Draft, note: string) => void;
  readonly onCancel: () => void;
  readonly onRestartFromNewer?: () => void;
}

const SPECIAL_KINDS = SECTION_KINDS.filter((k): k is Exclude<SectionKind, 'custom'> => k !== 'custom');

/** A special section as the built-ins have it (core fields included), to add to a template that lacks it. */
function builtinSection(kind: SectionKind): Record<string, unknown> | null {
  for (const template of BUILTIN_TEMPLATES.values()) {
    const section = template.sections.find((s) => s.kind === kind);
    if (section) return JSON.parse(JSON.stringify(section)) as Record<string, unknown>;
  }
  return null;
}

/** The goal review's item field that names a dimension follows the dimension keys (the validator wants them equal). */
function followDimensions(draft: Draft): Draft {
  const dimensions = asList(draft.dimensions);
  let next: Draft = dimensions.length === 0 ? setIn(draft, ['dimensions'], undefined) : draft;
  asList(next.sections).forEach((section, s) => {
    if (asRecord(section).kind !== 'goalReview') return;
    asList(asRecord(section).fields).forEach((field, f) => {
      if (asRecord(field).key !== 'items') return;
      const items = asList(asRecord(field).items);
      const at = items.findIndex((item) => asRecord(item).key === 'dimension');
      if (at < 0) return;
      const path = ['sections', s, 'fields', f, 'items'];
      next =
        dimensions.length === 0
          ? removeIn(next, path, at)
          : setIn(
              next,
              [...path, at, 'options'],
              dimensions.map((d) => asText(asRecord(d).key)),
            );
    });
  });
  return next;
}

export function TemplateEditor(props: TemplateEditorProps) {
  const { templateId, base, nextVersion, flows, publishing, serverProblem, newer } = props;
  const { t, locale } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => draftOf(base.definition));
  const [tab, setTab] = useState('form');
  const [open, setOpen] = useState<string[]>([]);
  // The server's refusal belongs to the draft it refused.
  const sent = useRef<Draft | null>(null);
  const checked = useMemo(() => checkTemplate(draft, templateId, nextVersion), [draft, templateId, nextVersion]);
  const problem = checked.ok ? (serverProblem && sent.current === draft ? serverProblem : null) : checked.problem;

  // A problem inside a closed section opens it.
  const problemSection = problem?.field?.startsWith('sections[') ? String(parsePath(problem.field)[1]) : null;
  useEffect(() => {
    if (problemSection !== null) setOpen((keys) => (keys.includes(problemSection) ? keys : [...keys, problemSection]));
  }, [problemSection]);

  const edit: Edit = useCallback((path, next) => setDraft((d) => setIn(d, path, next)), []);
  // One value while the problem stays: the inputs that read it are not re-drawn for nothing.
  const scoped = useMemo(() => ({ problem, scope: 'tpl' }), [problem]);
  const editDimensions = (change: (d: Draft) => Draft) => setDraft((d) => followDimensions(change(d)));

  const sections = asList(draft.sections);
  const sectionKeys = sections.map((s) => asText(asRecord(s).key));
  const refTargets = sections.flatMap((s) =>
    asList(asRecord(s).fields)
      .filter((f) => asRecord(f).type === 'list')
      .map((f) => `${asText(asRecord(s).key)}.${asText(asRecord(f).key)}`),
  );
  const rules = asRecord(draft.rules);
  const appliesTo = asRecord(draft.appliesTo);
  const dimensions = asList(draft.dimensions);
  const missingKinds = SPECIAL_KINDS.filter((k) => !sections.some((s) => asRecord(s).kind === k));
  const [adding, setAdding] = useState<string | null>(null);

  const defaultFlow = checked.ok ? flows.find((f) => f.id === checked.value.defaultFlowId) : undefined;
  const flowWarning = checked.ok
    ? defaultFlow
      ? mismatchOf(defaultFlow, checked.value)
      : t('hrtpl.editor.flowMissing', { flow: checked.value.defaultFlowId })
    : null;
  const changes = checked.ok ? diffTemplates(base.definition as unknown as InterviewTemplate, checked.value) : null;
  const newerInfo: Newer | null =
    newer && newer.version > base.version
      ? {
          version: newer.version,
          changes: diffTemplates(base.definition as unknown as InterviewTemplate, newer.definition as unknown as InterviewTemplate),
        }
      : null;

  const ids = {
    categories: useInputId(['appliesTo', 'categories']),
    levels: useInputId(['appliesTo', 'levels']),
    flow: useInputId(['defaultFlowId']),
    pinned: useInputId(['pinnedFlow']),
    active: useInputId(['active']),
    signatures: useInputId(['requiredSignatures']),
    vague: useInputId(['rules', 'vagueHighlights']),
    minCase: useInputId(['rules', 'minCaseChars']),
    horizon: useInputId(['rules', 'planHorizonDays']),
  };

  const settings = (
    <Card size="small" title={t('hrtpl.editor.basics')} style={{ marginBottom: 12 }}>
      <FieldRow>
        <LocalizedInputs
          path={['name']}
          value={draft.name}
          onChange={edit}
          zhLabel={t('hrtpl.editor.nameZh')}
          enLabel={t('hrtpl.editor.nameEn')}
          testId="template-name"
        />
      </FieldRow>
      <FieldRow>
        <PathItem path={['appliesTo', 'categories']} label={t('hrtpl.attr.categories')} style={{ minWidth: 240, flex: 1 }}>
          <Select
            id={ids.categories}
            mode="multiple"
            value={asStrings(appliesTo.categories)}
            onChange={(next: string[]) => edit(['appliesTo', 'categories'], next)}
            options={JOB_CATEGORIES.map((c) => ({ value: c, label: word(t, 'category', c) }))}
            placeholder={t('hrtpl.pickedByHand')}
          />
        </PathItem>
        <PathItem path={['appliesTo', 'levels']} label={t('hrtpl.attr.levels')} style={{ minWidth: 240, flex: 1 }}>
          <Select
            id={ids.levels}
            mode="multiple"
            value={asStrings(appliesTo.levels)}
            onChange={(next: string[]) => edit(['appliesTo', 'levels'], next)}
            options={LEVELS.map((l) => ({ value: l, label: word(t, 'level', l) }))}
            placeholder={t('hrtpl.pickedByHand')}
          />
        </PathItem>
      </FieldRow>
      <FieldRow>
        <PathItem path={['defaultFlowId']} label={t('hrtpl.attr.defaultFlowId')} style={{ minWidth: 240 }}>
          <Select
            id={ids.flow}
            value={asText(draft.defaultFlowId)}
            onChange={(next: string) => edit(['defaultFlowId'], next)}
            options={flows.map((f) => ({ value: f.id, label: `${loc(f.name, locale)} (${f.id})` }))}
            data-testid="template-flow"
          />
        </PathItem>
        <PathItem path={['pinnedFlow']} label={t('hrtpl.attr.pinnedFlow')}>
          <Switch id={ids.pinned} checked={draft.pinnedFlow === true} onChange={(v) => edit(['pinnedFlow'], v)} />
        </PathItem>
        <PathItem path={['active']} label={t('hrtpl.editor.active')}>
          <Switch
            id={ids.active}
            checked={draft.active !== false}
            onChange={(v) => edit(['active'], v)}
            checkedChildren={t('hrtpl.active')}
            unCheckedChildren={t('hrtpl.retired')}
            data-testid="template-active"
          />
        </PathItem>
        <PathItem path={['requiredSignatures']} label={t('hrtpl.attr.requiredSignatures')} style={{ minWidth: 240 }}>
          <Select
            id={ids.signatures}
            mode="multiple"
            value={asStrings(draft.requiredSignatures ?? ['employee', 'manager'])}
            onChange={(next: string[]) => edit(['requiredSignatures'], next)}
            options={SIGNATURE_ROLES.map((r) => ({ value: r, label: word(t, 'signer', r) }))}
          />
        </PathItem>
      </FieldRow>
      <FieldRow>
        <PathItem path={['rules', 'vagueHighlights']} label={t('hrtpl.attr.vagueHighlights')} style={{ width: 180 }}>
          <Select
            id={ids.vague}
            value={asText(rules.vagueHighlights ?? 'block')}
            onChange={(next: string) => edit(['rules', 'vagueHighlights'], next)}
            options={[
              { value: 'block', label: t('hrtpl.rule.block') },
              { value: 'warn', label: t('hrtpl.rule.warn') },
            ]}
          />
        </PathItem>
        <PathItem path={['rules', 'minCaseChars']} label={t('hrtpl.attr.minCaseChars')} style={{ width: 180 }}>
          <InputNumber
            id={ids.minCase}
            value={asNumber(rules.minCaseChars)}
            onChange={(v) => edit(['rules', 'minCaseChars'], v ?? undefined)}
            style={{ width: '100%' }}
            data-testid="rule-minCaseChars"
          />
        </PathItem>
        <PathItem path={['rules', 'planHorizonDays']} label={t('hrtpl.attr.planHorizonDays')} style={{ width: 180 }}>
          <InputNumber
            id={ids.horizon}
            value={asNumber(rules.planHorizonDays)}
            onChange={(v) => edit(['rules', 'planHorizonDays'], v ?? undefined)}
            style={{ width: '100%' }}
          />
        </PathItem>
      </FieldRow>
    </Card>
  );

  const dimensionsCard = (
    <Card size="small" title={t('hrtpl.editor.dimensions')} style={{ marginBottom: 12 }}>
      <Typography.Paragraph type="secondary">{t('hrtpl.editor.dimensionsHint')}</Typography.Paragraph>
      <PathItem path={['dimensions']} exact>
        <div>
          {dimensions.map((d, i) => {
            const dim = asRecord(d);
            const name = loc(dim.label, locale) || asText(dim.key);
            return (
              <div key={i} data-testid="dimension-editor" style={{ borderBottom: '1px dashed #f0f0f0', marginBottom: 8 }}>
                <FieldRow>
                  <DimensionKey index={i} value={dim.key} onChange={(v) => editDimensions((x) => setIn(x, ['dimensions', i, 'key'], v))} />
                  <LocalizedInputs
                    path={['dimensions', i, 'label']}
                    value={dim.label}
                    onChange={edit}
                    zhLabel={t('hrtpl.editor.labelZh')}
                    enLabel={t('hrtpl.editor.labelEn')}
                  />
                  <DimensionKeywords index={i} value={dim.keywords} onChange={edit} />
                  <Form.Item label=" " style={{ marginBottom: 8 }}>
                    <EntryButtons
                      name={name}
                      index={i}
                      count={dimensions.length}
                      onMove={(to) => editDimensions((x) => moveIn(x, ['dimensions'], i, to))}
                      onRemove={() => editDimensions((x) => removeIn(x, ['dimensions'], i))}
                    />
                  </Form.Item>
                </FieldRow>
              </div>
            );
          })}
        </div>
      </PathItem>
      <Button
        size="small"
        onClick={() =>
          editDimensions((x) =>
            appendIn(x, ['dimensions'], {
              key: freeKey(
                'dimension',
                dimensions.map((d) => asText(asRecord(d).key)),
              ),
              label: { zh: '新维度', en: 'New dimension' },
              keywords: [],
            }),
          )
        }
      >
        {t('hrtpl.editor.addDimension')}
      </Button>
    </Card>
  );

  const sectionsCard = (
    <Card size="small" title={t('hrtpl.editor.sections')} style={{ marginBottom: 12 }}>
      <PathItem path={['sections']} exact>
        <Collapse
          activeKey={open}
          onChange={(keys) => setOpen(Array.isArray(keys) ? keys : [keys])}
          items={sections.map((s, i) => {
            const section = asRecord(s);
            const kind = asText(section.kind || 'custom');
            const name = loc(section.label, locale) || asText(section.key);
            const fields = asList(section.fields);
            const core = kind !== 'custom' ? (CORE_FIELDS[kind as keyof typeof CORE_FIELDS] ?? {}) : {};
            return {
              key: String(i),
              label: (
                <Space wrap size={[6, 2]} data-testid="section-header" data-key={asText(section.key)}>
                  <Typography.Text strong style={{ wordBreak: 'break-word' }}>
                    {i + 1}. {name}
                  </Typography.Text>
                  <Tag>{word(t, 'kind', kind)}</Tag>
                  {section.required === true && <Tag color="red">{t('hrtpl.view.required')}</Tag>}
                </Space>
              ),
              children: (
                <div data-testid="section-editor" data-key={asText(section.key)}>
                  <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 4 }}>
                    <EntryButtons
                      name={name}
                      index={i}
                      count={sections.length}
                      onMove={(to) => {
                        setDraft((d) => moveIn(d, ['sections'], i, to));
                        setOpen([String(to)]);
                      }}
                      onRemove={() => {
                        setDraft((d) => removeIn(d, ['sections'], i));
                        setOpen([]);
                      }}
                      testId={`section-${asText(section.key)}-remove`}
                    />
                  </div>
                  <FieldRow>
                    <LocalizedInputs
                      path={['sections', i, 'label']}
                      value={section.label}
                      onChange={edit}
                      zhLabel={t('hrtpl.editor.labelZh')}
                      enLabel={t('hrtpl.editor.labelEn')}
                      testId={`section-${asText(section.key)}-label`}
                    />
                    <SectionKey index={i} value={section.key} fixed={kind !== 'custom'} onChange={edit} />
                    <SectionRequired index={i} value={section.required} onChange={edit} />
                  </FieldRow>
                  <PathItem path={['sections', i, 'fields']} exact label={t('hrtpl.editor.fields')}>
                    <div>
                      {fields.map((f, j) => {
                        const key = asText(asRecord(f).key);
                        const shape = (core as Record<string, unknown>)[key];
                        return (
                          <FieldEditor
                            key={j}
                            path={['sections', i, 'fields', j]}
                            value={f}
                            index={j}
                            count={fields.length}
                            depth={0}
                            core={shape !== undefined}
                            coreItems={shape && typeof shape === 'object' ? Object.keys(shape) : undefined}
                            refTargets={refTargets}
                            onChange={edit}
                            onMove={(to) => setDraft((d) => moveIn(d, ['sections', i, 'fields'], j, to))}
                            onRemove={() => setDraft((d) => removeIn(d, ['sections', i, 'fields'], j))}
                          />
                        );
                      })}
                      <Button
                        size="small"
                        onClick={() =>
                          setDraft((d) => appendIn(d, ['sections', i, 'fields'], newField(fields.map((x) => asText(asRecord(x).key)))))
                        }
                        data-testid={`section-${asText(section.key)}-add-field`}
                      >
                        {t('hrtpl.editor.addField')}
                      </Button>
                    </div>
                  </PathItem>
                </div>
              ),
            };
          })}
        />
      </PathItem>
      <Space wrap style={{ marginTop: 8 }}>
        <Select
          aria-label={t('hrtpl.editor.addSectionKind')}
          style={{ minWidth: 220 }}
          value={adding}
          placeholder={t('hrtpl.editor.addSectionKind')}
          onChange={(v: string) => setAdding(v)}
          options={[
            { value: 'custom', label: t('hrtpl.editor.customSection') },
            ...missingKinds.map((k) => ({ value: k, label: word(t, 'kind', k) })),
          ]}
          data-testid="add-section-kind"
        />
        <Button
          disabled={!adding}
          onClick={() => {
            if (!adding) return;
            const entry =
              adding === 'custom'
                ? {
                    key: freeKey('custom', sectionKeys),
                    kind: 'custom',
                    label: { zh: '新章节', en: 'New section' },
                    required: false,
                    fields: [newField([])],
                  }
                : builtinSection(adding as SectionKind);
            if (!entry) return;
            setDraft((d) => appendIn(d, ['sections'], entry));
            setOpen([String(sections.length)]);
            setAdding(null);
          }}
          data-testid="add-section"
        >
          {t('hrtpl.editor.addSection')}
        </Button>
      </Space>
    </Card>
  );

  return (
    <ProblemContext.Provider value={scoped}>
      <Form layout="vertical" component="div" data-testid="template-editor">
        <Typography.Paragraph type="secondary">{t('hrtpl.editor.checkedHere')}</Typography.Paragraph>
        <ProblemSummary problem={problem} draft={draft} onGo={() => setTab('form')} />
        {flowWarning && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="flow-warning"
            message={t('hrtpl.editor.flowWarning', { flow: checked.ok ? checked.value.defaultFlowId : '', detail: flowWarning })}
          />
        )}
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'form',
              label: t('hrtpl.editor.tabForm'),
              children: (
                <>
                  {settings}
                  {sectionsCard}
                  {dimensionsCard}
                </>
              ),
            },
            {
              key: 'json',
              label: t('hrtpl.editor.tabJson'),
              children: <JsonView draft={draft} onChange={(next) => setDraft(next)} />,
            },
          ]}
        />
        <PublishPanel
          baseVersion={base.version}
          nextVersion={nextVersion}
          valid={checked.ok}
          changes={changes}
          publishing={publishing}
          newer={newerInfo}
          onConfirmOpen={props.onConfirmOpen}
          onPublish={(note) => {
            sent.current = draft;
            props.onPublish(draft, note);
          }}
          onReset={() => setDraft(draftOf(base.definition))}
          onCancel={props.onCancel}
          onRestartFromNewer={props.onRestartFromNewer}
        />
      </Form>
    </ProblemContext.Provider>
  );
}

function SectionKey({ index, value, fixed, onChange }: { index: number; value: unknown; fixed: boolean; onChange: Edit }) {
  const { t } = useI18n();
  const path = ['sections', index, 'key'];
  const id = useInputId(path);
  return (
    <PathItem
      path={path}
      label={t('hrtpl.editor.sectionKey')}
      style={{ width: 180 }}
      help={fixed ? t('hrtpl.editor.sectionKeyFixed') : undefined}
    >
      <Input id={id} value={asText(value)} disabled={fixed} onChange={(e) => onChange(path, e.target.value)} />
    </PathItem>
  );
}

function SectionRequired({ index, value, onChange }: { index: number; value: unknown; onChange: Edit }) {
  const { t } = useI18n();
  const path = ['sections', index, 'required'];
  const id = useInputId(path);
  return (
    <PathItem path={path} label={t('hrtpl.editor.sectionRequired')}>
      <Switch id={id} checked={value === true} onChange={(v) => onChange(path, v)} data-testid={`section-${index}-required`} />
    </PathItem>
  );
}

function DimensionKey({ index, value, onChange }: { index: number; value: unknown; onChange: (next: string) => void }) {
  const { t } = useI18n();
  const path = ['dimensions', index, 'key'];
  const id = useInputId(path);
  return (
    <PathItem path={path} label={t('hrtpl.attr.key')} style={{ width: 160 }}>
      <Input id={id} value={asText(value)} onChange={(e) => onChange(e.target.value)} />
    </PathItem>
  );
}

function DimensionKeywords({ index, value, onChange }: { index: number; value: unknown; onChange: Edit }) {
  const { t } = useI18n();
  const path: Path = ['dimensions', index, 'keywords'];
  const id = useInputId(path);
  return (
    <PathItem path={path} label={t('hrtpl.attr.keywords')} style={{ minWidth: 240, flex: 1 }}>
      <Select
        id={id}
        mode="tags"
        value={asStrings(value)}
        onChange={(next: string[]) => onChange(path, next)}
        tokenSeparators={[',', '，']}
        style={{ width: '100%' }}
      />
    </PathItem>
  );
}
