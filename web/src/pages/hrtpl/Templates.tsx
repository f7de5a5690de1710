/**
 * 模板与流程 (HR): the interview templates HR keeps per job category and management level, and
 * the flows records go through. Each template or flow lists every version (built-in or
 * published, with HR's note), shows one readable and the changes between any two, and publishes
 * the next version from the latest with a form editor checked by the server's own validator.
 * Running interviews keep the version they were scheduled with; the page says so. A third tab
 * shows which template scheduling picks for each category and level (templateFor).
 */
import { Alert, Button, Card, Radio, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery, type CombinedError } from 'urql';
import type { InterviewTemplate } from '../../../../src/domain/interview/template';
import { JOB_CATEGORIES, LEVELS } from '../../../../src/domain/person/categories';
import type { FlowDefinition } from '../../../../src/domain/workflow/flow';
import { ErrorNotice } from '../../errors/ErrorNotice';
import type { HrtplCatalogQuery, HrtplTemplateForQuery } from '../../gql/graphql';
import { problemFromServer, type Draft } from '../../hrtpl/definition';
import { diffFlows, diffTemplates } from '../../hrtpl/diff';
import {
  CatalogDocument,
  FlowVersionsDocument,
  PublishFlowDocument,
  PublishTemplateDocument,
  TemplateForDocument,
  TemplateVersionsDocument,
} from '../../hrtpl/documents';
import { DefinitionDiff } from '../../hrtpl/editor-kit';
import { FlowEditor } from '../../hrtpl/FlowEditor';
import { loc, word } from '../../hrtpl/labels';
import { TemplateEditor } from '../../hrtpl/TemplateEditor';
import { appliesToText, FlowVersionView, TemplateVersionView } from '../../hrtpl/VersionViews';
import { useI18n } from '../../i18n';
import { formatInstant } from '../../team/format';

type Catalog = HrtplCatalogQuery;

interface VersionEntry {
  readonly version: number;
  readonly builtin: boolean;
  readonly definition: Record<string, unknown>;
  readonly publication?: { readonly note: string; readonly publishedAt: string } | null;
}

function VersionTag({ builtin, active }: { builtin: boolean; active?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <Tag color={builtin ? 'default' : 'blue'}>{builtin ? t('hrtpl.builtin') : t('hrtpl.published')}</Tag>
      {active === false && <Tag color="red">{t('hrtpl.retired')}</Tag>}
    </>
  );
}

/** The versions of one template or flow as buttons, the one chosen with its note, and a comparison of two. */
function VersionPicker({
  versions,
  selected,
  onSelect,
}: {
  versions: readonly VersionEntry[];
  selected: number;
  onSelect: (version: number) => void;
}) {
  const { t, locale } = useI18n();
  const entry = versions.find((v) => v.version === selected);
  return (
    <div style={{ marginBottom: 12 }}>
      <Typography.Text strong>{t('hrtpl.versions', { count: versions.length })}</Typography.Text>
      <div style={{ marginTop: 6 }}>
        <Radio.Group
          optionType="button"
          value={selected}
          onChange={(e) => onSelect(e.target.value as number)}
          data-testid="version-picker"
          style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}
          options={versions.map((v) => ({
            value: v.version,
            label: (
              <span data-testid={`version-${v.version}`}>
                {t('hrtpl.version', { version: v.version })}
                {v.builtin ? ` · ${t('hrtpl.builtin')}` : ''}
              </span>
            ),
          }))}
        />
      </div>
      {entry && (
        <Typography.Paragraph
          type="secondary"
          style={{ marginTop: 6, marginBottom: 0, wordBreak: 'break-word' }}
          data-testid="version-note"
        >
          {entry.publication
            ? t('hrtpl.publishedNote', {
                at: formatInstant(entry.publication.publishedAt, locale),
                note: entry.publication.note || t('hrtpl.noNote'),
              })
            : t('hrtpl.builtinNote')}
        </Typography.Paragraph>
      )}
    </div>
  );
}

