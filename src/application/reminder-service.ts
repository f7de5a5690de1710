/**
 * The reminder sweep: finds work that is waiting (the current step of every open interview,
 * every open improvement task), asks the pure schedule which reminders are due now in the
 * company's zone, records each new one as a ReminderSent event and hands it to the delivery
 * channels. Runs on a timer in the server and on demand (`runReminders`, tests with an
 * injected clock).
 *
 * Exactly once: reminder ids are deterministic and the reminder stream's decider drops ids
 * already recorded; two instances sweeping at once race on the stream's expected revision and
 * the loser re-reads and finds it recorded. External channels are called through the delivery
 * outbox (./delivery-outbox.ts), keyed by reminder id and channel and claimed once across
 * instances: by the instance whose append succeeded, right after it, and by any sweep that finds
 * a recorded reminder whose delivery failed or whose claimant crashed (after the claim timeout).
 */
import type { Calendar, CommandMeta } from '../domain/command';
import { reminderStream, REMINDER_POLICY_STREAM } from '../domain/reminder/reminders';
import { reminderDecider } from '../domain/reminder/decider';
import { currentStep } from '../domain/interview/interview';
import {
  dateDueAt,
  dueReminders,
  DEFAULT_REMINDER_POLICY,
  type DueReminder,
  type PendingWork,
  type ReminderPolicy,
} from '../domain/workflow/reminder-schedule';
import type { Notification, NotificationChannel } from '../notifications/notification-channel';
import { INTERVIEWS, pendingActors, TASKS, toState, type InterviewDoc, type TaskDoc } from '../projections/interview.projection';
import { PEOPLE, type PersonDoc } from '../projections/person.projection';
import { NOTIFICATIONS, REMINDER_POLICY_ID, SETTINGS, type NotificationDoc, type SettingsDoc } from '../projections/reminder.projection';
import type { App, Reminders, SweepResult } from './services';
import type { Decider } from './command-handler';
import { systemMeta } from './interview-service';
import { DeliveryOutbox, type OutboxOptions } from './delivery-outbox';

export { reminderDecider };

type Services = Pick<App, 'commands' | 'projector' | 'readModels' | 'clock' | 'config' | 'log' | 'meters'>;

export type { SweepResult } from './services';

const PAGE = 200;

export class ReminderService implements Reminders {
  private policyCache: ReminderPolicy = DEFAULT_REMINDER_POLICY;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SweepResult> | null = null;
  private readonly outbox: DeliveryOutbox;

  /** `outbox`: the delivery outbox's timeouts and limits (tests shorten them). */
  constructor(
    private readonly app: Services,
    channels: readonly NotificationChannel[] = [],
    outbox: Omit<OutboxOptions, 'clock' | 'onFailure'> = {},
  ) {
    this.outbox = new DeliveryOutbox(app.readModels, channels, {
      ...outbox,
      clock: app.clock,
      onFailure: (channel, reminderId, error) =>
        app.log.error({ component: 'reminders', reminderId, channel, err: error }, 'reminder delivery failed; a later sweep retries'),
    });
  }

  get policy(): ReminderPolicy {
    return this.policyCache;
  }

  /** The company's calendar for due times: its zone (configuration) and the policy's working day. */
  calendar(): Calendar {
    return { zone: this.app.config.timeZone, dueTimeOfDay: this.policyCache.dueTimeOfDay, businessDays: this.policyCache.businessDays };
  }

  /** Reloads the policy from the read model (after start and after HR changes it). */
  async refresh(): Promise<ReminderPolicy> {
    const doc = await this.app.readModels.get<SettingsDoc>(SETTINGS, REMINDER_POLICY_ID);
    this.policyCache = doc?.policy ?? DEFAULT_REMINDER_POLICY;
    return this.policyCache;
  }

  async setPolicy(meta: CommandMeta, policy: unknown): Promise<ReminderPolicy> {
    const result = await this.app.commands.handle(REMINDER_POLICY_STREAM, reminderDecider, {
      type: 'SetReminderPolicy',
      data: { policy },
      meta,
    });
    if (result.position) await this.app.projector.waitFor(result.position);
    return this.refresh();
  }

