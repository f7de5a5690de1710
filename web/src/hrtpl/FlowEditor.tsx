/**
 * The next version of a flow: its name, the departments and levels it is for, and its steps
 * (who acts, whose submission completes the step, which sections they write, the days until
 * due, signing, evaluating support needs), reordered, added or removed, in a form or as JSON.
 * Checked at once by the server's own `validateFlow`; a template that runs this flow by default
 * and that it could not run (the scheduler's `flowMismatch`) is named as a warning.
 */
import { Alert, Button, Card, Form, InputNumber, Select, Space, Switch, Tabs, Tag, Typography, Input, Checkbox } from 'antd';
import { useCallback, useMemo, useRef, useState } from 'react';
import { PARTY_ROLES, type InterviewTemplate } from '../../../src/domain/interview/template';
import { LEVELS } from '../../../src/domain/person/categories';
import type { FlowDefinition } from '../../../src/domain/workflow/flow';
import { useI18n } from '../i18n';
import {
  appendIn,
  asList,
  asNumber,
  asRecord,
  asStrings,
  asText,
  checkFlow,
  draftOf,
  freeKey,
  mismatchOf,
  moveIn,
  removeIn,
  setIn,
  type DefinitionProblem,
  type Draft,
  type Path,
} from './definition';
import { diffFlows } from './diff';
import { EntryButtons, FieldRow, JsonView, LocalizedInputs, PathItem, ProblemContext, ProblemSummary, useInputId } from './editor-kit';
import type { Edit } from './FieldEditor';
import { loc, word } from './labels';
import { PublishPanel, type Newer } from './PublishPanel';

export interface FlowEditorProps {
  readonly flowId: string;
  readonly base: { readonly version: number; readonly definition: Readonly<Record<string, unknown>> };
  readonly nextVersion: number;
  /** The latest version of every template: the sections a step may write, and the templates that run this flow by default. */
  readonly templates: readonly InterviewTemplate[];
  readonly publishing: boolean;
  readonly serverProblem?: DefinitionProblem | null;
  readonly newer?: { readonly version: number; readonly definition: Readonly<Record<string, unknown>> } | null;
  readonly onConfirmOpen?: () => void;
  readonly onPublish: (definition: Draft, note: string) => void;
  readonly onCancel: () => void;
  readonly onRestartFromNewer?: () => void;
}

