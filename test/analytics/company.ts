import { openTestApp, testApollo } from '../support/test-app';
import { editInterviewSection, scheduleInterview, systemMeta } from '../../src/application/interview-service';
import type { Role } from '../../src/domain/command';

const as = (now: Date, personId: string, roles: Role[]) => ({ ...systemMeta(now, personId), roles });

/**
 * 生产部 (M1: E1, E2) and 研发中心 (M2: E3) in 2026-Q1, on the single-session template: E1 writes
 * about old machines, E3 about requirement changes; E2's record stays scheduled.
 */
export async function company(env: Record<string, string> = {}) {
  const t = await openTestApp(env);
  const { app, clock } = t;
  const hr = () => as(clock(), 'HR1', ['hr', 'employee']);
  const ids: Record<string, string> = {};
  for (const employeeId of ['E1', 'E2', 'E3']) {
    const r = await scheduleInterview(app, hr(), {
      employeeId,
      templateId: 'standard-v1',
      cycle: '2026-Q1',
      scheduledAt: '2026-07-02T09:00:00+08:00',
    });
    ids[employeeId] = r.id;
  }
  clock.advance(1000);
  await editInterviewSection(app, as(clock(), 'E1', ['employee']), {
    interviewId: ids.E1!,
    expectedVersion: 1,
    section: 'problems',
    content: { items: [{ problem: '设备老化，经常停机', cause: '设备超期服役', measures: '申请大修' }] },
  });
  await editInterviewSection(app, as(clock(), 'E3', ['employee']), {
    interviewId: ids.E3!,
    expectedVersion: 1,
    section: 'remarks',
    content: { text: '需求变更太频繁，项目进度受影响。' },
  });
  await app.projector.waitFor((await app.store.readAll()).at(-1)!.position);
  const { server, as: gql } = await testApollo(app);
  return { ...t, ids, server, gql };
}
