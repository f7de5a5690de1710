/**
 * 改进任务: the open improvement tasks of the manager's records (`tasks`, improvement kind),
 * overdue first; progress reports and completion (`reportTaskProgress`, `completeTask`, the
 * owner or the manager). A completed task leaves this list (the API lists open tasks) and stays
 * on its record. Live: a change to one of the records refetches.
 */
import { Alert, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { ErrorNotice } from '../../errors/ErrorNotice';
import { useI18n } from '../../i18n';
import { ViewerQuery } from '../../shell/viewer';
import { CompleteTaskDocument, InterviewChangedDocument, ReportProgressDocument, TeamTasksDocument } from '../../team/documents';
import { TeamTasksTable, type TeamTask } from '../../team/TeamTasksTable';

function TaskModal({
  task,
  mode,
  onClose,
  onDone,
}: {
  task: TeamTask;
  mode: 'progress' | 'complete';
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<{ progress: number; note?: string }>();
  const [progressResult, report] = useMutation(ReportProgressDocument);
  const [completeResult, complete] = useMutation(CompleteTaskDocument);
  const result = mode === 'progress' ? progressResult : completeResult;
  const submit = async () => {
    const checked = await form.validateFields().catch(() => null); // the form shows what is missing
    if (!checked) return;
    const values = checked;
    const note = values.note?.trim() || undefined;
    const answer =
      mode === 'progress'
        ? await report({ interviewId: task.interviewId, taskId: task.subject, progress: values.progress, note })
        : await complete({ interviewId: task.interviewId, taskId: task.subject, note });
    if (!answer.error) {
      onDone();
      onClose();
    }
  };
  return (
    <Modal
      open
      title={mode === 'progress' ? t('team.tasks.report') : t('team.tasks.complete')}
      okText={t('team.save')}
      cancelText={t('team.cancel')}
      onOk={submit}
      onCancel={onClose}
      okButtonProps={{ loading: result.fetching }}
    >
      <Typography.Paragraph strong style={{ wordBreak: 'break-word' }}>
        {locale === 'en' ? task.titleEn : task.title}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ progress: task.progress ?? 0 }}>
        {mode === 'progress' && (
          <Form.Item
            name="progress"
            label={t('team.tasks.progress')}
            rules={[{ required: true, type: 'integer', min: 0, max: 100, message: t('team.tasks.progressRange') }]}
          >
            <InputNumber min={0} max={100} style={{ width: 160 }} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('team.tasks.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
      <ErrorNotice error={result.error} />
    </Modal>
  );
}

export function TeamTasksPage() {
  const { t } = useI18n();
  const [{ data: viewer }] = useQuery({ query: ViewerQuery });
  const [{ data, error, fetching }, reexecute] = useQuery({ query: TeamTasksDocument });
  const refetch = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const [changes] = useSubscription({ query: InterviewChangedDocument });
  useEffect(() => {
    if (changes.data) refetch();
  }, [changes.data, refetch]);
  const names = useMemo(() => {
    const map = new Map<string, string>();
    if (viewer?.me) map.set(viewer.me.id, viewer.me.name);
    for (const { node } of data?.interviews.edges ?? []) {
      if (node.employee) map.set(node.employee.id, node.employee.name);
      if (node.manager) map.set(node.manager.id, node.manager.name);
    }
    return map;
  }, [data, viewer]);
  const tasks = useMemo(
    () =>
      (data?.tasks ?? [])
        .filter((task) => task.kind === 'improvement')
        .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueAt.localeCompare(b.dueAt)),
    [data],
  );
  const [editing, setEditing] = useState<{ task: TeamTask; mode: 'progress' | 'complete' } | null>(null);
  return (
    <div>
      <Typography.Title level={3}>{t('nav.improvementTasks')}</Typography.Title>
      <ErrorNotice error={error} onRetry={refetch} />
      <ErrorNotice error={changes.error} />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message={t('team.tasks.summary', { count: tasks.length, overdue: tasks.filter((x) => x.overdue).length })}
      />
      {data || !fetching ? (
        <TeamTasksTable
          tasks={tasks}
          names={names}
          onProgress={(task) => setEditing({ task, mode: 'progress' })}
          onComplete={(task) => setEditing({ task, mode: 'complete' })}
        />
      ) : (
        <Typography.Text type="secondary">{t('app.loading')}</Typography.Text>
      )}
      {editing && <TaskModal task={editing.task} mode={editing.mode} onClose={() => setEditing(null)} onDone={refetch} />}
    </div>
  );
}
