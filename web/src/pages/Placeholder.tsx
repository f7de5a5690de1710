import { Result, Typography } from 'antd';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/messages';

/** A page colleagues are still building: titled with its name. */
export function Placeholder({ title }: { title: MessageKey }) {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={3}>{t(title)}</Typography.Title>
      <Result status="info" title={t(title)} subTitle={t('page.placeholder')} />
    </>
  );
}