function Compare<T>({
  versions,
  selected,
  diff,
}: {
  versions: readonly VersionEntry[];
  selected: number;
  diff: (a: T, b: T) => ReturnType<typeof diffTemplates>;
}) {
  const { t } = useI18n();
  const earlier = versions.filter((v) => v.version < selected).at(-1)?.version ?? selected;
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const a = versions.find((v) => v.version === (from ?? earlier));
  const b = versions.find((v) => v.version === (to ?? selected));
  const options = versions.map((v) => ({ value: v.version, label: t('hrtpl.version', { version: v.version }) }));
  return (
    <Card size="small" title={t('hrtpl.compare')} style={{ marginBottom: 12 }} data-testid="compare">
      <Space wrap style={{ marginBottom: 8 }}>
        <span>{t('hrtpl.compare.from')}</span>
        <Select
          aria-label={t('hrtpl.compare.from')}
          value={from ?? earlier}
          onChange={setFrom}
          options={options}
          style={{ width: 120 }}
          data-testid="compare-from"
        />
        <span>{t('hrtpl.compare.to')}</span>
        <Select
          aria-label={t('hrtpl.compare.to')}
          value={to ?? selected}
          onChange={setTo}
          options={options}
          style={{ width: 120 }}
          data-testid="compare-to"
        />
      </Space>
      {a && b && <DefinitionDiff changes={diff(a.definition as unknown as T, b.definition as unknown as T)} />}
    </Card>
  );
}

/** Which version a detail shows (`?v=`, else the latest) and how to show another. */
function useVersionSelection<V extends { version: number }>(versions: readonly V[]) {
  const [params, setParams] = useSearchParams();
  const latest = versions.at(-1);
  const asked = Number(params.get('v'));
  const selected = versions.some((v) => v.version === asked) ? asked : (latest?.version ?? 0);
  const select = (version: number) =>
    setParams(
      (p) => {
        p.set('v', String(version));
        return p;
      },
      { replace: true },
    );
  return { latest, selected, entry: versions.find((v) => v.version === selected), select };
}

/** The frame of a template's or flow's detail: its name and id, the load error, the "published" notice. */
function DetailCard({
  testId,
  id,
  name,
  loading,
  error,
  onRetry,
  published,
  onClosePublished,
  children,
}: {
  testId: string;
  id: string;
  name: string;
  loading: boolean;
  error: CombinedError | undefined;
  onRetry: () => void;
  published: { id: string; version: number } | null;
  onClosePublished: () => void;
  children: React.ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Card
      data-testid={testId}
      data-id={id}
      title={
        <Space wrap size={[6, 0]}>
          <span style={{ wordBreak: 'break-word', whiteSpace: 'normal' }}>{name}</span>
          <Typography.Text code>{id}</Typography.Text>
        </Space>
      }
      loading={loading}
    >
      <ErrorNotice error={error} onRetry={onRetry} />
      {published && published.id === id && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={onClosePublished}
          style={{ marginBottom: 12 }}
          data-testid="published"
          message={t('hrtpl.publishedOk', { version: published.version })}
          description={t('hrtpl.editor.running')}
        />
      )}
      {children}
    </Card>
  );
}

function TemplateDetail({ id, catalog, onPublished }: { id: string; catalog: Catalog; onPublished: () => void }) {
  const { t, locale } = useI18n();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: TemplateVersionsDocument, variables: { id } });
  const refetch = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const [result, publish] = useMutation(PublishTemplateDocument);
  const serverProblem = useMemo(() => problemFromServer(result.error?.graphQLErrors[0]), [result.error]);
  const [editing, setEditing] = useState<number | null>(null);
  const [published, setPublished] = useState<{ id: string; version: number } | null>(null);
  const versions = data?.templateVersions ?? [];
  const { latest, selected, entry, select } = useVersionSelection(versions);
  const base = versions.find((v) => v.version === editing);
  const flows = catalog.flows.map((f) => f.definition as unknown as FlowDefinition);
  const flowName = (flowId: string) => {
    const flow = catalog.flows.find((f) => f.id === flowId);
    return flow ? `${locale === 'en' ? flow.nameEn : flow.name} (${flowId})` : flowId;
  };
  const name = entry ? loc((entry.definition as { name?: unknown }).name, locale) : id;

  return (
    <DetailCard
      testId="template-detail"
      id={id}
      name={name}
      loading={fetching && !data}
      error={error}
      onRetry={refetch}
      published={published}
      onClosePublished={() => setPublished(null)}
    >
      {versions.length > 0 && latest && (
        <>
          <VersionPicker versions={versions} selected={selected} onSelect={select} />
          {editing === null ? (
            <>
              <Space wrap style={{ marginBottom: 12 }}>
                <Button type="primary" onClick={() => setEditing(latest.version)} data-testid="edit-latest">
                  {t('hrtpl.edit', { version: latest.version })}
                </Button>
              </Space>
              <Compare<InterviewTemplate> key={`${id}-${selected}`} versions={versions} selected={selected} diff={diffTemplates} />
              {entry && <TemplateVersionView template={entry.definition as unknown as InterviewTemplate} flowName={flowName} />}
            </>
          ) : (
            base && (
              <Card
                size="small"
                type="inner"
                title={t('hrtpl.editor.title', { version: latest.version + 1, base: base.version })}
                style={{ marginBottom: 12 }}
              >
                <ErrorNotice error={result.error} />
                <TemplateEditor
                  key={`${id}-${base.version}`}
                  templateId={id}
                  base={base}
                  nextVersion={latest.version + 1}
                  flows={flows}
                  publishing={result.fetching}
                  serverProblem={serverProblem}
                  newer={latest.version > base.version ? latest : null}
                  onConfirmOpen={refetch}
                  onRestartFromNewer={() => setEditing(latest.version)}
                  onCancel={() => setEditing(null)}
                  onPublish={async (definition: Draft, note: string) => {
                    const answer = await publish({ id, definition, note });
                    const made = answer.data?.publishTemplate;
                    if (made) {
                      setPublished({ id, version: made.version });
                      setEditing(null);
                      select(made.version);
                      refetch();
                      onPublished();
                    }
                  }}
                />
              </Card>
            )
          )}
        </>
      )}
    </DetailCard>
  );
}

