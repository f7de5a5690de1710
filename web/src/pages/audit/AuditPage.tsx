/**
 * 审计: find an interview (by id, or employee and cycle, from `interviews`), then its full
 * history as a timeline (who, when, IP, event hash), the diff between any two versions, the
 * record at a version or an instant (`interviewAt`), and the employee's cycles side by side
 * (`employeeInterviewTimeline`). The history refreshes live on `interviewChanged`.
 */
import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { ChangeList } from '../../audit/ChangeList';
import {
  AuditAtDocument,
  AuditCompareDocument,
  AuditEmployeeTimelineDocument,
  AuditHistoryDocument,
  AuditInterviewChangedDocument,
  AuditInterviewDocument,
  AuditInterviewsDocument,
} from '../../audit/operations';
import { LoadMore } from '../../api/LoadMore';
import { usePagedQuery } from '../../api/usePagedQuery';
import { ErrorNotice } from '../../errors/ErrorNotice';
import type { AuditHistoryQuery, InterviewFilter } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { formatDue } from '../Todo';

type HistoryEntry = AuditHistoryQuery['interviewHistory'][number];

const Json = ({ value }: { value: unknown }) => (
  <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', margin: 0, fontSize: 12 }}>{JSON.stringify(value, null, 2)}</pre>
);

