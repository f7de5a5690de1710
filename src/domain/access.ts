/**
 * The access policy: who may see and do what, for every kind of thing the API serves. It is
 * the one place that spells out roles. GraphQL fields (through the auth checker and the use
 * cases), subscriptions, HTTP routes, exports, projections (the `viewers` they store) and the
 * deciders all ask it; nothing else names a role list.
 *
 * The rules in words:
 * - Interviews, their history, versions, signing messages, proofs, attachments and evidence:
 *   the record's parties (employee, manager, other participants) and the overseers (HR,
 *   auditors, admins). Anyone else gets NOT_FOUND, exactly as for an id that does not exist,
 *   and the check comes before any work on the record.
 * - Writing a record: its employee and manager (the flow's steps say which of them writes what
 *   and when), HR and admins. Auditors never write.
 * - Scheduling: the employee's manager of record or a manager above them in the reporting
 *   chain (from the directory, never from the input), HR and admins. Only HR and admins may
 *   name a manager other than the directory's, or schedule a second interview in one cycle.
 * - Tasks and support needs: those of records one takes part in (tasks of others: managers,
 *   of their records); HR, auditors and admins all. One's own tasks and notifications: everyone signed in.
 * - People: oneself and one's direct reports; overseers everyone. The directory and signing
 *   keys of others: HR and admins manage them; everyone manages their own keys.
 * - Templates, flows, the reminder policy and checkpoints are company-wide rules without
 *   personal data: every signed-in person reads them; HR and admins publish definitions and
 *   set the policy; auditors and admins sign checkpoints on demand; anyone signed in may hand
 *   the log a witness's cosignature, which only the witness's key makes acceptable.
 */
import type { Role } from './command';
import { ForbiddenError, NotFoundError, RuleError } from './errors';

/** Who is asking: a person id and the roles their token grants. */
export interface Viewer {
  readonly id: string;
  readonly roles: readonly Role[];
}

/** Command metadata names the viewer `actor`. */
export const viewerOf = (meta: { readonly actor: string; readonly roles: readonly Role[] }): Viewer => ({
  id: meta.actor,
  roles: meta.roles,
});

const hasRole = (viewer: Pick<Viewer, 'roles'>, roles: readonly Role[]): boolean => viewer.roles.some((role) => roles.includes(role));

/** Read everything (auditors read, never write). */
const OVERSEERS: readonly Role[] = ['hr', 'auditor', 'admin'];
/** Run the process for the whole company. */
const ADMINISTRATORS: readonly Role[] = ['hr', 'admin'];

/**
 * Actions granted by role alone. `signedIn` means any authenticated person; record-level rules
 * (parties, the directory's reporting line) are the functions below.
 */
export const ROLE_ACTIONS = {
  /** Read templates, flows, the reminder policy and checkpoints. */
  readCompanyRules: 'signedIn',
  /** One's own profile, tasks, notifications, signing keys, signing messages. */
  actForSelf: 'signedIn',
  /** Write to a record one takes part in (the record's rules decide the rest). */
  writeRecords: 'signedIn',
  /** Ask which template/flow scheduling would pick. */
  previewScheduling: ['manager', 'hr', 'admin'],
  scheduleInterview: ['manager', 'hr', 'admin'],
  /** Name a manager other than the directory's, or schedule a second interview in a cycle. */
  overrideScheduling: ADMINISTRATORS,
  publishDefinitions: ADMINISTRATORS,
  setReminderPolicy: ADMINISTRATORS,
  runReminders: ADMINISTRATORS,
  manageDirectory: ADMINISTRATORS,
  manageAnyonesKeys: ADMINISTRATORS,
  fulfilSupportNeeds: ADMINISTRATORS,
  openCorrections: ADMINISTRATORS,
  /** Write content while a correction is open, beside the parties. */
  correctRecords: ADMINISTRATORS,
  /** Send a record back from any step (the step's actors and the manager may too). */
  sendBackAnyStep: ADMINISTRATORS,
  readDirectory: OVERSEERS,
  readAllRecords: OVERSEERS,
  readOthersTasks: ['manager', 'hr', 'auditor', 'admin'],
  exportByQuery: OVERSEERS,
  proveAnyEvent: OVERSEERS,
  signCheckpoints: ['auditor', 'admin'],
  /**
   * Hand the log a witness's cosignature of a checkpoint. The witness key authorises it (only
   * cosignatures by WITNESS_KEYS that verify are stored), so any signed-in person may carry one.
   */
  submitCosignatures: 'signedIn',
  /** Company-wide dashboards (completion, progress, radar of anyone, support needs, themes, sentiment). */
  readAllDashboards: OVERSEERS,
  /** Stress and overtime alerts (auditors too when ALERTS_VISIBLE_TO_AUDITORS is on: see canReadAlerts). */
  readAlerts: ADMINISTRATORS,
  /** Acknowledge and close alerts. */
  handleAlerts: ADMINISTRATORS,
  /** Who read which alert, when. */
  readAlertReads: ['admin'],
  /** The monitored words and thresholds of the alerts, and the domain dictionary and themes. */
  setAnalyticsWords: ADMINISTRATORS,
} as const satisfies Record<string, readonly Role[] | 'signedIn'>;