function FlowDetail({ id, catalog, onPublished }: { id: string; catalog: Catalog; onPublished: () => void }) {
  const { t, locale } = useI18n();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: FlowVersionsDocument, variables: { id } });
  const refetch = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const [result, publish] = useMutation(PublishFlowDocument);
  const serverProblem = useMemo(() => problemFromServer(result.error?.graphQLErrors[0]), [result.error]);
  const [editing, setEditing] = useState<number | null>(null);
  const [published, setPublished] = useState<{ id: string; version: number } | null>(null);
  const versions = data?.flowVersions ?? [];
  const { latest, selected, entry, select } = useVersionSelection(versions);
  const base = versions.find((v) => v.version === editing);
  const templates = catalog.templates.map((x) => x.definition as unknown as InterviewTemplate);
  const sectionName = (key: string) => {
    for (const template of templates) {
      const section = template.sections.find((s) => s.key === key);
      if (section) return loc(section.label, locale);
    }
    return key;
  };
  const name = entry ? loc((entry.definition as { name?: unknown }).name, locale) : id;
  const users = catalog.templates.filter((x) => x.defaultFlowId === id);

  return (
    <DetailCard
      testId="flow-detail"
      id={id}
      name={name}
      loading={fetching && !data}
      error={error}
      onRetry={refetch}
      published={published}
      onClosePublished={() => setPublished(null)}
    >
      {users.length > 0 && (
        <Typography.Paragraph type="secondary">
          {t('hrtpl.flow.usedBy', { list: users.map((u) => (locale === 'en' ? u.nameEn : u.name)).join(t('hrtpl.listSep')) })}
        </Typography.Paragraph>
      )}
      {versions.length > 0 && latest && (
        <>
          <VersionPicker versions={versions} selected={selected} onSelect={select} />
          {editing === null ? (
            <>
              <Space wrap style={{ marginBottom: 12 }}>
                <Button type="primary" onClick={() => setEditing(latest.version)} data-testid="edit-latest">
                  {t('hrtpl.edit', { version: latest.version })}
                </Button>
              </Space>
              <Compare<FlowDefinition> key={`${id}-${selected}`} versions={versions} selected={selected} diff={diffFlows} />
              {entry && <FlowVersionView flow={entry.definition as unknown as FlowDefinition} sectionName={sectionName} />}
            </>
          ) : (
            base && (
              <Card
                size="small"
                type="inner"
                title={t('hrtpl.editor.title', { version: latest.version + 1, base: base.version })}
                style={{ marginBottom: 12 }}
              >
                <ErrorNotice error={result.error} />
                <FlowEditor
                  key={`${id}-${base.version}`}
                  flowId={id}
                  base={base}
                  nextVersion={latest.version + 1}
                  templates={templates}
                  publishing={result.fetching}
                  serverProblem={serverProblem}
                  newer={latest.version > base.version ? latest : null}
                  onConfirmOpen={refetch}
                  onRestartFromNewer={() => setEditing(latest.version)}
                  onCancel={() => setEditing(null)}
                  onPublish={async (definition: Draft, note: string) => {
                    const answer = await publish({ id, definition, note });
                    const made = answer.data?.publishFlow;
                    if (made) {
                      setPublished({ id, version: made.version });
                      setEditing(null);
                      select(made.version);
                      refetch();
                      onPublished();
                    }
                  }}
                />
              </Card>
            )
          )}
        </>
      )}
    </DetailCard>
  );
}

