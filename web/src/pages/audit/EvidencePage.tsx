/**
 * 证据导出: an evidence bundle of one interview or of a query (employee, department, cycle)
 * from the `exportEvidence` mutation, offered as a file download (a Blob, never re-encoded:
 * the bytes are the canonical JSON the ledger sealed). A query export refused with
 * EXPORT_RATE_LIMITED says when to try again (details.retryAfterSeconds), counting down.
 */
import { Alert, Button, Card, Descriptions, Form, Input, Radio, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, type CombinedError } from 'urql';
import { ExportEvidenceDocument } from '../../audit/operations';
import { ErrorNotice } from '../../errors/ErrorNotice';
import type { EvidenceFilter, ExportEvidenceMutation } from '../../gql/graphql';
import { useI18n } from '../../i18n';

type Exported = ExportEvidenceMutation['exportEvidence'];

/** Seconds to wait from an EXPORT_RATE_LIMITED answer, or null. */
export function retryAfterOf(error: CombinedError | undefined): number | null {
  for (const e of error?.graphQLErrors ?? []) {
    if (e.extensions?.code !== 'EXPORT_RATE_LIMITED') continue;
    const details = e.extensions.details as { retryAfterSeconds?: unknown } | undefined;
    return typeof details?.retryAfterSeconds === 'number' ? details.retryAfterSeconds : 60;
  }
  return null;
}

export function EvidencePage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const [mode, setMode] = useState<'interview' | 'query'>(params.get('interview') || !params.get('cycle') ? 'interview' : 'query');
  const [interviewId, setInterviewId] = useState(params.get('interview') ?? '');
  const [employeeId, setEmployeeId] = useState('');
  const [department, setDepartment] = useState('');
  const [cycle, setCycle] = useState(params.get('cycle') ?? '');
  const [result, exportEvidence] = useMutation(ExportEvidenceDocument);
  const [file, setFile] = useState<{ exported: Exported; url: string } | null>(null);
  const [wait, setWait] = useState<number | null>(null);

  useEffect(() => () => (file ? URL.revokeObjectURL(file.url) : undefined), [file]);
  useEffect(() => setWait(retryAfterOf(result.error)), [result.error]);
  useEffect(() => {
    if (wait === null || wait <= 0) return;
    const timer = setTimeout(() => setWait(wait - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const run = async () => {
    const filter: EvidenceFilter = {};
    if (employeeId.trim()) filter.employeeId = employeeId.trim();
    if (department.trim()) filter.department = department.trim();
    if (cycle.trim()) filter.cycle = cycle.trim();
    const answer = await exportEvidence(mode === 'interview' ? { interviewId: interviewId.trim() } : { filter });
    const exported = answer.data?.exportEvidence;
    if (!exported) return;
    const url = URL.createObjectURL(new Blob([exported.content], { type: 'application/json' }));
    setFile({ exported, url });
    // Start the download at once; the link stays for another copy.
    const a = document.createElement('a');
    a.href = url;
    a.download = exported.fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
  };

  const ready = mode === 'interview' ? interviewId.trim() !== '' : [employeeId, department, cycle].some((v) => v.trim() !== '');
  return (
    <div>
      <Typography.Title level={3}>{t('nav.evidenceExport')}</Typography.Title>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('audit.evidence.intro')}</Typography.Paragraph>
        <Card size="small">
          <Form layout="vertical" onFinish={run}>
            <Form.Item label={t('audit.evidence.what')}>
              <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'interview' | 'query')}>
                <Radio value="interview" data-testid="evidence-mode-interview">
                  {t('audit.evidence.one')}
                </Radio>
                <Radio value="query" data-testid="evidence-mode-query">
                  {t('audit.evidence.query')}
                </Radio>
              </Radio.Group>
            </Form.Item>
            {mode === 'interview' ? (
              <Form.Item label={t('audit.find.id')} htmlFor="evidence-interview">
                <Input
                  id="evidence-interview"
                  data-testid="evidence-interview"
                  value={interviewId}
                  onChange={(e) => setInterviewId(e.target.value)}
                />
              </Form.Item>
            ) : (
              <Space wrap>
                <Form.Item label={t('audit.find.employee')} htmlFor="evidence-employee">
                  <Input id="evidence-employee" value={employeeId} onChange={(e) => setEmployeeId(e.target.value)} />
                </Form.Item>
                <Form.Item label={t('audit.evidence.department')} htmlFor="evidence-department">
                  <Input id="evidence-department" value={department} onChange={(e) => setDepartment(e.target.value)} />
                </Form.Item>
                <Form.Item label={t('audit.find.cycle')} htmlFor="evidence-cycle">
                  <Input
                    id="evidence-cycle"
                    data-testid="evidence-cycle"
                    value={cycle}
                    placeholder="2026-Q3"
                    onChange={(e) => setCycle(e.target.value)}
                  />
                </Form.Item>
              </Space>
            )}
            <Button
              type="primary"
              htmlType="submit"
              data-testid="evidence-export"
              loading={result.fetching}
              disabled={!ready || (wait ?? 0) > 0}
            >
              {t('audit.evidence.export')}
            </Button>
          </Form>
        </Card>
        {wait !== null && (
          <Alert
            data-testid="evidence-rate-limited"
            type="warning"
            showIcon
            message={wait > 0 ? t('audit.evidence.retryIn', { seconds: wait }) : t('audit.evidence.retryNow')}
          />
        )}
        <ErrorNotice error={result.error} />
        {file && (
          <Card size="small" title={t('audit.evidence.done')} data-testid="evidence-done">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('audit.verify.file')}>
                <a href={file.url} download={file.exported.fileName} data-testid="evidence-download" style={{ wordBreak: 'break-all' }}>
                  {file.exported.fileName}
                </a>
              </Descriptions.Item>
              <Descriptions.Item label="SHA-256">
                <Typography.Text code copyable style={{ wordBreak: 'break-all', fontSize: 12 }}>
                  {file.exported.sha256}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('audit.verify.counts')}>
                {t('audit.verify.countsValue', {
                  interviews: file.exported.interviews,
                  events: file.exported.events,
                  size: file.exported.checkpointSize,
                })}{' '}
                · {file.exported.bytes} B
              </Descriptions.Item>
            </Descriptions>
            <Link to="/audit/verify">{t('audit.evidence.verifyIt')}</Link>
          </Card>
        )}
      </Space>
    </div>
  );
}
