/** The alert read models in a real (embedded) store: idempotent when events come twice, and rebuilt identical from the log. */
import { acknowledgeAlert, setAnalyticsWords } from '../../src/application/alert-service';
import { systemMeta } from '../../src/application/interview-service';
import { listAlerts } from '../../src/application/queries/alerts';
import { toLedgerEvent } from '../../src/ledger/ledger';
import { ALERT_READS, ALERTS, alertProjection, ANALYTICS_WORDS } from '../../src/projections/alert.projection';
import { Projector } from '../../src/projections/projector';
import { NOTIFICATIONS } from '../../src/projections/reminder.projection';
import type { Doc } from '../../src/readmodel/read-model-store';
import { PROJECTIONS } from '../../src/server/app';
import { cueDoc, cuePassage, writeCueDocs } from '../support/cue-docs';
import { openTestApp } from '../support/test-app';

describe('alert projection', () => {
  it('should be idempotent if run twice, and rebuild the same documents from the log', async () => {
    const { app, clock } = await openTestApp();
    const hr = () => ({ ...systemMeta(clock(), 'HR1'), roles: ['hr' as const] });
    await setAnalyticsWords(app, hr(), { thresholds: { perCycle: 2, consecutiveCycles: 2 } }, 0);
    await writeCueDocs(app, cueDoc('E1', '2026-H1', [cuePassage('stress', 'IV1', 'a'), cuePassage('stress', 'IV1', 'b')]));
    await app.alerts.check('E1');
    clock.advance(1000);
    await acknowledgeAlert(app, hr(), { alertId: 'stress-E1-2026-H1', note: '已约谈' });
    await listAlerts(app, hr(), { first: 10 });
    const find = (collection: string) => app.readModels.find(collection, { orderBy: { field: 'id', direction: 'asc' }, limit: 1000 });
    const snapshot = async () => ({
      alerts: await find(ALERTS),
      reads: await find(ALERT_READS),
      words: await find(ANALYTICS_WORDS),
      notifications: await find(NOTIFICATIONS),
    });
    const before = await snapshot();
    expect(before.alerts).toEqual([expect.objectContaining({ id: 'stress-E1-2026-H1', status: 'acknowledged' })]);
    expect(before.reads).toHaveLength(1);
    expect(before.words).toEqual([expect.objectContaining({ version: 1 })]);
    expect(before.notifications).toEqual([expect.objectContaining({ id: 'notification-stress-E1-2026-H1', audience: ['role:hr'] })]);

    const writes: Doc[] = [];
    const tx = {
      get: <T extends Doc>(collection: string, id: string) => app.readModels.get<T>(collection, id),
      put: (_collection: string, doc: Doc) => void writes.push(doc),
      delete: () => undefined,
    };
    for (const event of (await app.store.readAll()).map(toLedgerEvent)) await alertProjection.apply(event, tx);
    expect(writes).toEqual([]);

    await app.projector.stop();
    const rebuild = new Projector(app.store, app.readModels, PROJECTIONS);
    await rebuild.reset();
    await rebuild.catchUp();
    expect(await snapshot()).toEqual(before);
    await app.close();
  });
});