function TemplatesTable({ catalog, selected, onSelect }: { catalog: Catalog; selected: string | null; onSelect: (id: string) => void }) {
  const { t, locale } = useI18n();
  const flowName = (id: string) => {
    const flow = catalog.flows.find((f) => f.id === id);
    return flow ? (locale === 'en' ? flow.nameEn : flow.name) : id;
  };
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      scroll={{ x: 760 }}
      dataSource={catalog.templates}
      rowClassName={(row) => (row.id === selected ? 'ant-table-row-selected' : '')}
      onRow={(row) =>
        ({ onClick: () => onSelect(row.id), 'data-testid': 'template-row', 'data-id': row.id }) as React.HTMLAttributes<HTMLElement>
      }
      columns={[
        {
          title: t('hrtpl.col.name'),
          key: 'name',
          render: (_, row) => (
            <Space direction="vertical" size={0}>
              <Typography.Text strong>{locale === 'en' ? row.nameEn : row.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {row.id}
              </Typography.Text>
            </Space>
          ),
        },
        { title: t('hrtpl.col.appliesTo'), key: 'for', render: (_, row) => appliesToText(row.categories, row.levels, t) },
        {
          title: t('hrtpl.col.latest'),
          key: 'latest',
          render: (_, row) => (
            <Space size={4} wrap>
              <span>{t('hrtpl.version', { version: row.version })}</span>
              <VersionTag builtin={row.builtin} active={row.active} />
            </Space>
          ),
        },
        { title: t('hrtpl.col.defaultFlow'), key: 'flow', render: (_, row) => flowName(row.defaultFlowId) },
        {
          title: '',
          key: 'open',
          render: (_, row) => (
            <Button
              size="small"
              onClick={(e) => {
                e.stopPropagation();
                onSelect(row.id);
              }}
              data-testid={`open-template-${row.id}`}
              aria-label={t('hrtpl.viewNamed', { name: locale === 'en' ? row.nameEn : row.name })}
            >
              {t('hrtpl.view')}
            </Button>
          ),
        },
      ]}
    />
  );
}

function FlowsTable({ catalog, selected, onSelect }: { catalog: Catalog; selected: string | null; onSelect: (id: string) => void }) {
  const { t, locale } = useI18n();
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      scroll={{ x: 760 }}
      dataSource={catalog.flows}
      rowClassName={(row) => (row.id === selected ? 'ant-table-row-selected' : '')}
      onRow={(row) =>
        ({ onClick: () => onSelect(row.id), 'data-testid': 'flow-row', 'data-id': row.id }) as React.HTMLAttributes<HTMLElement>
      }
      columns={[
        {
          title: t('hrtpl.col.name'),
          key: 'name',
          render: (_, row) => (
            <Space direction="vertical" size={0}>
              <Typography.Text strong>{locale === 'en' ? row.nameEn : row.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {row.id}
              </Typography.Text>
            </Space>
          ),
        },
        {
          title: t('hrtpl.col.appliesTo'),
          key: 'for',
          render: (_, row) =>
            `${row.departments.join(t('hrtpl.listSep')) || t('hrtpl.anyDepartment')} · ${row.levels.map((l) => word(t, 'level', l)).join(t('hrtpl.listSep')) || t('hrtpl.flowByTemplate')}`,
        },
        {
          title: t('hrtpl.col.steps'),
          key: 'steps',
          render: (_, row) => ((row.definition as unknown as FlowDefinition).steps ?? []).map((s) => loc(s.label, locale)).join(' → '),
        },
        {
          title: t('hrtpl.col.latest'),
          key: 'latest',
          render: (_, row) => (
            <Space size={4} wrap>
              <span>{t('hrtpl.version', { version: row.version })}</span>
              <VersionTag builtin={row.builtin} active={row.active} />
            </Space>
          ),
        },
        {
          title: '',
          key: 'open',
          render: (_, row) => (
            <Button
              size="small"
              onClick={(e) => {
                e.stopPropagation();
                onSelect(row.id);
              }}
              data-testid={`open-flow-${row.id}`}
              aria-label={t('hrtpl.viewNamed', { name: locale === 'en' ? row.nameEn : row.name })}
            >
              {t('hrtpl.view')}
            </Button>
          ),
        },
      ]}
    />
  );
}

type Pick = NonNullable<HrtplTemplateForQuery['staff']>;

