/** A failure on this device (key file, browser storage), in the person's language; API errors go to ErrorNotice. */
import { Alert } from 'antd';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/messages';
import { KeyFileError } from './keystore';

export function KeyErrorNotice({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const detail = error instanceof Error ? error.message : String(error);
  const message = error instanceof KeyFileError ? t(`sign.keyError.${error.code}` as MessageKey) : t('sign.keyError.STORAGE', { detail });
  return (
    <Alert
      data-testid="key-error"
      data-code={error instanceof KeyFileError ? error.code : 'STORAGE'}
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      message={t('sign.keys.localFailed')}
      description={message}
    />
  );
}