export function FlowEditor(props: FlowEditorProps) {
  const { flowId, base, nextVersion, templates, publishing, serverProblem, newer } = props;
  const { t, locale } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => draftOf(base.definition));
  const [tab, setTab] = useState('form');
  const sent = useRef<Draft | null>(null);
  const checked = useMemo(() => checkFlow(draft, flowId, nextVersion), [draft, flowId, nextVersion]);
  const problem = checked.ok ? (serverProblem && sent.current === draft ? serverProblem : null) : checked.problem;
  const edit: Edit = useCallback((path, next) => setDraft((d) => setIn(d, path, next)), []);
  // One value while the problem stays: the inputs that read it are not re-drawn for nothing.
  const scoped = useMemo(() => ({ problem, scope: 'flow' }), [problem]);

  const steps = asList(draft.steps);
  const appliesTo = asRecord(draft.appliesTo);
  // Every section key a template has: what a step may write (`*`: all of the template's).
  const sectionOptions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const template of templates) for (const s of template.sections) if (!seen.has(s.key)) seen.set(s.key, loc(s.label, locale));
    return [
      { value: '*', label: t('hrtpl.step.allSections') },
      ...[...seen].map(([value, label]) => ({ value, label: `${label} (${value})` })),
    ];
  }, [templates, locale, t]);
  const warnings = checked.ok
    ? templates
        .filter((tpl) => tpl.active && tpl.defaultFlowId === flowId)
        .map((tpl) => ({ template: tpl, detail: mismatchOf(checked.value, tpl) }))
        .filter((w): w is { template: InterviewTemplate; detail: string } => w.detail !== null)
    : [];
  const changes = checked.ok ? diffFlows(base.definition as unknown as FlowDefinition, checked.value) : null;
  const newerInfo: Newer | null =
    newer && newer.version > base.version
      ? {
          version: newer.version,
          changes: diffFlows(base.definition as unknown as FlowDefinition, newer.definition as unknown as FlowDefinition),
        }
      : null;
  const ids = {
    departments: useInputId(['appliesTo', 'departments']),
    levels: useInputId(['appliesTo', 'levels']),
    active: useInputId(['active']),
  };

  return (
    <ProblemContext.Provider value={scoped}>
      <Form layout="vertical" component="div" data-testid="flow-editor">
        <Typography.Paragraph type="secondary">{t('hrtpl.editor.checkedHere')}</Typography.Paragraph>
        <ProblemSummary problem={problem} draft={draft} onGo={() => setTab('form')} />
        {warnings.map((w) => (
          <Alert
            key={w.template.id}
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="flow-warning"
            message={t('hrtpl.flow.warning', { template: `${loc(w.template.name, locale)} (${w.template.id})`, detail: w.detail })}
          />
        ))}
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'form',
              label: t('hrtpl.editor.tabForm'),
              children: (
                <>
                  <Card size="small" title={t('hrtpl.editor.basics')} style={{ marginBottom: 12 }}>
                    <FieldRow>
                      <LocalizedInputs
                        path={['name']}
                        value={draft.name}
                        onChange={edit}
                        zhLabel={t('hrtpl.editor.nameZh')}
                        enLabel={t('hrtpl.editor.nameEn')}
                        testId="flow-name"
                      />
                    </FieldRow>
                    <FieldRow>
                      <PathItem path={['appliesTo', 'departments']} label={t('hrtpl.flow.departments')} style={{ minWidth: 240, flex: 1 }}>
                        <Select
                          id={ids.departments}
                          mode="tags"
                          value={asStrings(appliesTo.departments)}
                          onChange={(next: string[]) => edit(['appliesTo', 'departments'], next)}
                          tokenSeparators={[',', '，']}
                          placeholder={t('hrtpl.anyDepartment')}
                        />
                      </PathItem>
                      <PathItem path={['appliesTo', 'levels']} label={t('hrtpl.attr.levels')} style={{ minWidth: 240, flex: 1 }}>
                        <Select
                          id={ids.levels}
                          mode="multiple"
                          value={asStrings(appliesTo.levels)}
                          onChange={(next: string[]) => edit(['appliesTo', 'levels'], next)}
                          options={LEVELS.map((l) => ({ value: l, label: word(t, 'level', l) }))}
                          placeholder={t('hrtpl.flowByTemplate')}
                        />
                      </PathItem>
                      <PathItem path={['active']} label={t('hrtpl.editor.flowActive')}>
                        <Switch
                          id={ids.active}
                          checked={draft.active !== false}
                          onChange={(v) => edit(['active'], v)}
                          checkedChildren={t('hrtpl.active')}
                          unCheckedChildren={t('hrtpl.retired')}
                        />
                      </PathItem>
                    </FieldRow>
                  </Card>
                  <Card size="small" title={t('hrtpl.flow.steps')} style={{ marginBottom: 12 }}>
                    <PathItem path={['steps']} exact>
                      <div>
                        {steps.map((s, i) => (
                          <StepEditor
                            key={i}
                            index={i}
                            count={steps.length}
                            value={s}
                            sectionOptions={sectionOptions}
                            onChange={edit}
                            onMove={(to) => setDraft((d) => moveIn(d, ['steps'], i, to))}
                            onRemove={() => setDraft((d) => removeIn(d, ['steps'], i))}
                          />
                        ))}
                      </div>
                    </PathItem>
                    <Button
                      size="small"
                      data-testid="add-step"
                      onClick={() =>
                        setDraft((d) => {
                          const list = asList(d.steps);
                          const entry = {
                            key: freeKey(
                              'step_',
                              list.map((x) => asText(asRecord(x).key)),
                            ),
                            label: { zh: '新步骤', en: 'New step' },
                            actors: ['manager'],
                            completedBy: 'manager',
                            edits: [],
                            dueInDays: 3,
                            signing: false,
                            evaluatesNeeds: false,
                          };
                          // Before the signing step, which stays last.
                          const last = list.length - 1;
                          return last >= 0 && asRecord(list[last]).signing === true
                            ? setIn(d, ['steps'], [...list.slice(0, last), entry, list[last]])
                            : appendIn(d, ['steps'], entry);
                        })
                      }
                    >
                      {t('hrtpl.flow.addStep')}
                    </Button>
                  </Card>
                </>
              ),
            },
            { key: 'json', label: t('hrtpl.editor.tabJson'), children: <JsonView draft={draft} onChange={(next) => setDraft(next)} /> },
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

