/**
 * The console's pages, each loaded when first opened (its own chunk), so the first load carries
 * only the shell, the sign-in page and 我的待办 — not the charts (ECharts), the form renderer, the
 * signing key store or the offline verifier. 我的待办 is the landing page: imported directly in
 * Shell.tsx, so it does not wait for a second request.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** A named export of a page module, as a lazy component with the same props. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function page<M extends Record<K, ComponentType<any>>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): LazyExoticComponent<M[K]> {
  return lazy(async () => ({ default: (await load())[name] }));
}

export const InterviewRecordPage = page(() => import('../pages/form/InterviewRecord'), 'InterviewRecordPage');
export const MyInterviewsPage = page(() => import('../pages/form/MyInterviews'), 'MyInterviewsPage');
export const AuditPage = page(() => import('../pages/audit/AuditPage'), 'AuditPage');
export const EvidencePage = page(() => import('../pages/audit/EvidencePage'), 'EvidencePage');
export const VerifyPage = page(() => import('../pages/audit/VerifyPage'), 'VerifyPage');
export const KeysPage = page(() => import('../pages/sign/KeysPage'), 'KeysPage');
export const SignPage = page(() => import('../pages/sign/SignPage'), 'SignPage');
export const CompletionPage = page(() => import('../pages/hr/Completion'), 'CompletionPage');
export const CorrectionsPage = page(() => import('../pages/hr/Corrections'), 'CorrectionsPage');
export const DashboardsPage = page(() => import('../pages/hr/Dashboards'), 'DashboardsPage');
export const RemindersPage = page(() => import('../pages/hr/Reminders'), 'RemindersPage');
export const SupportNeedsPage = page(() => import('../pages/hr/SupportNeeds'), 'SupportNeedsPage');
export const TemplatesPage = page(() => import('../pages/hrtpl/Templates'), 'TemplatesPage');
export const TeamInterviewsPage = page(() => import('../pages/team/TeamInterviews'), 'TeamInterviewsPage');
export const TeamTasksPage = page(() => import('../pages/team/TeamTasks'), 'TeamTasksPage');
