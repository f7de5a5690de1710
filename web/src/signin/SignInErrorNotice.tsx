/**
 * A sign-in that went wrong at the company's provider or in the console's checks of its answer:
 * what it means and what to do (oidc-error-messages.ts), the provider's code and description
 * below. Never silent: an unknown code still shows, with what to do.
 */
import { Alert, Typography } from 'antd';
import { describeSignInError } from '../errors/oidc-error-messages';
import { useI18n } from '../i18n';
import type { SignInError } from './oidc';

export function SignInErrorNotice({ error, onClose }: { error: SignInError | null | undefined; onClose?: () => void }) {
  const { locale, t } = useI18n();
  if (!error) return null;
  const { message, action } = describeSignInError(error.code, locale);
  return (
    <Alert
      data-testid="sign-in-error"
      data-code={error.code}
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      closable={onClose !== undefined}
      onClose={onClose}
      message={message}
      description={
        <>
          <div>
            {t('error.whatToDo')}
            {action}
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-word' }}>
            {t('error.code')}: {error.code}
            {error.detail ? ` · ${error.detail}` : ''}
          </Typography.Text>
        </>
      }
    />
  );
}
