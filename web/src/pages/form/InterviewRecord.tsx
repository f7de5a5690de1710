/**
 * /interviews/:id — the interview record page: the basic information, then every section of
 * the record's own template snapshot in order (FieldRenderer per field), editable where the
 * viewer's side writes at this step; quality findings while typing (the server's own checks);
 * saving with expectedVersion (a VERSION_CONFLICT shows what changed and re-applies); submitting
 * the step; attachments; the history. Live: interviewChanged refetches.
 */
import { Alert, Button, Card, Descriptions, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useSubscription, type CombinedError } from 'urql';
import { ErrorNotice } from '../../errors/ErrorNotice';
import { describeCode } from '../../errors/error-messages';
import { AttachmentsPanel } from '../../form/AttachmentsPanel';
import { FieldContext, type FieldContextValue } from '../../form/FieldRenderer';
import {
  EditSectionDocument,
  InterviewHistoryDocument,
  InterviewRecordDocument,
  RecordChangedDocument,
  SubmitStepDocument,
} from '../../form/operations';
import {
  changedFields,
  currentStep,
  describeFinding,
  editableSections,
  findingsFor,
  partiesOf,
  viewerActs,
  viewerRole,
  type Record_,
} from '../../form/record-logic';
import { ConflictNotice, SectionCard } from '../../form/SectionCard';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatDue } from '../Todo';

type Content = Record<string, unknown>;
interface Draft {
  readonly content: Content;
  /** The version and content the draft started from. */
  readonly baseVersion: number;
  readonly base: Content;
}

const sectionOf = (record: Record_, key: string): Content => (record.sections[key] as Content | undefined) ?? {};

/** The field an API refusal names, with what it says, for showing it on that field. */
function refusalIssues(
  error: CombinedError | undefined,
  locale: 'zh-CN' | 'en',
  t: ReturnType<typeof useI18n>['t'],
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of error?.graphQLErrors ?? []) {
    const code = typeof e.extensions?.code === 'string' ? e.extensions.code : null;
    const field = typeof e.extensions?.field === 'string' ? e.extensions.field : null;
    if (!code || !field) continue;
    const details = (e.extensions?.details ?? {}) as { missing?: string[] };
    const missing = Array.isArray(details.missing) ? details.missing : [];
    const text =
      code === 'VAGUE_HIGHLIGHT' || code === 'SMART_INCOMPLETE'
        ? describeFinding({ field, code, missing }, t)
        : `${describeCode(code, locale).message}（${code}）`;
    (out[field] ??= []).push(`${text} — ${locale === 'en' ? 'refused by the server' : '服务器拒绝'}`);
  }
  return out;
}

