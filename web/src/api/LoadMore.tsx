/** Under a paged list: how many are shown of how many, and a button for the next page while there is one. */
import { Button, Space, Typography } from 'antd';
import { useI18n } from '../i18n';
import type { Paged } from './usePagedQuery';

export function LoadMore({ paged, testId }: { paged: Paged<unknown>; testId?: string }) {
  const { t } = useI18n();
  if (paged.loading || (!paged.hasMore && paged.nodes.length === paged.total)) return null;
  return (
    <Space style={{ marginTop: 12 }} wrap data-testid={testId ?? 'load-more'}>
      <Typography.Text type="secondary">{t('list.shown', { shown: paged.nodes.length, total: paged.total })}</Typography.Text>
      {paged.hasMore && (
        <Button onClick={paged.loadMore} loading={paged.loadingMore}>
          {t('list.loadMore')}
        </Button>
      )}
    </Space>
  );
}
