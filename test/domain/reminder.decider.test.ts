/**
 * The reminder decider (src/domain/reminder): each reminder is recorded once, however many
 * sweeps compute it; HR and admins set the reminder policy.
 */
import type { CommandMeta, Role } from '../../src/domain/command';
import { ForbiddenError, ValidationError } from '../../src/domain/errors';
import { reminderDecider } from '../../src/domain/reminder/decider';
import type { RecordReminder, ReminderEvent, SetReminderPolicy } from '../../src/domain/reminder/reminders';
import { DEFAULT_REMINDER_POLICY, type DueReminder } from '../../src/domain/workflow/reminder-schedule';
import { specFor } from '../support/given-when-then';

const { given } = specFor(reminderDecider);

const meta = (actor: string, ...roles: Role[]): CommandMeta => ({
  actor,
  roles,
  ip: '127.0.0.1',
  now: '2026-06-20T02:00:00.000Z',
  commandId: `cmd-${actor}`,
});
const SYSTEM = meta('system', 'admin');
const HR = meta('hr-1', 'hr');
const MANAGER = meta('mgr-1', 'manager', 'employee');

const reminder = (reminderId: string): DueReminder => ({
  reminderId,
  kind: 'due',
  workKind: 'step',
  interviewId: 'iv-1',
  subject: 'selfReview',
  entry: 0,
  dueAt: '2026-06-20T10:00:00.000Z',
  fireAt: '2026-06-20T01:00:00.000Z',
  offsetDays: 0,
  recipientIds: ['emp-1'],
  recipientRoles: [],
  message: { zh: '今天到期', en: 'Due today' },
});
const record = (id: string): RecordReminder => ({ type: 'RecordReminder', data: { reminder: reminder(id) }, meta: SYSTEM });
const sent = (id: string): ReminderEvent => ({ type: 'ReminderSent', data: reminder(id) });
const setPolicy = (by: CommandMeta, policy: unknown): SetReminderPolicy => ({ type: 'SetReminderPolicy', data: { policy }, meta: by });

describe('reminder decider', () => {
  it('records a reminder the stream does not hold yet', () => {
    given([])
      .when(record('rem-a'))
      .then([sent('rem-a')]);
    given([sent('rem-a')])
      .when(record('rem-b'))
      .then([sent('rem-b')]);
  });

  it('a reminder recorded already (by this sweep earlier, or by another instance) is not recorded again', () => {
    given([sent('rem-a'), sent('rem-b')])
      .when(record('rem-a'))
      .then([]);
  });

  it('HR sets the policy, validated', () => {
    given([])
      .when(setPolicy(HR, { dueTimeOfDay: '17:30' }))
      .then([{ type: 'ReminderPolicySet', data: { policy: { ...DEFAULT_REMINDER_POLICY, dueTimeOfDay: '17:30' } } }]);
    given([])
      .when(setPolicy(HR, { rules: 'often' }))
      .thenThrows(ValidationError, undefined, 'rules');
  });

  it('only HR and admins set the policy (FORBIDDEN)', () => {
    given([]).when(setPolicy(MANAGER, {})).thenThrows(ForbiddenError, 'FORBIDDEN');
  });
});
