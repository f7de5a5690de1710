/** Reminders and the reminder policy as a Decider (reminders.ts): each reminder recorded once. */
import type { Decider } from '../decider';
import {
  decideReminder,
  evolveReminder,
  initialReminderState,
  REMINDER_EVENT_TYPES,
  type ReminderCommand,
  type ReminderEvent,
  type ReminderState,
} from './reminders';

export const reminderDecider: Decider<ReminderCommand, ReminderEvent, ReminderState> = {
  decide: decideReminder,
  evolve: evolveReminder,
  initialState: initialReminderState,
  eventTypes: REMINDER_EVENT_TYPES,
};
