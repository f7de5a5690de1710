/**
 * The reminder sweep against the embedded stores: two instances sweeping at once, and a
 * restart, record and deliver each reminder once; the policy HR sets is an event and changes
 * what goes out.
 */
import { ReminderService } from '../../src/application/reminder-service';
import { scheduleInterview, systemMeta } from '../../src/application/interview-service';
import { reminderStream } from '../../src/domain/reminder/reminders';
import type { Notification, NotificationChannel } from '../../src/notifications/notification-channel';
import { createApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { openTestApp } from '../support/test-app';

class Recording implements NotificationChannel {
  readonly name = 'recording';
  readonly delivered: Notification[] = [];
  async deliver(n: Notification): Promise<void> {
    this.delivered.push(n);
  }
}

describe('reminder sweep', () => {
  it('two instances sweeping at once, and a restart, record and deliver every reminder exactly once', async () => {
    const { app, clock, dataDir } = await openTestApp();
    clock.set('2026-07-01T01:00:00.000Z'); // Wednesday 09:00 Shanghai
    const hr = () => systemMeta(clock(), 'HR1');
    // E3: R&D staff → staff-review; self-assessment due Monday 6 July 18:00 Shanghai.
    const interview = await scheduleInterview(
      app,
      { ...hr(), roles: ['hr'] },
      { employeeId: 'E3', cycle: '2026-Q3', scheduledAt: '2026-07-08T10:00:00+08:00' },
    );
    expect(interview.workflow).toMatchObject({ step: 'self_assessment', dueAt: '2026-07-06T10:00:00.000Z' });

    clock.set('2026-07-09T02:00:00.000Z'); // Thursday 10:00: before-due, due, +1 and +3 have all fired
    const a = new Recording();
    const b = new Recording();
    const one = new ReminderService(app, [a]);
    const two = new ReminderService(app, [b]);
    const [first, second] = await Promise.all([one.sweep(), two.sweep()]);
    expect(first.recorded + second.recorded).toBe(4);
    const delivered = [...a.delivered, ...b.delivered];
    expect(delivered.map((n) => n.kind).sort()).toEqual(['before_due', 'due', 'overdue', 'overdue']);
    expect(new Set(delivered.map((n) => n.reminderId)).size).toBe(4);
    const stream = await app.ledger.readStream(reminderStream(interview.id));
    expect(stream.map((e) => e.body.type)).toEqual(['ReminderSent', 'ReminderSent', 'ReminderSent', 'ReminderSent']);
    // Deterministic event ids: <reminderId>.0
    expect(stream.map((e) => e.body.id).sort()).toEqual(delivered.map((n) => `${n.reminderId}.0`).sort());
    // HR is told on the third overdue day, not before.
    expect(delivered.filter((n) => n.recipientRoles.includes('hr')).map((n) => n.fireAt)).toEqual(['2026-07-09T01:00:00.000Z']);
    await app.close();

    // After a restart on the same data, the same sweep sends nothing.
    const again = await createApp(loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'test-secret-please-ignore' }), { clock });
    const c = new Recording();
    expect(await new ReminderService(again, [c]).sweep()).toMatchObject({ recorded: 0 });
    expect(c.delivered).toEqual([]);
    await again.close();
  });

  it('follows the policy HR sets (an event): only the rules it names fire', async () => {
    const { app, clock } = await openTestApp();
    clock.set('2026-07-01T01:00:00.000Z');
    const meta = { ...systemMeta(clock(), 'HR1'), roles: ['hr' as const] };
    await expect(
      app.reminders.setPolicy({ ...meta, roles: ['employee'] }, { rules: [{ offsetDays: 0, notify: ['actors'] }] }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(app.reminders.setPolicy(meta, { rules: [{ offsetDays: 0, notify: ['boss'] }] })).rejects.toMatchObject({
      code: 'INVALID_RECIPIENT',
    });
    const policy = await app.reminders.setPolicy(meta, {
      skipWeekends: false,
      rules: [{ offsetDays: 2, at: '10:00', notify: ['actors', 'hr'] }],
    });
    expect(policy.rules).toEqual([{ offsetDays: 2, at: '10:00', notify: ['actors', 'hr'] }]);
    const interview = await scheduleInterview(app, meta, { employeeId: 'E3', cycle: '2026-Q3', scheduledAt: '2026-07-08T10:00:00+08:00' });
    const channel = new Recording();
    const service = new ReminderService(app, [channel]);
    clock.set('2026-07-08T01:59:00.000Z'); // Wednesday 09:59: due Monday + 2 days at 10:00 not reached
    expect(await service.sweep()).toMatchObject({ recorded: 0 });
    clock.set('2026-07-08T02:00:00.000Z');
    expect(await service.sweep()).toMatchObject({ recorded: 1 });
    expect(channel.delivered).toEqual([
      expect.objectContaining({ interviewId: interview.id, kind: 'overdue', recipientIds: ['E3'], recipientRoles: ['hr'] }),
    ]);
    await app.close();
  });
});