export type Action = keyof typeof ROLE_ACTIONS;

export const isAction = (value: string): value is Action => Object.prototype.hasOwnProperty.call(ROLE_ACTIONS, value);

/** Whether the viewer's roles grant the action. */
export function may(viewer: Pick<Viewer, 'roles'>, action: Action): boolean {
  const granted: readonly Role[] | 'signedIn' = ROLE_ACTIONS[action];
  return granted === 'signedIn' ? viewer.roles.length > 0 : hasRole(viewer, granted);
}

export function assertMay(viewer: Pick<Viewer, 'roles'>, action: Action, message: string): void {
  if (!may(viewer, action)) throw new ForbiddenError(message);
}

// ---- records -------------------------------------------------------------------------------------

/** What the policy needs to know of an interview: its parties. */
export interface RecordParties {
  readonly employeeId: string;
  readonly managerId: string;
  readonly participantIds: readonly string[];
}

/** The people named on a record (employee, manager, participants): stored as `viewers` by the read models. */
export const recordViewers = (record: RecordParties): string[] => [
  ...new Set([record.employeeId, record.managerId, ...record.participantIds]),
];

/** Whether the viewer may read the record (and its history, versions, proofs, files, evidence). */
export function canViewRecord(viewer: Viewer, record: RecordParties): boolean {
  return may(viewer, 'readAllRecords') || recordViewers(record).includes(viewer.id);
}

/** The record if the viewer may see it; NOT_FOUND, worded as for a missing id, otherwise. */
export function assertCanViewRecord<T extends RecordParties>(viewer: Viewer, record: T | null | undefined, id: string, field = 'id'): T {
  // The id is echoed only as far as an id can go: an answer never grows with a hostile input.
  if (!record || !canViewRecord(viewer, record)) throw new NotFoundError(`no interview ${id.slice(0, 64)}`, field);
  return record;
}

/**
 * Whether the viewer may change the record's administrative parts (time, place, participants,
 * attachments) and, during a correction, its content: its employee and manager, HR and admins.
 * Section content in progress is written only by the parties the flow's current step names.
 */
export function canEditRecord(viewer: Viewer, record: Pick<RecordParties, 'employeeId' | 'managerId'>): boolean {
  return may(viewer, 'correctRecords') || viewer.id === record.employeeId || viewer.id === record.managerId;
}

/** Addenda to a locked record: its parties, HR and admins. */
export function canAddAddendum(viewer: Viewer, record: RecordParties): boolean {
  return may(viewer, 'correctRecords') || recordViewers(record).includes(viewer.id);
}

/** Who sees a step or improvement task besides the overseers: its assignee, the employee and the manager. */
export const taskViewers = (record: Pick<RecordParties, 'employeeId' | 'managerId'>, assigneeId: string): string[] => [
  ...new Set([assigneeId, record.employeeId, record.managerId]),
];

/** Who sees a support need besides the overseers: the employee and the manager who evaluates it. */
export const supportNeedViewers = (record: Pick<RecordParties, 'employeeId' | 'managerId'>): string[] => [
  record.employeeId,
  record.managerId,
];

/**
 * How a list query is narrowed for the viewer: no narrowing for those who may read every item,
 * else only documents whose `viewers` include them. Every list of records, tasks and needs uses it.
 */
export function listScope(viewer: Viewer, readsAll: Action = 'readAllRecords'): { field: 'viewers'; value: string } | undefined {
  return may(viewer, readsAll) ? undefined : { field: 'viewers', value: viewer.id };
}

/** Whether a change that the projector reports (with its `viewers`) may reach the viewer. */
export function mayReceive(viewer: Viewer, change: { readonly viewers: readonly string[] }, readsAll: Action = 'readAllRecords'): boolean {
  return may(viewer, readsAll) || change.viewers.includes(viewer.id);
}

