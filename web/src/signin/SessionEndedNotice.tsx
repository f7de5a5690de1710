/**
 * On the sign-in page, why the last session ended: signed out (and, when it came from the
 * company's provider and the provider publishes an end_session_endpoint, the offer to sign out
 * there too: RP-initiated logout), expired, refused by the API, or a sign-in that failed.
 */
import { Alert, Button, Space } from 'antd';
import { useI18n } from '../i18n';
import { providerLogoutUrl } from './oidc';
import type { SessionEnd } from './session-end';
import { SignInErrorNotice } from './SignInErrorNotice';

export function SessionEndedNotice({ ended }: { ended: SessionEnd | null | undefined }) {
  const { t } = useI18n();
  if (!ended) return null;
  if (ended.reason === 'failed') return <SignInErrorNotice error={ended.error} />;
  if (ended.reason === 'expired' || ended.reason === 'unauthenticated')
    return (
      <Alert data-testid="session-ended" type="warning" showIcon style={{ marginBottom: 16 }} message={t(`oidc.ended.${ended.reason}`)} />
    );
  const logout = ended.provider ? providerLogoutUrl(ended.provider.config, ended.provider.idTokenHint) : null;
  return (
    <Alert
      data-testid="session-ended"
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      message={t('oidc.ended.signedOut')}
      description={
        logout && (
          <Space direction="vertical">
            <span>{t('oidc.ended.providerSession')}</span>
            <Button data-testid="provider-logout" onClick={() => window.location.assign(logout.href)}>
              {t('oidc.providerLogout')}
            </Button>
          </Space>
        )
      }
    />
  );
}
