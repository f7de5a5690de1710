/**
 * Reminders as ledger events. Each reminder has a deterministic id (reminder-schedule.ts), is
 * recorded once in its interview's reminder stream, and its event id derives from that id: a
 * restart or a second server instance that computes the same reminder finds it recorded (or
 * loses the optimistic-concurrency race and then finds it) and sends nothing twice.
 *
 * The company's reminder policy is a settings stream HR writes; every change is an event.
 */
import type { CommandMeta, DomainEvent } from '../command';
import { may, viewerOf } from '../access';
import { ForbiddenError } from '../errors';
import { validateReminderPolicy, type DueReminder, type ReminderPolicy } from '../workflow/reminder-schedule';

export const reminderStream = (interviewId: string): string => `reminders-${interviewId}`;
export const REMINDER_POLICY_STREAM = 'settings-reminder-policy';

export type ReminderSent = DomainEvent<'ReminderSent', DueReminder>;
export type ReminderPolicySet = DomainEvent<'ReminderPolicySet', { policy: ReminderPolicy }>;
export type ReminderEvent = ReminderSent | ReminderPolicySet;
export const REMINDER_EVENT_TYPES: ReadonlySet<string> = new Set<ReminderEvent['type']>(['ReminderSent', 'ReminderPolicySet']);

export type RecordReminder = { type: 'RecordReminder'; data: { reminder: DueReminder }; meta: CommandMeta };
export type SetReminderPolicy = { type: 'SetReminderPolicy'; data: { policy: unknown }; meta: CommandMeta };
export type ReminderCommand = RecordReminder | SetReminderPolicy;

export interface ReminderState {
  readonly sent: ReadonlySet<string>;
  readonly policy: ReminderPolicy | null;
}

export const initialReminderState = (): ReminderState => ({ sent: new Set(), policy: null });

export function decideReminder(command: ReminderCommand, state: ReminderState): ReminderEvent[] {
  if (command.type === 'SetReminderPolicy') {
    if (!may(viewerOf(command.meta), 'setReminderPolicy')) throw new ForbiddenError('only HR and admins set the reminder policy');
    return [{ type: 'ReminderPolicySet', data: { policy: validateReminderPolicy(command.data.policy) } }];
  }
  // Recorded already (by us earlier, or by another instance): nothing to send.
  if (state.sent.has(command.data.reminder.reminderId)) return [];
  return [{ type: 'ReminderSent', data: command.data.reminder }];
}

export function evolveReminder(state: ReminderState, event: ReminderEvent): ReminderState {
  if (event.type === 'ReminderPolicySet') return { ...state, policy: event.data.policy };
  return { ...state, sent: new Set([...state.sent, event.data.reminderId]) };
}