export function InterviewRecordPage({ viewerId }: { viewerId: string }) {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: InterviewRecordDocument, variables: { id } });
  const refetch = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const [history, refetchHistory] = useQuery({ query: InterviewHistoryDocument, variables: { id } });
  const [changes] = useSubscription({ query: RecordChangedDocument, variables: { id } });
  useEffect(() => {
    if (changes.data) {
      refetch();
      refetchHistory({ requestPolicy: 'network-only' });
    }
  }, [changes.data, refetch, refetchHistory]);
  const [saveState, save] = useMutation(EditSectionDocument);
  const [submitState, submit] = useMutation(SubmitStepDocument);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [saving, setSaving] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<CombinedError | undefined>();
  const [submitError, setSubmitError] = useState<CombinedError | undefined>();
  const [notice, setNotice] = useState<string | null>(null);

  const record = data?.interview ?? null;
  const role = record ? viewerRole(record, viewerId) : null;
  const editable = useMemo(() => (record ? editableSections(record) : new Set<string>()), [record]);
  const acts = record ? viewerActs(record, role) : false;
  const sections = useMemo(() => {
    if (!record) return {};
    const merged: Content = { ...record.sections };
    for (const [key, d] of Object.entries(drafts)) merged[key] = d.content;
    return merged;
  }, [record, drafts]);
  const findings = useMemo(() => (record ? findingsFor(record, sections) : []), [record, sections]);
  const issues = useMemo(() => {
    const out: Record<string, string[]> = {};
    for (const f of findings) (out[f.field] ??= []).push(describeFinding(f, t));
    for (const [path, list] of Object.entries({ ...refusalIssues(saveError, locale, t), ...refusalIssues(submitError, locale, t) }))
      (out[path] ??= []).push(...list);
    return out;
  }, [findings, saveError, submitError, locale, t]);

  if (!record)
    return (
      <div>
        <ErrorNotice error={error} onRetry={refetch} />
        {fetching && <Card loading />}
      </div>
    );

  const step = currentStep(record);
  const stepLabel = locale === 'en' ? record.workflow.labelEn : record.workflow.label;
  const dirty = Object.keys(drafts).length > 0;
  const parties = partiesOf(record);
  const blocking = findings.filter((f) => f.code === 'SMART_INCOMPLETE' || record.template.vagueHighlights === 'block');

  const edit = (key: string, content: Content) =>
    setDrafts((all) => {
      const prior = all[key];
      return { ...all, [key]: prior ? { ...prior, content } : { content, baseVersion: record.version, base: sectionOf(record, key) } };
    });

  async function saveSection(key: string, draft: Draft) {
    setSaving(key);
    setNotice(null);
    const result = await save({
      input: { interviewId: record!.id, expectedVersion: draft.baseVersion, section: key, content: draft.content },
    });
    setSaving(null);
    const code = result.error?.graphQLErrors[0]?.extensions?.code;
    if (code === 'VERSION_CONFLICT') {
      setConflict(key);
      setSaveError(undefined);
      refetch();
      return;
    }
    setSaveError(result.error);
    if (!result.error && result.data) {
      setConflict(null);
      setDrafts((all) => {
        const { [key]: _saved, ...rest } = all;
        return rest;
      });
      setNotice(t('form.section.saved', { version: result.data.editInterviewSection.version }));
      refetchHistory({ requestPolicy: 'network-only' });
    }
  }

  async function submitStep() {
    if (!step) return;
    setNotice(null);
    const result = await submit({ id: record!.id, step: step.key });
    setSubmitError(result.error);
    if (!result.error) {
      setNotice(t('form.record.submitted'));
      refetchHistory({ requestPolicy: 'network-only' });
    }
  }

  const ctxFor = (key: string): FieldContextValue => ({
    role,
    sectionEditable: acts && editable.has(key),
    parties,
    sections,
    attachments: record.attachments,
    dimensions: record.template.dimensions,
    issues,
  });

  const pendingNames = record.workflow.pendingActorIds.map((p) => parties.find((x) => x.id === p)?.name ?? p).join('、');

  const formTab = (
    <div>
      {step?.signing && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('form.record.signHint')}
          action={
            <Link to={`/interviews/${encodeURIComponent(record.id)}/sign`} data-testid="sign-link">
              <Button type="primary">{t('form.record.sign')}</Button>
            </Link>
          }
        />
      )}
      {record.status !== 'locked' && (
        <Alert
          style={{ marginBottom: 12 }}
          type={acts ? 'success' : 'info'}
          message={acts ? t('form.record.youAct') : t('form.record.othersAct', { who: pendingNames || stepLabel })}
        />
      )}
      {record.template.sections.map((section) => {
        const draft = drafts[section.key];
        const content = draft?.content ?? sectionOf(record, section.key);
        return (
          <FieldContext.Provider key={section.key} value={ctxFor(section.key)}>
            <SectionCard
              section={section}
              content={content}
              dirty={!!draft}
              saving={saving === section.key}
              onChange={(next) => edit(section.key, next)}
              onReset={() =>
                setDrafts((all) => {
                  const { [section.key]: _dropped, ...rest } = all;
                  return rest;
                })
              }
              onSave={() => draft && void saveSection(section.key, draft)}
            >
              {conflict === section.key && draft && (
                <ConflictNotice
                  version={record.version}
                  changes={changedFields(draft.base, sectionOf(record, section.key), section.key)}
                  onReapply={() => {
                    const next = { ...draft, baseVersion: record.version, base: sectionOf(record, section.key) };
                    setDrafts((all) => ({ ...all, [section.key]: next }));
                    setConflict(null);
                    void saveSection(section.key, next);
                  }}
                  onDiscard={() => {
                    setConflict(null);
                    setDrafts((all) => {
                      const { [section.key]: _dropped, ...rest } = all;
                      return rest;
                    });
                  }}
                />
              )}
            </SectionCard>
          </FieldContext.Provider>
        );
      })}
      {findings.length > 0 && (
        <Alert
          data-testid="findings"
          type={blocking.length > 0 ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          message={blocking.length > 0 ? t('form.finding.title') : t('form.finding.warnTitle')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {findings.map((f, i) => (
                <li key={i} data-testid="finding" data-code={f.code} data-field={f.field}>
                  {describeFinding(f, t)}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <ErrorNotice
        error={saveState.error && saveState.error.graphQLErrors[0]?.extensions?.code !== 'VERSION_CONFLICT' ? saveError : undefined}
      />
      <ErrorNotice error={submitError} />
      {notice && <Alert type="success" showIcon message={notice} style={{ marginBottom: 12 }} data-testid="notice" />}
      {acts && step && !step.signing && (
        <Space direction="vertical" style={{ width: '100%' }}>
          {dirty && <Typography.Text type="warning">{t('form.record.unsaved')}</Typography.Text>}
          {blocking.length > 0 && (
            <Typography.Text type="danger">{t('form.record.submitBlocked', { count: blocking.length })}</Typography.Text>
          )}
          <Button
            type="primary"
            size="large"
            disabled={dirty}
            loading={submitState.fetching}
            onClick={() => void submitStep()}
            data-testid="submit-step"
          >
            {t('form.record.submit', { step: stepLabel })}
          </Button>
        </Space>
      )}
    </div>
  );

  const historyTab = (
    <div>
      <ErrorNotice error={history.error} onRetry={() => refetchHistory({ requestPolicy: 'network-only' })} />
      <Table
        data-testid="history"
        size="small"
        rowKey="revision"
        scroll={{ x: 640 }}
        loading={history.fetching && !history.data}
        dataSource={history.data ? [...history.data.interviewHistory].reverse() : []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('form.history.version'), dataIndex: 'version', width: 70 },
          { title: t('form.history.event'), dataIndex: 'eventType' },
          { title: t('form.history.section'), dataIndex: 'section', render: (s: string | null) => s ?? '' },
          {
            title: t('form.history.actor'),
            dataIndex: 'actor',
            render: (a: string, row) => `${parties.find((p) => p.id === a)?.name ?? a} (${row.roles.join(', ')})`,
          },
          { title: t('form.history.at'), dataIndex: 'at', render: (at: string) => formatDue(at, locale) },
          {
            title: t('form.history.changes'),
            dataIndex: 'changes',
            render: (list: Array<{ path: string; kind: string }>, row) =>
              row.contentChanged ? (
                <span style={{ wordBreak: 'break-all', fontSize: 12 }}>{list.map((c) => `${c.kind} ${c.path}`).join('; ')}</span>
              ) : (
                <Typography.Text type="secondary">{t('form.history.noChanges')}</Typography.Text>
              ),
          },
        ]}
      />
    </div>
  );

  return (
    <div data-testid="record" data-version={record.version} data-step={record.workflow.step}>
      <Link to="/interviews">← {t('form.record.back')}</Link>
      <Typography.Title level={3} style={{ marginTop: 8, wordBreak: 'break-word' }}>
        {record.employee?.name ?? record.employeeId} · {record.cycle}
      </Typography.Title>
      <ErrorNotice error={error} onRetry={refetch} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} data-testid="basic-info">
          <Descriptions.Item label={t('form.record.employee')}>
            {record.employee?.name ?? ''} ({record.employeeId}) · {record.department} · {record.position}
          </Descriptions.Item>
          <Descriptions.Item label={t('form.record.manager')}>
            {record.manager?.name ?? ''} ({record.managerId})
          </Descriptions.Item>
          <Descriptions.Item label={t('form.record.cycle')}>{record.cycle}</Descriptions.Item>
          <Descriptions.Item label={t('form.record.template')}>
            {locale === 'en' ? record.template.nameEn : record.template.name} ·{' '}
            {t('form.record.templateVersion', { version: record.templateVersion })}
          </Descriptions.Item>
          <Descriptions.Item label={t('form.record.step')}>
            <span data-testid="current-step">{stepLabel}</span>
            {t('form.record.stepOf', { index: record.workflow.stepIndex + 1, count: record.workflow.stepCount })}
          </Descriptions.Item>
          <Descriptions.Item label={t('form.record.due')}>
            <Typography.Text type={record.workflow.overdue ? 'danger' : undefined}>
              {formatDue(record.workflow.dueAt, locale)}
            </Typography.Text>
            {record.workflow.overdue && (
              <Tag color="red" style={{ marginInlineStart: 6 }}>
                {t('form.record.overdue')}
              </Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('form.record.status')}>
            <Space wrap>
              <Tag color={record.status === 'locked' ? 'green' : 'blue'}>{t(`form.status.${record.status}` as MessageKey)}</Tag>
              {record.lockedAt && <Tag color="gold">🔒 {t('form.record.locked')}</Tag>}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('form.record.meeting')}>
            {formatDue(record.scheduledAt, locale)} · {record.location}
          </Descriptions.Item>
          <Descriptions.Item label={t('form.record.version')}>{record.version}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Tabs
        items={[
          { key: 'form', label: t('form.record.tabForm'), children: formTab },
          {
            key: 'attachments',
            label: `${t('form.record.tabAttachments')} (${record.attachments.length})`,
            children: (
              <AttachmentsPanel
                interviewId={record.id}
                attachments={record.attachments}
                canUpload={role !== null && record.status !== 'locked'}
                onUploaded={refetch}
              />
            ),
          },
          { key: 'history', label: t('form.record.tabHistory'), children: historyTab },
        ]}
      />
    </div>
  );
}
