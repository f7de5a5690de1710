/**
 * The signed-in console: a header (who is signed in, the language switch, sign out), a menu
 * of the pages the person's roles open, and the page. Below 992 px the menu folds away
 * behind a button, so the employee pages work on a phone (375 px).
 */
import { Button, Drawer, Grid, Layout, Menu, Result, Space, Spin, Tag, Typography } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { useQuery } from 'urql';
import { ErrorNotice } from '../errors/ErrorNotice';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/messages';
import { Placeholder } from '../pages/Placeholder';
import { TodoPage } from '../pages/Todo';
import { navigationFor } from './navigation';
import {
  AuditPage,
  CompletionPage,
  CorrectionsPage,
  DashboardsPage,
  EvidencePage,
  InterviewRecordPage,
  KeysPage,
  MyInterviewsPage,
  RemindersPage,
  SignPage,
  SupportNeedsPage,
  TeamInterviewsPage,
  TemplatesPage,
  TeamTasksPage,
  VerifyPage,
} from './pages';
import { ViewerQuery } from './viewer';

export function Shell({ onSignOut }: { onSignOut: () => void }) {
  const { t, locale, setLocale } = useI18n();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: ViewerQuery });
  const screens = Grid.useBreakpoint();
  const narrow = !screens.lg;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();
  const me = data?.me;
  const groups = useMemo(() => navigationFor(me?.roles ?? []), [me?.roles]);

  const header = (
    <Layout.Header
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 12,
        paddingInline: narrow ? 12 : 24,
        background: '#fff',
        borderBottom: '1px solid #f0f0f0',
      }}
    >
      {narrow && me && (
        <Button aria-label={t('app.menu')} onClick={() => setDrawerOpen(true)}>
          ☰
        </Button>
      )}
      {/* The title gives way (ellipsis) before the person's name and the buttons do: nothing is wider than a phone's screen. */}
      <Typography.Text strong ellipsis style={{ fontSize: 16, flex: '1 1 auto', minWidth: 0 }}>
        {t('app.title')}
      </Typography.Text>
      <Space size={narrow ? 4 : 12} wrap={false} style={{ flex: 'none' }}>
        {me && (
          <span
            data-testid="viewer"
            title={`${t('app.signedInAs')} ${me.name} (${me.id})`}
            style={{
              display: 'inline-block',
              maxWidth: narrow ? 96 : 360,
              overflow: 'hidden',
              textOverflow: 'ellipsis',
              whiteSpace: 'nowrap',
              verticalAlign: 'middle',
            }}
          >
            <Typography.Text>{me.name}</Typography.Text>
            {!narrow && (
              <>
                <Typography.Text type="secondary"> · {me.department}</Typography.Text>
                {me.roles.map((role) => (
                  <Tag key={role} style={{ marginInlineStart: 6 }}>
                    {t(`role.${role}` as MessageKey)}
                  </Tag>
                ))}
              </>
            )}
          </span>
        )}
        <Button size="small" aria-label={t('app.languageLabel')} onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>
          {t('app.language')}
        </Button>
        <Button size="small" onClick={onSignOut}>
          {t('app.signOut')}
        </Button>
      </Space>
    </Layout.Header>
  );

  if (!me) {
    return (
      <Layout style={{ minHeight: '100vh' }}>
        {header}
        <Layout.Content style={{ padding: 16 }}>
          {fetching && <Spin aria-label={t('app.loading')} />}
          <ErrorNotice error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
        </Layout.Content>
      </Layout>
    );
  }

  const selected = [...groups.flatMap((g) => g.items)]
    .filter((item) => location.pathname === item.path || location.pathname.startsWith(`${item.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0]?.path;
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      defaultOpenKeys={groups.map((g) => g.key)}
      onClick={() => setDrawerOpen(false)}
      items={groups.map((group) =>
        group.items.length === 1 && group.key === 'dashboards'
          ? { key: group.items[0]!.path, label: <Link to={group.items[0]!.path}>{t(group.items[0]!.label)}</Link> }
          : {
              key: group.key,
              type: 'group' as const,
              label: t(group.label),
              children: group.items.map((item) => ({ key: item.path, label: <Link to={item.path}>{t(item.label)}</Link> })),
            },
      )}
    />
  );
  const pages = groups.flatMap((g) => g.items);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {header}
      <Layout>
        {narrow ? (
          <Drawer placement="left" open={drawerOpen} onClose={() => setDrawerOpen(false)} width={240} styles={{ body: { padding: 0 } }}>
            {menu}
          </Drawer>
        ) : (
          <Layout.Sider width={220} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
            <nav aria-label={t('app.menu')}>{menu}</nav>
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<Spin aria-label={t('app.loading')} />}>
            <Routes>
              <Route path="/" element={<Navigate to="/todo" replace />} />
              {/* Before the menu's placeholders: the first of equally ranked routes wins. */}
              <Route path="/interviews" element={<MyInterviewsPage viewerId={me.id} />} />
              <Route path="/interviews/:id" element={<InterviewRecordPage viewerId={me.id} />} />
              {pages.some((item) => item.path === '/audit') && <Route path="/audit" element={<AuditPage />} />}
              {pages.some((item) => item.path === '/audit/evidence') && <Route path="/audit/evidence" element={<EvidencePage />} />}
              {pages.some((item) => item.path === '/audit/verify') && <Route path="/audit/verify" element={<VerifyPage />} />}
              <Route path="/keys" element={<KeysPage viewerId={me.id} />} />
              <Route path="/interviews/:id/sign" element={<SignPage viewerId={me.id} />} />
              <Route path="/team/interviews" element={<TeamInterviewsPage />} />
              <Route path="/team/tasks" element={<TeamTasksPage />} />
              <Route path="/hr/completion" element={<CompletionPage />} />
              <Route path="/hr/support-needs" element={<SupportNeedsPage />} />
              <Route path="/hr/reminders" element={<RemindersPage />} />
              <Route path="/hr/corrections" element={<CorrectionsPage />} />
              <Route path="/hr/templates" element={<TemplatesPage />} />
              <Route path="/dashboards" element={<DashboardsPage />} />
              {pages.map((item) => (
                <Route
                  key={item.path}
                  path={item.path}
                  element={item.path === '/todo' ? <TodoPage viewerId={me.id} /> : <Placeholder title={item.label} />}
                />
              ))}
              <Route
                path="*"
                element={<Result status="404" title={t('page.notFound')} extra={<Link to="/todo">{t('page.backHome')}</Link>} />}
              />
            </Routes>
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
