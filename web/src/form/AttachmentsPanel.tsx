/**
 * The record's attachments: drop files (antd Upload.Dragger) to POST /attachments/<id> with the
 * bearer token, the type and size checked before upload (the server's policy) and the server's
 * refusal shown after; the list with downloads (fetched with the token, saved as a blob).
 */
import { Alert, Button, List, Typography, Upload } from 'antd';
import { useState } from 'react';
import { endpoints } from '../api/endpoints';
import { loadSession } from '../api/session';
import { describeCode } from '../errors/error-messages';
import { useI18n } from '../i18n';
import { attachmentProblem, DEFAULT_ATTACHMENT_MAX_BYTES, formatSize, mediaTypeOf } from './attachment-limits';
import type { AttachmentLike } from './FieldRenderer';

export interface AttachmentRow extends AttachmentLike {
  readonly mediaType: string;
  readonly size: number;
  readonly uploadedBy: string;
  readonly uploadedAt: string;
}

const bearer = () => `Bearer ${loadSession()?.token ?? ''}`;

export function AttachmentsPanel({
  interviewId,
  attachments,
  canUpload,
  onUploaded,
}: {
  interviewId: string;
  attachments: readonly AttachmentRow[];
  canUpload: boolean;
  onUploaded: () => void;
}) {
  const { t, locale } = useI18n();
  const [messages, setMessages] = useState<Array<{ ok: boolean; text: string }>>([]);
  const say = (ok: boolean, text: string) => setMessages((m) => [...m.slice(-4), { ok, text }]);
  const reason = (code: string, detail?: string) => {
    const d = describeCode(code, locale);
    return `${d.message}（${code}）${detail ? ` ${detail}` : ''}。${d.action}`;
  };

  async function download(a: AttachmentRow) {
    try {
      const response = await fetch(a.url, { headers: { authorization: bearer() } });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
        say(
          false,
          t('form.attach.rejected', { name: a.name, reason: reason(body?.error?.code ?? 'INTERNAL_SERVER_ERROR', body?.error?.message) }),
        );
        return;
      }
      const blob = await response.blob();
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = a.name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (error) {
      say(false, t('form.attach.rejected', { name: a.name, reason: `${t('error.network')}: ${String(error)}` }));
    }
  }

  return (
    <div data-testid="attachments">
      {canUpload ? (
        <Upload.Dragger
          multiple
          showUploadList={false}
          data-testid="attachment-drop"
          beforeUpload={(file) => {
            const problem = attachmentProblem({ name: file.name, type: file.type, size: file.size });
            if (problem) {
              say(
                false,
                t('form.attach.rejected', {
                  name: file.name,
                  reason: reason(problem, problem === 'ATTACHMENT_TOO_LARGE' ? formatSize(file.size) : mediaTypeOf(file)),
                }),
              );
              return Upload.LIST_IGNORE;
            }
            return true;
          }}
          customRequest={async ({ file, onSuccess, onError }) => {
            const f = file as File;
            try {
              const response = await fetch(`${endpoints().base}/attachments/${encodeURIComponent(interviewId)}`, {
                method: 'POST',
                headers: { authorization: bearer(), 'content-type': mediaTypeOf(f), 'x-file-name': encodeURIComponent(f.name) },
                body: f,
              });
              const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
              if (!response.ok) {
                say(
                  false,
                  t('form.attach.rejected', {
                    name: f.name,
                    reason: reason(body?.error?.code ?? `HTTP_${response.status}`, body?.error?.message),
                  }),
                );
                onError?.(new Error(body?.error?.code ?? String(response.status)));
                return;
              }
              say(true, t('form.attach.uploaded', { name: f.name }));
              onSuccess?.(body);
              onUploaded();
            } catch (error) {
              say(false, t('form.attach.rejected', { name: f.name, reason: t('error.network') }));
              onError?.(error as Error);
            }
          }}
        >
          <p style={{ margin: 8 }}>{t('form.attach.drop')}</p>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('form.attach.hint', { max: formatSize(DEFAULT_ATTACHMENT_MAX_BYTES) })}
          </Typography.Text>
        </Upload.Dragger>
      ) : (
        <Typography.Text type="secondary">{t('form.attach.readOnly')}</Typography.Text>
      )}
      {messages.map((m, i) => (
        <Alert
          key={i}
          style={{ marginTop: 8 }}
          type={m.ok ? 'success' : 'error'}
          showIcon
          message={m.text}
          data-testid="attachment-message"
        />
      ))}
      <List
        style={{ marginTop: 12 }}
        header={<Typography.Text strong>{t('form.attach.list')}</Typography.Text>}
        locale={{ emptyText: t('form.attach.none') }}
        dataSource={[...attachments]}
        renderItem={(a) => (
          <List.Item
            key={a.sha256}
            actions={[
              <Button key="dl" size="small" onClick={() => void download(a)}>
                {t('form.attach.download')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={<span style={{ wordBreak: 'break-all' }}>{a.name}</span>}
              description={`${a.mediaType} · ${formatSize(a.size)} · ${a.uploadedBy} · ${new Date(a.uploadedAt).toLocaleString(locale)}`}
            />
          </List.Item>
        )}
      />
    </div>
  );
}
