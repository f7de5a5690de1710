/**
 * Notifications (one document per recorded reminder, addressed to people and role groups) and
 * the company settings HR writes (the reminder policy).
 */
import { REMINDER_EVENT_TYPES, type ReminderEvent } from '../domain/reminder/reminders';
import type { ReminderPolicy } from '../domain/workflow/reminder-schedule';
import type { LedgerEvent } from '../ledger/ledger';
import type { Projection, ProjectionTx } from './projection';

export const NOTIFICATIONS = 'notifications';
export const SETTINGS = 'settings';
export const REMINDER_POLICY_ID = 'reminder-policy';

export interface NotificationDoc {
  id: string;
  reminderId: string;
  interviewId: string;
  kind: string;
  workKind: string;
  subject: string;
  entry: number;
  dueAt: string;
  fireAt: string;
  offsetDays: number;
  recipientIds: string[];
  recipientRoles: string[];
  /** People and `role:<role>` entries: who sees it. */
  audience: string[];
  message: { zh: string; en: string };
  recordedAt: string;
  [key: string]: unknown;
}

export interface SettingsDoc {
  id: string;
  policy: ReminderPolicy;
  setBy: string;
  setAt: string;
  [key: string]: unknown;
}

export const audienceOf = (ids: readonly string[], roles: readonly string[]): string[] => [...ids, ...roles.map((r) => `role:${r}`)];

export const reminderProjection: Projection = {
  name: 'reminders',
  collections: [NOTIFICATIONS, SETTINGS],
  async apply(event: LedgerEvent, tx: ProjectionTx) {
    const { body } = event;
    if (!REMINDER_EVENT_TYPES.has(body.type)) return;
    const e = { type: body.type, data: body.data } as ReminderEvent;
    if (e.type === 'ReminderPolicySet') {
      tx.put(SETTINGS, { id: REMINDER_POLICY_ID, policy: e.data.policy, setBy: body.meta.actor, setAt: body.meta.at });
      return;
    }
    const r = e.data;
    const doc: NotificationDoc = {
      id: r.reminderId,
      reminderId: r.reminderId,
      interviewId: r.interviewId,
      kind: r.kind,
      workKind: r.workKind,
      subject: r.subject,
      entry: r.entry,
      dueAt: r.dueAt,
      fireAt: r.fireAt,
      offsetDays: r.offsetDays,
      recipientIds: [...r.recipientIds],
      recipientRoles: [...r.recipientRoles],
      audience: audienceOf(r.recipientIds, r.recipientRoles),
      message: { ...r.message },
      recordedAt: body.meta.at,
    };
    tx.put(NOTIFICATIONS, doc);
    return { kind: 'notification', id: r.reminderId, viewers: doc.audience, eventType: body.type, position: event.position };
  },
};
