/**
 * Above the signed-in console, when the session is about to expire (or could not be renewed):
 * when, and a button to sign in again — with the company's provider straight away when the
 * session came from it (back to the same page afterwards), else through the sign-in page.
 */
import { Alert, Button } from 'antd';
import type { Session } from '../api/session';
import { useI18n } from '../i18n';
import { startSignIn } from './oidc';
import type { LifetimeWarning } from './session-lifetime';

export function SessionBanner({
  session,
  warning,
  onSignOut,
}: {
  session: Session;
  warning: LifetimeWarning | null;
  onSignOut: () => void;
}) {
  const { t, locale } = useI18n();
  if (!warning || !session.expiresAt) return null;
  const time = new Date(session.expiresAt).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  const config = session.oidc?.config;
  return (
    <Alert
      banner
      data-testid="session-expiring"
      type="warning"
      message={t(warning.kind === 'expiring' ? 'oidc.expiring' : 'oidc.refreshFailed', { time })}
      action={
        <Button size="small" onClick={() => (config ? void startSignIn(config).catch(onSignOut) : onSignOut())}>
          {t('oidc.signInAgain')}
        </Button>
      }
    />
  );
}
