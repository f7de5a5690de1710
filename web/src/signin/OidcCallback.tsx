/**
 * /signin/callback, where the company's provider sends the browser back: completes the sign-in
 * (oidc.ts) and hands over the session, or the reason it failed. Each callback URL is completed
 * once: React's StrictMode runs effects twice in development, and the code is single-use.
 */
import { Spin, Typography } from 'antd';
import { useEffect } from 'react';
import type { Session } from '../api/session';
import { useI18n } from '../i18n';
import { completeSignIn, SignInError } from './oidc';

const inFlight = new Map<string, Promise<{ session: Session; returnTo: string }>>();

export function OidcCallback({
  onSignedIn,
  onFailed,
}: {
  onSignedIn: (session: Session, returnTo: string) => void;
  onFailed: (error: SignInError) => void;
}) {
  const { t } = useI18n();
  useEffect(() => {
    const href = window.location.href;
    let completing = inFlight.get(href);
    if (!completing) {
      completing = completeSignIn(new URL(href));
      inFlight.set(href, completing);
      void completing.then(
        () => inFlight.delete(href),
        () => inFlight.delete(href),
      );
    }
    let active = true;
    completing.then(
      ({ session, returnTo }) => active && onSignedIn(session, returnTo),
      (error: unknown) =>
        active && onFailed(error instanceof SignInError ? error : new SignInError('token_response_invalid', String(error), String(error))),
    );
    return () => {
      active = false;
    };
    // Once per mount: the URL is the input, read above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <div style={{ maxWidth: 640, margin: '0 auto', padding: '48px 12px', textAlign: 'center' }} data-testid="oidc-callback">
      <Spin aria-label={t('oidc.completing')} />
      <Typography.Paragraph style={{ marginTop: 16 }}>{t('oidc.completing')}</Typography.Paragraph>
    </div>
  );
}
