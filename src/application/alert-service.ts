/**
 * Stress and overtime alerts to HR. The analytics projection keeps one cue document per employee
 * and cycle (src/projections/analytics.docs.ts); this service reads an employee's documents,
 * asks the pure recurrence rule (src/domain/alert/recurrence.ts) which alerts are due under the
 * company's thresholds (the latest AnalyticsWordsSet, else the defaults) and records each new one
 * as an AlertRaised event on its own stream, then hands it to the delivery channels.
 *
 * When it checks: on every committed change of a cue document (`analyticsCues` from the
 * projector), when the thresholds change, and in a full sweep at start (and on demand), so that a
 * crash between the projection's commit and the check loses nothing: the next start finds it.
 *
 * Exactly once: the alert id, the stream and the event id are deterministic, and the alert's
 * decider records nothing for an alert that exists; two instances checking at once race on the
 * stream's expected revision, and the loser re-reads the stream and finds the alert raised.
 * External channels are called through the delivery outbox (./delivery-outbox.ts), keyed by the
 * notification id and channel and claimed once across instances: by the instance whose append
 * succeeded, right after it, and by the next check of that employee (a cue change, the sweep at
 * start) when the delivery failed or its claimant crashed (after the claim timeout).
 *
 * Analytics never change a record: this service reads read models and appends only to alert
 * streams.
 */
import { checkMonitoredWords } from '../analytics/monitored-words';
import { buildThemeTable } from '../analytics/themes';
import { checkWordList } from '../analytics/word-lists';
import type { CommandMeta } from '../domain/command';
import { alertStream, type AlertRaisedData } from '../domain/alert/alerts';
import { alertDecider, analyticsWordsDecider as composeWordsDecider } from '../domain/alert/decider';
import { ANALYTICS_WORDS_STREAM, type AnalyticsWords, type WordListChecks } from '../domain/alert/analytics-words';
import { alertsDue, ALERT_KINDS, type AlertThresholds, type CueRecord } from '../domain/alert/recurrence';
import type { Notification, NotificationChannel } from '../notifications/notification-channel';
import { NOTIFICATIONS, type NotificationDoc } from '../projections/reminder.projection';
import {
  ALERTS,
  alertNotification,
  alertNotificationId,
  ANALYTICS_WORDS,
  CURRENT_ANALYTICS_WORDS,
  type AlertDoc,
  type AnalyticsWordsDoc,
} from '../projections/alert.projection';
import { ANALYTICS_CUES, DEFAULT_ALERT_THRESHOLDS, type AnalyticsWordsSetData, type CueDoc } from '../projections/analytics.docs';
import { INTERVIEWS, type InterviewDoc } from '../projections/interview.projection';
import type { Change } from '../projections/projection';
import { StreamConcurrencyError } from '../store/event-store';
import { systemMeta } from './interview-service';
import type { AlertSweepResult, Alerts, App } from './services';
import { DeliveryOutbox, type OutboxOptions } from './delivery-outbox';

type Services = Pick<App, 'commands' | 'projector' | 'readModels' | 'clock' | 'log'>;

// The domain's event data and the analytics contract are one shape: the compiler checks both ways.
const sameShape = (w: AnalyticsWords): AnalyticsWordsSetData => w;
const sameShapeBack = (w: AnalyticsWordsSetData): AnalyticsWords => w;
void sameShape;
void sameShapeBack;

/** The text analyzer's checks of word lists (src/analytics), which the domain's decider is given. */
export const WORD_LIST_CHECKS: WordListChecks = {
  monitoredWords: (value) => checkMonitoredWords(value),
  domainTerms: (value) => checkWordList(value, 'domainTerms', { gaps: false }),
  themes: (value) => {
    buildThemeTable(value); // the analyzer's rules: shape, sizes, duplicates, the table with the defaults
    return (value as { theme: string; terms: unknown }[]).map((t, i) => ({
      theme: checkWordList([t.theme], `themes[${i}].theme`)[0]!,
      terms: checkWordList(t.terms, `themes[${i}].terms`),
    }));
  },
  defaultThresholds: DEFAULT_ALERT_THRESHOLDS,
};

export const analyticsWordsDecider = composeWordsDecider(WORD_LIST_CHECKS);
export { alertDecider };

/** The current word lists and thresholds (version 0 and the defaults before the first change). */
export async function currentAnalyticsWords(app: Pick<App, 'readModels'>): Promise<AnalyticsWordsDoc> {
  const doc = await app.readModels.get<AnalyticsWordsDoc>(ANALYTICS_WORDS, CURRENT_ANALYTICS_WORDS);
  return (
    doc ?? {
      id: CURRENT_ANALYTICS_WORDS,
      version: 0,
      monitoredWords: {},
      domainTerms: [],
      themes: [],
      thresholds: { ...DEFAULT_ALERT_THRESHOLDS },
      setBy: '',
      setAt: '',
    }
  );
}

