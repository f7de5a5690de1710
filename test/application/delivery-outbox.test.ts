/**
 * The delivery outbox: every external channel call claimed once across instances. Two reminder
 * services per instance, two instances (each its own SQLite handles on one DATA_DIR's event
 * store and read-model store), sweeping the same instant many times at once: a real webhook (a
 * local HTTP server counting calls) gets each reminder exactly once, and a webhook that fails once
 * is retried by a later sweep and delivered once.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CommandHandler } from '../../src/application/command-handler';
import { DELIVERIES, DeliveryOutbox } from '../../src/application/delivery-outbox';
import { scheduleInterview, systemMeta } from '../../src/application/interview-service';
import { ReminderService } from '../../src/application/reminder-service';
import { Ledger } from '../../src/ledger/ledger';
import { NOTIFICATIONS } from '../../src/projections/reminder.projection';
import type { Notification, NotificationChannel } from '../../src/notifications/notification-channel';
import { WebhookChannel } from '../../src/notifications/webhook-channel';
import { SqliteReadModelStore } from '../../src/readmodel/sqlite-read-model-store';
import { paths } from '../../src/server/config';
import { SqliteEventStore } from '../../src/store/sqlite-event-store';
import { openTestApp, testClock } from '../support/test-app';

/** A webhook receiver that counts; `failFirst` answers 500 to the first request for each of these ids. */
async function receiver(failFirst: (id: string) => boolean = () => false) {
  const delivered = new Map<string, number>();
  const refused = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const { id } = JSON.parse(body) as Notification;
      if (failFirst(id) && !refused.has(id)) {
        refused.set(id, 1);
        res.writeHead(500).end();
        return;
      }
      delivered.set(id, (delivered.get(id) ?? 0) + 1);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, delivered, refused, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('exactly-once external delivery through the outbox', () => {
  async function twoInstances() {
    const { app, clock } = await openTestApp();
    clock.set('2026-07-01T01:00:00.000Z');
    const meta = { ...systemMeta(clock(), 'HR1'), roles: ['hr' as const] };
    // Two interviews whose reminders (before-due, due, overdue) have fired by 9 July.
    for (const employeeId of ['E3', 'E1'])
      await scheduleInterview(app, meta, { employeeId, cycle: '2026-Q3', scheduledAt: '2026-07-08T10:00:00+08:00' });
    // Instance B: its own handles on the same files. One projector per read-model store: B follows A's.
    const files = paths(app.config);
    const eventsB = new SqliteEventStore(files.events);
    const modelsB = new SqliteReadModelStore(files.readModels);
    const b = { ...app, commands: new CommandHandler(new Ledger(eventsB, app.keyring)), readModels: modelsB };
    clock.set('2026-07-09T02:00:00.000Z');
    return {
      app,
      clock,
      services: (channel: () => NotificationChannel) => [app, app, b, b].map((services) => new ReminderService(services, [channel()])),
      async close() {
        await eventsB.close();
        await modelsB.close();
        await app.close();
      },
    };
  }

  const sweepAll = (services: ReminderService[], rounds: number) =>
    Promise.all(Array.from({ length: rounds }, () => services.map((s) => s.sweep())).flat());

  it('four services on two instances, sweeping one instant many times at once: the webhook gets each reminder once', async () => {
    const hook = await receiver();
    const world = await twoInstances();
    try {
      const services = world.services(() => new WebhookChannel({ url: hook.url }));
      for (let round = 0; round < 5; round++) await sweepAll(services, 3);
      const total = await world.app.readModels.count(NOTIFICATIONS);
      expect(total).toBeGreaterThanOrEqual(6);
      expect(hook.delivered.size).toBe(total);
      expect([...hook.delivered.values()]).toEqual(Array(total).fill(1));
      // The records: one claimed, delivered attempt per reminder.
      const outbox = new DeliveryOutbox(world.app.readModels, [], { clock: world.clock });
      for (const id of hook.delivered.keys())
        expect(await outbox.state(id, 'webhook')).toEqual({ key: `${id}|webhook`, status: 'delivered', attempts: 1 });
      expect(await world.app.readModels.count(DELIVERIES)).toBe(2 * total);
    } finally {
      await world.close();
      await hook.close();
    }
  }, 60_000);

  it('a webhook that fails once is retried by a later sweep, under the same key, and delivered once', async () => {
    let first: string | null = null;
    const hook = await receiver((id) => (first ??= id) === id);
    const world = await twoInstances();
    try {
      // One attempt per call, so the failure reaches the outbox (the channel's own retries are another layer).
      const services = world.services(() => new WebhookChannel({ url: hook.url, attempts: 1 }));
      await sweepAll(services, 2);
      const total = await world.app.readModels.count(NOTIFICATIONS);
      expect(hook.refused.size).toBe(1);
      expect(hook.delivered.size).toBe(total - 1);
      const outbox = new DeliveryOutbox(world.app.readModels, [], { clock: world.clock });
      expect(await outbox.state(first!, 'webhook')).toMatchObject({
        status: 'pending',
        attempts: 1,
        lastFailure: expect.stringContaining('HTTP 500'),
      });
      for (let round = 0; round < 3; round++) await sweepAll(services, 2);
      expect(hook.delivered.size).toBe(total);
      expect([...hook.delivered.values()]).toEqual(Array(total).fill(1));
      expect(await outbox.state(first!, 'webhook')).toMatchObject({ status: 'delivered', attempts: 2 });
    } finally {
      await world.close();
      await hook.close();
    }
  }, 60_000);
});

describe('DeliveryOutbox', () => {
  class Counting implements NotificationChannel {
    readonly name = 'counting';
    calls = 0;
    failing = false;
    async deliver(): Promise<void> {
      this.calls += 1;
      if (this.failing) throw new Error('receiver down');
    }
  }
  const notification = (recordedAt: string): Notification => ({
    id: 'rem-1',
    reminderId: 'rem-1',
    interviewId: 'I-1',
    kind: 'due',
    recipientIds: ['E1'],
    recipientRoles: [],
    message: { zh: '到期', en: 'due' },
    fireAt: recordedAt,
    recordedAt,
  });
  let models: SqliteReadModelStore;
  beforeEach(() => {
    models = new SqliteReadModelStore(':memory:');
  });
  afterEach(() => models.close());

  it('a claim whose holder crashed before calling is retried once the claim timeout has passed, not before', async () => {
    const clock = testClock('2026-07-09T02:00:00.000Z');
    const channel = new Counting();
    const crashed = new DeliveryOutbox(models, [{ name: 'counting', deliver: () => new Promise<void>(() => undefined) }], {
      clock,
      claimTimeoutMs: 60_000,
    });
    void crashed.deliver(notification(clock().toISOString())); // claims, then never returns: a process killed mid-call
    await new Promise((resolve) => setImmediate(resolve));
    const outbox = new DeliveryOutbox(models, [channel], { clock, claimTimeoutMs: 60_000 });
    await outbox.deliver(notification(clock().toISOString()));
    expect(channel.calls).toBe(0);
    expect(await outbox.state('rem-1', 'counting')).toMatchObject({ status: 'in_flight', attempts: 1 });
    clock.advance(60_000);
    await outbox.deliver(notification(clock().toISOString()));
    await outbox.deliver(notification(clock().toISOString()));
    expect(channel.calls).toBe(1);
    expect(await outbox.state('rem-1', 'counting')).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('gives up after maxAttempts failures, and never delivers what was recorded longer ago than the window', async () => {
    const clock = testClock('2026-07-09T02:00:00.000Z');
    const channel = new Counting();
    channel.failing = true;
    const outbox = new DeliveryOutbox(models, [channel], { clock, maxAttempts: 3, windowMs: 3_600_000 });
    const n = notification(clock().toISOString());
    for (let i = 0; i < 5; i++) await outbox.deliver(n);
    expect(channel.calls).toBe(3);
    expect(await outbox.state('rem-1', 'counting')).toEqual({
      key: 'rem-1|counting',
      status: 'abandoned',
      attempts: 3,
      lastFailure: 'receiver down',
    });
    const late = new Counting();
    await new DeliveryOutbox(models, [late], { clock, windowMs: 3_600_000 }).deliver({
      ...n,
      id: 'rem-2',
      recordedAt: '2026-07-09T00:59:59.000Z',
    });
    expect(late.calls).toBe(0);
  });
});
