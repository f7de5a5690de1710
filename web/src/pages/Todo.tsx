/**
 * 我的待办: what waits for the signed-in person (the API's `myTasks`: interview steps to act
 * on, signatures to give, improvement tasks they own), soonest due first, overdue in red.
 * Live: a change to one of their interviews or a new reminder fetches the list again.
 */
import { Card, List, Progress, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect } from 'react';
import { useQuery, useSubscription } from 'urql';
import { ErrorNotice } from '../errors/ErrorNotice';
import { graphql } from '../gql';
import type { MyTasksQuery } from '../gql/graphql';
import { useI18n, type Locale } from '../i18n';

export const MyTasksDocument = graphql(`
  query MyTasks {
    myTasks(first: 100) {
      id
      kind
      interviewId
      subject
      title
      titleEn
      status
      dueAt
      overdue
      progress
      cycle
    }
  }
`);

export const TaskChangesDocument = graphql(`
  subscription TaskChanges {
    interviewChanged {
      interviewId
      version
    }
  }
`);

export const NewNotificationDocument = graphql(`
  subscription NewNotification {
    notificationAdded {
      id
    }
  }
`);

export type TaskItem = MyTasksQuery['myTasks'][number];

/** A step's due instant in the reader's time zone; an improvement task's deadline is a date. */
export function formatDue(dueAt: string, locale: Locale): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(dueAt) ? new Date(`${dueAt}T00:00:00`) : new Date(dueAt);
  if (Number.isNaN(date.getTime())) return dueAt;
  const options: Intl.DateTimeFormatOptions =
    dueAt.length === 10 ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' };
  return new Intl.DateTimeFormat(locale, options).format(date);
}

export function TodoList({ tasks }: { tasks: readonly TaskItem[] }) {
  const { t, locale } = useI18n();
  const overdue = tasks.filter((task) => task.overdue).length;
  return (
    <List
      data-testid="todo-list"
      dataSource={[...tasks]}
      locale={{ emptyText: t('todo.empty') }}
      header={
        tasks.length > 0 ? (
          <Typography.Text type="secondary">{t('todo.count', { count: tasks.length, overdue })}</Typography.Text>
        ) : undefined
      }
      renderItem={(task) => (
        <List.Item key={task.id} data-testid="todo-item" data-overdue={task.overdue ? 'true' : 'false'} style={{ paddingInline: 0 }}>
          <Card size="small" style={{ width: '100%', borderColor: task.overdue ? '#ff4d4f' : undefined }}>
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <Space wrap size={[6, 4]}>
                <Tag color={task.kind === 'step' ? 'blue' : 'purple'}>
                  {t(task.kind === 'step' ? 'todo.kind.step' : 'todo.kind.improvement')}
                </Tag>
                {task.overdue && <Tag color="red">{t('todo.overdue')}</Tag>}
                <Typography.Text strong style={{ wordBreak: 'break-word' }}>
                  {locale === 'en' ? task.titleEn : task.title}
                </Typography.Text>
              </Space>
              <Typography.Text type={task.overdue ? 'danger' : 'secondary'} data-testid="todo-due">
                {t('todo.due')}: {formatDue(task.dueAt, locale)}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                {t('todo.cycle')} {task.cycle} · {t('todo.interview')} {task.interviewId}
              </Typography.Text>
              {task.kind !== 'step' && typeof task.progress === 'number' && (
                <Progress percent={task.progress} size="small" aria-label={t('todo.progress')} />
              )}
            </Space>
          </Card>
        </List.Item>
      )}
    />
  );
}

export function TodoPage({ viewerId }: { viewerId: string }) {
  const { t } = useI18n();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: MyTasksDocument });
  const refetch = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const [changes] = useSubscription({ query: TaskChangesDocument });
  const [notifications] = useSubscription({ query: NewNotificationDocument });
  useEffect(() => {
    if (changes.data || notifications.data) refetch();
  }, [changes.data, notifications.data, refetch]);
  return (
    <div data-viewer={viewerId}>
      <Typography.Title level={3}>{t('todo.title')}</Typography.Title>
      <ErrorNotice error={error} onRetry={refetch} />
      <ErrorNotice error={changes.error ?? notifications.error} />
      {data ? <TodoList tasks={data.myTasks} /> : fetching && <Card loading />}
    </div>
  );
}
