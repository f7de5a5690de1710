/**
 * Alert read models: one document per alert (`alerts`: status, notes with who and when, the
 * passages it cites), one per recorded read of alerts (`alert_reads`), and the company's current
 * analytics word lists and thresholds (`analytics_words`, id `current`: the latest
 * AnalyticsWordsSet). A raised alert is also a notification to HR (the `notifications` read
 * model the reminders fill), so it reaches the `notifications` query and the `notificationAdded`
 * subscription. Idempotent: each document keeps the stream revision it has seen.
 */
import { ALERT_NOTIFIED_ROLES } from '../domain/access';
import { ALERT_READ_EVENT_TYPES, type AlertsRead } from '../domain/alert/alert-reads';
import { ALERT_EVENT_TYPES, type AlertEvent, type AlertRaisedData } from '../domain/alert/alerts';
import { ANALYTICS_WORDS_EVENT_TYPES, type AnalyticsWords, type AnalyticsWordsEvent } from '../domain/alert/analytics-words';
import type { AlertKind, AlertPassage, AlertRule, AlertThresholds } from '../domain/alert/recurrence';
import type { LedgerEvent } from '../ledger/ledger';
import type { Projection, ProjectionTx } from './projection';
import { audienceOf, NOTIFICATIONS, type NotificationDoc } from './reminder.projection';

export const ALERTS = 'alerts';
export const ALERT_READS = 'alert_reads';
export const ANALYTICS_WORDS = 'analytics_words';
export const CURRENT_ANALYTICS_WORDS = 'current';

export type AlertStatus = 'open' | 'acknowledged' | 'closed';

export interface AlertNote {
  readonly action: 'acknowledged' | 'closed';
  readonly note: string;
  readonly by: string;
  readonly at: string;
}

export interface AlertDoc {
  id: string;
  kind: AlertKind;
  status: AlertStatus;
  employeeId: string;
  managerId: string;
  department: string;
  cycle: string;
  rule: AlertRule;
  passages: AlertPassage[];
  configVersion: number;
  thresholds: AlertThresholds;
  createdAt: string;
  updatedAt: string;
  notes: AlertNote[];
  /** Hash of the AlertRaised event: what the alert itself is proven by. */
  eventHash: string;
  revision: number;
  [key: string]: unknown;
}

export interface AlertReadDoc {
  /** The AlertsRead event's id. */
  id: string;
  readerId: string;
  readerRoles: string[];
  at: string;
  alertIds: string[];
  query: Record<string, string | number | null>;
  stream: string;
  revision: number;
  [key: string]: unknown;
}

export interface AnalyticsWordsDoc extends AnalyticsWords {
  id: string;
  setBy: string;
  setAt: string;
  [key: string]: unknown;
}

const KIND_LABEL: Record<AlertKind, { zh: string; en: string }> = {
  stress: { zh: '压力', en: 'stress' },
  overtime: { zh: '加班', en: 'overtime' },
};

/** The notification HR gets for a raised alert: who, which cycle, how to find it; the passages stay in the alert. */
/** The id of an alert's notification (in-app, and the idempotency key channels get). */
export const alertNotificationId = (alertId: string): string => `notification-${alertId}`;

export function alertNotification(alert: AlertRaisedData, recordedAt: string): NotificationDoc {
  const label = KIND_LABEL[alert.kind];
  const roles = [...ALERT_NOTIFIED_ROLES];
  return {
    id: alertNotificationId(alert.alertId),
    reminderId: alert.alertId,
    interviewId: alert.passages.at(-1)?.interviewId ?? '',
    kind: 'alert',
    workKind: 'alert',
    subject: alert.alertId,
    entry: 0,
    dueAt: recordedAt,
    fireAt: recordedAt,
    offsetDays: 0,
    recipientIds: [],
    recipientRoles: roles,
    audience: audienceOf([], roles),
    message: {
      zh: `${label.zh}预警：员工 ${alert.employeeId}（${alert.department}）在 ${alert.cycle} 周期反复提到${label.zh}，请在预警列表查看 ${alert.alertId}`,
      en: `${label.en} alert: employee ${alert.employeeId} (${alert.department}) reports ${label.en} repeatedly in ${alert.cycle}; see alert ${alert.alertId}`,
    },
    recordedAt,
  };
}

export const alertProjection: Projection = {
  name: 'alerts',
  collections: [ALERTS, ALERT_READS, ANALYTICS_WORDS],
  async apply(event: LedgerEvent, tx: ProjectionTx) {
    const { body } = event;
    if (ANALYTICS_WORDS_EVENT_TYPES.has(body.type)) {
      const e = { type: body.type, data: body.data } as AnalyticsWordsEvent;
      const current = await tx.get<AnalyticsWordsDoc>(ANALYTICS_WORDS, CURRENT_ANALYTICS_WORDS);
      if (current && current.version >= e.data.version) return; // delivered before
      const doc: AnalyticsWordsDoc = { ...e.data, id: CURRENT_ANALYTICS_WORDS, setBy: body.meta.actor, setAt: body.meta.at };
      tx.put(ANALYTICS_WORDS, doc);
      return {
        kind: 'analyticsWords',
        id: CURRENT_ANALYTICS_WORDS,
        viewers: [],
        version: e.data.version,
        eventType: body.type,
        position: event.position,
      };
    }
    if (ALERT_READ_EVENT_TYPES.has(body.type)) {
      const e = { type: body.type, data: body.data } as AlertsRead;
      if (await tx.get(ALERT_READS, body.id)) return;
      const doc: AlertReadDoc = {
        id: body.id,
        readerId: body.meta.actor,
        readerRoles: [...body.meta.roles],
        at: body.meta.at,
        alertIds: [...e.data.alertIds],
        query: { ...e.data.query },
        stream: body.stream,
        revision: body.revision,
      };
      tx.put(ALERT_READS, doc);
      return;
    }
    if (!ALERT_EVENT_TYPES.has(body.type)) return;
    const e = { type: body.type, data: body.data } as AlertEvent;
    const existing = await tx.get<AlertDoc>(ALERTS, e.data.alertId);
    if (existing && existing.revision >= body.revision) return; // delivered before
    if (e.type === 'AlertRaised') {
      const a = e.data;
      const doc: AlertDoc = {
        id: a.alertId,
        kind: a.kind,
        status: 'open',
        employeeId: a.employeeId,
        managerId: a.managerId,
        department: a.department,
        cycle: a.cycle,
        rule: a.rule,
        passages: a.passages.map((p) => ({ ...p, terms: [...p.terms] })),
        configVersion: a.configVersion,
        thresholds: { ...a.thresholds },
        createdAt: body.meta.at,
        updatedAt: body.meta.at,
        notes: [],
        eventHash: event.hash,
        revision: body.revision,
      };
      tx.put(ALERTS, doc);
      const notification = alertNotification(a, body.meta.at);
      tx.put(NOTIFICATIONS, notification);
      return { kind: 'notification', id: notification.id, viewers: notification.audience, eventType: body.type, position: event.position };
    }
    if (!existing) return;
    const action = e.type === 'AlertAcknowledged' ? 'acknowledged' : 'closed';
    tx.put(ALERTS, {
      ...existing,
      status: action,
      notes: [...existing.notes, { action, note: e.data.note, by: body.meta.actor, at: body.meta.at }],
      updatedAt: body.meta.at,
      revision: body.revision,
    });
    return { kind: 'alert', id: existing.id, viewers: [], eventType: body.type, position: event.position };
  },
};
