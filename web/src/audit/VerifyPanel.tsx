/**
 * The offline verifier: choose or drop an evidence-bundle file and it is verified here, in the
 * browser, with the project's own verifier (src/evidence/verify-bundle-browser.ts: the checks
 * the server runs, on tweetnacl and a portable SHA-256). Nothing is sent anywhere: the file is
 * read with the File API and the verification runs inside `withoutNetwork`, which blocks every
 * request API and checks the browser's resource list did not grow. Used by /audit/verify and
 * by the standalone verify.html (which works opened from file://).
 */
import { Alert, Card, Descriptions, Input, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useMemo, useRef, useState, type DragEvent } from 'react';
import { verifyBundleInBrowser, type BundleFailure, type Report } from '../../../src/evidence/verify-bundle-browser';
import { useI18n } from '../i18n';
import { describeFailure } from './failure-codes';
import { withoutNetwork } from './no-network';

interface Loaded {
  readonly name: string;
  readonly bytes: Uint8Array;
}

interface Verdict {
  readonly report: Report;
  readonly requests: number;
  readonly html: string | null;
  readonly ms: number;
}

/** The pinned ledger keys typed by the auditor: base64 texts separated by spaces, commas or lines. */
export const parseKeys = (text: string): string[] => text.split(/[\s,;]+/).filter(Boolean);

/** The bundle's HTML rendering, read only after the verdict (for display; the verifier checked its digest). */
function renderingOf(bytes: Uint8Array): string | null {
  try {
    const parsed = JSON.parse(new TextDecoder().decode(bytes)) as { rendering?: { html?: unknown } };
    return typeof parsed.rendering?.html === 'string' ? parsed.rendering.html : null;
  } catch {
    return null;
  }
}

export function verifyBytes(bytes: Uint8Array, keys: readonly string[], witnessKeys: readonly string[] = []): Verdict {
  const started = performance.now();
  const { result, requests } = withoutNetwork(() => {
    const report = verifyBundleInBrowser(bytes, {
      ...(keys.length > 0 ? { trustedLedgerKeys: keys } : {}),
      ...(witnessKeys.length > 0 ? { trustedWitnessKeys: witnessKeys } : {}),
    });
    return { report, html: report.ok ? renderingOf(bytes) : null };
  });
  return { ...result, requests, ms: Math.round(performance.now() - started) };
}

function FailureTable({ items, kind }: { items: readonly BundleFailure[]; kind: 'failure' | 'warning' }) {
  const { t, locale } = useI18n();
  return (
    <Table<BundleFailure & { key: number }>
      size="small"
      pagination={false}
      scroll={{ x: true }}
      dataSource={items.map((item, key) => ({ ...item, key }))}
      onRow={(row) => ({ 'data-testid': `verify-${kind}`, 'data-code': row.code }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t('audit.verify.code'),
          dataIndex: 'code',
          render: (code: string) => <Tag color={kind === 'failure' ? 'red' : 'orange'}>{code}</Tag>,
        },
        {
          title: t('audit.verify.meaning'),
          key: 'meaning',
          render: (_: unknown, row) => {
            const d = describeFailure(row.code, locale);
            return (
              <Space direction="vertical" size={0}>
                {d.familyText && <Typography.Text type="secondary">{d.familyText}</Typography.Text>}
                <Typography.Text>{d.text}</Typography.Text>
              </Space>
            );
          },
        },
        { title: t('audit.verify.where'), dataIndex: 'where', render: (w: string) => <Typography.Text code>{w}</Typography.Text> },
        {
          title: t('audit.verify.detail'),
          dataIndex: 'detail',
          render: (d: string) => <span style={{ wordBreak: 'break-word' }}>{d}</span>,
        },
      ]}
    />
  );
}

