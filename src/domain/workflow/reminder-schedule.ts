/**
 * Reminder policy and the pure computation of which reminders are due.
 *
 * Every calendar decision (what "tomorrow", "09:00" or "a weekend" means) is made in the
 * company's IANA time zone, because that is where people read their reminders; instants
 * come in and go out as UTC ISO-8601 strings so that the ledger never stores local times.
 * No clock is read here: the caller passes `now`, which keeps the schedule replayable.
 */
import { DateTime, IANAZone } from 'luxon';
import { sha256PortableHex } from '../../crypto/sha256-portable';
import { ValidationError } from '../errors';
import { assertInstant } from '../limits';

export type RecipientToken = 'actors' | 'employee' | 'manager' | 'hr';

export interface ReminderRule {
  /** Days relative to the due date: negative = before due, 0 = on the due date, positive = overdue by that many days. */
  readonly offsetDays: number;
  /** Local wall-clock time 'HH:mm' on (due date + offsetDays) in the company zone; absent = exactly dueAt + offsetDays×24h in zone arithmetic (luxon plus({days})). */
  readonly at?: string;
  readonly notify: readonly RecipientToken[];
}

export interface ReminderPolicy {
  /** 'HH:mm', the local time a step or task is due on its due date. */
  readonly dueTimeOfDay: string;
  /** Count step due days as Mon–Fri only. */
  readonly businessDays: boolean;
  /** A reminder falling on Sat/Sun fires the following Monday at 09:00 local instead. */
  readonly skipWeekends: boolean;
  /** Sorted by offsetDays, then `at` (a rule without `at` first). */
  readonly rules: readonly ReminderRule[];
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const DEFAULT_RULES: readonly ReminderRule[] = Object.freeze([
  Object.freeze({ offsetDays: -1, at: '09:00', notify: Object.freeze(['actors'] as const) }),
  Object.freeze({ offsetDays: 0, notify: Object.freeze(['actors', 'manager'] as const) }),
  Object.freeze({ offsetDays: 1, at: '09:00', notify: Object.freeze(['actors', 'manager'] as const) }),
  Object.freeze({ offsetDays: 3, at: '09:00', notify: Object.freeze(['actors', 'manager', 'hr'] as const) }),
]);

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = Object.freeze({
  dueTimeOfDay: '18:00',
  businessDays: true,
  skipWeekends: true,
  rules: DEFAULT_RULES,
});

export const REMINDER_LIMITS = { rules: 10, minOffsetDays: -30, maxOffsetDays: 60, maxDueInDays: 366 } as const;

const RECIPIENTS: readonly RecipientToken[] = ['actors', 'employee', 'manager', 'hr'];
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Where a reminder that would fall on a weekend goes instead: start of the next working day. */
const MONDAY_MORNING = { hour: 9, minute: 0 } as const;
const SATURDAY = 6;

/**
 * Checks a company's reminder policy. Omitted scalars take the defaults and omitted `rules`
 * take the default rules, so a company can change one setting without restating the rest;
 * unknown keys are rejected because a misspelt setting silently ignored is worse than an error.
 */
export function validateReminderPolicy(input: unknown): ReminderPolicy {
  const policy = asRecord(input, 'policy');
  rejectUnknownKeys(policy, ['dueTimeOfDay', 'businessDays', 'skipWeekends', 'rules'], '');
  const dueTimeOfDay =
    policy.dueTimeOfDay === undefined ? DEFAULT_REMINDER_POLICY.dueTimeOfDay : assertTime(policy.dueTimeOfDay, 'dueTimeOfDay');
  const businessDays = optionalBoolean(policy.businessDays, 'businessDays', DEFAULT_REMINDER_POLICY.businessDays);
  const skipWeekends = optionalBoolean(policy.skipWeekends, 'skipWeekends', DEFAULT_REMINDER_POLICY.skipWeekends);
  if (policy.rules === undefined) return Object.freeze({ dueTimeOfDay, businessDays, skipWeekends, rules: DEFAULT_RULES });

  if (!Array.isArray(policy.rules)) throw new ValidationError('rules must be a list', 'rules');
  if (policy.rules.length === 0) throw new ValidationError('rules must name at least one reminder', 'rules', 'REQUIRED');
  if (policy.rules.length > REMINDER_LIMITS.rules) {
    throw new ValidationError(`at most ${REMINDER_LIMITS.rules} reminder rules are allowed`, 'rules', 'TOO_MANY_RULES');
  }
  const seen = new Set<string>();
  const rules = policy.rules.map((raw: unknown, i): ReminderRule => {
    const field = `rules[${i}]`;
    const rule = asRecord(raw, field);
    rejectUnknownKeys(rule, ['offsetDays', 'at', 'notify'], `${field}.`);
    const offsetDays = assertOffset(rule.offsetDays, `${field}.offsetDays`);
    const at = rule.at === undefined ? undefined : assertTime(rule.at, `${field}.at`);
    const notify = assertRecipients(rule.notify, `${field}.notify`);
    // Two rules at the same instant would share a reminder id (see reminderIdOf) and one would never fire.
    const key = `${offsetDays}@${at ?? ''}`;
    if (seen.has(key)) throw new ValidationError(`${field} repeats another rule's offsetDays and at`, field, 'DUPLICATE_RULE');
    seen.add(key);
    return Object.freeze(at === undefined ? { offsetDays, notify } : { offsetDays, at, notify });
  });
  rules.sort((a, b) => a.offsetDays - b.offsetDays || (a.at ?? '').localeCompare(b.at ?? ''));
  return Object.freeze({ dueTimeOfDay, businessDays, skipWeekends, rules: Object.freeze(rules) });
}

/** True for a zone name the runtime's ICU knows (e.g. 'Asia/Shanghai'); fixed offsets like '+08:00' are not IANA names. */
export function isValidTimeZone(zone: string): boolean {
  return typeof zone === 'string' && zone.length > 0 && IANAZone.isValidZone(zone);
}

/**
 * When a step entered at `enteredAt` with `dueInDays` is due: the local date of enteredAt plus
 * dueInDays (business days if policy.businessDays: skipping Sat/Sun), at policy.dueTimeOfDay
 * local time; returned as UTC ISO. dueInDays 0 = today at dueTimeOfDay, even if that has
 * passed (the step is then simply overdue) and even on a weekend (the count starts from today).
 * Setting the wall-clock time after the date arithmetic keeps 18:00 at 18:00 across DST changes.
 */
export function computeDueAt(
  enteredAt: string,
  dueInDays: number,
  zone: string,
  policy: Pick<ReminderPolicy, 'dueTimeOfDay' | 'businessDays'>,
): string {
  assertZone(zone);
  const entered = localInstant(enteredAt, 'enteredAt', zone);
  if (!Number.isInteger(dueInDays) || dueInDays < 0 || dueInDays > REMINDER_LIMITS.maxDueInDays) {
    throw new ValidationError(`dueInDays must be a whole number from 0 to ${REMINDER_LIMITS.maxDueInDays}`, 'dueInDays', 'INVALID_OFFSET');
  }
  let day = entered.startOf('day');
  if (!policy.businessDays) {
    day = day.plus({ days: dueInDays });
  } else {
    for (let left = dueInDays; left > 0;) {
      day = day.plus({ days: 1 });
      if (day.weekday < SATURDAY) left--;
    }
  }
  return toUtcIso(atTime(day, assertTime(policy.dueTimeOfDay, 'dueTimeOfDay')));
}

/** A date-only deadline 'YYYY-MM-DD' (e.g. an improvement task) is due at dueTimeOfDay local time on that date. */
export function dateDueAt(date: string, zone: string, policy: Pick<ReminderPolicy, 'dueTimeOfDay'>): string {
  assertZone(zone);
  const day = typeof date === 'string' && DATE.test(date) ? DateTime.fromISO(date, { zone }) : null;
  if (!day?.isValid) throw new ValidationError('date must be a real calendar date YYYY-MM-DD', 'date', 'INVALID_DATE');
  return toUtcIso(atTime(day, assertTime(policy.dueTimeOfDay, 'dueTimeOfDay')));
}

export interface PendingWork {
  readonly kind: 'step' | 'task';
  readonly interviewId: string;
  /** Step key (e.g. 'self_assessment') or task id. */
  readonly subject: string;
  readonly label: { readonly zh: string; readonly en: string };
  /** Distinguishes separate stays in the same step (the interview's transition counter), so a step re-entered after being sent back gets fresh reminders. 0 for tasks. */
  readonly entry: number;
  readonly dueAt: string;
  /** Who must act now (e.g. the employee for a self-assessment; both unsigned parties for signatures; the task owner). */
  readonly actorIds: readonly string[];
  readonly employeeId: string;
  readonly managerId: string;
  /** The manager's own manager, for escalation when the manager is the one late; null when unknown. */
  readonly managerOfManagerId: string | null;
}

export interface DueReminder {
  /**
   * Deterministic id: 'rem-' + SHA-256 hex (68 characters of [a-z0-9-]) of the canonical JSON
   * array ["reminder/v1", workKind, interviewId, subject, entry, dueAt, offsetDays, at|null].
   * Hashed, not concatenated, because ids may contain ':' and a readable join could collide.
   * dueAt is part of it so that a moved deadline (an extended task) gets fresh reminders.
   */
  readonly reminderId: string;
  readonly kind: 'before_due' | 'due' | 'overdue';
  readonly workKind: 'step' | 'task';
  readonly interviewId: string;
  readonly subject: string;
  readonly entry: number;
  readonly dueAt: string;
  readonly fireAt: string;
  readonly offsetDays: number;
  /** Resolved people (deduplicated, in order of first mention), see resolveRecipients. */
  readonly recipientIds: readonly string[];
  readonly recipientRoles: readonly 'hr'[];
  readonly message: { readonly zh: string; readonly en: string };
}

/**
 * Reminders whose fireAt <= now, one per rule of the policy, for this work — including
 * earlier ones not yet fired: the caller dedupes by reminderId against what it recorded, so
 * a scheduler that was down catches up instead of losing reminders. Dropped: rules whose
 * fireAt is before `since` (when the work was entered: no "a day before" for a step entered
 * with hours left), and before-due reminders that a weekend shift pushed to or past the
 * deadline (the due and overdue reminders say it better). No actors, no reminders.
 * Reminders that land on the same instant (the weekend shift does this: due Friday, the +1
 * and +3 reminders both become Monday 09:00) are merged into the one with the largest offset,
 * which says the most, addressed to everyone either would have reached; otherwise people get
 * the same news twice in one minute. Sorted by fireAt.
 */
export function dueReminders(work: PendingWork, policy: ReminderPolicy, now: string, zone: string, since: string): DueReminder[] {
  assertZone(zone);
  const due = localInstant(work.dueAt, 'dueAt', zone);
  const dueAt = toUtcIso(due);
  const nowMs = Date.parse(assertInstant(now, 'now'));
  const sinceMs = Date.parse(assertInstant(since, 'since'));
  if (work.actorIds.length === 0) return [];
  const reminders: DueReminder[] = [];
  for (const rule of policy.rules) {
    let fire =
      rule.at === undefined
        ? due.plus({ days: rule.offsetDays })
        : atTime(due.startOf('day').plus({ days: rule.offsetDays }), assertTime(rule.at, 'at'));
    if (policy.skipWeekends && fire.weekday >= SATURDAY)
      fire = fire.plus({ days: 8 - fire.weekday }).set({ ...MONDAY_MORNING, second: 0, millisecond: 0 });
    const fireMs = fire.toMillis();
    const kind = rule.offsetDays < 0 ? 'before_due' : rule.offsetDays === 0 ? 'due' : 'overdue';
    if (fireMs > nowMs || fireMs < sinceMs || (kind === 'before_due' && fireMs >= due.toMillis())) continue;
    reminders.push({
      reminderId: reminderIdOf(work, dueAt, rule),
      kind,
      workKind: work.kind,
      interviewId: work.interviewId,
      subject: work.subject,
      entry: work.entry,
      dueAt,
      fireAt: toUtcIso(fire),
      offsetDays: rule.offsetDays,
      ...resolveRecipients(work, rule.notify),
      message: messageFor(work.label, kind, due, fire),
    });
  }
  reminders.sort((a, b) => Date.parse(a.fireAt) - Date.parse(b.fireAt) || a.offsetDays - b.offsetDays);
  return reminders.reduce<DueReminder[]>((merged, next) => {
    const previous = merged[merged.length - 1];
    if (previous?.fireAt !== next.fireAt) return [...merged, next];
    const recipientIds = [...new Set([...previous.recipientIds, ...next.recipientIds])];
    const recipientRoles = [...new Set([...previous.recipientRoles, ...next.recipientRoles])];
    return [...merged.slice(0, -1), { ...next, recipientIds, recipientRoles }];
  }, []);
}

function reminderIdOf(work: PendingWork, dueAt: string, rule: ReminderRule): string {
  // JSON.stringify of an array of strings and integers is already canonical.
  const key = JSON.stringify([
    'reminder/v1',
    work.kind,
    work.interviewId,
    work.subject,
    work.entry,
    dueAt,
    rule.offsetDays,
    rule.at ?? null,
  ]);
  return `rem-${sha256PortableHex(new TextEncoder().encode(key))}`;
}

/**
 * 'manager' is there to escalate: when the manager is the one who must act, reminding them
 * "as manager" adds nothing, so it goes to their own manager; if that person is unknown the
 * manager is kept, so that a rule naming only 'manager' still reaches somebody.
 */
function resolveRecipients(work: PendingWork, notify: readonly RecipientToken[]): Pick<DueReminder, 'recipientIds' | 'recipientRoles'> {
  const ids: string[] = [];
  const add = (id: string): void => {
    if (!ids.includes(id)) ids.push(id);
  };
  let hr = false;
  for (const token of notify) {
    if (token === 'actors') work.actorIds.forEach(add);
    else if (token === 'employee') add(work.employeeId);
    else if (token === 'manager')
      add(work.actorIds.includes(work.managerId) ? (work.managerOfManagerId ?? work.managerId) : work.managerId);
    else hr = true;
  }
  return { recipientIds: ids, recipientRoles: hr ? ['hr'] : [] };
}

function messageFor(label: PendingWork['label'], kind: DueReminder['kind'], due: DateTime, fire: DateTime): DueReminder['message'] {
  const deadline = due.toFormat('yyyy-MM-dd HH:mm');
  if (kind === 'overdue') {
    // Counted in local calendar days at the moment it fires, so a reminder moved from Saturday to Monday says 3, not 1.
    const days = Math.round(fire.startOf('day').diff(due.startOf('day'), 'days').days);
    return {
      zh: `「${label.zh}」已逾期 ${days} 天（截止 ${deadline}）`,
      en: `“${label.en}” is ${days} ${days === 1 ? 'day' : 'days'} overdue (deadline ${deadline})`,
    };
  }
  if (fire.toMillis() < due.toMillis()) return { zh: `「${label.zh}」将于 ${deadline} 到期`, en: `“${label.en}” is due ${deadline}` };
  return { zh: `「${label.zh}」已到期（截止 ${deadline}）`, en: `“${label.en}” is now due (deadline ${deadline})` };
}

function localInstant(value: string, field: string, zone: string): DateTime {
  return DateTime.fromISO(assertInstant(value, field), { zone });
}

function atTime(day: DateTime, hhmm: string): DateTime {
  // A wall-clock time inside a spring-forward gap does not exist; luxon moves it forward by the gap, which is what a person would expect.
  return day.set({ hour: Number(hhmm.slice(0, 2)), minute: Number(hhmm.slice(3, 5)), second: 0, millisecond: 0 });
}

function toUtcIso(time: DateTime): string {
  return new Date(time.toMillis()).toISOString();
}

function assertZone(zone: string): void {
  if (!isValidTimeZone(zone))
    throw new ValidationError(`"${String(zone)}" is not an IANA time zone such as Asia/Shanghai`, 'zone', 'INVALID_TIME_ZONE');
}

function assertTime(value: unknown, field: string): string {
  if (typeof value !== 'string' || !TIME.test(value))
    throw new ValidationError(`${field} must be a 24-hour time HH:mm, e.g. 09:00`, field, 'INVALID_TIME');
  return value;
}

function assertOffset(value: unknown, field: string): number {
  if (value === undefined || value === null) throw new ValidationError(`${field} is required`, field, 'REQUIRED');
  const { minOffsetDays: min, maxOffsetDays: max } = REMINDER_LIMITS;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(`${field} must be a whole number of days from ${min} to ${max}`, field, 'INVALID_OFFSET');
  }
  return value;
}

