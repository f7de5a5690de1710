/**
 * 团队面谈: the interviews of the records the signed-in manager is the manager of, filtered by
 * cycle and step on the server (`interviews(filter: { managerId, cycle, step })`), with due and
 * overdue, who has not signed yet, and the manager's actions: open the record, evaluate its
 * support needs (drawer), send it back with a reason. Live: any change to one of them refetches.
 */
import { Card, Select, Space, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { LoadMore } from '../../api/LoadMore';
import { usePagedQuery } from '../../api/usePagedQuery';
import { ErrorNotice } from '../../errors/ErrorNotice';
import { useI18n } from '../../i18n';
import { ViewerQuery } from '../../shell/viewer';
import { InterviewChangedDocument, TeamInterviewsDocument } from '../../team/documents';
import { ReturnStepModal } from '../../team/ReturnStepModal';
import { SupportNeedsDrawer } from '../../team/SupportNeedsDrawer';
import { TeamInterviewsTable, type TeamInterview } from '../../team/TeamInterviewsTable';

/** A page of the list (the query cost budget allows about 50 records with these fields). */
const PAGE = 50;

export function TeamInterviewsPage() {
  const { t, locale } = useI18n();
  const [{ data: viewer }] = useQuery({ query: ViewerQuery });
  const me = viewer?.me;
  const [params, setParams] = useSearchParams();
  const cycle = params.get('cycle') ?? undefined;
  const step = params.get('step') ?? undefined;
  const setFilter = (key: 'cycle' | 'step', value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  // Every record of the team, for the filters' choices and the names of the people in them.
  const [all, reexecuteAll] = useQuery({
    query: TeamInterviewsDocument,
    variables: { filter: { managerId: me?.id ?? '' }, first: PAGE },
    pause: !me,
  });
  // The list itself, page by page (the server's largest page), the table paging it on screen.
  const list = usePagedQuery(TeamInterviewsDocument, { filter: { managerId: me?.id ?? '', cycle, step } }, (data) => data.interviews, {
    pageSize: PAGE,
    pause: !me,
  });
  const refetchList = list.refetch;
  const refetch = useCallback(() => {
    reexecuteAll({ requestPolicy: 'network-only' });
    refetchList();
  }, [reexecuteAll, refetchList]);
  const [changes] = useSubscription({ query: InterviewChangedDocument });
  useEffect(() => {
    if (changes.data) refetch();
  }, [changes.data, refetch]);

  const everyone = useMemo(() => all.data?.interviews.edges.map((e) => e.node) ?? [], [all.data]);
  const cycles = useMemo(() => [...new Set(everyone.map((r) => r.cycle))].sort().reverse(), [everyone]);
  const steps = useMemo(() => {
    const seen = new Map<string, string>();
    for (const r of everyone)
      if (!seen.has(r.workflow.step)) seen.set(r.workflow.step, locale === 'en' ? r.workflow.labelEn : r.workflow.label);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [everyone, locale]);
  const names = useMemo(() => {
    const map = new Map<string, string>();
    if (me) map.set(me.id, me.name);
    for (const r of everyone) if (r.employee) map.set(r.employee.id, r.employee.name);
    return map;
  }, [everyone, me]);

  const rows = list.nodes;
  const total = list.total;
  const [returning, setReturning] = useState<TeamInterview | null>(null);
  const [needsOf, setNeedsOf] = useState<string | null>(null);

  return (
    <div>
      <Typography.Title level={3}>{t('nav.teamInterviews')}</Typography.Title>
      <ErrorNotice error={list.error ?? all.error} onRetry={refetch} />
      <ErrorNotice error={changes.error} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <span>
            <label htmlFor="team-cycle">{t('team.filter.cycle')}</label>{' '}
            <Select
              id="team-cycle"
              data-testid="team-filter-cycle"
              allowClear
              placeholder={t('team.filter.all')}
              style={{ minWidth: 140 }}
              value={cycle}
              onChange={(v: string | undefined) => setFilter('cycle', v)}
              options={cycles.map((c) => ({ value: c, label: c }))}
            />
          </span>
          <span>
            <label htmlFor="team-step">{t('team.filter.step')}</label>{' '}
            <Select
              id="team-step"
              data-testid="team-filter-step"
              allowClear
              placeholder={t('team.filter.all')}
              style={{ minWidth: 180 }}
              value={step}
              onChange={(v: string | undefined) => setFilter('step', v)}
              options={steps}
            />
          </span>
          <Typography.Text type="secondary" data-testid="team-count">
            {t('team.interviews.count', { count: total, overdue: rows.filter((r) => r.workflow.overdue).length })}
          </Typography.Text>
        </Space>
      </Card>
      <TeamInterviewsTable rows={rows} names={names} loading={list.loading} onReturn={setReturning} onNeeds={(row) => setNeedsOf(row.id)} />
      <LoadMore paged={list} testId="team-load-more" />
      {returning && (
        <ReturnStepModal
          interviewId={returning.id}
          employeeName={returning.employee?.name ?? returning.employeeId}
          onClose={() => setReturning(null)}
          onReturned={refetch}
        />
      )}
      {needsOf && <SupportNeedsDrawer interviewId={needsOf} onClose={() => setNeedsOf(null)} onChanged={refetch} />}
    </div>
  );
}