function Finder({ onPick }: { onPick: (id: string) => void }) {
  const { t, locale } = useI18n();
  const [id, setId] = useState('');
  const [employeeId, setEmployeeId] = useState('');
  const [cycle, setCycle] = useState('');
  const [filter, setFilter] = useState<InterviewFilter | null>(null);
  const found = usePagedQuery(AuditInterviewsDocument, { filter: filter ?? {} }, (data) => data.interviews, {
    pageSize: 50,
    pause: filter === null,
  });
  return (
    <Card size="small" title={t('audit.find.title')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Form layout="inline" onFinish={() => id.trim() && onPick(id.trim())}>
          <Form.Item label={t('audit.find.id')} htmlFor="audit-id">
            <Input
              id="audit-id"
              data-testid="audit-id"
              value={id}
              onChange={(e) => setId(e.target.value)}
              style={{ width: 260, maxWidth: 'calc(100vw - 140px)' }}
            />
          </Form.Item>
          <Button htmlType="submit" type="primary">
            {t('audit.find.open')}
          </Button>
        </Form>
        <Form
          layout="inline"
          onFinish={() => {
            const next: InterviewFilter = {};
            if (employeeId.trim()) next.employeeId = employeeId.trim();
            if (cycle.trim()) next.cycle = cycle.trim();
            setFilter(next);
          }}
        >
          <Form.Item label={t('audit.find.employee')} htmlFor="audit-employee">
            <Input id="audit-employee" data-testid="audit-employee" value={employeeId} onChange={(e) => setEmployeeId(e.target.value)} />
          </Form.Item>
          <Form.Item label={t('audit.find.cycle')} htmlFor="audit-cycle">
            <Input
              id="audit-cycle"
              data-testid="audit-cycle"
              value={cycle}
              placeholder="2026-Q3"
              onChange={(e) => setCycle(e.target.value)}
            />
          </Form.Item>
          <Button htmlType="submit" data-testid="audit-search">
            {t('audit.find.search')}
          </Button>
        </Form>
        <ErrorNotice error={found.error} onRetry={found.refetch} />
        {filter && (
          <>
            <Table
              data-testid="audit-results"
              size="small"
              loading={found.loading}
              rowKey="id"
              scroll={{ x: true }}
              pagination={{ pageSize: 10 }}
              dataSource={[...found.nodes]}
              columns={[
                {
                  title: t('audit.col.interview'),
                  dataIndex: 'id',
                  render: (value: string) => (
                    <Button type="link" data-testid="audit-pick" data-id={value} onClick={() => onPick(value)} style={{ padding: 0 }}>
                      {value}
                    </Button>
                  ),
                },
                { title: t('audit.col.employee'), key: 'employee', render: (_, row) => `${row.employee?.name ?? ''} (${row.employeeId})` },
                { title: t('audit.col.cycle'), dataIndex: 'cycle' },
                { title: t('audit.col.status'), dataIndex: 'status', render: (s: string) => <Tag>{t(`audit.status.${s}` as never)}</Tag> },
                { title: t('audit.col.version'), dataIndex: 'version' },
                { title: t('audit.col.scheduledAt'), dataIndex: 'scheduledAt', render: (v: string) => formatDue(v, locale) },
              ]}
            />
            <LoadMore paged={found} testId="audit-load-more" />
          </>
        )}
      </Space>
    </Card>
  );
}

function TimelineTab({ history }: { history: readonly HistoryEntry[] }) {
  const { t, locale } = useI18n();
  return (
    <Table<HistoryEntry>
      data-testid="audit-timeline"
      size="small"
      rowKey="revision"
      pagination={false}
      scroll={{ x: true }}
      dataSource={[...history]}
      onRow={(row) => ({ 'data-testid': 'history-row', 'data-event': row.eventType }) as React.HTMLAttributes<HTMLElement>}
      expandable={{
        rowExpandable: (row) => row.changes.length > 0,
        expandedRowRender: (row) => <ChangeList changes={row.changes} />,
      }}
      columns={[
        { title: t('audit.col.version'), dataIndex: 'version', width: 60 },
        {
          title: t('audit.col.event'),
          dataIndex: 'eventType',
          render: (v: string, row) => (
            <Space direction="vertical" size={0}>
              <Typography.Text strong>{v}</Typography.Text>
              {row.section && <Typography.Text type="secondary">{row.section}</Typography.Text>}
            </Space>
          ),
        },
        {
          title: t('audit.col.actor'),
          dataIndex: 'actor',
          render: (v: string, row) => `${v} (${row.roles.map((r) => t(`role.${r}` as never)).join('、')})`,
        },
        { title: t('audit.col.at'), dataIndex: 'at', render: (v: string) => formatDue(v, locale) + ` (${v})` },
        { title: t('audit.col.ip'), dataIndex: 'ip' },
        {
          title: t('audit.col.hash'),
          dataIndex: 'eventHash',
          render: (v: string) => (
            <Typography.Text code copyable style={{ fontSize: 11, wordBreak: 'break-all' }}>
              {v}
            </Typography.Text>
          ),
        },
        { title: t('audit.col.changes'), key: 'changes', render: (_, row) => (row.contentChanged ? row.changes.length : '—') },
      ]}
    />
  );
}

function CompareTab({ id, versions }: { id: string; versions: readonly number[] }) {
  const { t } = useI18n();
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [asked, setAsked] = useState<{ from: number; to: number } | null>(null);
  useEffect(() => {
    if (versions.length > 0 && from === null) {
      setFrom(versions[0]!);
      setTo(versions[versions.length - 1]!);
    }
  }, [versions, from]);
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: AuditCompareDocument,
    variables: { id, fromVersion: asked?.from ?? 0, toVersion: asked?.to ?? 0 },
    pause: asked === null,
  });
  const options = versions.map((v) => ({ value: v, label: `v${v}` }));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <label htmlFor="compare-from">{t('audit.compare.from')}</label>
        <Select id="compare-from" data-testid="compare-from" value={from} options={options} onChange={setFrom} style={{ width: 100 }} />
        <label htmlFor="compare-to">{t('audit.compare.to')}</label>
        <Select id="compare-to" data-testid="compare-to" value={to} options={options} onChange={setTo} style={{ width: 100 }} />
        <Button
          type="primary"
          data-testid="compare-run"
          disabled={from === null || to === null}
          onClick={() => from !== null && to !== null && setAsked({ from, to })}
        >
          {t('audit.compare.run')}
        </Button>
      </Space>
      <ErrorNotice error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      {fetching && <Card loading />}
      {data && asked && (
        <Card
          size="small"
          title={t('audit.compare.result', {
            from: data.compareInterviewVersions.fromVersion,
            to: data.compareInterviewVersions.toVersion,
            count: data.compareInterviewVersions.changes.length,
          })}
        >
          <ChangeList testId="compare-changes" changes={data.compareInterviewVersions.changes} />
        </Card>
      )}
    </Space>
  );
}

