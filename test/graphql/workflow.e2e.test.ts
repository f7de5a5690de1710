/**
 * One interview walked end to end through the real server (HTTP + WebSocket), with the clock
 * injected: last period's agreed goal carried over, a vague highlight rejected, an attachment,
 * every step of the staff flow in order, a SMART plan that becomes tasks, an evaluated support
 * need, reminders and an overdue escalation — then both sides sign and the record locks.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { generateKeyPair, publicKeyBase64, signInterview as clientSign, type SignerKeyPair } from '../../src/client/signer';
import { mintToken } from '../../src/graphql/auth';
import type { App } from '../../src/server/app';
import { startServer, type RunningServer } from '../../src/server/http-server';
import type { SqliteEventStore } from '../../src/store/sqlite-event-store';
import { openTestApp } from '../support/test-app';
import { withTimeout } from '../support/timeout';

type Gql = { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }> };

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('设备照片 demo bytes')]);

describe('workflow end to end over HTTP: staff flow from scheduling to signatures', () => {
  let app: App;
  let server: RunningServer;
  let clock: Awaited<ReturnType<typeof openTestApp>>['clock'];
  const keys = new Map<string, { pair: SignerKeyPair; kid: string }>();
  const roles: Record<string, string[]> = { HR1: ['hr', 'employee'], M2: ['manager', 'employee'], E3: ['employee'] };
  const token = (id: string) => `Bearer ${mintToken(app.localTokens!, { id, roles: roles[id] as any })}`;

  async function gql(as: string, query: string, variables: Record<string, unknown> = {}): Promise<Gql> {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: token(as), 'user-agent': `e2e/${as}` },
      body: JSON.stringify({ query, variables }),
    });
    // Parsed in the test's realm: the client's JSON check wants this realm's plain objects (jest runs tests in a vm context).
    return JSON.parse(await response.text()) as Gql;
  }
  async function ok(as: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
    const result = await gql(as, query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  }
  async function fails(as: string, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, any>> {
    const result = await gql(as, query, variables);
    expect(result.data ?? null).toBeNull();
    return result.errors![0]!.extensions!;
  }
  const events = () => (app.store as SqliteEventStore).countSync();

  const SCHEDULE = `mutation($input: ScheduleInterviewInput!) { scheduleInterview(input: $input) { id version templateId templateVersion flowId sections
    workflow { step stepIndex stepCount dueAt pendingActorIds } } }`;
  const EDIT = `mutation($input: EditSectionInput!) { editInterviewSection(input: $input) { version sections } }`;
  const SUBMIT = `mutation($id: ID!, $step: String!) { submitStep(interviewId: $id, step: $step) { version status workflow { step dueAt pendingActorIds history { from to by } } improvementTasks { taskId ownerId deadline status progress } } }`;
  const DETAIL = `query($id: ID!) { interview(id: $id) { version status lockedAt sections attachments { sha256 name mediaType size url }
    workflow { step dueAt overdue pendingActorIds } qualityFindings { field code missing } improvementTasks { taskId status progress } } }`;
  const MESSAGE = `query($id: ID!, $version: Int!, $role: SignatureRole!) { signingMessage(interviewId: $id, version: $version, role: $role) { content message } }`;
  const SIGN = `mutation($input: SignInterviewInput!) { signInterview(input: $input) { version status lockedAt } }`;
  const REMIND = `mutation { runReminders { considered recorded } }`;
  const NOTES = `query { notifications { interviewId kind workKind subject message messageEn recipientIds recipientRoles fireAt dueAt } }`;

  async function edit(as: string, id: string, section: string, content: unknown): Promise<number> {
    const { interview } = await ok(as, DETAIL, { id });
    const data = await ok(as, EDIT, { input: { interviewId: id, expectedVersion: interview.version, section, content } });
    return data.editInterviewSection.version;
  }
  async function editFails(as: string, id: string, section: string, content: unknown) {
    const { interview } = await ok(as, DETAIL, { id });
    return fails(as, EDIT, { input: { interviewId: id, expectedVersion: interview.version, section, content } });
  }
  async function sign(as: string, id: string, role: 'employee' | 'manager') {
    const { interview } = await ok(as, DETAIL, { id });
    const { signingMessage: m } = await ok(as, MESSAGE, { id, version: interview.version, role });
    const key = keys.get(as)!;
    const signed = clientSign(
      { interviewId: id, version: interview.version, role, signerId: as, content: m.content, expectedMessage: m.message },
      key.pair.secretKey,
    );
    return ok(as, SIGN, { input: { interviewId: id, version: interview.version, role, kid: signed.kid, signature: signed.signature } });
  }

  beforeAll(async () => {
    ({ app, clock } = await openTestApp());
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
    for (const id of ['E3', 'M2']) {
      const pair = generateKeyPair();
      const { registerSigningKey } = await ok(
        id,
        `mutation($p: ID!, $k: String!) { registerSigningKey(personId: $p, publicKey: $k) { kid } }`,
        { p: id, k: publicKeyBase64(pair) },
      );
      keys.set(id, { pair, kid: registerSigningKey.kid });
    }
  });
  afterAll(async () => {
    await server.stop();
    await app.close();
  });

  it('walks every step, enforcing the template and the flow, with reminders and escalation', async () => {
    // ---- last period: a single-session record whose agreed next-period goal carries over ----
    clock.set('2026-04-01T02:00:00.000Z');
    const previous = (
      await ok('M2', SCHEDULE, {
        input: { employeeId: 'E3', cycle: '2026-Q1', scheduledAt: '2026-04-02T10:00:00+08:00', templateId: 'standard-v1' },
      })
    ).scheduleInterview;
    expect(previous).toMatchObject({ templateId: 'standard-v1', flowId: 'single-session', workflow: { step: 'record', stepCount: 1 } });
    await edit('E3', previous.id, 'nextGoals', { goals: [{ goal: '订单服务接口 P99 延迟', target: '≤ 200 ms' }] });
    await sign('E3', previous.id, 'employee');
    expect((await sign('M2', previous.id, 'manager')).signInterview.status).toBe('locked');

    // ---- scheduling picks the R&D template and the staff flow from the directory ----
    clock.set('2026-07-01T01:00:00.000Z'); // Wednesday 09:00 in Shanghai
    const scheduled = (
      await ok('M2', SCHEDULE, { input: { employeeId: 'E3', cycle: '2026-Q3', scheduledAt: '2026-07-08T10:00:00+08:00' } })
    ).scheduleInterview;
    const id: string = scheduled.id;
    expect(scheduled).toMatchObject({
      templateId: 'rnd-staff',
      // The built-in's latest version: 2 declares the R&D performance dimensions.
      templateVersion: 2,
      flowId: 'staff-review',
      // Three business days from Wednesday: Monday 6 July, due 18:00 Shanghai.
      workflow: { step: 'self_assessment', stepIndex: 0, stepCount: 5, dueAt: '2026-07-06T10:00:00.000Z', pendingActorIds: ['E3'] },
    });
    // The goal agreed last period is this period's first goal to review.
    expect(scheduled.sections.goalReview.items).toEqual([
      {
        id: 'G1',
        goal: '订单服务接口 P99 延迟',
        target: '≤ 200 ms',
        carriedFrom: { interviewId: previous.id, cycle: '2026-Q1', goalId: 'N1' },
      },
    ]);
    const tasksOf = async (as: string) =>
      (await ok(as, `query { myTasks { kind subject status dueAt interviewId } }`)).myTasks.filter((t: any) => t.interviewId === id);
    expect(await tasksOf('E3')).toEqual([
      { kind: 'step', subject: 'self_assessment', status: 'open', dueAt: '2026-07-06T10:00:00.000Z', interviewId: id },
    ]);

    // ---- self-assessment: the employee writes; the manager and the wrong sections are refused ----
    expect(await editFails('M2', id, 'goalReview', { items: [{ id: 'G1', goal: 'x', target: 'y' }] })).toMatchObject({
      code: 'STEP_ROLE_FORBIDDEN',
      field: 'section',
    });
    expect(await editFails('E3', id, 'remarks', { text: '自评阶段不写备注' })).toMatchObject({ code: 'SECTION_NOT_EDITABLE_AT_STEP' });
    expect(
      await editFails('E3', id, 'goalReview', {
        items: [{ id: 'G1', goal: '订单服务接口 P99 延迟', target: '≤ 200 ms', achievement: 120 }],
      }),
    ).toMatchObject({
      code: 'FIELD_NOT_FILLABLE',
      field: 'content.items[id=G1].achievement',
    });
    await edit('E3', id, 'goalReview', {
      items: [
        { id: 'G1', goal: '订单服务接口 P99 延迟', target: '≤ 200 ms', actual: 'P99 180 ms', selfComment: '引入缓存后稳定达标' },
        { goal: '代码评审覆盖率', target: '100%', actual: '96%' },
      ],
    });
    await edit('E3', id, 'nextGoals', {
      goals: [{ goal: '支付服务可用性', target: '≥ 99.95%' }],
      supportNeeds: [{ type: 'training', need: 'Kubernetes 运维培训（CKA）' }],
    });
    // A vague highlight: no case, no figure, only stock phrases. It is saved as a draft with a warning...
    await edit('E3', id, 'highlights', { items: [{ case: '表现正常，继续努力', data: '良好' }] });
    expect((await ok('E3', DETAIL, { id })).interview.qualityFindings).toEqual([
      { field: 'highlights.items[0].case', code: 'VAGUE_HIGHLIGHT', missing: ['case', 'figure'] },
    ]);
    // ...and the template blocks its submission, saying precisely what is missing, writing nothing.
    const before = events();
    const vague = await fails('E3', SUBMIT, { id, step: 'self_assessment' });
    expect(vague).toMatchObject({ code: 'VAGUE_HIGHLIGHT', field: 'highlights.items[0].case', details: { missing: ['case', 'figure'] } });
    expect(events()).toBe(before);
    await edit('E3', id, 'highlights', {
      items: [
        { id: 'H1', title: '订单服务性能优化', case: '定位慢查询并为订单查询加二级缓存，压测后上线', data: 'P99 从 320 ms 降到 180 ms' },
      ],
    });

    // An attachment: bytes over HTTP, content-addressed; the problem references its SHA-256.
    const upload = await fetch(`${server.url.replace(/\/graphql$/, '')}/attachments/${id}`, {
      method: 'POST',
      headers: { authorization: token('E3'), 'content-type': 'image/png', 'x-file-name': encodeURIComponent('慢查询截图.png') },
      body: PNG,
    });
    expect(upload.status).toBe(201);
    const attachment = (await upload.json()) as { sha256: string; url: string };
    await edit('E3', id, 'problems', {
      items: [
        {
          problem: '测试环境数据库与生产配置不一致',
          cause: '环境由各组手工维护，没有统一的配置基线',
          measures: '由平台组提供配置基线并每周比对',
          attachments: [{ sha256: attachment.sha256 }, { url: 'https://wiki.example.com/db-baseline', title: '配置基线' }],
        },
      ],
    });
    expect((await ok('E3', DETAIL, { id })).interview.attachments).toEqual([
      { sha256: attachment.sha256, name: '慢查询截图.png', mediaType: 'image/png', size: PNG.length, url: attachment.url },
    ]);

    // ---- reminders: before due to the employee; overdue to employee and manager; after 3 days to HR ----
    const messages: any[] = [];
    const ws: Client = createClient({
      url: server.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: token('M2') },
      lazy: false,
    });
    const received = new Promise<void>((resolve, reject) => {
      ws.subscribe(
        { query: 'subscription { notificationAdded { interviewId kind recipientIds } }' },
        {
          next: (message) => {
            messages.push(message.data?.notificationAdded);
            if (messages.length === 1) resolve();
          },
          error: reject,
          complete: () => undefined,
        },
      );
    });
    await new Promise((r) => setTimeout(r, 200)); // let the subscription start

    clock.set('2026-07-06T01:30:00.000Z'); // Monday 09:30: the Sunday reminder moved to Monday 09:00
    expect((await ok('HR1', REMIND)).runReminders.recorded).toBe(1);
    const early = (await ok('E3', NOTES)).notifications.filter((n: any) => n.interviewId === id);
    expect(early).toEqual([
      expect.objectContaining({
        kind: 'before_due',
        workKind: 'step',
        subject: 'self_assessment',
        recipientIds: ['E3'],
        recipientRoles: [],
        dueAt: '2026-07-06T10:00:00.000Z',
      }),
    ]);
    expect(early[0].message).toContain('员工自评');

    clock.set('2026-07-09T01:30:00.000Z'); // Thursday 09:30: due Monday 18:00, +1 day Tuesday 09:00, +3 days Thursday 09:00
    const sweep = (await ok('HR1', REMIND)).runReminders;
    expect(sweep.recorded).toBe(3);
    const managerNotes = (await ok('M2', NOTES)).notifications.filter((n: any) => n.interviewId === id);
    // A missing self-assessment reminds the employee and the manager.
    expect(managerNotes.map((n: any) => [n.kind, n.recipientIds])).toEqual(
      expect.arrayContaining([
        ['due', ['E3', 'M2']],
        ['overdue', ['E3', 'M2']],
      ]),
    );
    const hrNotes = (await ok('HR1', NOTES)).notifications.filter((n: any) => n.interviewId === id);
    expect(hrNotes).toEqual([expect.objectContaining({ kind: 'overdue', recipientRoles: ['hr'], fireAt: '2026-07-09T01:00:00.000Z' })]);
    expect(hrNotes[0].messageEn).toMatch(/overdue/i);
    // A second sweep (or a second instance, or a restart) sends nothing twice.
    const recorded = events();
    expect((await ok('HR1', REMIND)).runReminders.recorded).toBe(0);
    expect(events()).toBe(recorded);
    await withTimeout(received, 5000, 'no notification over the subscription');
    expect(messages[0]).toMatchObject({ interviewId: id, recipientIds: expect.arrayContaining(['M2']) });
    await ws.dispose();
    expect((await ok('E3', DETAIL, { id })).interview.workflow).toMatchObject({ step: 'self_assessment', overdue: true });

    // The employee completes the self-assessment; repeating the submission cannot skip the next step.
    const afterSelf = (await ok('E3', SUBMIT, { id, step: 'self_assessment' })).submitStep;
    expect(afterSelf.workflow).toMatchObject({
      step: 'manager_review',
      pendingActorIds: ['M2'],
      history: [{ from: 'self_assessment', to: 'manager_review', by: 'E3' }],
    });
    expect(await fails('E3', SUBMIT, { id, step: 'self_assessment' })).toMatchObject({
      code: 'WRONG_STEP',
      details: { step: 'manager_review' },
    });
    expect(await fails('E3', SUBMIT, { id, step: 'manager_review' })).toMatchObject({ code: 'STEP_ROLE_FORBIDDEN' });

    // ---- manager review ----
    const goals = (await ok('M2', DETAIL, { id })).interview.sections.goalReview.items;
    const reviewed = goals.map((g: any, i: number) => ({
      ...g,
      achievement: i === 0 ? 110 : 96,
      comment: i === 0 ? '达成且稳定' : '接近目标',
    }));
    expect(await fails('M2', SUBMIT, { id, step: 'manager_review' })).toMatchObject({
      code: 'REQUIRED_FIELD_MISSING',
      field: 'goalReview.items[0].achievement',
    });
    await edit('M2', id, 'goalReview', { items: reviewed, summary: '本季度交付稳定，性能改进有数据支撑' });
    await ok('M2', SUBMIT, { id, step: 'manager_review' });

    // ---- interview meeting: both write, the manager completes ----
    await edit('E3', id, 'remarks', { text: '面谈中确认了培训需求的优先级' });
    expect(await fails('E3', SUBMIT, { id, step: 'meeting' })).toMatchObject({
      code: 'STEP_ROLE_FORBIDDEN',
      details: { completedBy: 'manager' },
    });
    await ok('M2', SUBMIT, { id, step: 'meeting' });

    // ---- improvement plan: SMART, with an owner among the parties and a deadline ahead ----
    const item = {
      action: '为测试环境建立数据库配置基线并每周自动比对',
      metric: '配置差异项数',
      target: '0 项',
      ownerId: 'E3',
      deadline: '2026-09-30',
      linkedTo: 'P1',
    };
    expect(
      await editFails('M2', id, 'improvementPlan', { consensus: '先统一环境', items: [{ ...item, deadline: '2026-07-01' }] }),
    ).toMatchObject({
      code: 'DEADLINE_IN_PAST',
      field: 'content.items[0].deadline',
    });
    expect(await editFails('M2', id, 'improvementPlan', { consensus: '先统一环境', items: [{ ...item, ownerId: 'E1' }] })).toMatchObject({
      code: 'OWNER_NOT_PARTICIPANT',
      field: 'content.items[0].ownerId',
    });
    await edit('M2', id, 'improvementPlan', { consensus: '先统一环境', items: [{ ...item, target: '显著减少' }] });
    expect(await fails('M2', SUBMIT, { id, step: 'improvement_plan' })).toMatchObject({
      code: 'SMART_INCOMPLETE',
      field: 'improvementPlan.items[0].target',
      details: { missing: ['measurable'] },
    });
    await edit('M2', id, 'improvementPlan', { consensus: '先统一环境，再推进自动化', items: [{ id: 'I1', ...item }] });
    expect(await fails('M2', SUBMIT, { id, step: 'improvement_plan' })).toMatchObject({
      code: 'SUPPORT_NEED_UNEVALUATED',
      details: { needId: 'S1' },
    });

    // The manager evaluates the support need; HR sees it among open needs across departments.
    const { interview: current } = await ok('M2', DETAIL, { id });
    expect(
      await fails('E3', `mutation($input: EvaluateSupportNeedInput!) { evaluateSupportNeed(input: $input) { version } }`, {
        input: { interviewId: id, expectedVersion: current.version, needId: 'S1', decision: 'approved', reason: '自评' },
      }),
    ).toMatchObject({ code: 'FORBIDDEN' });
    await ok('M2', `mutation($input: EvaluateSupportNeedInput!) { evaluateSupportNeed(input: $input) { version } }`, {
      input: {
        interviewId: id,
        expectedVersion: current.version,
        needId: 'S1',
        decision: 'partly',
        reason: '公司承担 CKA 培训，考试费用个人承担',
      },
    });
    const needs = (await ok('HR1', `query { supportNeeds { interviewId needId type status department evaluation } }`)).supportNeeds;
    expect(needs).toEqual([
      {
        interviewId: id,
        needId: 'S1',
        type: 'training',
        status: 'partly',
        department: '研发中心',
        evaluation: expect.objectContaining({ decision: 'partly', by: 'M2' }),
      },
    ]);

    // Completing the plan step turns each plan item into a task in the owner's list.
    const planned = (await ok('M2', SUBMIT, { id, step: 'improvement_plan' })).submitStep;
    expect(planned.improvementTasks).toEqual([{ taskId: 'I1', ownerId: 'E3', deadline: '2026-09-30', status: 'open', progress: 0 }]);
    expect(planned.workflow).toMatchObject({ step: 'signatures', pendingActorIds: ['E3', 'M2'] });
    expect(await tasksOf('E3')).toEqual(
      expect.arrayContaining([
        { kind: 'step', subject: 'signatures', status: 'open', dueAt: planned.workflow.dueAt, interviewId: id },
        { kind: 'improvement', subject: 'I1', status: 'open', dueAt: '2026-09-30', interviewId: id },
      ]),
    );

    // ---- signatures: the employee signs, then the manager, and the record locks ----
    expect((await sign('E3', id, 'employee')).signInterview.status).toBe('awaiting_signatures');
    expect((await ok('M2', DETAIL, { id })).interview.workflow.pendingActorIds).toEqual(['M2']);
    const locked = (await sign('M2', id, 'manager')).signInterview;
    expect(locked.status).toBe('locked');
    expect((await tasksOf('M2')).filter((t: any) => t.status === 'open' && t.kind === 'step')).toEqual([]);

    // Follow-up after the lock: progress on the task is an event too.
    const progressed = await ok(
      'E3',
      `mutation($id: ID!) { reportTaskProgress(interviewId: $id, taskId: "I1", progress: 50, note: "基线已建立") { improvementTasks { taskId status progress } } }`,
      { id },
    );
    expect(progressed.reportTaskProgress.improvementTasks).toEqual([{ taskId: 'I1', status: 'open', progress: 50 }]);

    // The history shows every step move, by whom.
    const history = (await ok('HR1', `query($id: ID!) { interviewHistory(id: $id) { eventType actor } }`, { id })).interviewHistory;
    expect(history.filter((h: any) => h.eventType === 'InterviewStepAdvanced').map((h: any) => h.actor)).toEqual(['E3', 'M2', 'M2', 'M2']);
    expect(history.map((h: any) => h.eventType)).toEqual(
      expect.arrayContaining([
        'InterviewAttachmentAdded',
        'SupportNeedEvaluated',
        'ImprovementPlanAgreed',
        'InterviewLocked',
        'ImprovementTaskProgressed',
      ]),
    );
  });
});