  /** Sweeps every `intervalMs` (0: never); sweeps do not overlap. */
  start(intervalMs: number): void {
    if (intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) => this.app.log.error({ component: 'reminders', err: error }, 'reminder sweep failed'));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** One sweep at the injected clock's now; a sweep already running is joined, not doubled. */
  sweep(onProgress?: (done: number, total: number | null) => void): Promise<SweepResult> {
    this.running ??= this.measured(onProgress).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async measured(onProgress?: (done: number, total: number | null) => void): Promise<SweepResult> {
    const started = performance.now();
    try {
      const result = await this.run(onProgress);
      this.app.meters.reminderSweep('ok', (performance.now() - started) / 1000, result.recorded);
      return result;
    } catch (error) {
      this.app.meters.reminderSweep('failed', (performance.now() - started) / 1000, 0);
      throw error;
    }
  }

  private async run(onProgress?: (done: number, total: number | null) => void): Promise<SweepResult> {
    await this.refresh();
    const now = this.app.clock().toISOString();
    const zone = this.app.config.timeZone;
    const policy = this.policyCache;
    const earliestOffset = Math.min(0, ...policy.rules.map((r) => r.offsetDays));
    // Work due later than this cannot have a reminder yet (the earliest rule fires |offset| days before due, plus a day of slack for `at`).
    const horizon = new Date(Date.parse(now) + (-earliestOffset + 1) * 86_400_000).toISOString();
    let considered = 0;
    let recorded = 0;
    let lastPosition: string | null = null;

    const handle = async (work: PendingWork, since: string) => {
      considered += 1;
      for (const reminder of dueReminders(work, policy, now, zone, since)) {
        const recordedDoc = await this.app.readModels.get<NotificationDoc>(NOTIFICATIONS, reminder.reminderId);
        if (recordedDoc) {
          // Recorded (here or elsewhere): its delivery failed, or its claimant crashed, or it is done.
          await this.outbox.deliver(notificationOf(recordedDoc));
          continue;
        }
        const position = await this.record(reminder, now);
        if (position) {
          recorded += 1;
          lastPosition = position;
        }
      }
      onProgress?.(considered, null);
    };

    let after: { value: string; id: string } | undefined;
    for (;;) {
      const docs = await this.app.readModels.find<InterviewDoc>(INTERVIEWS, {
        where: { open: true },
        orderBy: { field: 'stepDueAt', direction: 'asc' },
        ...(after ? { after } : {}),
        limit: PAGE,
      });
      const managers = await this.managersOf(docs.map((d) => d.managerId));
      let beyond = false;
      for (const doc of docs) {
        if (doc.stepDueAt > horizon) {
          beyond = true;
          break;
        }
        if (doc.status === 'correction') continue; // a correction has no due step; HR drives it
        const state = toState(doc);
        const step = currentStep(state);
        await handle(
          {
            kind: 'step',
            interviewId: doc.id,
            subject: step.key,
            label: step.label,
            entry: state.workflow.transitions,
            dueAt: state.workflow.dueAt,
            actorIds: pendingActors(state),
            employeeId: doc.employeeId,
            managerId: doc.managerId,
            managerOfManagerId: managers.get(doc.managerId) ?? null,
          },
          state.workflow.enteredAt,
        );
      }
      if (beyond || docs.length < PAGE) break;
      const last = docs.at(-1)!;
      after = { value: last.stepDueAt, id: last.id };
    }

    let taskAfter: { value: string; id: string } | undefined;
    for (;;) {
      const tasks = await this.app.readModels.find<TaskDoc>(TASKS, {
        where: { kind: 'improvement', status: 'open' },
        orderBy: { field: 'dueAt', direction: 'asc' },
        ...(taskAfter ? { after: taskAfter } : {}),
        limit: PAGE,
      });
      const managers = await this.managersOf(tasks.map((t) => t.managerId));
      for (const task of tasks) {
        if (!task.deadline) continue;
        await handle(
          {
            kind: 'task',
            interviewId: task.interviewId,
            subject: task.subject,
            label: { zh: `改进任务：${task.title}`, en: `Improvement task: ${task.titleEn}` },
            entry: 0,
            dueAt: dateDueAt(task.deadline, zone, policy),
            actorIds: [task.assigneeId],
            employeeId: task.employeeId,
            managerId: task.managerId,
            managerOfManagerId: managers.get(task.managerId) ?? null,
          },
          task.createdAt,
        );
      }
      if (tasks.length < PAGE) break;
      const last = tasks.at(-1)!;
      taskAfter = { value: last.dueAt, id: last.id };
    }
    if (lastPosition) await this.app.projector.waitFor(lastPosition);
    return { considered, recorded };
  }

  /** Records one reminder; returns its position when this call recorded it, null when it was there already. */
  private async record(reminder: DueReminder, now: string): Promise<string | null> {
    // The command id is the reminder id, so the event id is deterministic too.
    const meta = { ...systemMeta(new Date(now), 'reminder-service'), commandId: reminder.reminderId };
    const result = await this.app.commands.handle(reminderStream(reminder.interviewId), reminderDecider, {
      type: 'RecordReminder',
      data: { reminder },
      meta,
    });
    if (!result.position) return null;
    await this.outbox.deliver({
      id: reminder.reminderId,
      reminderId: reminder.reminderId,
      interviewId: reminder.interviewId,
      kind: reminder.kind,
      recipientIds: reminder.recipientIds,
      recipientRoles: reminder.recipientRoles,
      message: { ...reminder.message },
      fireAt: reminder.fireAt,
      recordedAt: now,
    });
    return result.position;
  }

  private async managersOf(ids: readonly string[]): Promise<Map<string, string | null>> {
    const unique = [...new Set(ids)];
    const people = await this.app.readModels.getMany<PersonDoc>(PEOPLE, unique);
    return new Map(unique.map((id, i) => [id, people[i]?.managerId ?? null]));
  }
}

/** The notification a recorded reminder went out as: the same payload whichever instance delivers it. */
function notificationOf(doc: NotificationDoc): Notification {
  return {
    id: doc.reminderId,
    reminderId: doc.reminderId,
    interviewId: doc.interviewId,
    kind: doc.kind,
    recipientIds: doc.recipientIds,
    recipientRoles: doc.recipientRoles,
    message: { ...doc.message },
    fireAt: doc.fireAt,
    recordedAt: doc.recordedAt,
  };
}
