/**
 * The alert service against the embedded stores, with cue documents written straight into the
 * analytics read model: alerts are raised once (two instances, a restart), delivered to HR's
 * notifications and the channel port, checked on committed cue changes and in the sweep at
 * start, under the thresholds of the latest AnalyticsWordsSet; HR acknowledges and closes them.
 */
import { acknowledgeAlert, AlertService, closeAlert, currentAnalyticsWords, setAnalyticsWords } from '../../src/application/alert-service';
import { systemMeta } from '../../src/application/interview-service';
import { notifications } from '../../src/application/queries/work';
import { alertStream } from '../../src/domain/alert/alerts';
import type { Notification, NotificationChannel } from '../../src/notifications/notification-channel';
import { ALERTS, type AlertDoc } from '../../src/projections/alert.projection';
import type { Change } from '../../src/projections/projection';
import { createApp, type App } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { cueDoc, cuePassage, writeCueDocs } from '../support/cue-docs';
import { openTestApp } from '../support/test-app';

class Recording implements NotificationChannel {
  readonly name = 'recording';
  readonly delivered: Notification[] = [];
  async deliver(n: Notification): Promise<void> {
    this.delivered.push(n);
  }
}

/** Until the read models hold every event appended so far. */
async function settle(app: Pick<App, 'store' | 'projector'>): Promise<void> {
  const last = (await app.store.readAll()).at(-1);
  if (last) await app.projector.waitFor(last.position);
}

const twoStress = (employeeId = 'E1', cycle = '2026-H1') =>
  cueDoc(employeeId, cycle, [
    cuePassage('stress', `IV-${employeeId}-${cycle}`, 'selfAssessment.text'),
    cuePassage('stress', `IV-${employeeId}-${cycle}`, 'problems.items[P1].problem'),
  ]);