function StepEditor({
  index,
  count,
  value,
  sectionOptions,
  onChange,
  onMove,
  onRemove,
}: {
  index: number;
  count: number;
  value: unknown;
  sectionOptions: ReadonlyArray<{ value: string; label: string }>;
  onChange: Edit;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const { t, locale } = useI18n();
  const step = asRecord(value);
  const path: Path = ['steps', index];
  const name = loc(step.label, locale) || asText(step.key);
  const actors = asStrings(step.actors);
  const keyId = useInputId([...path, 'key']);
  const completedId = useInputId([...path, 'completedBy']);
  const editsId = useInputId([...path, 'edits']);
  const dueId = useInputId([...path, 'dueInDays']);
  const signingId = useInputId([...path, 'signing']);
  const needsId = useInputId([...path, 'evaluatesNeeds']);
  const testBase = `step-${asText(step.key)}`;
  return (
    <div
      data-testid="step-editor"
      data-key={asText(step.key)}
      style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px', marginBottom: 8, minWidth: 0 }}
    >
      <Space wrap size={[8, 4]} style={{ width: '100%', justifyContent: 'space-between', marginBottom: 4 }}>
        <Space wrap size={[6, 2]}>
          <Typography.Text strong style={{ wordBreak: 'break-word' }}>
            {index + 1}. {name}
          </Typography.Text>
          {step.signing === true && <Tag color="purple">{t('hrtpl.step.signing')}</Tag>}
        </Space>
        <EntryButtons name={name} index={index} count={count} onMove={onMove} onRemove={onRemove} testId={`${testBase}-remove`} />
      </Space>
      <FieldRow>
        <LocalizedInputs
          path={[...path, 'label']}
          value={step.label}
          onChange={onChange}
          zhLabel={t('hrtpl.editor.labelZh')}
          enLabel={t('hrtpl.editor.labelEn')}
          testId={`${testBase}-label`}
        />
        <PathItem path={[...path, 'key']} label={t('hrtpl.attr.key')} style={{ width: 180 }}>
          <Input id={keyId} value={asText(step.key)} onChange={(e) => onChange([...path, 'key'], e.target.value)} />
        </PathItem>
        <PathItem path={[...path, 'actors']} label={t('hrtpl.attr.actors')}>
          <Checkbox.Group
            value={actors}
            onChange={(next) => onChange([...path, 'actors'], next)}
            options={PARTY_ROLES.map((r) => ({ value: r, label: word(t, 'party', r) }))}
          />
        </PathItem>
        <PathItem path={[...path, 'completedBy']} label={t('hrtpl.attr.completedBy')} style={{ width: 140 }}>
          <Select
            id={completedId}
            value={asText(step.completedBy ?? actors[0])}
            onChange={(next: string) => onChange([...path, 'completedBy'], next)}
            options={PARTY_ROLES.map((r) => ({ value: r, label: word(t, 'party', r) }))}
          />
        </PathItem>
        <PathItem path={[...path, 'dueInDays']} label={t('hrtpl.attr.dueInDays')} style={{ width: 140 }}>
          <InputNumber
            id={dueId}
            value={asNumber(step.dueInDays)}
            onChange={(v) => onChange([...path, 'dueInDays'], v ?? undefined)}
            style={{ width: '100%' }}
            data-testid={`${testBase}-dueInDays`}
          />
        </PathItem>
      </FieldRow>
      <FieldRow>
        <PathItem path={[...path, 'edits']} label={t('hrtpl.attr.edits')} style={{ minWidth: 260, flex: 1 }}>
          <Select
            id={editsId}
            mode="tags"
            value={asStrings(step.edits)}
            onChange={(next: string[]) => onChange([...path, 'edits'], next)}
            options={[...sectionOptions]}
            style={{ width: '100%' }}
          />
        </PathItem>
        <PathItem path={[...path, 'signing']} label={t('hrtpl.flow.signing')}>
          <Switch
            id={signingId}
            checked={step.signing === true}
            onChange={(v) => onChange([...path, 'signing'], v)}
            data-testid={`${testBase}-signing`}
          />
        </PathItem>
        <PathItem path={[...path, 'evaluatesNeeds']} label={t('hrtpl.attr.evaluatesNeeds')}>
          <Switch id={needsId} checked={step.evaluatesNeeds === true} onChange={(v) => onChange([...path, 'evaluatesNeeds'], v)} />
        </PathItem>
      </FieldRow>
    </div>
  );
}
