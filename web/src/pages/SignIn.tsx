/**
 * Sign-in. With the demo (`npm start`, --demo and local tokens): pick one of the demo people.
 * Without the company's SSO configured: paste a bearer token (`npm run token`). When the API
 * checks the company's SSO tokens (OIDC_ISSUER): sign in with its provider (authorization code +
 * PKCE, web/src/signin/oidc.ts); no token form then. Above, why the last session ended (signed
 * out — with RP-initiated logout on offer —, expired, refused, or a sign-in that failed).
 */
import { Button, Card, Form, Input, List, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { demoSession, fetchConsoleConfig, fetchDemoPeople, type ConsoleConfig, type DemoPerson } from '../api/console-api';
import { sessionFromToken, type Session } from '../api/session';
import { ErrorNotice, type AnyError } from '../errors/ErrorNotice';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/messages';
import { OidcSignIn } from '../signin/OidcSignIn';
import type { SessionEnd } from '../signin/session-end';
import { SessionEndedNotice } from '../signin/SessionEndedNotice';

export function SignIn({ onSignedIn, ended }: { onSignedIn: (session: Session) => void; ended?: SessionEnd | null }) {
  const { t, locale, setLocale } = useI18n();
  const [config, setConfig] = useState<ConsoleConfig | null>(null);
  const [people, setPeople] = useState<DemoPerson[] | null>(null);
  const [error, setError] = useState<AnyError | null>(null);
  const [loading, setLoading] = useState(true);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      const loaded = await fetchConsoleConfig();
      setConfig(loaded);
      setPeople(loaded.demo ? await fetchDemoPeople() : null);
    } catch (e) {
      setError(e as AnyError);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const signInAs = async (personId: string) => {
    setBusy(personId);
    setError(null);
    try {
      onSignedIn(await demoSession(personId));
    } catch (e) {
      setError(e as AnyError);
    } finally {
      setBusy(null);
    }
  };

  // Without an answer from the server the token form is the way in that is left.
  const tokenForm = !config?.oidc;

  return (
    <div style={{ maxWidth: 640, margin: '0 auto', padding: '24px 12px' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} align="center" wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('signIn.title')}
        </Typography.Title>
        <Button size="small" aria-label={t('app.languageLabel')} onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>
          {t('app.language')}
        </Button>
      </Space>
      <SessionEndedNotice ended={ended} />
      <ErrorNotice error={error} onRetry={config ? undefined : () => void load()} />
      {loading && <Spin aria-label={t('app.loading')} />}
      {config?.oidc && <OidcSignIn config={config.oidc} onRetry={() => void load()} />}
      {people && (
        <Card title={t('signIn.demoTitle')} style={{ marginBottom: 16 }} data-testid="demo-people">
          <Typography.Paragraph type="secondary">{t('signIn.demoHint')}</Typography.Paragraph>
          <List
            dataSource={people}
            renderItem={(person) => (
              <List.Item
                data-testid={`demo-person-${person.id}`}
                actions={[
                  <Button
                    key="go"
                    type="primary"
                    loading={busy === person.id}
                    onClick={() => void signInAs(person.id)}
                    aria-label={`${t('signIn.as')}: ${person.name}`}
                  >
                    {t('signIn.as')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={`${person.name} (${person.id})`}
                  description={
                    <Space wrap size={[4, 4]}>
                      <span>
                        {t('signIn.department')}: {person.department} · {person.position}
                      </span>
                      {person.roles.map((role) => (
                        <Tag key={role}>{t(`role.${role}` as MessageKey)}</Tag>
                      ))}
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      )}
      {!loading && tokenForm && <TokenForm onToken={(token) => onSignedIn(sessionFromToken(token))} />}
    </div>
  );
}

function TokenForm({ onToken }: { onToken: (token: string) => void }) {
  const { t } = useI18n();
  return (
    <Card title={t('signIn.tokenTitle')} data-testid="token-sign-in">
      <Typography.Paragraph type="secondary">{t('signIn.tokenHint')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={(values: { token: string }) => onToken(values.token)}>
        <Form.Item
          name="token"
          label={t('signIn.tokenTitle')}
          rules={[{ required: true, whitespace: true, message: t('signIn.tokenRequired') }]}
        >
          <Input.TextArea rows={3} placeholder={t('signIn.tokenPlaceholder')} autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('signIn.tokenSubmit')}
        </Button>
      </Form>
    </Card>
  );
}