describe('alert service', () => {
  it('raises a due alert once, as an event with a deterministic id, and tells HR (notifications and the channel)', async () => {
    const { app, clock } = await openTestApp();
    const channel = new Recording();
    const service = new AlertService(app, [channel]);
    await writeCueDocs(app, twoStress());
    expect(await service.check('E1')).toBe(1);
    expect(await service.check('E1')).toBe(0);

    const stream = await app.ledger.readStream(alertStream('stress-E1-2026-H1'));
    expect(stream.map((e) => [e.body.type, e.body.id])).toEqual([['AlertRaised', 'alert-stress-E1-2026-H1.0']]);
    expect(stream[0]!.body.data).toMatchObject({
      alertId: 'stress-E1-2026-H1',
      kind: 'stress',
      employeeId: 'E1',
      managerId: 'M1',
      department: '生产部',
      cycle: '2026-H1',
      rule: 'perCycle',
      configVersion: 0,
      thresholds: { perCycle: 2, consecutiveCycles: 2 },
      passages: [
        expect.objectContaining({
          interviewId: 'IV-E1-2026-H1',
          version: 3,
          path: 'problems.items[P1].problem',
          eventHash: expect.any(String),
        }),
        expect.objectContaining({ path: 'selfAssessment.text', terms: ['压力很大'] }),
      ],
    });
    expect(channel.delivered).toEqual([
      expect.objectContaining({
        id: 'notification-stress-E1-2026-H1',
        reminderId: 'stress-E1-2026-H1',
        kind: 'alert',
        recipientRoles: ['hr'],
      }),
    ]);
    // The passages stay in the alert: the notification names who and when, not what they wrote.
    expect(JSON.stringify(channel.delivered)).not.toContain('压力很大');

    await settle(app);
    const hr = await notifications(app, { id: 'HR1', roles: ['hr', 'employee'] }, { first: 10 });
    expect(hr.map((n) => [n.id, n.kind])).toEqual([['notification-stress-E1-2026-H1', 'alert']]);
    expect(await notifications(app, { id: 'E1', roles: ['employee'] }, { first: 10 })).toEqual([]);
    expect(await notifications(app, { id: 'M1', roles: ['manager', 'employee'] }, { first: 10 })).toEqual([]);
    const doc = await app.readModels.get<AlertDoc>(ALERTS, 'stress-E1-2026-H1');
    expect(doc).toMatchObject({ status: 'open', cycle: '2026-H1', employeeId: 'E1', notes: [], createdAt: clock().toISOString() });
    await app.close();
  });

  it('two instances checking at once, and a restart, record and deliver every alert exactly once', async () => {
    const { app, clock, dataDir } = await openTestApp();
    await writeCueDocs(
      app,
      twoStress('E1'),
      twoStress('E2'),
      cueDoc('E3', '2026-H1', [cuePassage('overtime', 'IV-E3-1', 'a')]),
      cueDoc('E3', '2026-H2', [cuePassage('overtime', 'IV-E3-2', 'a')], { managerId: 'M2', department: '研发中心' }),
    );
    const a = new Recording();
    const b = new Recording();
    const one = new AlertService(app, [a]);
    const two = new AlertService(app, [b]);
    const [first, second] = await Promise.all([one.sweep(), two.sweep()]);
    expect(first.raised + second.raised).toBe(3);
    const delivered = [...a.delivered, ...b.delivered];
    expect(delivered.map((n) => n.reminderId).sort()).toEqual(['overtime-E3-2026-H2', 'stress-E1-2026-H1', 'stress-E2-2026-H1']);
    const all = await app.store.readAll();
    expect(
      all
        .filter((e) => e.stream.startsWith('alert-'))
        .map((e) => e.stream)
        .sort(),
    ).toEqual(['alert-overtime-E3-2026-H2', 'alert-stress-E1-2026-H1', 'alert-stress-E2-2026-H1']);
    // Analytics never change a record: the checks wrote to alert streams only.
    const before = all.filter((e) => !e.stream.startsWith('alert-')).length;
    await app.close();

    const again = await createApp(loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'test-secret-please-ignore' }), { clock });
    const c = new Recording();
    const progress: Array<[number, number | null]> = [];
    expect(await new AlertService(again, [c]).sweep((done, total) => progress.push([done, total]))).toEqual({ employees: 3, raised: 0 });
    expect(progress.at(-1)).toEqual([4, 4]);
    expect(c.delivered).toEqual([]);
    const after = await again.store.readAll();
    expect(after.filter((e) => !e.stream.startsWith('alert-')).length).toBe(before);
    expect(after.filter((e) => e.type === 'AlertRaised')).toHaveLength(3);
    await again.close();
  });

  it('checks on every committed cue change, and sweeps at start for what a crash left unchecked', async () => {
    const { app } = await openTestApp();
    const listeners: Array<(change: Change) => void> = [];
    const projector = {
      onChange: (listener: (change: Change) => void) => {
        listeners.push(listener);
        return () => listeners.splice(listeners.indexOf(listener), 1);
      },
      waitFor: (position: string) => app.projector.waitFor(position),
    } as unknown as typeof app.projector;
    // Committed before the service ran (a crash between the projection's commit and the check).
    await writeCueDocs(app, twoStress('E2'));
    const service = new AlertService({ ...app, projector });
    service.start();
    await service.idle();
    await settle(app);
    expect(await app.readModels.get(ALERTS, 'stress-E2-2026-H1')).not.toBeNull();

    await writeCueDocs(app, cueDoc('E1', '2026-H1', [cuePassage('overtime', 'IV1', 'a'), cuePassage('overtime', 'IV1', 'b')]));
    const change: Change = { kind: 'analyticsCues', id: 'E1|2026-H1', viewers: [], eventType: 'InterviewSectionEdited', position: '0' };
    for (const listener of [...listeners]) listener(change);
    await service.idle();
    await settle(app);
    expect(await app.readModels.get(ALERTS, 'overtime-E1-2026-H1')).toMatchObject({ status: 'open', rule: 'perCycle' });
    service.stop();
    expect(listeners).toHaveLength(0);
    await app.close();
  });

  it('applies the thresholds of the latest AnalyticsWordsSet, and an emptied list raises nothing of its kind', async () => {
    const { app, clock } = await openTestApp();
    const hr = { ...systemMeta(clock(), 'HR1'), roles: ['hr' as const] };
    const service = new AlertService(app);
    const v1 = await setAnalyticsWords(app, hr, { thresholds: { perCycle: 3, consecutiveCycles: 8 } }, 0);
    expect(v1).toMatchObject({ version: 1, thresholds: { perCycle: 3, consecutiveCycles: 8 }, setBy: 'HR1' });
    await writeCueDocs(
      app,
      twoStress('E1'),
      cueDoc('E2', '2026-H1', [cuePassage('overtime', 'IV9', 'a'), cuePassage('overtime', 'IV9', 'b')]),
    );
    expect(await service.check('E1')).toBe(0);

    await setAnalyticsWords(app, { ...hr, commandId: 'v2' }, { monitoredWords: { overtime: [] }, thresholds: { perCycle: 2 } }, 1);
    expect(await currentAnalyticsWords(app)).toMatchObject({ version: 2, monitoredWords: { overtime: [] } });
    // The app's own service sweeps when the thresholds change: E1's alert is raised under version 2.
    await app.alerts.idle();
    expect(await service.check('E1')).toBe(0);
    expect(await service.check('E2')).toBe(0); // no overtime list: no overtime alert
    await settle(app);
    expect(await app.readModels.get(ALERTS, 'overtime-E2-2026-H1')).toBeNull();
    const [raised] = await app.ledger.readStream(alertStream('stress-E1-2026-H1'));
    expect(raised!.body.data).toMatchObject({ configVersion: 2, thresholds: { perCycle: 2, consecutiveCycles: 2 } });
    await expect(setAnalyticsWords(app, hr, {}, 1)).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    await app.close();
  });

  it('HR acknowledges and closes an alert with notes (events); a closed alert takes no more', async () => {
    const { app, clock } = await openTestApp();
    const hr = () => ({ ...systemMeta(clock(), 'HR1'), roles: ['hr' as const] });
    await writeCueDocs(app, twoStress('E1'));
    await new AlertService(app).check('E1');
    await expect(acknowledgeAlert(app, hr(), { alertId: 'stress-E1-2099', note: '看过' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(acknowledgeAlert(app, hr(), { alertId: 'stress-E1-2026-H1', note: ' ' })).rejects.toMatchObject({ code: 'REQUIRED' });
    clock.advance(60_000);
    const acked = await acknowledgeAlert(app, hr(), { alertId: 'stress-E1-2026-H1', note: ' 已与员工约谈 ' });
    expect(acked).toMatchObject({
      status: 'acknowledged',
      notes: [{ action: 'acknowledged', note: '已与员工约谈', by: 'HR1', at: clock().toISOString() }],
    });
    await expect(acknowledgeAlert(app, hr(), { alertId: 'stress-E1-2026-H1', note: '再次' })).rejects.toMatchObject({
      code: 'ALERT_ALREADY_ACKNOWLEDGED',
    });
    const closed = await closeAlert(app, hr(), { alertId: 'stress-E1-2026-H1', note: '已调整排班' });
    expect(closed.status).toBe('closed');
    expect(closed.notes.map((n) => n.action)).toEqual(['acknowledged', 'closed']);
    await expect(closeAlert(app, hr(), { alertId: 'stress-E1-2026-H1', note: '再关' })).rejects.toMatchObject({
      code: 'ALERT_ALREADY_CLOSED',
    });
    // Still raised once: a later check finds it closed and records nothing.
    expect(await new AlertService(app).check('E1')).toBe(0);
    await app.close();
  });
});
