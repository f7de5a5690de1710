/**
 * 离线验证: the offline verifier inside the console (no GraphQL on this page: the bundle is
 * verified in the browser, src/evidence/verify-bundle-browser.ts), and the standalone copy of
 * it (verify.html, one self-contained file) to save and open from disk.
 */
import { Button, Space, Typography } from 'antd';
import { VerifyPanel } from '../../audit/VerifyPanel';
import { useI18n } from '../../i18n';

export function VerifyPage() {
  const { t } = useI18n();
  return (
    <div>
      <Typography.Title level={3}>{t('nav.offlineVerify')}</Typography.Title>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Space wrap>
          <Button href="/verify.html" download="verify.html" data-testid="verify-save">
            {t('audit.verify.save')}
          </Button>
          <Typography.Text type="secondary">{t('audit.verify.saveHint')}</Typography.Text>
        </Space>
        <VerifyPanel />
      </Space>
    </div>
  );
}