/** One job category: the template for each level (one query, an alias per level, within the API's alias limit). */
function AssignmentRow({ category, onOpen }: { category: string; onOpen: (id: string) => void }) {
  const { t, locale } = useI18n();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: TemplateForDocument, variables: { category } });
  const picks = data as unknown as Record<string, Pick | null> | undefined;
  return (
    <tr data-testid="assignment-row" data-category={category} style={{ borderTop: '1px solid #f0f0f0' }}>
      <th scope="row" style={{ textAlign: 'start', padding: 8, whiteSpace: 'nowrap' }}>
        {word(t, 'category', category)}
      </th>
      {error ? (
        <td colSpan={LEVELS.length} style={{ padding: 8 }}>
          <ErrorNotice error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
        </td>
      ) : (
        LEVELS.map((level) => {
          const pick = picks?.[level];
          return (
            <td key={level} style={{ padding: 8, verticalAlign: 'top' }}>
              {fetching && !data ? (
                '…'
              ) : pick ? (
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
                  onClick={() => onOpen(pick.id)}
                  data-testid={`pick-${category}-${level}`}
                  data-template={pick.id}
                >
                  {t('hrtpl.assign.pick', { name: locale === 'en' ? pick.nameEn : pick.name, version: pick.version })}
                </Button>
              ) : (
                <Typography.Text type="secondary">{t('hrtpl.assign.none')}</Typography.Text>
              )}
            </td>
          );
        })
      )}
    </tr>
  );
}

function Assignment({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useI18n();
  return (
    <div>
      <Typography.Paragraph type="secondary">{t('hrtpl.assign.intro')}</Typography.Paragraph>
      <div style={{ overflowX: 'auto', maxWidth: '100%' }}>
        <table data-testid="assignment" style={{ borderCollapse: 'collapse', minWidth: 560, width: '100%' }}>
          <thead>
            <tr style={{ background: '#fafafa' }}>
              <th scope="col" style={{ textAlign: 'start', padding: 8 }}>
                {t('hrtpl.attr.categories')}
              </th>
              {LEVELS.map((level) => (
                <th key={level} scope="col" style={{ textAlign: 'start', padding: 8 }}>
                  {word(t, 'level', level)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {JOB_CATEGORIES.map((category) => (
              <AssignmentRow key={category} category={category} onOpen={onOpen} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function TemplatesPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: CatalogDocument });
  const refetch = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const tab = params.get('tab') ?? 'templates';
  const templateId = params.get('template');
  const flowId = params.get('flow');
  const setTab = (next: string) =>
    setParams(
      (p) => {
        p.set('tab', next);
        p.delete('v');
        return p;
      },
      { replace: true },
    );
  const open = (kind: 'template' | 'flow', id: string) =>
    setParams((p) => {
      p.set('tab', kind === 'template' ? 'templates' : 'flows');
      p.set(kind, id);
      p.delete('v');
      return p;
    });
  const catalog = data;
  const knownTemplate = useMemo(() => catalog?.templates.some((x) => x.id === templateId), [catalog, templateId]);
  const knownFlow = useMemo(() => catalog?.flows.some((x) => x.id === flowId), [catalog, flowId]);

  return (
    <div style={{ minWidth: 0 }}>
      <Typography.Title level={3}>{t('nav.templates')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('hrtpl.intro')}</Typography.Paragraph>
      <ErrorNotice error={error} onRetry={refetch} />
      {fetching && !catalog && <Card loading />}
      {catalog && (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'templates',
              label: t('hrtpl.tab.templates'),
              children: (
                <Space direction="vertical" size={16} style={{ width: '100%' }}>
                  <TemplatesTable catalog={catalog} selected={templateId} onSelect={(id) => open('template', id)} />
                  {templateId && knownTemplate ? (
                    <TemplateDetail key={templateId} id={templateId} catalog={catalog} onPublished={refetch} />
                  ) : (
                    <Typography.Text type="secondary">{t('hrtpl.selectTemplate')}</Typography.Text>
                  )}
                </Space>
              ),
            },
            {
              key: 'flows',
              label: t('hrtpl.tab.flows'),
              children: (
                <Space direction="vertical" size={16} style={{ width: '100%' }}>
                  <FlowsTable catalog={catalog} selected={flowId} onSelect={(id) => open('flow', id)} />
                  {flowId && knownFlow ? (
                    <FlowDetail key={flowId} id={flowId} catalog={catalog} onPublished={refetch} />
                  ) : (
                    <Typography.Text type="secondary">{t('hrtpl.selectFlow')}</Typography.Text>
                  )}
                </Space>
              ),
            },
            { key: 'assignment', label: t('hrtpl.tab.assignment'), children: <Assignment onOpen={(id) => open('template', id)} /> },
          ]}
        />
      )}
    </div>
  );
}
