/**
 * The sign-in page's way in when the API takes the company's tokens (OIDC_ISSUER): a button that
 * goes to the provider (authorization code + PKCE, oidc.ts). While the server cannot read the
 * provider's discovery document, it says so and offers to try again.
 */
import { Button, Card, Typography } from 'antd';
import { useState } from 'react';
import type { OidcSignInConfig } from '../api/console-api';
import { useI18n } from '../i18n';
import { SignInError, startSignIn } from './oidc';
import { SignInErrorNotice } from './SignInErrorNotice';

export function OidcSignIn({ config, onRetry }: { config: OidcSignInConfig; onRetry: () => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<SignInError | null>(null);
  const go = async () => {
    setBusy(true);
    setError(null);
    try {
      await startSignIn(config);
    } catch (e) {
      setError(e instanceof SignInError ? e : new SignInError('provider_unreachable', String(e), String(e)));
      setBusy(false);
    }
  };
  return (
    <Card title={t('oidc.title')} style={{ marginBottom: 16 }} data-testid="oidc-sign-in">
      {config.provider ? (
        <>
          <Typography.Paragraph type="secondary" style={{ wordBreak: 'break-word' }}>
            {t('oidc.hint', { issuer: config.issuer })}
          </Typography.Paragraph>
          <SignInErrorNotice error={error} />
          <Button type="primary" size="large" loading={busy} onClick={() => void go()}>
            {busy ? t('oidc.redirecting') : t('oidc.button')}
          </Button>
        </>
      ) : (
        <>
          <SignInErrorNotice error={new SignInError('provider_unreachable', 'no discovery document', config.issuer)} />
          <Button onClick={onRetry}>{t('app.retry')}</Button>
        </>
      )}
    </Card>
  );
}