export function VerifyPanel() {
  const { t } = useI18n();
  const [keysText, setKeysText] = useState('');
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const keys = useMemo(() => parseKeys(keysText), [keysText]);
  const [witnessText, setWitnessText] = useState('');
  const witnessKeys = useMemo(() => parseKeys(witnessText), [witnessText]);

  const verdict = useMemo<Verdict | { error: string } | null>(() => {
    if (!loaded) return null;
    try {
      return verifyBytes(loaded.bytes, keys, witnessKeys);
    } catch (error) {
      return { error: (error as Error).message };
    }
  }, [loaded, keys, witnessKeys]);

  const take = useCallback((file: File | undefined) => {
    if (!file) return;
    setReadError(null);
    file.arrayBuffer().then(
      (buffer) => setLoaded({ name: file.name, bytes: new Uint8Array(buffer) }),
      (error: Error) => setReadError(error.message),
    );
  }, []);

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    take(event.dataTransfer.files[0]);
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Alert type="info" showIcon message={t('audit.verify.offlineNote')} />
      <div
        data-testid="verify-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        style={{
          border: `2px dashed ${dragging ? '#1677ff' : '#d9d9d9'}`,
          borderRadius: 8,
          padding: 24,
          textAlign: 'center',
          background: dragging ? '#e6f4ff' : '#fafafa',
        }}
      >
        <Typography.Paragraph style={{ marginBottom: 8 }}>{t('audit.verify.drop')}</Typography.Paragraph>
        <label>
          <span style={{ marginInlineEnd: 8 }}>{t('audit.verify.choose')}</span>
          <input
            ref={input}
            data-testid="verify-file"
            type="file"
            accept=".json,application/json"
            onChange={(e) => {
              take(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </label>
      </div>
      <div>
        <label htmlFor="verify-keys">
          <Typography.Text strong>{t('audit.verify.keys')}</Typography.Text>
        </label>
        <Input.TextArea
          id="verify-keys"
          data-testid="verify-keys"
          rows={2}
          value={keysText}
          placeholder={t('audit.verify.keysPlaceholder')}
          onChange={(e) => setKeysText(e.target.value)}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('audit.verify.keysHint')}
        </Typography.Text>
      </div>
      <div>
        <label htmlFor="verify-witness-keys">
          <Typography.Text strong>{t('audit.verify.witnessKeys')}</Typography.Text>
        </label>
        <Input.TextArea
          id="verify-witness-keys"
          data-testid="verify-witness-keys"
          rows={2}
          value={witnessText}
          placeholder={t('audit.verify.witnessKeysPlaceholder')}
          onChange={(e) => setWitnessText(e.target.value)}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('audit.verify.witnessKeysHint')}
        </Typography.Text>
      </div>
      {readError && <Alert type="error" showIcon message={t('audit.verify.readFailed')} description={readError} />}
      {verdict && 'error' in verdict && (
        <Alert data-testid="verify-crash" type="error" showIcon message={t('audit.verify.crashed')} description={verdict.error} />
      )}
      {verdict && 'report' in verdict && loaded && <VerdictView verdict={verdict} name={loaded.name} size={loaded.bytes.length} />}
    </Space>
  );
}

function VerdictView({ verdict, name, size }: { verdict: Verdict; name: string; size: number }) {
  const { t } = useI18n();
  const { report } = verdict;
  const subject = report.subject;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Alert
        data-testid="verify-verdict"
        data-ok={report.ok ? 'true' : 'false'}
        data-requests={String(verdict.requests)}
        type={report.ok ? 'success' : 'error'}
        showIcon
        message={report.ok ? t('audit.verify.valid') : t('audit.verify.invalid', { count: report.failures.length })}
        description={t('audit.verify.noRequests', { requests: verdict.requests, ms: verdict.ms })}
      />
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('audit.verify.file')}>
          <span style={{ wordBreak: 'break-all' }}>
            {name} ({size} B)
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.verify.subject')}>
          {subject
            ? subject.kind === 'interview'
              ? `${t('audit.verify.subjectInterview')} ${subject.interviewId}`
              : `${t('audit.verify.subjectQuery')} ${[subject.employeeId, subject.department, subject.cycle].filter(Boolean).join(' · ')}`
            : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.verify.counts')}>
          {t('audit.verify.countsValue', { interviews: report.interviews, events: report.events, size: report.checkpointSize ?? '—' })}
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.verify.ledgerKeys')}>
          <Space direction="vertical" size={2}>
            {report.ledgerKeys.map((key) => (
              <span key={key.kid} style={{ wordBreak: 'break-all' }}>
                <Tag color={key.pinned ? 'green' : 'orange'}>{key.pinned ? t('audit.verify.pinned') : t('audit.verify.unpinned')}</Tag>
                <Typography.Text code>{key.publicKey}</Typography.Text>
              </span>
            ))}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.verify.witnesses')}>
          <Space direction="vertical" size={2} data-testid="verify-witnesses">
            {report.witnesses.length === 0 && t('audit.verify.noWitnesses')}
            {report.witnesses.map((w, i) => (
              <span key={i} style={{ wordBreak: 'break-all' }}>
                <Tag color={w.verified ? 'green' : w.pinned ? 'red' : 'orange'}>
                  {w.verified
                    ? t('audit.verify.witnessVerified')
                    : w.pinned
                      ? t('audit.verify.witnessInvalid')
                      : t('audit.verify.witnessUnverified')}
                </Tag>
                <Typography.Text code>{`${w.name}+${w.keyId}`}</Typography.Text>
                {w.timestamp !== null && ` ${new Date(w.timestamp * 1000).toISOString()}`}
              </span>
            ))}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      {report.failures.length > 0 && (
        <Card size="small" title={t('audit.verify.failures', { count: report.failures.length })}>
          <FailureTable items={report.failures} kind="failure" />
        </Card>
      )}
      {report.warnings.length > 0 && (
        <Card size="small" title={t('audit.verify.warnings', { count: report.warnings.length })}>
          <FailureTable items={report.warnings} kind="warning" />
        </Card>
      )}
      {verdict.html !== null && (
        <Card size="small" title={t('audit.verify.rendering')}>
          <iframe
            data-testid="verify-rendering"
            title={t('audit.verify.rendering')}
            sandbox=""
            srcDoc={verdict.html}
            style={{ width: '100%', height: 600, border: '1px solid #f0f0f0', background: '#fff' }}
          />
        </Card>
      )}
    </Space>
  );
}
