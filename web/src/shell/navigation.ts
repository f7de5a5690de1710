/**
 * The console's pages and who sees them in the menu. A page is open to anyone holding one of
 * its roles (admins see everything); colleagues fill in the placeholders.
 */
import type { MessageKey } from '../i18n/messages';

export type Role = 'employee' | 'manager' | 'hr' | 'auditor' | 'admin';

export interface NavItem {
  readonly path: string;
  readonly label: MessageKey;
  readonly roles: readonly Role[];
}

export interface NavGroup {
  readonly key: string;
  readonly label: MessageKey;
  readonly items: readonly NavItem[];
}

const ALL: readonly Role[] = ['employee', 'manager', 'hr', 'auditor', 'admin'];

export const NAVIGATION: readonly NavGroup[] = [
  {
    key: 'employee',
    label: 'nav.group.employee',
    items: [
      { path: '/todo', label: 'nav.todo', roles: ALL },
      { path: '/interviews', label: 'nav.myInterviews', roles: ['employee', 'manager'] },
      // Everyone signs with their own key (HR and admins sign as participants, too).
      { path: '/keys', label: 'sign.nav.keys', roles: ALL },
    ],
  },
  {
    key: 'manager',
    label: 'nav.group.manager',
    items: [
      { path: '/team/interviews', label: 'nav.teamInterviews', roles: ['manager'] },
      { path: '/team/tasks', label: 'nav.improvementTasks', roles: ['manager'] },
    ],
  },
  {
    key: 'hr',
    label: 'nav.group.hr',
    items: [
      { path: '/hr/completion', label: 'nav.completion', roles: ['hr'] },
      { path: '/hr/templates', label: 'nav.templates', roles: ['hr'] },
      { path: '/hr/support-needs', label: 'nav.supportNeeds', roles: ['hr'] },
      { path: '/hr/reminders', label: 'nav.reminders', roles: ['hr'] },
      { path: '/hr/corrections', label: 'nav.corrections', roles: ['hr'] },
    ],
  },
  {
    key: 'auditor',
    label: 'nav.group.auditor',
    items: [
      { path: '/audit', label: 'nav.audit', roles: ['auditor'] },
      { path: '/audit/evidence', label: 'nav.evidenceExport', roles: ['auditor', 'hr'] },
      { path: '/audit/verify', label: 'nav.offlineVerify', roles: ['auditor'] },
    ],
  },
  {
    key: 'dashboards',
    label: 'nav.dashboards',
    // The API narrows what each sees (the company, a team, one's own records): everyone has one.
    items: [{ path: '/dashboards', label: 'nav.dashboards', roles: ALL }],
  },
];

export const allows = (item: NavItem, roles: readonly string[]) => roles.includes('admin') || item.roles.some((r) => roles.includes(r));

/** The groups and items this person sees, empty groups left out. */
export function navigationFor(roles: readonly string[]): NavGroup[] {
  return NAVIGATION.map((group) => ({ ...group, items: group.items.filter((item) => allows(item, roles)) })).filter(
    (group) => group.items.length > 0,
  );
}
