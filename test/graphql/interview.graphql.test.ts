import { openTestApp, testApollo } from '../support/test-app';
import type { App } from '../../src/server/app';
import type { SqliteEventStore } from '../../src/store/sqlite-event-store';

const SCHEDULE = `mutation($input: ScheduleInterviewInput!) {
  scheduleInterview(input: $input) { id version status employeeId managerId department position cycle scheduledAt employee { name } manager { name } }
}`;
const EDIT = `mutation($input: EditSectionInput!) { editInterviewSection(input: $input) { id version status sections } }`;
const DETAIL = `query($id: ID!) { interview(id: $id) { id version status sections employee { id name } } }`;

describe('GraphQL: interviews through the real schema', () => {
  let app: App;
  let clock: Awaited<ReturnType<typeof openTestApp>>['clock'];
  let gql: Awaited<ReturnType<typeof testApollo>>;
  const eventCount = () => (app.store as SqliteEventStore).countSync();

  beforeAll(async () => {
    ({ app, clock } = await openTestApp());
    gql = await testApollo(app);
  });
  afterAll(async () => {
    await gql.server.stop();
    await app.close();
  });

  const hr = () => gql.as('HR1', ['hr', 'employee']);
  const m1 = () => gql.as('M1', ['manager', 'employee'], '10.0.0.9');
  const e1 = () => gql.as('E1', ['employee'], '10.0.0.21');
  const e2 = () => gql.as('E2', ['employee']);
  const e3 = () => gql.as('E3', ['employee']);
  const auditor = () => gql.as('AUD1', ['auditor']);

  // One interview per employee and cycle: each test's record gets a cycle of its own; a second
  // one in a cycle is HR's, with a reason.
  let cycles = 0;
  const used = new Set<string>();
  const nextCycle = () => `2027-M${String(++cycles).padStart(2, '0')}`;
  async function schedule(employeeId = 'E1', cycle = nextCycle(), scheduledAt = '2026-07-02T10:00:00+08:00') {
    const again = used.has(`${employeeId}/${cycle}`);
    used.add(`${employeeId}/${cycle}`);
    const result = await (again ? hr() : m1())<{ scheduleInterview: { id: string; version: number } }>(SCHEDULE, {
      // standard-v1 runs the single-session flow: employee and manager may write every section.
      input: {
        employeeId,
        templateId: 'standard-v1',
        cycle,
        scheduledAt,
        location: '3号会议室',
        ...(again ? { reason: '同一周期补谈' } : {}),
      },
    });
    expect(result.errors).toBeUndefined();
    return result.data!.scheduleInterview;
  }

  it('schedules with basic information filled from the directory', async () => {
    const result = await m1()(SCHEDULE, { input: { employeeId: 'E1', cycle: '2026-Q2', scheduledAt: '2026-07-02T10:00:00+08:00' } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.scheduleInterview).toMatchObject({
      version: 1,
      status: 'scheduled',
      employeeId: 'E1',
      managerId: 'M1',
      department: '生产部',
      position: '装配工',
      cycle: '2026-Q2',
      scheduledAt: '2026-07-02T02:00:00.000Z',
      employee: { name: '张伟' },
      manager: { name: '王建国' },
    });
  });

  it('edits sections into new versions and shows them to the parties', async () => {
    const { id } = await schedule();
    clock.advance(60_000);
    const edit = await e1()<{ editInterviewSection: { version: number; status: string } }>(EDIT, {
      input: {
        interviewId: id,
        expectedVersion: 1,
        section: 'highlights',
        content: { items: [{ case: '提出流程优化建议', data: '设备故障率下降 12%' }] },
      },
    });
    expect(edit.errors).toBeUndefined();
    expect(edit.data!.editInterviewSection).toMatchObject({ version: 2, status: 'in_progress' });
    const detail = await m1()<{ interview: { version: number; sections: Record<string, unknown> } }>(DETAIL, { id });
    expect(detail.data!.interview.version).toBe(2);
    // List items get ids (H1, H2… for highlights) that the stored content keeps.
    expect(detail.data!.interview.sections).toEqual({
      highlights: { items: [{ id: 'H1', case: '提出流程优化建议', data: '设备故障率下降 12%' }] },
    });
  });

  it('accepts section content written inline in the query, not only as a variable', async () => {
    const { id } = await schedule();
    // Content follows the template's fields now, so the inline literal is a list of objects
    // (highlights.items) rather than free-form keys; strings, lists and nested objects all inline.
    const result = await e1()<{ editInterviewSection: { version: number; sections: Record<string, unknown> } }>(
      `mutation { editInterviewSection(input: { interviewId: "${id}", expectedVersion: 1, section: "highlights", content: { items: [{ title: "内联写法", case: "换模流程内联优化", data: "换模 45 分钟降到 30 分钟" }, { case: "带教两名新员工", data: "2 人独立上岗" }] } }) { version sections } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.editInterviewSection).toEqual({
      version: 2,
      sections: {
        highlights: {
          items: [
            { id: 'H1', title: '内联写法', case: '换模流程内联优化', data: '换模 45 分钟降到 30 分钟' },
            { id: 'H2', case: '带教两名新员工', data: '2 人独立上岗' },
          ],
        },
      },
    });
  });

  it('gives a stale editor VERSION_CONFLICT and writes nothing', async () => {
    const { id } = await schedule();
    await e1()(EDIT, { input: { interviewId: id, expectedVersion: 1, section: 'remarks', content: { text: '第一次' } } });
    const before = eventCount();
    const stale = await m1()(EDIT, { input: { interviewId: id, expectedVersion: 1, section: 'remarks', content: { text: '覆盖' } } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'VERSION_CONFLICT', field: 'expectedVersion' });
    expect(eventCount()).toBe(before);
  });

  it('lets exactly one of two concurrent edits of the same version win', async () => {
    const { id } = await schedule();
    const before = eventCount();
    const results = await Promise.all(
      ['甲', '乙', '丙'].map((text) =>
        e1()(EDIT, { input: { interviewId: id, expectedVersion: 1, section: 'remarks', content: { text } } }),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'VERSION_CONFLICT')).toHaveLength(2);
    expect(eventCount()).toBe(before + 1);
  });

  it('rejects bad input with coded errors and leaves the log unchanged', async () => {
    const { id } = await schedule();
    const before = eventCount();
    const cases: Array<[Promise<{ errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }>, string, string | undefined]> = [
      [
        e1()(EDIT, { input: { interviewId: id, expectedVersion: 1, section: 'salary', content: {} } }),
        'SECTION_NOT_IN_TEMPLATE',
        'section',
      ],
      [
        e1()(EDIT, { input: { interviewId: id, expectedVersion: 1, section: 'remarks', content: { text: 'x'.repeat(20_001) } } }),
        'VALUE_TOO_LARGE',
        'content.text',
      ],
      // Free-form keys are no longer accepted: the error names the field that is not in the template.
      [
        e1()(EDIT, { input: { interviewId: id, expectedVersion: 1, section: 'remarks', content: { text: '内联写法', tags: ['a', 'b'] } } }),
        'FIELD_NOT_IN_TEMPLATE',
        'content.tags',
      ],
      [
        e1()(EDIT, { input: { interviewId: 'no-such-id', expectedVersion: 1, section: 'remarks', content: {} } }),
        'NOT_FOUND',
        'interviewId',
      ],
      [
        m1()(SCHEDULE, { input: { employeeId: 'E1', cycle: '2026-Q2', scheduledAt: '2026-02-30T10:00:00+08:00' } }),
        'INVALID_DATE',
        'scheduledAt',
      ],
      [m1()(SCHEDULE, { input: { employeeId: 'E1', cycle: '2026-Q2', scheduledAt: 'tomorrow' } }), 'INVALID_DATE', 'scheduledAt'],
      [m1()(SCHEDULE, { input: { employeeId: 'E1', cycle: 'Q2', scheduledAt: '2026-07-02T10:00:00+08:00' } }), 'INVALID_CYCLE', 'cycle'],
      // A manager learns nothing of the directory beyond their own reports; HR is told the id is unknown.
      [
        m1()(SCHEDULE, { input: { employeeId: 'NOBODY', cycle: '2026-Q2', scheduledAt: '2026-07-02T10:00:00+08:00' } }),
        'NOT_EMPLOYEES_MANAGER',
        'employeeId',
      ],
      [
        m1()(SCHEDULE, { input: { employeeId: 'E3', cycle: '2026-Q2', scheduledAt: '2026-07-02T10:00:00+08:00' } }),
        'NOT_EMPLOYEES_MANAGER',
        'employeeId',
      ],
      [
        hr()(SCHEDULE, { input: { employeeId: 'NOBODY', cycle: '2026-Q2', scheduledAt: '2026-07-02T10:00:00+08:00' } }),
        'NOT_FOUND',
        'employeeId',
      ],
      [e1()(EDIT, { input: { interviewId: id, expectedVersion: 1, section: 'remarks' } }), 'BAD_USER_INPUT', undefined],
      [e1()('query { interview(id: ) { id } }'), 'GRAPHQL_PARSE_FAILED', undefined],
      [e1()('query { interview(id: "x") { nope } }'), 'GRAPHQL_VALIDATION_FAILED', undefined],
      [e1()('query { interviews(first: 1000) { totalCount } }'), 'VALIDATION_FAILED', 'first'],
      [e1()('query { interviews(after: "garbage") { totalCount } }'), 'INVALID_CURSOR', 'after'],
    ];
    for (const [pending, code, field] of cases) {
      const result = await pending;
      expect(result.errors?.[0]?.extensions?.code).toBe(code);
      if (field) expect(result.errors?.[0]?.extensions?.field).toBe(field);
      expect(JSON.stringify(result.errors)).not.toMatch(/stacktrace|at Object\.|\.ts:\d+/);
    }
    expect(eventCount()).toBe(before);
  });

  it('shows an employee only their own interviews and a manager those of their reports', async () => {
    const mine = await schedule('E2', '2026-Q1', '2026-04-02T10:00:00+08:00');
    const other = await (async () => {
      const r = await hr()<{ scheduleInterview: { id: string } }>(SCHEDULE, {
        input: { employeeId: 'E3', cycle: '2026-Q1', scheduledAt: '2026-04-03T10:00:00+08:00' },
      });
      expect(r.errors).toBeUndefined();
      return r.data!.scheduleInterview;
    })();
    const LIST = `query($f: InterviewFilter) { interviews(filter: $f, first: 50) { totalCount edges { node { id employeeId } } } }`;
    const e2List = await e2()<{ interviews: { edges: Array<{ node: { id: string; employeeId: string } }> } }>(LIST);
    expect(e2List.data!.interviews.edges.map((e) => e.node.employeeId)).toEqual(expect.arrayContaining(['E2']));
    expect(new Set(e2List.data!.interviews.edges.map((e) => e.node.employeeId))).toEqual(new Set(['E2']));
    const m1List = await m1()<{ interviews: { edges: Array<{ node: { id: string; employeeId: string } }> } }>(LIST);
    expect(m1List.data!.interviews.edges.some((e) => e.node.id === mine.id)).toBe(true);
    expect(m1List.data!.interviews.edges.some((e) => e.node.id === other.id)).toBe(false);
    // Someone else's record does not exist for you: same answer as an unknown id.
    const peek = await e1()(DETAIL, { id: other.id });
    expect(peek.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(JSON.stringify(peek)).not.toContain('陈静');
    const history = await e1()(`query($id: ID!) { interviewHistory(id: $id) { version } }`, { id: other.id });
    expect(history.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // The auditor reads everything but edits nothing; an employee cannot schedule.
    expect((await auditor()(DETAIL, { id: other.id })).errors).toBeUndefined();
    const auditEdit = await auditor()(EDIT, { input: { interviewId: other.id, expectedVersion: 1, section: 'remarks', content: {} } });
    expect(auditEdit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const selfSchedule = await e1()(SCHEDULE, { input: { employeeId: 'E1', cycle: '2026-Q3', scheduledAt: '2026-10-02T10:00:00+08:00' } });
    expect(selfSchedule.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await gql.as(null)(DETAIL, { id: other.id });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('echoes an unknown id only as far as an id can go: the answer does not grow with the input', async () => {
    const huge = 'a'.repeat(100_000);
    const result = await e1()(`query($id: ID!) { interview(id: $id) { id } }`, { id: huge });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(JSON.stringify(result).length).toBeLessThan(1_000);
  });

  it('filters by department, cycle and status, and pages with cursors', async () => {
    for (let i = 0; i < 5; i++) await schedule('E1', '2025-H2', `2025-12-0${i + 1}T10:00:00+08:00`);
    const PAGE = `query($after: String) { interviews(filter: { cycle: "2025-H2", department: "生产部", status: scheduled }, first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { scheduledAt cycle } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const result: any = await hr()(PAGE, { after });
      expect(result.errors).toBeUndefined();
      const conn = result.data.interviews;
      expect(conn.totalCount).toBe(5);
      seen.push(...conn.edges.map((e: any) => e.node.scheduledAt));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toEqual(['2025-12-05', '2025-12-04', '2025-12-03', '2025-12-02', '2025-12-01'].map((d) => `${d}T02:00:00.000Z`));
  });

  it('replays history with actor, IP and field-level diffs, and rebuilds any version from the log', async () => {
    clock.set('2026-07-03T01:00:00.000Z');
    const { id } = await schedule();
    clock.set('2026-07-03T02:00:00.000Z');
    const byEmployee = await e1()(EDIT, {
      input: {
        interviewId: id,
        expectedVersion: 1,
        section: 'goalReview',
        content: { items: [{ goal: '产量', target: '1000件/天', actual: '950件/天' }] },
      },
    });
    expect(byEmployee.errors).toBeUndefined();
    clock.set('2026-07-03T03:00:00.000Z');
    // The actual result is the employee's to fill: the manager cannot rewrite it, and nothing is written.
    const countBefore = eventCount();
    const managerActual = await m1()(EDIT, {
      input: {
        interviewId: id,
        expectedVersion: 2,
        section: 'goalReview',
        content: { items: [{ id: 'G1', goal: '产量', target: '1000件/天', actual: '1020件/天' }] },
      },
    });
    expect(managerActual.errors?.[0]?.extensions).toMatchObject({ code: 'FIELD_NOT_FILLABLE', field: 'content.items[id=G1].actual' });
    expect(eventCount()).toBe(countBefore);
    // The target is filled by both, so the manager revises it (sending the item back with its id).
    const byManager = await m1()(EDIT, {
      input: {
        interviewId: id,
        expectedVersion: 2,
        section: 'goalReview',
        content: { items: [{ id: 'G1', goal: '产量', target: '900件/天', actual: '950件/天' }] },
      },
    });
    expect(byManager.errors).toBeUndefined();
    const history: any = await auditor()(
      `query($id: ID!) { interviewHistory(id: $id) { version eventType section actor ip at eventHash changes { path kind before after } } }`,
      { id },
    );
    expect(history.errors).toBeUndefined();
    const versions = history.data.interviewHistory;
    expect(versions.map((v: any) => [v.version, v.actor, v.ip])).toEqual([
      [1, 'M1', '10.0.0.9'],
      [2, 'E1', '10.0.0.21'],
      [3, 'M1', '10.0.0.9'],
    ]);
    expect(versions[2].at).toBe('2026-07-03T03:00:00.000Z');
    expect(versions[2].eventHash).toMatch(/^[0-9a-f]{64}$/);
    expect(versions[2].changes).toEqual([
      { path: 'sections.goalReview.items.0.target', kind: 'changed', before: '1000件/天', after: '900件/天' },
    ]);
    expect(versions[1].changes).toEqual([
      {
        path: 'sections.goalReview',
        kind: 'added',
        before: null,
        after: { items: [{ id: 'G1', goal: '产量', target: '1000件/天', actual: '950件/天' }] },
      },
    ]);

    const AT = `query($id: ID!, $v: Int, $asOf: String) { interviewAt(id: $id, version: $v, asOf: $asOf) { version sections } }`;
    const v2: any = await e1()(AT, { id, v: 2 });
    expect(v2.data.interviewAt).toEqual({
      version: 2,
      sections: { goalReview: { items: [{ id: 'G1', goal: '产量', target: '1000件/天', actual: '950件/天' }] } },
    });
    const asOf: any = await e1()(AT, { id, asOf: '2026-07-03T10:30:00+08:00' });
    expect(asOf.data.interviewAt.version).toBe(2);
    const before: any = await e1()(AT, { id, asOf: '2026-07-03T08:00:00+08:00' });
    expect(before.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'asOf' });
    const missing: any = await e1()(AT, { id, v: 9 });
    expect(missing.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'version' });
    const both: any = await e1()(AT, { id, v: 1, asOf: '2026-07-03T10:30:00+08:00' });
    expect(both.errors[0].extensions.code).toBe('VALIDATION_FAILED');
    const stranger: any = await e3()(AT, { id, v: 1 });
    expect(stranger.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('records who, when and from where on every sealed event', async () => {
    clock.set('2026-08-01T00:00:00.000Z');
    const { id } = await schedule();
    const events = await app.ledger.readStreamVerified(`interview-${id}`);
    expect(events).toHaveLength(1);
    expect(events[0]!.body.meta).toMatchObject({
      actor: 'M1',
      roles: ['manager', 'employee'],
      ip: '10.0.0.9',
      userAgent: 'jest',
      at: '2026-08-01T00:00:00.000Z',
    });
    expect(events[0]!.kid).toBe(app.keyring.activeKid);
  });
});