/** Sets the word lists and thresholds (an AnalyticsWordsSet event, version expectedVersion + 1). */
export async function setAnalyticsWords(
  app: Pick<App, 'commands' | 'projector' | 'readModels'>,
  meta: CommandMeta,
  input: Record<string, unknown>,
  expectedVersion: number,
): Promise<AnalyticsWordsDoc> {
  const result = await app.commands.handle(ANALYTICS_WORDS_STREAM, analyticsWordsDecider, {
    type: 'SetAnalyticsWords',
    data: { input, expectedVersion },
    meta,
  });
  if (result.position) await app.projector.waitFor(result.position);
  return currentAnalyticsWords(app);
}

async function handleAlert(
  app: Pick<App, 'commands' | 'projector' | 'readModels'>,
  meta: CommandMeta,
  type: 'AcknowledgeAlert' | 'CloseAlert',
  input: { alertId: string; note: unknown },
): Promise<AlertDoc> {
  const result = await app.commands.handle(alertStream(input.alertId), alertDecider, { type, data: input, meta });
  if (result.position) await app.projector.waitFor(result.position);
  const doc = await app.readModels.get<AlertDoc>(ALERTS, input.alertId);
  if (!doc) throw new Error(`alert ${input.alertId} is recorded but not projected yet`);
  return doc;
}

/** HR acknowledges an open alert with a note: they have seen it and act on it. */
export const acknowledgeAlert = (
  app: Pick<App, 'commands' | 'projector' | 'readModels'>,
  meta: CommandMeta,
  input: { alertId: string; note: unknown },
) => handleAlert(app, meta, 'AcknowledgeAlert', input);

/** HR closes an alert (acknowledged or not) with a note on what was done. */
export const closeAlert = (
  app: Pick<App, 'commands' | 'projector' | 'readModels'>,
  meta: CommandMeta,
  input: { alertId: string; note: unknown },
) => handleAlert(app, meta, 'CloseAlert', input);

const PAGE = 200;
/** Cycles of one employee looked at: decades of quarterly reviews. */
const MAX_CYCLES = 500;

export class AlertService implements Alerts {
  private unsubscribe: (() => void) | null = null;
  private running: Promise<AlertSweepResult> | null = null;
  /** One check at a time per employee; a change during a check queues one more. */
  private readonly checks = new Map<string, Promise<number>>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly outbox: DeliveryOutbox;

  constructor(
    private readonly app: Services,
    channels: readonly NotificationChannel[] = [],
    private readonly onError: (error: unknown) => void = (error) =>
      app.log.error({ component: 'alerts', err: error }, 'alert check failed'),
    outbox: Omit<OutboxOptions, 'clock' | 'onFailure'> = {},
  ) {
    this.outbox = new DeliveryOutbox(app.readModels, channels, {
      ...outbox,
      clock: app.clock,
      onFailure: (channel, id, error) =>
        app.log.error({ component: 'alerts', notificationId: id, channel, err: error }, 'alert delivery failed; the next check retries'),
    });
  }