function AtTab({ id, versions }: { id: string; versions: readonly number[] }) {
  const { t, locale } = useI18n();
  const [mode, setMode] = useState<'version' | 'instant'>('version');
  const [version, setVersion] = useState<number | null>(null);
  const [instant, setInstant] = useState('');
  const [asked, setAsked] = useState<{ version?: number; asOf?: string } | null>(null);
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: AuditAtDocument,
    variables: { id, version: asked?.version ?? null, asOf: asked?.asOf ?? null },
    pause: asked === null,
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'version' | 'instant')}>
        <Radio value="version">{t('audit.at.byVersion')}</Radio>
        <Radio value="instant">{t('audit.at.byInstant')}</Radio>
      </Radio.Group>
      <Space wrap>
        {mode === 'version' ? (
          <InputNumber
            aria-label={t('audit.at.version')}
            data-testid="at-version"
            min={1}
            max={Math.max(1, ...versions)}
            value={version}
            onChange={(v) => setVersion(v)}
          />
        ) : (
          <Input
            aria-label={t('audit.at.instant')}
            data-testid="at-instant"
            value={instant}
            placeholder="2026-07-01T08:00:00Z"
            onChange={(e) => setInstant(e.target.value)}
            style={{ width: 260, maxWidth: '100%' }}
          />
        )}
        <Button
          type="primary"
          data-testid="at-run"
          onClick={() =>
            setAsked(mode === 'version' ? (version !== null ? { version } : null) : instant.trim() ? { asOf: instant.trim() } : null)
          }
        >
          {t('audit.at.run')}
        </Button>
      </Space>
      <ErrorNotice error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      {fetching && <Card loading />}
      {data && (
        <Card size="small" data-testid="at-result">
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('audit.col.version')}>{data.interviewAt.version}</Descriptions.Item>
            <Descriptions.Item label={t('audit.col.status')}>{t(`audit.status.${data.interviewAt.status}` as never)}</Descriptions.Item>
            <Descriptions.Item label={t('audit.at.updatedAt')}>{formatDue(data.interviewAt.updatedAt, locale)}</Descriptions.Item>
          </Descriptions>
          <Json value={data.interviewAt.sections} />
        </Card>
      )}
    </Space>
  );
}

