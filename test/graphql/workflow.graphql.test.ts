/**
 * Workflow mutations and queries through the schema (executeOperation): sending a record back,
 * small uploads over GraphQL, HR fulfilling an approved support need, managers chasing overdue
 * tasks, completing an improvement task — with the coded errors of bad input.
 */
import type { App } from '../../src/server/app';
import { openTestApp, testApollo } from '../support/test-app';

type Result = { data?: any; errors?: ReadonlyArray<{ message: string; extensions?: Record<string, any> }> };

describe('GraphQL: workflow operations', () => {
  let app: App;
  let clock: Awaited<ReturnType<typeof openTestApp>>['clock'];
  let gql: Awaited<ReturnType<typeof testApollo>>;
  const hr = () => gql.as('HR1', ['hr', 'employee']);
  const m1 = () => gql.as('M1', ['manager', 'employee']);
  const e1 = () => gql.as('E1', ['employee']);
  const e2 = () => gql.as('E2', ['employee']);
  const ok = async (pending: Promise<Result>) => {
    const r = await pending;
    expect(r.errors).toBeUndefined();
    return r.data;
  };
  const err = async (pending: Promise<Result>) => (await pending).errors?.[0]?.extensions;
  const version = async (id: string) => (await ok(e1()(`query($id: ID!) { interview(id: $id) { version } }`, { id }))).interview.version;
  const edit = async (who: ReturnType<typeof e1>, id: string, section: string, content: unknown) =>
    ok(
      who(`mutation($input: EditSectionInput!) { editInterviewSection(input: $input) { version } }`, {
        input: { interviewId: id, expectedVersion: await version(id), section, content },
      }),
    );
  const submit = (who: ReturnType<typeof e1>, id: string, step: string) =>
    who(
      `mutation($id: ID!, $step: String!) { submitStep(interviewId: $id, step: $step) { workflow { step history { from to reason } } } }`,
      { id, step },
    );

  beforeAll(async () => {
    ({ app, clock } = await openTestApp());
    gql = await testApollo(app);
  });
  afterAll(async () => {
    await gql.server.stop();
    await app.close();
  });

  it('production-line: send back with a reason, upload over GraphQL, fulfil a need, chase and complete tasks', async () => {
    clock.set('2026-07-01T01:00:00.000Z');
    const { scheduleInterview } = await ok(
      m1()(
        `mutation { scheduleInterview(input: { employeeId: "E1", cycle: "2026-Q3", scheduledAt: "2026-07-03T10:00:00+08:00" }) { id flowId workflow { step } } }`,
      ),
    );
    const id: string = scheduleInterview.id;
    expect(scheduleInterview).toMatchObject({ flowId: 'production-line', workflow: { step: 'self_assessment' } });

    // A small photo over GraphQL; a forbidden type and a mismatched type are refused.
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('line-2 jam')]).toString(
      'base64',
    );
    const UPLOAD = `mutation($id: ID!, $name: String!, $type: String!, $b64: String!) { uploadAttachment(interviewId: $id, fileName: $name, mediaType: $type, contentBase64: $b64) { attachments { sha256 name size } } }`;
    expect(await err(e1()(UPLOAD, { id, name: 'run.exe', type: 'application/x-msdownload', b64: png }))).toMatchObject({
      code: 'ATTACHMENT_TYPE_FORBIDDEN',
    });
    expect(await err(e1()(UPLOAD, { id, name: 'jam.pdf', type: 'application/pdf', b64: png }))).toMatchObject({
      code: 'ATTACHMENT_TYPE_MISMATCH',
    });
    expect(await err(e2()(UPLOAD, { id, name: 'jam.png', type: 'image/png', b64: png }))).toMatchObject({ code: 'NOT_FOUND' });
    const uploaded = (await ok(e1()(UPLOAD, { id, name: '卡料.png', type: 'image/png', b64: png }))).uploadAttachment.attachments;
    expect(uploaded).toHaveLength(1);
    expect(await app.attachments.get(uploaded[0].sha256)).toEqual(Buffer.from(png, 'base64'));

    await edit(e1(), id, 'goalReview', { items: [{ goal: '日产量', target: '1000 件', actual: '960 件' }] });
    await edit(e1(), id, 'highlights', { items: [{ case: '发现 2 号线送料机构磨损并提前报修，避免停线', data: '减少停线 6 小时' }] });
    await edit(e1(), id, 'problems', {
      items: [{ problem: '送料机构卡料', cause: '导轨磨损', measures: '每班点检导轨', attachments: [{ sha256: uploaded[0].sha256 }] }],
    });
    await edit(e1(), id, 'nextGoals', {
      goals: [{ goal: '日产量', target: '1000 件' }],
      supportNeeds: [{ type: 'resource', need: '备用导轨 2 套' }],
    });
    await ok(submit(e1(), id, 'self_assessment'));

    // The team lead sends it back to the self-assessment with a reason; the reason is required.
    const RETURN = `mutation($id: ID!, $to: String!, $reason: String!) { returnStep(interviewId: $id, toStep: $to, reason: $reason) { status workflow { step history { from to reason } } } }`;
    expect(await err(m1()(RETURN, { id, to: 'self_assessment', reason: '  ' }))).toMatchObject({ code: 'REQUIRED', field: 'reason' });
    expect(await err(m1()(RETURN, { id, to: 'signatures', reason: '跳过' }))).toMatchObject({
      code: 'NOT_AN_EARLIER_STEP',
      field: 'toStep',
    });
    const back = (await ok(m1()(RETURN, { id, to: 'self_assessment', reason: '实际产量请按班次分开填写' }))).returnStep;
    expect(back.workflow.step).toBe('self_assessment');
    expect(back.workflow.history.at(-1)).toEqual({ from: 'meeting_review', to: 'self_assessment', reason: '实际产量请按班次分开填写' });
    await edit(e1(), id, 'goalReview', { items: [{ id: 'G1', goal: '日产量', target: '1000 件', actual: '早班 980 件，晚班 940 件' }] });
    await ok(submit(e1(), id, 'self_assessment'));

    // Meeting and review at once on the production line: the team lead scores and completes it.
    await edit(m1(), id, 'goalReview', {
      items: [{ id: 'G1', goal: '日产量', target: '1000 件', actual: '早班 980 件，晚班 940 件', achievement: 96 }],
    });
    await ok(submit(m1(), id, 'meeting_review'));
    await edit(m1(), id, 'improvementPlan', {
      consensus: '先解决卡料',
      items: [
        {
          action: '每班开机前点检送料导轨并记录',
          metric: '卡料停线次数',
          target: '≤ 1 次/月',
          ownerId: 'E1',
          deadline: '2026-07-20',
          linkedTo: 'P1',
        },
      ],
    });
    const v = await version(id);
    await ok(
      m1()(`mutation($input: EvaluateSupportNeedInput!) { evaluateSupportNeed(input: $input) { version } }`, {
        input: { interviewId: id, expectedVersion: v, needId: 'S1', decision: 'approved', reason: '设备科本周备货' },
      }),
    );
    await ok(submit(m1(), id, 'improvement_plan'));

    // HR fulfils the approved need; it leaves the open list.
    const FULFIL = `mutation($id: ID!, $need: String!, $note: String!) { fulfilSupportNeed(interviewId: $id, needId: $need, note: $note) { id } }`;
    expect(await err(m1()(FULFIL, { id, need: 'S1', note: '已领取' }))).toMatchObject({ code: 'FORBIDDEN' });
    await ok(hr()(FULFIL, { id, need: 'S1', note: '设备科已发放备用导轨 2 套' }));
    expect(await err(hr()(FULFIL, { id, need: 'S1', note: '再次' }))).toMatchObject({ code: 'ILLEGAL_STATE' });
    expect((await ok(hr()(`query { supportNeeds { needId } }`))).supportNeeds).toEqual([]);
    expect((await ok(hr()(`query { supportNeeds(openOnly: false) { needId status fulfilment } }`))).supportNeeds).toEqual([
      { needId: 'S1', status: 'fulfilled', fulfilment: expect.objectContaining({ note: '设备科已发放备用导轨 2 套', by: 'HR1' }) },
    ]);

    // Past the task's deadline the manager sees it overdue; the owner completes it.
    clock.set('2026-07-22T02:00:00.000Z');
    const overdue = (await ok(m1()(`query { tasks(overdueOnly: true) { kind subject assigneeId overdue } }`))).tasks;
    expect(overdue).toEqual(expect.arrayContaining([{ kind: 'improvement', subject: 'I1', assigneeId: 'E1', overdue: true }]));
    expect(await err(e2()(`mutation($id: ID!) { completeTask(interviewId: $id, taskId: "I1") { id } }`, { id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    await ok(e1()(`mutation($id: ID!) { completeTask(interviewId: $id, taskId: "I1", note: "已连续三周无卡料") { id } }`, { id }));
    expect((await ok(e1()(`query { myTasks(status: "done") { subject kind } }`))).myTasks).toEqual(
      expect.arrayContaining([{ subject: 'I1', kind: 'improvement' }]),
    );
    expect(
      await err(e1()(`mutation($id: ID!) { reportTaskProgress(interviewId: $id, taskId: "I1", progress: 10) { id } }`, { id })),
    ).toMatchObject({ code: 'TASK_CLOSED' });
  });
});
