/**
 * The cycle and department choices of HR's pages and the dashboards: the cycles and
 * departments the completion trend knows (what the viewer may see), newest cycle first; the
 * choice is kept in the address (?cycle=…&department=…). Also the directory's names, for HR.
 */
import { Select, Space } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import type { CompletionTrend } from '../../../src/analytics/dashboard-types';
import { ErrorNotice } from '../errors/ErrorNotice';
import { useI18n } from '../i18n';
import { CyclesDocument, DirectoryDocument } from './documents';

export function useCycleFilter() {
  const [params, setParams] = useSearchParams();
  const [{ data, error }, reexecute] = useQuery({ query: CyclesDocument });
  const trend = data?.dashboard.completionTrend.data as CompletionTrend | undefined;
  const cycles = useMemo(() => [...(trend?.cycles ?? [])].reverse(), [trend]);
  const departments = useMemo(() => (trend?.series ?? []).map((s) => s.department).sort(), [trend]);
  const cycle = params.get('cycle') ?? cycles[0];
  const department = params.get('department') ?? undefined;
  const set = (key: 'cycle' | 'department', value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return { cycle, department, cycles, departments, set, error, retry: () => reexecute({ requestPolicy: 'network-only' }) };
}

export function CycleDepartmentFilter({
  filter,
  cycleRequired = true,
}: {
  filter: ReturnType<typeof useCycleFilter>;
  cycleRequired?: boolean;
}) {
  const { t } = useI18n();
  return (
    <>
      <ErrorNotice error={filter.error} onRetry={filter.retry} />
      <Space wrap style={{ marginBottom: 12 }}>
        <span>
          <label htmlFor="hr-cycle">{t('hr.filter.cycle')}</label>{' '}
          <Select
            id="hr-cycle"
            data-testid="hr-filter-cycle"
            style={{ minWidth: 140 }}
            allowClear={!cycleRequired}
            placeholder={t('hr.filter.all')}
            value={filter.cycle}
            onChange={(v: string | undefined) => filter.set('cycle', v)}
            options={filter.cycles.map((c) => ({ value: c, label: c }))}
          />
        </span>
        <span>
          <label htmlFor="hr-department">{t('hr.filter.department')}</label>{' '}
          <Select
            id="hr-department"
            data-testid="hr-filter-department"
            style={{ minWidth: 160 }}
            allowClear
            placeholder={t('hr.filter.allDepartments')}
            value={filter.department}
            onChange={(v: string | undefined) => filter.set('department', v)}
            options={filter.departments.map((d) => ({ value: d, label: d }))}
          />
        </span>
      </Space>
    </>
  );
}

/** The directory's names (HR, auditors and admins may read it; anyone else gets ids). */
export function useDirectoryNames(pause = false): ReadonlyMap<string, string> {
  const [{ data }] = useQuery({ query: DirectoryDocument, pause });
  return useMemo(() => new Map((data?.people ?? []).map((p) => [p.id, p.name])), [data]);
}