function CyclesTab({ employeeId }: { employeeId: string }) {
  const { t, locale } = useI18n();
  const [sections, setSections] = useState<string[]>(['highlights', 'problems']);
  const [{ data, fetching, error }, reexecute] = useQuery({ query: AuditEmployeeTimelineDocument, variables: { employeeId, sections } });
  const timeline = data?.employeeInterviewTimeline;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <label htmlFor="cycles-sections">{t('audit.cycles.sections')}</label>
        <Select
          id="cycles-sections"
          mode="tags"
          value={sections}
          onChange={setSections}
          style={{ minWidth: 280 }}
          options={['goalReview', 'highlights', 'problems', 'improvementPlan', 'supportNeeds'].map((s) => ({ value: s, label: s }))}
        />
      </Space>
      <ErrorNotice error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      {fetching && !timeline && <Card loading />}
      {timeline && (
        <>
          <div style={{ overflowX: 'auto' }}>
            <Row wrap={false} gutter={12} data-testid="cycles" style={{ minWidth: 'min-content' }}>
              {timeline.entries.map((entry) => (
                <Col key={entry.interviewId} flex="320px">
                  <Card
                    size="small"
                    data-testid="cycle"
                    title={
                      <Space wrap>
                        <Typography.Text strong>{entry.cycle}</Typography.Text>
                        <Tag>{t(`audit.status.${entry.status}` as never)}</Tag>
                      </Space>
                    }
                    extra={<Typography.Text type="secondary">v{entry.version}</Typography.Text>}
                  >
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {entry.interviewId} · {formatDue(entry.scheduledAt, locale)}
                    </Typography.Text>
                    {sections.map((s) => (
                      <div key={s} style={{ marginTop: 8 }}>
                        <Typography.Text strong>{s}</Typography.Text>
                        {entry.sections[s] === undefined ? <div>—</div> : <Json value={entry.sections[s]} />}
                      </div>
                    ))}
                  </Card>
                </Col>
              ))}
            </Row>
          </div>
          <Card size="small" title={t('audit.cycles.recurring')}>
            <List
              size="small"
              dataSource={timeline.recurringProblems}
              locale={{ emptyText: t('audit.cycles.noRecurring') }}
              renderItem={(p) => (
                <List.Item>
                  <Space wrap>
                    <Typography.Text>{p.problem}</Typography.Text>
                    {p.cycles.map((c) => (
                      <Tag key={c}>{c}</Tag>
                    ))}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </>
      )}
    </Space>
  );
}

function InterviewAudit({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const [interview, reexecuteInterview] = useQuery({ query: AuditInterviewDocument, variables: { id } });
  const [history, reexecuteHistory] = useQuery({ query: AuditHistoryDocument, variables: { id } });
  const refetch = useCallback(() => {
    reexecuteInterview({ requestPolicy: 'network-only' });
    reexecuteHistory({ requestPolicy: 'network-only' });
  }, [reexecuteInterview, reexecuteHistory]);
  const [changed] = useSubscription({ query: AuditInterviewChangedDocument, variables: { id } });
  useEffect(() => {
    if (changed.data) refetch();
  }, [changed.data, refetch]);
  const entries = history.data?.interviewHistory;
  const versions = useMemo(() => [...new Set((entries ?? []).map((e) => e.version))].sort((a, b) => a - b), [entries]);
  const record = interview.data?.interview;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorNotice error={interview.error ?? history.error} onRetry={refetch} />
      <ErrorNotice error={changed.error} />
      {record && (
        <Descriptions data-testid="audit-record" size="small" bordered column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('audit.col.interview')}>
            <span style={{ wordBreak: 'break-all' }}>{record.id}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('audit.col.employee')}>
            {record.employee?.name} ({record.employeeId}) · {record.department}
          </Descriptions.Item>
          <Descriptions.Item label={t('audit.col.cycle')}>{record.cycle}</Descriptions.Item>
          <Descriptions.Item label={t('audit.col.status')}>
            <Tag>{t(`audit.status.${record.status}` as never)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('audit.col.version')}>{record.version}</Descriptions.Item>
          <Descriptions.Item label={t('audit.col.scheduledAt')}>{formatDue(record.scheduledAt, locale)}</Descriptions.Item>
        </Descriptions>
      )}
      <Space wrap>
        <Link to={`/audit/evidence?interview=${encodeURIComponent(id)}`}>{t('audit.exportThis')}</Link>
      </Space>
      {entries ? (
        <Tabs
          items={[
            { key: 'timeline', label: t('audit.tab.timeline'), children: <TimelineTab history={entries} /> },
            { key: 'compare', label: t('audit.tab.compare'), children: <CompareTab id={id} versions={versions} /> },
            { key: 'at', label: t('audit.tab.at'), children: <AtTab id={id} versions={versions} /> },
            {
              key: 'cycles',
              label: t('audit.tab.cycles'),
              children: record ? <CyclesTab employeeId={record.employeeId} /> : <Empty />,
            },
          ]}
        />
      ) : (
        history.fetching && <Card loading />
      )}
    </Space>
  );
}

export function AuditPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const id = params.get('id');
  return (
    <div>
      <Typography.Title level={3}>{t('nav.audit')}</Typography.Title>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Finder onPick={(next) => setParams({ id: next })} />
        {id && <InterviewAudit key={id} id={id} />}
      </Space>
    </div>
  );
}