function assertRecipients(value: unknown, field: string): readonly RecipientToken[] {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) {
    throw new ValidationError(`${field} must name at least one recipient`, field, 'REQUIRED');
  }
  if (!Array.isArray(value)) throw new ValidationError(`${field} must be a list`, field);
  const tokens: RecipientToken[] = [];
  value.forEach((token: unknown, j) => {
    if (!RECIPIENTS.includes(token as RecipientToken)) {
      throw new ValidationError(`${field}[${j}] must be one of ${RECIPIENTS.join(', ')}`, `${field}[${j}]`, 'INVALID_RECIPIENT');
    }
    if (!tokens.includes(token as RecipientToken)) tokens.push(token as RecipientToken);
  });
  return Object.freeze(tokens);
}

function optionalBoolean(value: unknown, field: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new ValidationError(`${field} must be true or false`, field);
  return value;
}

function asRecord(value: unknown, field: string): Record<string, unknown> {
  if (value === undefined || value === null) throw new ValidationError(`${field} is required`, field, 'REQUIRED');
  if (typeof value !== 'object' || Array.isArray(value)) throw new ValidationError(`${field} must be an object`, field);
  return value as Record<string, unknown>;
}

function rejectUnknownKeys(record: Record<string, unknown>, known: readonly string[], prefix: string): void {
  const unknown = Object.keys(record).find((key) => !known.includes(key));
  if (unknown !== undefined) throw new ValidationError(`unknown setting "${unknown}"`, `${prefix}${unknown}`, 'UNKNOWN_FIELD');
}
