/**
 * The standalone offline verifier (web/verify.html, built by web/vite.verify.config.ts into ONE
 * self-contained file, dist/web/verify.html): no sign-in, no API, no GraphQL client, only the
 * verifier panel. It works opened from disk (file://) on a computer with no network; its CSP
 * (written into the file at build time) forbids every connection.
 */
import { App as AntApp, Button, Layout, Typography } from 'antd';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { VerifyPanel } from './audit/VerifyPanel';
import { I18nProvider, useI18n } from './i18n';

function Standalone() {
  const { t, locale, setLocale } = useI18n();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: 12, background: '#fff', borderBottom: '1px solid #f0f0f0', paddingInline: 16 }}
      >
        <Typography.Text strong style={{ fontSize: 16, flex: 1 }}>
          {t('audit.standalone.title')}
        </Typography.Text>
        <Button size="small" aria-label={t('app.languageLabel')} onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>
          {t('app.language')}
        </Button>
      </Layout.Header>
      <Layout.Content style={{ padding: 16, maxWidth: 1200, width: '100%', margin: '0 auto' }}>
        <Typography.Title level={3}>{t('audit.standalone.title')}</Typography.Title>
        <VerifyPanel />
      </Layout.Content>
    </Layout>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <AntApp>
        <Standalone />
      </AntApp>
    </I18nProvider>
  </StrictMode>,
);
