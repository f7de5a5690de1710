/**
 * The end of an editor: the publication note (发布说明), what publishing means for running
 * interviews, and the button that asks for confirmation with the changes about to be published.
 * When someone else published a newer version meanwhile, the confirmation says so and shows
 * their changes, offering to start again from theirs or to publish anyway.
 */
import { Alert, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n';
import type { Change } from './diff';
import { DefinitionDiff } from './editor-kit';

export interface Newer {
  readonly version: number;
  /** From the version edited to the newer one: what the other person changed. */
  readonly changes: readonly Change[];
}

export function PublishPanel({
  baseVersion,
  nextVersion,
  valid,
  changes,
  publishing,
  newer,
  onConfirmOpen,
  onPublish,
  onReset,
  onCancel,
  onRestartFromNewer,
}: {
  baseVersion: number;
  nextVersion: number;
  valid: boolean;
  changes: readonly Change[] | null;
  publishing: boolean;
  newer: Newer | null;
  onConfirmOpen?: () => void;
  onPublish: (note: string) => void;
  onReset: () => void;
  onCancel: () => void;
  onRestartFromNewer?: () => void;
}) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const version = newer ? newer.version + 1 : nextVersion;
  const open = () => {
    if (!note.trim()) {
      setNoteMissing(true);
      document.getElementById('publish-note')?.focus();
      return;
    }
    onConfirmOpen?.();
    setConfirming(true);
  };
  return (
    <div>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('hrtpl.editor.running')} data-testid="running-keep-version" />
      <Form.Item
        label={t('hrtpl.editor.note')}
        htmlFor="publish-note"
        required
        validateStatus={noteMissing ? 'error' : undefined}
        help={noteMissing ? t('hrtpl.editor.noteRequired') : undefined}
      >
        <Input.TextArea
          id="publish-note"
          value={note}
          maxLength={1000}
          showCount
          autoSize={{ minRows: 2, maxRows: 6 }}
          placeholder={t('hrtpl.editor.notePlaceholder')}
          onChange={(e) => {
            setNote(e.target.value);
            if (e.target.value.trim()) setNoteMissing(false);
          }}
          data-testid="publish-note"
        />
      </Form.Item>
      <Space wrap>
        <Button type="primary" disabled={!valid} loading={publishing} onClick={open} data-testid="publish-open">
          {t('hrtpl.editor.publish', { version: nextVersion })}
        </Button>
        <Button onClick={onReset} data-testid="editor-reset">
          {t('hrtpl.editor.reset', { version: baseVersion })}
        </Button>
        <Button onClick={onCancel} data-testid="editor-cancel">
          {t('hrtpl.editor.cancel')}
        </Button>
      </Space>
      {!valid && (
        <Typography.Paragraph type="danger" style={{ marginTop: 8 }} data-testid="publish-blocked">
          {t('hrtpl.editor.blocked')}
        </Typography.Paragraph>
      )}
      <Modal
        open={confirming}
        title={t('hrtpl.confirm.title', { version })}
        okText={t('hrtpl.confirm.ok')}
        cancelText={t('hrtpl.confirm.back')}
        onCancel={() => setConfirming(false)}
        onOk={() => {
          setConfirming(false);
          onPublish(note.trim());
        }}
        okButtonProps={{ disabled: !valid, 'data-testid': 'publish-confirm' } as never}
        width={720}
      >
        {newer && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="publish-newer"
            message={t('hrtpl.confirm.newer', { version: newer.version, base: baseVersion })}
            description={
              <>
                <DefinitionDiff changes={newer.changes} testId="newer-diff" />
                {onRestartFromNewer && (
                  <Button
                    size="small"
                    onClick={() => {
                      setConfirming(false);
                      onRestartFromNewer();
                    }}
                  >
                    {t('hrtpl.confirm.restart', { version: newer.version })}
                  </Button>
                )}
              </>
            }
          />
        )}
        <Typography.Title level={5}>{t('hrtpl.confirm.changes', { base: baseVersion })}</Typography.Title>
        {changes && <DefinitionDiff changes={changes} testId="publish-diff" />}
        <Typography.Title level={5}>{t('hrtpl.editor.note')}</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{note.trim()}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('hrtpl.editor.running')}</Typography.Paragraph>
      </Modal>
    </div>
  );
}