// ---- scheduling ----------------------------------------------------------------------------------

/** What the directory says about the employee to be interviewed. */
export interface ReportingLine {
  readonly employeeId: string;
  /** The employee's manager of record, then theirs, up the chain (nearest first). */
  readonly managerChain: readonly string[];
}

/**
 * May the viewer schedule an interview for the employee with `managerId` as the record's
 * manager? HR and admins: anyone, with any manager. A manager: only someone who reports to them
 * (directly or further down), and only with the directory's manager of record.
 * Throws FORBIDDEN (coded) when not.
 */
export function assertMaySchedule(viewer: Viewer, line: ReportingLine, managerId: string): void {
  assertMay(viewer, 'scheduleInterview', 'only managers, HR and admins schedule interviews');
  if (may(viewer, 'overrideScheduling')) return;
  if (!line.managerChain.includes(viewer.id)) {
    throw new RuleError(
      'NOT_EMPLOYEES_MANAGER',
      `${line.employeeId} does not report to you: only their manager of record, a manager above them, HR or an admin may schedule their interview`,
      'employeeId',
    );
  }
  if (managerId !== line.managerChain[0]) {
    throw new RuleError(
      'NOT_MANAGER_OF_RECORD',
      `the interview's manager is ${line.employeeId}'s manager of record (${line.managerChain[0]}); only HR or an admin may name another`,
      'managerId',
    );
  }
}

// ---- dashboards and analytics -------------------------------------------------------------------

/**
 * Whose records a viewer's dashboards are made of: the whole company (HR, auditors, admins),
 * a manager's team (the records they are the manager of), or one's own records only.
 */
export type DashboardScope =
  | { readonly kind: 'company' }
  | { readonly kind: 'team'; readonly managerId: string }
  | { readonly kind: 'self'; readonly employeeId: string };

export function dashboardScope(viewer: Viewer): DashboardScope {
  if (may(viewer, 'readAllDashboards')) return { kind: 'company' };
  if (viewer.roles.includes('manager')) return { kind: 'team', managerId: viewer.id };
  return { kind: 'self', employeeId: viewer.id };
}

/**
 * Text-derived aggregates (themes, sentiment, pressure words) of a group of people: the whole
 * company sees them for any group; a manager only for groups of at least `minGroupSize` distinct
 * people (ANALYTICS_MIN_GROUP_SIZE), so that no one person is exposed through an aggregate; an
 * employee never sees text-derived figures about others.
 */
export function mayReadTextAggregate(viewer: Viewer, groupPeople: number, minGroupSize: number): boolean {
  const scope = dashboardScope(viewer);
  if (scope.kind === 'company') return true;
  if (scope.kind === 'self') return false;
  return groupPeople >= minGroupSize;
}

/** Whether the viewer may read a person's radar: themself, the manager of the record, the company's overseers. */
export function canViewRadar(viewer: Viewer, record: { readonly employeeId: string; readonly managerId: string }): boolean {
  return may(viewer, 'readAllDashboards') || viewer.id === record.employeeId || viewer.id === record.managerId;
}

/** Stress and overtime alerts: HR and admins; auditors only when the company turns it on. */
export function canReadAlerts(viewer: Viewer, auditorsSeeAlerts: boolean): boolean {
  return may(viewer, 'readAlerts') || (auditorsSeeAlerts && viewer.roles.includes('auditor'));
}

/** Who is notified of a new alert (the `notifications` audience `role:hr`); admins read the list. */
export const ALERT_NOTIFIED_ROLES: readonly Role[] = ['hr'];

// ---- people and keys -----------------------------------------------------------------------------

/** A person is visible to themself, their direct manager, and the overseers. */
export function canViewPerson(viewer: Viewer, person: { readonly id: string; readonly managerId: string | null }): boolean {
  return person.id === viewer.id || person.managerId === viewer.id || may(viewer, 'readDirectory');
}

/** Registering and revoking signing keys: one's own, or anyone's for HR and admins. */
export function canManageKeysOf(viewer: Viewer, personId: string): boolean {
  return viewer.id === personId || may(viewer, 'manageAnyonesKeys');
}

// ---- notifications -------------------------------------------------------------------------------

/** The audiences a notification may be addressed to that reach the viewer: their id and their roles. */
export const audiencesOf = (viewer: Viewer): string[] => [viewer.id, ...viewer.roles.map((role) => `role:${role}`)];
