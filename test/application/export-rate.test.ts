/**
 * Exports by query are rationed for the server as a whole: a bundle of a whole cycle holds the
 * server's one thread while it is assembled, so one client looping on them must not hold it.
 */
import { exportEvidenceFor } from '../../src/application/queries/evidence';
import { scheduleInterview, systemMeta } from '../../src/application/interview-service';
import type { Viewer } from '../../src/domain/access';
import { RuleError } from '../../src/domain/errors';
import { openTestApp } from '../support/test-app';

describe('exports by query per minute', () => {
  it('starts at most EVIDENCE_QUERY_EXPORTS_PER_MINUTE a minute for everyone together, then says when to try again', async () => {
    const { app, clock } = await openTestApp({ EVIDENCE_QUERY_EXPORTS_PER_MINUTE: '2' });
    try {
      await scheduleInterview(app, systemMeta(clock(), 'HR1'), {
        employeeId: 'E1',
        templateId: 'standard-v1',
        cycle: '2026-Q3',
        scheduledAt: '2026-07-02T10:00:00+08:00',
      });
      const hr: Viewer = { id: 'HR1', roles: ['hr'] };
      const auditor: Viewer = { id: 'AUD1', roles: ['auditor'] };
      const byCycle = { filter: { cycle: '2026-Q3' } };
      await exportEvidenceFor(app, hr, byCycle);
      clock.advance(20_000);
      await exportEvidenceFor(app, auditor, byCycle);
      clock.advance(20_000);
      // A third in the same minute, by anyone, waits until the first is a minute old.
      const refused = await exportEvidenceFor(app, hr, byCycle).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(RuleError);
      expect(refused).toMatchObject({ code: 'EXPORT_RATE_LIMITED', field: 'filter', details: { limit: 2, retryAfterSeconds: 20 } });
      // One interview's bundle is not rationed.
      const [one] = await app.readModels.find<{ id: string }>('interviews', { orderBy: { field: 'id', direction: 'asc' }, limit: 1 });
      await expect(exportEvidenceFor(app, hr, { interviewId: one!.id })).resolves.toMatchObject({
        bundle: { interviews: [expect.anything()] },
      });
      clock.advance(20_001);
      await expect(exportEvidenceFor(app, hr, byCycle)).resolves.toMatchObject({
        bundle: { subject: { kind: 'query', cycle: '2026-Q3' } },
      });
    } finally {
      await app.close();
    }
  });
});