  /** Checks on every committed cue change and threshold change, and sweeps once now. */
  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.app.projector.onChange((change) => this.onChange(change));
    this.track(this.sweep());
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Settles once every check started so far has finished (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Every employee with a cue document, checked; a sweep already running is joined, not doubled. */
  sweep(onProgress?: (done: number, total: number | null) => void): Promise<AlertSweepResult> {
    this.running ??= this.runSweep(onProgress).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Checks one employee; resolves to the alerts this call raised. */
  check(employeeId: string): Promise<number> {
    const previous = this.checks.get(employeeId) ?? Promise.resolve(0);
    const next = previous
      .catch(() => 0)
      .then(() => this.checkNow(employeeId))
      .finally(() => {
        if (this.checks.get(employeeId) === next) this.checks.delete(employeeId);
      });
    this.checks.set(employeeId, next);
    return next;
  }

  private onChange(change: Change): void {
    if (change.kind === 'analyticsCues') {
      const employeeId = change.id.split('|')[0];
      if (employeeId) this.track(this.check(employeeId));
    } else if (change.kind === 'analyticsWords') {
      // New thresholds: a sweep already under way may have read the old ones, so one more after it.
      const running = this.running;
      this.track(running ? running.catch(() => undefined).then(() => this.sweep()) : this.sweep());
    }
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) => this.onError(error)).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  private async runSweep(onProgress?: (done: number, total: number | null) => void): Promise<AlertSweepResult> {
    const total = await this.app.readModels.count(ANALYTICS_CUES);
    let employees = 0;
    let raised = 0;
    let seen = 0;
    let last: string | null = null;
    let after: { value: string; id: string } | undefined;
    for (;;) {
      const docs = await this.app.readModels.find<CueDoc>(ANALYTICS_CUES, {
        orderBy: { field: 'employeeId', direction: 'asc' },
        ...(after ? { after } : {}),
        limit: PAGE,
      });
      for (const doc of docs) {
        seen += 1;
        if (doc.employeeId === last) continue;
        last = doc.employeeId;
        employees += 1;
        raised += await this.check(doc.employeeId);
        onProgress?.(seen, total);
      }
      if (docs.length < PAGE) break;
      const end = docs.at(-1)!;
      after = { value: end.employeeId, id: end.id };
    }
    onProgress?.(seen, total);
    return { employees, raised };
  }

  private async checkNow(employeeId: string): Promise<number> {
    const [docs, interviews, words] = await Promise.all([
      this.app.readModels.find<CueDoc>(ANALYTICS_CUES, {
        where: { employeeId },
        orderBy: { field: 'cycle', direction: 'asc' },
        limit: MAX_CYCLES,
      }),
      this.app.readModels.find<InterviewDoc>(INTERVIEWS, {
        where: { employeeId },
        orderBy: { field: 'scheduledAt', direction: 'asc' },
        limit: MAX_CYCLES,
      }),
      currentAnalyticsWords(this.app),
    ]);
    if (docs.length === 0) return 0;
    // A kind whose monitored list the company emptied raises nothing (docs/analytics.md).
    const silenced = new Set(ALERT_KINDS.filter((kind) => words.monitoredWords[kind]?.length === 0));
    const thresholds: AlertThresholds = words.thresholds;
    const records: readonly CueRecord[] = docs; // CueDoc is a CueRecord: the compiler keeps the two in step
    const due = alertsDue(
      records,
      thresholds,
      interviews.map((i) => i.cycle),
    ).filter((a) => !silenced.has(a.kind));
    let raised = 0;
    for (const alert of due) {
      if (await this.app.readModels.get(ALERTS, alert.alertId)) {
        // Raised (here or elsewhere): its delivery failed, or its claimant crashed, or it is done.
        if (this.outbox.active) {
          const n = await this.app.readModels.get<NotificationDoc>(NOTIFICATIONS, alertNotificationId(alert.alertId));
          if (n) await this.outbox.deliver(toNotification(n));
        }
        continue;
      }
      const doc = docs.find((d) => d.cycle === alert.cycle) ?? docs.at(-1)!;
      const recorded = await this.raise({
        alertId: alert.alertId,
        kind: alert.kind,
        employeeId,
        managerId: doc.managerId,
        department: doc.department,
        cycle: alert.cycle,
        rule: alert.rule,
        passages: alert.passages,
        configVersion: words.version,
        thresholds: { perCycle: thresholds.perCycle, consecutiveCycles: thresholds.consecutiveCycles },
      });
      if (recorded) raised += 1;
    }
    return raised;
  }

  /** Records one alert and delivers it; false when it was recorded already (here or by another instance). */
  private async raise(alert: AlertRaisedData): Promise<boolean> {
    const now = this.app.clock().toISOString();
    // The command id derives from the alert id, so the event id is deterministic too.
    const meta = { ...systemMeta(new Date(now), 'alert-service'), commandId: `alert-${alert.alertId}` };
    let position: string | null;
    try {
      ({ position } = await this.app.commands.handle(alertStream(alert.alertId), alertDecider, {
        type: 'RaiseAlert',
        data: { alert },
        meta,
      }));
    } catch (error) {
      // Still losing the race after the handler's retries: the other writer raised it.
      if (error instanceof StreamConcurrencyError) return false;
      throw error;
    }
    if (!position) return false;
    await this.outbox.deliver(toNotification(alertNotification(alert, now)));
    return true;
  }
}

/** What channels get of an alert's notification: who, which cycle, the alert id; not the passages. */
function toNotification(n: NotificationDoc): Notification {
  return {
    id: n.id,
    reminderId: n.reminderId,
    interviewId: n.interviewId,
    kind: 'alert',
    recipientIds: [],
    recipientRoles: n.recipientRoles,
    message: { ...n.message },
    fireAt: n.fireAt,
    recordedAt: n.recordedAt,
  };
}
