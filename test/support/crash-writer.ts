/**
 * Child process for the crash test: writes interviews through the real services as fast as it
 * can, 16 at a time, until it is killed. Prints "appended N" as it goes.
 */
import 'reflect-metadata';
import { createApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { editInterviewSection, registerPerson, scheduleInterview, systemMeta } from '../../src/application/interview-service';

async function main(): Promise<void> {
  const app = await createApp(loadConfig());
  const meta = () => systemMeta(new Date(), 'HR1');
  // HR schedules; the record's employee writes it (HR no longer edits a record in progress).
  const employee = () => ({ ...systemMeta(new Date(), 'E1'), roles: ['employee' as const] });
  await registerPerson(app, meta(), {
    personId: 'M1',
    name: '王建国',
    department: '生产部',
    position: '车间主任',
    managerId: null,
    category: 'production',
    level: 'manager',
    roles: ['manager'],
  });
  await registerPerson(app, meta(), {
    personId: 'E1',
    name: '张伟',
    department: '生产部',
    position: '装配工',
    managerId: 'M1',
    category: 'production',
    level: 'staff',
    roles: ['employee'],
  });
  let appended = 0;
  const worker = async () => {
    for (;;) {
      // standard-v1 runs the single-session flow, whose one step lets the employee write remarks.
      const interview = await scheduleInterview(app, meta(), {
        employeeId: 'E1',
        templateId: 'standard-v1',
        cycle: '2026-Q3',
        scheduledAt: '2026-09-01T09:00:00+08:00',
        reason: '崩溃测试：同一周期多条记录',
      });
      await editInterviewSection(app, employee(), {
        interviewId: interview.id,
        expectedVersion: 1,
        section: 'remarks',
        content: { text: '崩溃测试 '.repeat(20) },
      });
      appended += 2;
      if (appended % 50 === 0) process.stdout.write(`appended ${appended}\n`);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

main().catch((error: unknown) => {
  // Say why on stderr, so the test can show it instead of only an exit code.
  process.stderr.write(`crash-writer failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
