/**
 * Templates, flows and the workflow in the interview decider: scheduling snapshots, steps (who
 * acts, what they write, in which order), content rules, quality rules at submission, support
 * needs, the improvement plan and its tasks, attachments, and a full walk to a locked record.
 *
 * Most specs run staff-general on staff-review:
 *   self_assessment (employee) → manager_review (manager) → meeting (both, manager completes)
 *   → improvement_plan (both, manager completes, evaluates needs) → signatures.
 * Due times are worked out by hand for the default calendar (Asia/Shanghai, 18:00, Mon–Fri).
 */
import { interviewDecider } from '../../src/domain/interview/decider';
import { canonicalJson } from '../../src/crypto/canonical-json';
import { ed25519Sign, privateKeyFromSeed, rawPublicKey } from '../../src/crypto/ed25519';
import { keyIdOf } from '../../src/crypto/key-id';
import type { CommandMeta, Role } from '../../src/domain/command';
import {
  ForbiddenError,
  IllegalStateError,
  NotFoundError,
  RuleError,
  ValidationError,
  VersionConflictError,
} from '../../src/domain/errors';
import {
  evolve,
  initialState,
  qualityFindings,
  type AddInterviewAttachment,
  type AdvanceStep,
  type CarriedGoal,
  type CompleteTask,
  type EditInterviewSection,
  type EvaluateSupportNeed,
  type ExistingInterview,
  type FulfilSupportNeed,
  type Interview,
  type InterviewCommand,
  type InterviewEvent,
  type InterviewScheduled,
  type NeedEvaluation,
  type PlanTask,
  type ReportTaskProgress,
  type ReturnStep,
  type ScheduleInterview,
  type SignerKey,
  type SignInterview,
} from '../../src/domain/interview/interview';
import { contentDigest, signingMessage, SigningRuleError, type SignatureRole } from '../../src/domain/interview/signing';
import { findTemplate, type InterviewTemplate } from '../../src/domain/interview/template';
import type { JsonObject } from '../../src/domain/limits';
import { BUILTIN_FLOWS, type FlowDefinition } from '../../src/domain/workflow/flow';
import { GIVEN_AT, specFor } from '../support/given-when-then';

const { given } = specFor(interviewDecider);

// ---- time ------------------------------------------------------------------------------------------
// Thursday 2026-06-18 10:00 in Shanghai. Commands happen at NOW unless the spec is about time.
const NOW = '2026-06-18T02:00:00.000Z';
// The walk's submissions, each a little later, so that every step's due time differs.
const T_SELF_DONE = '2026-06-19T09:00:00.000Z'; // Fri 17:00 Shanghai
const T_REVIEW_DONE = '2026-06-24T03:00:00.000Z'; // Wed 11:00
const T_MEETING_DONE = '2026-06-26T08:00:00.000Z'; // Fri 16:00
const T_PLAN_DONE = '2026-06-29T02:00:00.000Z'; // Mon 10:00
const T_SIGNED = '2026-06-30T01:00:00.000Z'; // Tue 09:00

// Due times, 18:00 Shanghai = 10:00 UTC, business days only. From NOW (Thursday):
const IN_2 = '2026-06-22T10:00:00.000Z'; // + 2 (Fri, Mon)
const IN_3 = '2026-06-23T10:00:00.000Z'; // + 3 (Fri, Mon, Tue)
const IN_5 = '2026-06-25T10:00:00.000Z'; // + 5 (Fri, Mon, Tue, Wed, Thu)
const DUE_SELF = IN_3;
// And from the walk's submissions:
const DUE_REVIEW = '2026-06-24T10:00:00.000Z'; // Fri 17:00 + 3 (Mon, Tue, Wed)
const DUE_MEETING = '2026-07-01T10:00:00.000Z'; // Wed + 5 (Thu, Fri, Mon, Tue, Wed)
const DUE_PLAN = '2026-06-30T10:00:00.000Z'; // Fri + 2 (Mon, Tue)
const DUE_SIGNATURES = '2026-07-01T10:00:00.000Z'; // Mon + 2 (Tue, Wed)

// ---- people ----------------------------------------------------------------------------------------
const meta = (actor: string, ...roles: Role[]): CommandMeta => ({ actor, roles, ip: '203.0.113.7', now: NOW, commandId: `cmd-${actor}` });
const at = (by: CommandMeta, now: string): CommandMeta => ({ ...by, now });

const EMPLOYEE = meta('emp-1', 'employee');
const MANAGER = meta('mgr-1', 'manager', 'employee');
const PARTICIPANT = meta('peer-1', 'employee');
const STRANGER = meta('emp-9', 'employee');
const HR = meta('hr-1', 'hr');
const AUDITOR = meta('aud-1', 'auditor');

const ID = 'iv-2026-0001';

// ---- templates and flows ---------------------------------------------------------------------------
const STAFF = findTemplate('staff-general')!;
const PRODUCTION = findTemplate('production-staff')!;
const STANDARD = findTemplate('standard-v1')!;
const STAFF_REVIEW = BUILTIN_FLOWS.get('staff-review')!;
const PRODUCTION_LINE = BUILTIN_FLOWS.get('production-line')!;
const MANAGEMENT_REVIEW = BUILTIN_FLOWS.get('management-review')!;
const SINGLE_SESSION = BUILTIN_FLOWS.get('single-session')!;

// ---- events ----------------------------------------------------------------------------------------
const scheduledWith = (
  template: InterviewTemplate,
  flow: FlowDefinition,
  overrides: Partial<InterviewScheduled['data']> = {},
): InterviewScheduled => ({
  type: 'InterviewScheduled',
  data: {
    interviewId: ID,
    templateId: template.id,
    version: 1,
    templateVersion: template.version,
    template,
    flow,
    dueAt: DUE_SELF,
    employeeId: 'emp-1',
    managerId: 'mgr-1',
    participantIds: ['peer-1'],
    department: '研发中心',
    position: '高级工程师',
    cycle: '2026-H1',
    scheduledAt: '2026-07-01T01:30:00.000Z',
    location: '3F 会议室',
    ...overrides,
  },
});
const SCHEDULED = scheduledWith(STAFF, STAFF_REVIEW);

const edited = (section: string, content: JsonObject, version: number): InterviewEvent => ({
  type: 'InterviewSectionEdited',
  data: { interviewId: ID, version, section, content },
});

const advanced = (from: string, to: string, transition: number, by: string, when: string, dueAt: string): InterviewEvent => ({
  type: 'InterviewStepAdvanced',
  data: { interviewId: ID, from, to, transition, by, at: when, dueAt },
});

const returned = (
  from: string,
  to: string,
  transition: number,
  by: string,
  when: string,
  dueAt: string,
  reason: string,
): InterviewEvent => ({
  type: 'InterviewStepReturned',
  data: { interviewId: ID, from, to, transition, by, at: when, dueAt, reason },
});

const needEvaluated = (needId: string, evaluation: NeedEvaluation, version: number): InterviewEvent => ({
  type: 'SupportNeedEvaluated',
  data: { interviewId: ID, version, needId, evaluation },
});

const planAgreed = (version: number, tasks: PlanTask[], cancelled: string[] = []): InterviewEvent => ({
  type: 'ImprovementPlanAgreed',
  data: { interviewId: ID, version, tasks, cancelled },
});

const attachmentAdded = (sha256: string, by = 'emp-1'): InterviewEvent => ({
  type: 'InterviewAttachmentAdded',
  data: {
    interviewId: ID,
    sha256,
    name: '缺陷统计.xlsx',
    mediaType: 'application/vnd.ms-excel',
    size: 2048,
    uploadedBy: by,
    uploadedAt: NOW,
  },
});

const locked = (version: number, when = T_SIGNED): InterviewEvent => ({
  type: 'InterviewLocked',
  data: { interviewId: ID, version, lockedAt: when },
});

// ---- commands --------------------------------------------------------------------------------------
const edit = (by: CommandMeta, section: string, content: unknown, expectedVersion: number): EditInterviewSection => ({
  type: 'EditInterviewSection',
  data: { interviewId: ID, expectedVersion, section, content },
  meta: by,
});
const advance = (by: CommandMeta, step: string): AdvanceStep => ({ type: 'AdvanceStep', data: { interviewId: ID, step }, meta: by });
const returnTo = (by: CommandMeta, toStep: string, reason: unknown = '目标达成数据需要员工补充说明'): ReturnStep => ({
  type: 'ReturnStep',
  data: { interviewId: ID, toStep, reason: reason as string },
  meta: by,
});
const evaluate = (
  by: CommandMeta,
  expectedVersion: number,
  decision: string = 'approved',
  reason = '列入三季度培训预算',
  needId = 'S1',
): EvaluateSupportNeed => ({
  type: 'EvaluateSupportNeed',
  data: { interviewId: ID, expectedVersion, needId, decision, reason },
  meta: by,
});
const fulfil = (by: CommandMeta, needId = 'S1', note = '已报名 7 月 Kubernetes 运维培训'): FulfilSupportNeed => ({
  type: 'FulfilSupportNeed',
  data: { interviewId: ID, needId, note },
  meta: by,
});
const progress = (by: CommandMeta, taskId: string, value: number, note?: string): ReportTaskProgress => ({
  type: 'ReportTaskProgress',
  data: { interviewId: ID, taskId, progress: value, ...(note !== undefined ? { note } : {}) },
  meta: by,
});
const complete = (by: CommandMeta, taskId: string, note?: string): CompleteTask => ({
  type: 'CompleteTask',
  data: { interviewId: ID, taskId, ...(note !== undefined ? { note } : {}) },
  meta: by,
});
const attach = (by: CommandMeta, sha256: string, size = 2048): AddInterviewAttachment => ({
  type: 'AddInterviewAttachment',
  data: { interviewId: ID, sha256, name: '缺陷统计.xlsx', mediaType: 'application/vnd.ms-excel', size },
  meta: by,
});

// ---- state and errors ------------------------------------------------------------------------------
const stateOf = (events: readonly InterviewEvent[]): ExistingInterview => {
  const state = events.reduce((s: Interview, e) => evolve(s, e, GIVEN_AT), initialState());
  if (state.status === 'none') throw new Error('no interview in the given events');
  return state;
};

/** An event as the command handler folds it once the ledger has stored it: canonical JSON (RFC 8785, keys sorted), parsed back. */
const ledgerRoundTrip = <E extends InterviewEvent>(event: E): E => JSON.parse(canonicalJson(event).toString('utf8')) as E;

/**
 * Expects `command` on the record `events` leave to be refused with `errorClass`, `code`,
 * `field` and (when given) `details`; one comparison, so a failure shows everything.
 */
function expectRejected(
  events: readonly InterviewEvent[],
  command: InterviewCommand,
  errorClass: abstract new (...args: never[]) => Error,
  expected: { code: string; field?: string; details?: Record<string, unknown> },
): void {
  let error: unknown;
  let produced: InterviewEvent[] | undefined;
  try {
    produced = interviewDecider.decide(command, stateOf(events));
  } catch (caught) {
    error = caught;
  }
  if (produced) throw new Error(`expected ${expected.code}, but decide returned ${JSON.stringify(produced)}`);
  const { code, field, details, message } = (error ?? {}) as { code?: unknown; field?: unknown; details?: unknown; message?: unknown };
  expect({ error, code, field, details, message }).toMatchObject({ error: expect.any(errorClass), ...expected });
}

// ---- signatures ------------------------------------------------------------------------------------
function key(seedByte: number) {
  const privateKey = privateKeyFromSeed(new Uint8Array(32).fill(seedByte));
  const publicKey = rawPublicKey(privateKey);
  const registered: SignerKey = { kid: keyIdOf(publicKey), publicKey: publicKey.toString('base64'), status: 'active' };
  return { privateKey, registered };
}
const KEYS: Record<string, ReturnType<typeof key>> = { 'emp-1': key(11), 'mgr-1': key(12), 'peer-1': key(13) };

function signatureOver(events: readonly InterviewEvent[], role: SignatureRole, signerId: string): string {
  const state = stateOf(events);
  const message = signingMessage({ interviewId: ID, version: state.version, contentDigest: contentDigest(state), role, signerId });
  return ed25519Sign(message, KEYS[signerId]!.privateKey).toString('base64');
}

const sign = (events: readonly InterviewEvent[], by: CommandMeta, role: SignatureRole): SignInterview => ({
  type: 'SignInterview',
  data: {
    interviewId: ID,
    version: stateOf(events).version,
    role,
    signerId: by.actor,
    kid: KEYS[by.actor]!.registered.kid,
    signature: signatureOver(events, role, by.actor),
    signerKey: KEYS[by.actor]!.registered,
  },
  meta: by,
});

const signed = (events: readonly InterviewEvent[], by: CommandMeta, role: SignatureRole): InterviewEvent => {
  const state = stateOf(events);
  return {
    type: 'InterviewSigned',
    data: {
      interviewId: ID,
      version: state.version,
      role,
      signerId: by.actor,
      kid: KEYS[by.actor]!.registered.kid,
      signature: signatureOver(events, role, by.actor),
      contentDigest: contentDigest(state),
      observed: { receivedAt: by.now, ip: '203.0.113.7' },
    },
  };
};

// ---- content, as the events hold it ----------------------------------------------------------------
const G1_SELF = {
  id: 'G1',
  goal: '季度交付 3 个版本',
  target: '3 个版本',
  actual: '交付 3 个版本，无延期',
  selfComment: '第二个版本因需求变更加班一周',
};
const GOALS_SELF: JsonObject = { items: [G1_SELF] };
const G1_REVIEWED = { ...G1_SELF, achievement: 100, comment: '按期交付，质量稳定' };
const GOALS_REVIEWED: JsonObject = { items: [G1_REVIEWED], summary: '达成预期，协作积极' };
const H1 = {
  id: 'H1',
  title: '缩短构建时间',
  case: '重构 CI 流水线，拆分测试并行执行，解决夜间构建排队问题',
  data: '构建时间由 40 分钟降到 12 分钟',
};
const HIGHLIGHTS: JsonObject = { items: [H1] };
const P1 = { id: 'P1', problem: '代码评审积压', cause: '评审集中在两个人身上', measures: '建立轮值评审制度' };
const PROBLEMS: JsonObject = { items: [P1] };
const S1 = { id: 'S1', type: 'training', need: '参加 Kubernetes 运维培训（3 天）' };
const NEXT: JsonObject = { goals: [{ id: 'N1', goal: '上线新计费模块', target: '9 月底前上线，故障 0 次' }], supportNeeds: [S1] };
const REMARKS: JsonObject = { text: '面谈在 3F 会议室进行，双方无异议' };
const I1 = {
  id: 'I1',
  action: '每周与测试团队评审一次缺陷清单并跟进修复',
  metric: '线上缺陷数',
  target: '每月不超过 2 个',
  ownerId: 'emp-1',
  deadline: '2026-09-30',
  linkedTo: 'G1',
};
const I2 = {
  id: 'I2',
  action: '建立评审轮值表，每人每周至少评审 5 个合并请求',
  metric: '评审等待时长',
  target: '平均不超过 24 小时',
  ownerId: 'mgr-1',
  deadline: '2026-08-31',
  linkedTo: 'P1',
};
const PLAN: JsonObject = { consensus: '评审积压拖慢交付，双方同意分散评审工作', items: [I1, I2] };
const EVALUATION: NeedEvaluation = { decision: 'approved', reason: '列入三季度培训预算', by: 'mgr-1', at: T_PLAN_DONE };

const task = ({ id, action, metric, target, ownerId, deadline, linkedTo }: typeof I1): PlanTask => ({
  taskId: id,
  action,
  metric,
  target,
  deadline,
  ownerId,
  linkedTo,
});

// ---- the record, step by step (the walk below proves each event is what decide emits) --------------
const SELF_FILLED: InterviewEvent[] = [
  SCHEDULED,
  edited('goalReview', GOALS_SELF, 2),
  edited('highlights', HIGHLIGHTS, 3),
  edited('problems', PROBLEMS, 4),
  edited('nextGoals', NEXT, 5),
];
const AT_REVIEW: InterviewEvent[] = [...SELF_FILLED, advanced('self_assessment', 'manager_review', 1, 'emp-1', T_SELF_DONE, DUE_REVIEW)];
const REVIEWED: InterviewEvent[] = [...AT_REVIEW, edited('goalReview', GOALS_REVIEWED, 6)];
const AT_MEETING: InterviewEvent[] = [...REVIEWED, advanced('manager_review', 'meeting', 2, 'mgr-1', T_REVIEW_DONE, DUE_MEETING)];
const MET: InterviewEvent[] = [...AT_MEETING, edited('remarks', REMARKS, 7)];
const AT_PLAN: InterviewEvent[] = [...MET, advanced('meeting', 'improvement_plan', 3, 'mgr-1', T_MEETING_DONE, DUE_PLAN)];
const PLANNED: InterviewEvent[] = [...AT_PLAN, edited('improvementPlan', PLAN, 8)];
const EVALUATED: InterviewEvent[] = [...PLANNED, needEvaluated('S1', EVALUATION, 9)];
const AT_SIGNATURES: InterviewEvent[] = [
  ...EVALUATED,
  advanced('improvement_plan', 'signatures', 4, 'mgr-1', T_PLAN_DONE, DUE_SIGNATURES),
  planAgreed(9, [task(I1), task(I2)]),
];
const HALF_SIGNED: InterviewEvent[] = [...AT_SIGNATURES, signed(AT_SIGNATURES, at(EMPLOYEE, T_SIGNED), 'employee')];
const LOCKED: InterviewEvent[] = [...HALF_SIGNED, signed(HALF_SIGNED, at(MANAGER, T_SIGNED), 'manager'), locked(9)];

const SHA_A = 'a'.repeat(64);
const SHA_B = '0123456789abcdef'.repeat(4);

describe('interview decider: templates, flows and the workflow', () => {
  describe('ScheduleInterview snapshots the template and the flow', () => {
    const schedule = (by: CommandMeta, overrides: Partial<ScheduleInterview['data']> = {}): ScheduleInterview => ({
      type: 'ScheduleInterview',
      data: {
        interviewId: ID,
        templateId: 'production-staff',
        employeeId: 'emp-1',
        managerId: 'mgr-1',
        participantIds: ['peer-1'],
        department: '生产部',
        position: '装配工',
        cycle: '2026-H1',
        scheduledAt: '2026-07-01T09:30:00+08:00',
        location: '车间会议室',
        reportingLine: { managerChain: ['mgr-1'] },
        ...overrides,
      },
      meta: by,
    });
    const carried: CarriedGoal[] = [
      { interviewId: 'iv-2025-0042', cycle: '2025-H2', goalId: 'N1', goal: ' 一次合格率 ', target: '≥ 98%' },
      { interviewId: 'iv-2025-0042', cycle: '2025-H2', goalId: 'N3', goal: '安全事故', target: '0 起' },
    ];
    const productionScheduled = (overrides: Partial<InterviewScheduled['data']> = {}) =>
      scheduledWith(PRODUCTION, PRODUCTION_LINE, {
        dueAt: '2026-06-22T10:00:00.000Z', // Thu 10:00 + 2 business days (Fri, Mon) at 18:00 Shanghai
        department: '生产部',
        position: '装配工',
        location: '车间会议室',
        ...overrides,
      });

    it('production-staff on production-line: template and flow snapshots, the first step due Monday 18:00, carried goals as G1, G2', () => {
      given([])
        .when(schedule(HR, { flow: PRODUCTION_LINE, carriedGoals: carried }))
        .then([
          productionScheduled({
            sections: {
              goalReview: {
                items: [
                  {
                    id: 'G1',
                    goal: '一次合格率',
                    target: '≥ 98%',
                    carriedFrom: { interviewId: 'iv-2025-0042', cycle: '2025-H2', goalId: 'N1' },
                  },
                  {
                    id: 'G2',
                    goal: '安全事故',
                    target: '0 起',
                    carriedFrom: { interviewId: 'iv-2025-0042', cycle: '2025-H2', goalId: 'N3' },
                  },
                ],
              },
            },
          }),
        ]);
    });

    it("without a flow, the template's default flow; without carried goals, no initial sections", () => {
      given([]).when(schedule(HR)).then([productionScheduled()]);
    });

    it('the scheduled record starts at the first step with its due time, and the carried ids are counted', () => {
      const state = stateOf([
        productionScheduled({
          sections: {
            goalReview: {
              items: [
                { id: 'G1', goal: '一次合格率' },
                { id: 'G2', goal: '安全事故' },
              ],
            },
          },
        }),
      ]);
      expect(state.workflow).toEqual({
        step: 'self_assessment',
        stepIndex: 0,
        enteredAt: GIVEN_AT,
        dueAt: '2026-06-22T10:00:00.000Z',
        transitions: 0,
        history: [],
      });
      expect(state.template).toBe(PRODUCTION);
      expect(state.flow).toBe(PRODUCTION_LINE);
      expect(state.idCounters).toEqual({ 'goalReview.items': 2 });
    });

    it('the due date is counted from the Shanghai date: 01:00 Friday in Shanghai (Thursday in UTC) + 2 business days is Tuesday', () => {
      given([])
        .when(schedule(at(HR, '2026-06-18T17:00:00.000Z')))
        .then([productionScheduled({ dueAt: '2026-06-23T10:00:00.000Z' })]);
    });

    it('a company calendar overrides the default: Berlin, 17:00, calendar days', () => {
      const berlin: CommandMeta = { ...HR, calendar: { zone: 'Europe/Berlin', dueTimeOfDay: '17:00', businessDays: false } };
      // Thursday 04:00 in Berlin + 2 calendar days = Saturday 17:00 CEST = 15:00 UTC.
      given([])
        .when(schedule(berlin))
        .then([productionScheduled({ dueAt: '2026-06-20T15:00:00.000Z' })]);
    });

    it("records the template version it was given (HR's version 2), not the built-in", () => {
      const v2: InterviewTemplate = {
        ...PRODUCTION,
        version: 2,
        name: { zh: '生产一线员工绩效面谈（2026 版）', en: 'Production-line staff interview (2026)' },
      };
      given([])
        .when(schedule(HR, { template: v2 }))
        .then([{ ...productionScheduled(), data: { ...productionScheduled().data, templateVersion: 2, template: v2 } }]);
    });

    it('a flow that writes a section the template lacks → FLOW_TEMPLATE_MISMATCH', () => {
      given([])
        .when(schedule(HR, { flow: MANAGEMENT_REVIEW }))
        .thenThrows(ValidationError, 'FLOW_TEMPLATE_MISMATCH', 'flowId');
    });

    it("a flow that never writes one of the template's sections → FLOW_TEMPLATE_MISMATCH", () => {
      const noPlan: FlowDefinition = {
        ...PRODUCTION_LINE,
        id: 'no-plan',
        steps: PRODUCTION_LINE.steps.filter((s) => s.key !== 'improvement_plan'),
      };
      given([])
        .when(schedule(HR, { flow: noPlan }))
        .thenThrows(ValidationError, 'FLOW_TEMPLATE_MISMATCH', 'flowId');
    });

    it('a retired template → TEMPLATE_RETIRED', () => {
      given([])
        .when(schedule(HR, { template: { ...PRODUCTION, version: 2, active: false } }))
        .thenThrows(ValidationError, 'TEMPLATE_RETIRED', 'templateId');
    });

    it('an unknown template, or a snapshot of another template → UNKNOWN_TEMPLATE', () => {
      given([])
        .when(schedule(HR, { templateId: 'warehouse-staff' }))
        .thenThrows(ValidationError, 'UNKNOWN_TEMPLATE', 'templateId');
      given([])
        .when(schedule(HR, { template: STAFF }))
        .thenThrows(ValidationError, 'UNKNOWN_TEMPLATE', 'templateId');
    });
  });

  describe('a full walk through staff-review to signatures and lock', () => {
    it('HR schedules staff-general on staff-review: the self-assessment is due Tuesday 18:00', () => {
      const command: ScheduleInterview = {
        type: 'ScheduleInterview',
        data: {
          interviewId: ID,
          templateId: 'staff-general',
          employeeId: 'emp-1',
          managerId: 'mgr-1',
          participantIds: ['peer-1'],
          department: '研发中心',
          position: '高级工程师',
          cycle: '2026-H1',
          scheduledAt: '2026-07-01T09:30:00+08:00',
          location: '3F 会议室',
          reportingLine: { managerChain: ['mgr-1'] },
          flow: STAFF_REVIEW,
        },
        meta: HR,
      };
      given([]).when(command).then([SCHEDULED]);
    });

    it('the employee writes the goal review: ids assigned, text trimmed', () => {
      const { id: _id, ...g1 } = G1_SELF;
      given([SCHEDULED])
        .when(edit(EMPLOYEE, 'goalReview', { items: [{ ...g1, goal: '  季度交付 3 个版本 ' }] }, 1))
        .then([edited('goalReview', GOALS_SELF, 2)]);
    });

    it('then highlights, problems and next-period goals with a support need', () => {
      given(SELF_FILLED.slice(0, 2))
        .when(edit(EMPLOYEE, 'highlights', { items: [{ title: H1.title, case: H1.case, data: H1.data }] }, 2))
        .then([edited('highlights', HIGHLIGHTS, 3)]);
      given(SELF_FILLED.slice(0, 3))
        .when(edit(EMPLOYEE, 'problems', { items: [{ problem: P1.problem, cause: P1.cause, measures: P1.measures }] }, 3))
        .then([edited('problems', PROBLEMS, 4)]);
      given(SELF_FILLED.slice(0, 4))
        .when(
          edit(
            EMPLOYEE,
            'nextGoals',
            { goals: [{ goal: '上线新计费模块', target: '9 月底前上线，故障 0 次' }], supportNeeds: [{ type: S1.type, need: S1.need }] },
            4,
          ),
        )
        .then([edited('nextGoals', NEXT, 5)]);
    });

    it("the employee submits the self-assessment on Friday 17:00: the manager's review is due Wednesday", () => {
      given(SELF_FILLED)
        .when(advance(at(EMPLOYEE, T_SELF_DONE), 'self_assessment'))
        .then([advanced('self_assessment', 'manager_review', 1, 'emp-1', T_SELF_DONE, DUE_REVIEW)]);
    });

    it("the manager adds achievement, comment and summary, echoing the employee's fields", () => {
      given(AT_REVIEW)
        .when(edit(MANAGER, 'goalReview', GOALS_REVIEWED, 5))
        .then([edited('goalReview', GOALS_REVIEWED, 6)]);
    });

    it('the manager submits the review: the meeting is due five business days later', () => {
      given(REVIEWED)
        .when(advance(at(MANAGER, T_REVIEW_DONE), 'manager_review'))
        .then([advanced('manager_review', 'meeting', 2, 'mgr-1', T_REVIEW_DONE, DUE_MEETING)]);
    });

    it('at the meeting the employee writes remarks; the manager completes the step', () => {
      given(AT_MEETING)
        .when(edit(EMPLOYEE, 'remarks', REMARKS, 6))
        .then([edited('remarks', REMARKS, 7)]);
      given(MET)
        .when(advance(at(MANAGER, T_MEETING_DONE), 'meeting'))
        .then([advanced('meeting', 'improvement_plan', 3, 'mgr-1', T_MEETING_DONE, DUE_PLAN)]);
    });

    it('the manager writes the plan and evaluates the support need (a new version)', () => {
      given(AT_PLAN)
        .when(edit(MANAGER, 'improvementPlan', PLAN, 7))
        .then([edited('improvementPlan', PLAN, 8)]);
      given(PLANNED)
        .when(evaluate(at(MANAGER, T_PLAN_DONE), 8))
        .then([needEvaluated('S1', EVALUATION, 9)]);
    });

    it('submitting the plan enters the signatures and agrees the plan: one task per item', () => {
      given(EVALUATED)
        .when(advance(at(MANAGER, T_PLAN_DONE), 'improvement_plan'))
        .then([advanced('improvement_plan', 'signatures', 4, 'mgr-1', T_PLAN_DONE, DUE_SIGNATURES), planAgreed(9, [task(I1), task(I2)])]);
    });

    it("the employee signs; the manager's signature locks it, with no second plan agreement", () => {
      given(AT_SIGNATURES)
        .when(sign(AT_SIGNATURES, at(EMPLOYEE, T_SIGNED), 'employee'))
        .then([signed(AT_SIGNATURES, at(EMPLOYEE, T_SIGNED), 'employee')]);
      given(HALF_SIGNED)
        .when(sign(HALF_SIGNED, at(MANAGER, T_SIGNED), 'manager'))
        .then([signed(HALF_SIGNED, at(MANAGER, T_SIGNED), 'manager'), locked(9)]);
    });

    it('the locked record: status, version, the step history, open tasks', () => {
      const state = stateOf(LOCKED);
      expect(state).toMatchObject({ status: 'locked', version: 9, lockedAt: T_SIGNED, planAgreedVersion: 9 });
      expect(state.workflow).toMatchObject({
        step: 'signatures',
        stepIndex: 4,
        transitions: 4,
        dueAt: DUE_SIGNATURES,
        enteredAt: T_PLAN_DONE,
      });
      expect(state.workflow.history.map((h) => `${h.from}→${h.to}`)).toEqual([
        'self_assessment→manager_review',
        'manager_review→meeting',
        'meeting→improvement_plan',
        'improvement_plan→signatures',
      ]);
      expect(state.tasks.map((t) => [t.taskId, t.ownerId, t.status, t.progress])).toEqual([
        ['I1', 'emp-1', 'open', 0],
        ['I2', 'mgr-1', 'open', 0],
      ]);
    });

    it('after the lock nothing is edited or moved', () => {
      given(LOCKED)
        .when(edit(MANAGER, 'remarks', { text: '改' }, 9))
        .thenThrows(SigningRuleError, 'LOCKED', 'interviewId');
      given(LOCKED).when(advance(MANAGER, 'signatures')).thenThrows(SigningRuleError, 'LOCKED', 'interviewId');
      given(LOCKED).when(returnTo(MANAGER, 'meeting')).thenThrows(SigningRuleError, 'LOCKED', 'interviewId');
    });
  });

  describe('steps: who writes what, when', () => {
    it('the manager may not write during the self-assessment → STEP_ROLE_FORBIDDEN', () => {
      expectRejected([SCHEDULED], edit(MANAGER, 'goalReview', GOALS_SELF, 1), RuleError, {
        code: 'STEP_ROLE_FORBIDDEN',
        field: 'section',
        details: { step: 'self_assessment', actors: ['employee'] },
      });
    });

    it('the employee may not write remarks at the self-assessment → SECTION_NOT_EDITABLE_AT_STEP', () => {
      expectRejected([SCHEDULED], edit(EMPLOYEE, 'remarks', REMARKS, 1), RuleError, {
        code: 'SECTION_NOT_EDITABLE_AT_STEP',
        field: 'section',
        details: { step: 'self_assessment' },
      });
    });

    it('nor the improvement plan before its step', () => {
      given([SCHEDULED])
        .when(edit(EMPLOYEE, 'improvementPlan', PLAN, 1))
        .thenThrows(RuleError, 'SECTION_NOT_EDITABLE_AT_STEP', 'section');
    });

    it('a section the template does not have → SECTION_NOT_IN_TEMPLATE (staff-general has no goalAlignment)', () => {
      given([SCHEDULED])
        .when(edit(EMPLOYEE, 'goalAlignment', { teamGoals: '对齐' }, 1))
        .thenThrows(ValidationError, 'SECTION_NOT_IN_TEMPLATE', 'section');
    });

    it("the employee may not write the manager's achievement → FIELD_NOT_FILLABLE naming the item field", () => {
      expectRejected([SCHEDULED], edit(EMPLOYEE, 'goalReview', { items: [{ ...G1_SELF, achievement: 120 }] }, 1), RuleError, {
        code: 'FIELD_NOT_FILLABLE',
        field: 'content.items[id=G1].achievement',
        details: { fillers: ['manager'], role: 'employee' },
      });
    });

    it("nor the manager's summary", () => {
      given([SCHEDULED])
        .when(edit(EMPLOYEE, 'goalReview', { ...GOALS_SELF, summary: '我很好' }, 1))
        .thenThrows(RuleError, 'FIELD_NOT_FILLABLE', 'content.summary');
    });

    it("the manager reviewing may not rewrite the employee's actual result → FIELD_NOT_FILLABLE", () => {
      given(AT_REVIEW)
        .when(edit(MANAGER, 'goalReview', { items: [{ ...G1_REVIEWED, actual: '只交付 2 个版本' }] }, 5))
        .thenThrows(RuleError, 'FIELD_NOT_FILLABLE', 'content.items[id=G1].actual');
    });

    it("at the manager's review the employee does not write → STEP_ROLE_FORBIDDEN", () => {
      given(AT_REVIEW)
        .when(edit(EMPLOYEE, 'goalReview', GOALS_SELF, 5))
        .thenThrows(RuleError, 'STEP_ROLE_FORBIDDEN', 'section');
    });

    it.each([
      ['HR', HR],
      ['an auditor', AUDITOR],
      ['another participant', PARTICIPANT],
    ])('%s does not write a record in progress → FORBIDDEN', (_who, by) => {
      given(AT_MEETING)
        .when(edit(by, 'remarks', REMARKS, 6))
        .thenThrows(ForbiddenError, 'FORBIDDEN');
    });

    it('someone outside the record does not learn it exists → NOT_FOUND', () => {
      given(AT_MEETING)
        .when(edit(STRANGER, 'remarks', REMARKS, 6))
        .thenThrows(NotFoundError, 'NOT_FOUND', 'interviewId');
    });

    it('at the signatures nobody edits: send the record back first', () => {
      given(AT_SIGNATURES)
        .when(edit(MANAGER, 'remarks', { text: '补充' }, 9))
        .thenThrows(RuleError, 'SECTION_NOT_EDITABLE_AT_STEP', 'section');
    });

    it('a stale expectedVersion → VERSION_CONFLICT', () => {
      given(AT_MEETING)
        .when(edit(EMPLOYEE, 'remarks', REMARKS, 5))
        .thenThrows(VersionConflictError, 'VERSION_CONFLICT', 'expectedVersion');
    });
  });

  describe('AdvanceStep', () => {
    it('by a party who does not complete the step → STEP_ROLE_FORBIDDEN', () => {
      expectRejected(SELF_FILLED, advance(MANAGER, 'self_assessment'), RuleError, {
        code: 'STEP_ROLE_FORBIDDEN',
        field: 'step',
        details: { step: 'self_assessment', completedBy: 'employee' },
      });
    });

    it('the employee acts at the meeting but the manager completes it', () => {
      given(MET).when(advance(EMPLOYEE, 'meeting')).thenThrows(RuleError, 'STEP_ROLE_FORBIDDEN', 'step');
    });

    it('HR does not complete steps for the parties', () => {
      given(SELF_FILLED).when(advance(HR, 'self_assessment')).thenThrows(RuleError, 'STEP_ROLE_FORBIDDEN', 'step');
    });

    it('a stranger → NOT_FOUND', () => {
      given(SELF_FILLED).when(advance(STRANGER, 'self_assessment')).thenThrows(NotFoundError, 'NOT_FOUND', 'interviewId');
    });

    it("a repeated submission of the self-assessment does not complete the manager's review → WRONG_STEP", () => {
      expectRejected(AT_REVIEW, advance(EMPLOYEE, 'self_assessment'), RuleError, {
        code: 'WRONG_STEP',
        field: 'step',
        details: { step: 'manager_review' },
      });
    });

    it('naming a later step does not skip to it → WRONG_STEP', () => {
      given(REVIEWED).when(advance(MANAGER, 'meeting')).thenThrows(RuleError, 'WRONG_STEP', 'step');
    });

    it('a goal without the actual result → REQUIRED_FIELD_MISSING goalReview.items[0].actual', () => {
      const { actual: _actual, ...noActual } = G1_SELF;
      const events = [
        SCHEDULED,
        edited('goalReview', { items: [noActual] }, 2),
        edited('highlights', HIGHLIGHTS, 3),
        edited('nextGoals', NEXT, 4),
      ];
      expectRejected(events, advance(EMPLOYEE, 'self_assessment'), RuleError, {
        code: 'REQUIRED_FIELD_MISSING',
        field: 'goalReview.items[0].actual',
        details: { fillers: ['employee'] },
      });
    });

    it("the manager's achievement is not required of the employee, but is of the manager → goalReview.items[0].achievement", () => {
      // SELF_FILLED has no achievement and submits (the walk); the review without one does not.
      given(AT_REVIEW)
        .when(advance(MANAGER, 'manager_review'))
        .thenThrows(RuleError, 'REQUIRED_FIELD_MISSING', 'goalReview.items[0].achievement');
    });

    it('nothing written → REQUIRED_SECTION_EMPTY goalReview', () => {
      given([SCHEDULED]).when(advance(EMPLOYEE, 'self_assessment')).thenThrows(RuleError, 'REQUIRED_SECTION_EMPTY', 'goalReview');
    });

    it('no highlights → REQUIRED_SECTION_EMPTY highlights; no next-period goals → REQUIRED_SECTION_EMPTY nextGoals', () => {
      given([SCHEDULED, edited('goalReview', GOALS_SELF, 2), edited('nextGoals', NEXT, 3)])
        .when(advance(EMPLOYEE, 'self_assessment'))
        .thenThrows(RuleError, 'REQUIRED_SECTION_EMPTY', 'highlights');
      given([SCHEDULED, edited('goalReview', GOALS_SELF, 2), edited('highlights', HIGHLIGHTS, 3)])
        .when(advance(EMPLOYEE, 'self_assessment'))
        .thenThrows(RuleError, 'REQUIRED_SECTION_EMPTY', 'nextGoals');
    });

    const VAGUE: JsonObject = { items: [{ id: 'H1', title: '工作表现', case: '表现正常，继续努力', data: '良好' }] };

    it('a vague highlight ("表现正常，继续努力", no figure) blocks the submission → VAGUE_HIGHLIGHT with what is missing', () => {
      const events = [SCHEDULED, edited('goalReview', GOALS_SELF, 2), edited('highlights', VAGUE, 3), edited('nextGoals', NEXT, 4)];
      expectRejected(events, advance(EMPLOYEE, 'self_assessment'), RuleError, {
        code: 'VAGUE_HIGHLIGHT',
        field: 'highlights.items[0].case',
        details: { missing: ['case', 'figure'] },
      });
    });

    it('on a template whose vague highlights only warn, it submits, and the finding stays a warning', () => {
      const lenient: InterviewTemplate = { ...STAFF, id: 'staff-lenient', rules: { ...STAFF.rules, vagueHighlights: 'warn' } };
      const events = [
        scheduledWith(lenient, STAFF_REVIEW),
        edited('goalReview', GOALS_SELF, 2),
        edited('highlights', VAGUE, 3),
        edited('nextGoals', NEXT, 4),
      ];
      given(events)
        .when(advance(EMPLOYEE, 'self_assessment'))
        .then([advanced('self_assessment', 'manager_review', 1, 'emp-1', NOW, IN_3)]);
      expect(qualityFindings(stateOf(events), EMPLOYEE)).toEqual([
        expect.objectContaining({ code: 'VAGUE_HIGHLIGHT', field: 'highlights.items[0].case' }),
      ]);
    });

    it('the signing step is completed by signatures, not by AdvanceStep → SIGNING_STEP', () => {
      given(AT_SIGNATURES).when(advance(MANAGER, 'signatures')).thenThrows(RuleError, 'SIGNING_STEP', 'step');
    });
  });

  describe('ReturnStep', () => {
    it('the manager sends the review back to the self-assessment: a fresh due time, and the employee writes again', () => {
      const back = returned('manager_review', 'self_assessment', 2, 'mgr-1', NOW, DUE_SELF, '目标达成数据需要员工补充说明');
      given(REVIEWED).when(returnTo(MANAGER, 'self_assessment')).then([back]);
      const after = [...REVIEWED, back];
      expect(stateOf(after).workflow).toMatchObject({ step: 'self_assessment', stepIndex: 0, transitions: 2, dueAt: DUE_SELF });
      given(after)
        .when(edit(EMPLOYEE, 'remarks', REMARKS, 6))
        .thenThrows(RuleError, 'SECTION_NOT_EDITABLE_AT_STEP', 'section');
      given(after)
        .when(
          edit(
            EMPLOYEE,
            'goalReview',
            { items: [{ ...G1_REVIEWED, actual: '交付 3 个版本，其中 1 个延期 2 天' }], summary: GOALS_REVIEWED.summary! },
            6,
          ),
        )
        .then([
          edited(
            'goalReview',
            { items: [{ ...G1_REVIEWED, actual: '交付 3 个版本，其中 1 个延期 2 天' }], summary: GOALS_REVIEWED.summary! },
            7,
          ),
        ]);
      given(after)
        .when(edit(MANAGER, 'goalReview', GOALS_REVIEWED, 6))
        .thenThrows(RuleError, 'STEP_ROLE_FORBIDDEN', 'section');
    });

    it.each([
      ['missing', null],
      ['blank', '   '],
    ])('a %s reason → REQUIRED', (_case, reason) => {
      given(REVIEWED)
        .when(returnTo(MANAGER, 'self_assessment', reason))
        .thenThrows(ValidationError, 'REQUIRED', 'reason');
    });

    it('to the current step or a later one → NOT_AN_EARLIER_STEP', () => {
      given(REVIEWED).when(returnTo(MANAGER, 'manager_review')).thenThrows(RuleError, 'NOT_AN_EARLIER_STEP', 'toStep');
      given(REVIEWED).when(returnTo(MANAGER, 'meeting')).thenThrows(RuleError, 'NOT_AN_EARLIER_STEP', 'toStep');
    });

    it('to a step the flow does not have → UNKNOWN_STEP', () => {
      given(REVIEWED).when(returnTo(MANAGER, 'goal_alignment')).thenThrows(ValidationError, 'UNKNOWN_STEP', 'toStep');
    });

    it("the employee, who does not act at the manager's review, may not send it back → STEP_ROLE_FORBIDDEN", () => {
      given(REVIEWED).when(returnTo(EMPLOYEE, 'self_assessment')).thenThrows(RuleError, 'STEP_ROLE_FORBIDDEN', 'toStep');
    });

    it('the employee, an actor at the meeting, may; so may HR', () => {
      given(MET)
        .when(returnTo(EMPLOYEE, 'self_assessment', '需要补充亮点'))
        .then([returned('meeting', 'self_assessment', 3, 'emp-1', NOW, DUE_SELF, '需要补充亮点')]);
      given(MET)
        .when(returnTo(HR, 'manager_review', '点评缺少评语'))
        .then([returned('meeting', 'manager_review', 3, 'hr-1', NOW, IN_3, '点评缺少评语')]);
    });

    it('returning from the signatures after one signature: back to in_progress, the signature kept as history', () => {
      const back = returned('signatures', 'meeting', 5, 'mgr-1', NOW, IN_5, '备注需要补充');
      given(HALF_SIGNED)
        .when(returnTo(MANAGER, 'meeting', '备注需要补充'))
        .then([back]);
      expect(stateOf(HALF_SIGNED).status).toBe('awaiting_signatures');
      const state = stateOf([...HALF_SIGNED, back]);
      expect(state.status).toBe('in_progress');
      expect(state.workflow.step).toBe('meeting');
      expect(state.signatures).toHaveLength(1);
    });

    it('signing before the signing step → NOT_SIGNING_STEP', () => {
      expectRejected(EVALUATED, sign(EVALUATED, EMPLOYEE, 'employee'), RuleError, {
        code: 'NOT_SIGNING_STEP',
        field: 'interviewId',
        details: { step: 'improvement_plan' },
      });
    });
  });

  describe('content rules on every edit', () => {
    it('a field the section does not have → FIELD_NOT_IN_TEMPLATE with its path', () => {
      given([SCHEDULED])
        .when(edit(EMPLOYEE, 'goalReview', { ...GOALS_SELF, score: 5 }, 1))
        .thenThrows(ValidationError, 'FIELD_NOT_IN_TEMPLATE', 'content.score');
      given([SCHEDULED])
        .when(edit(EMPLOYEE, 'goalReview', { items: [{ goal: '交付', weight: 30 }] }, 1))
        .thenThrows(ValidationError, 'FIELD_NOT_IN_TEMPLATE', 'content.items[0].weight');
    });

    const planWith = (change: Record<string, unknown>) => ({ consensus: PLAN.consensus, items: [{ ...I1, ...change }] });

    it('a plan deadline before today → DEADLINE_IN_PAST; today is fine', () => {
      given(AT_PLAN)
        .when(edit(MANAGER, 'improvementPlan', planWith({ deadline: '2026-06-17' }), 7))
        .thenThrows(ValidationError, 'DEADLINE_IN_PAST', 'content.items[0].deadline');
      given(AT_PLAN)
        .when(edit(MANAGER, 'improvementPlan', planWith({ deadline: '2026-06-18' }), 7))
        .then([edited('improvementPlan', planWith({ deadline: '2026-06-18' }) as JsonObject, 8)]);
    });

    it('"today" is the company\'s: at 01:00 Friday in Shanghai, Thursday is past, though UTC still says Thursday', () => {
      const fridayInShanghai = at(MANAGER, '2026-06-18T17:00:00.000Z');
      given(AT_PLAN)
        .when(edit(fridayInShanghai, 'improvementPlan', planWith({ deadline: '2026-06-18' }), 7))
        .thenThrows(ValidationError, 'DEADLINE_IN_PAST', 'content.items[0].deadline');
      const utcCompany: CommandMeta = { ...fridayInShanghai, calendar: { zone: 'UTC', dueTimeOfDay: '18:00', businessDays: true } };
      given(AT_PLAN)
        .when(edit(utcCompany, 'improvementPlan', planWith({ deadline: '2026-06-18' }), 7))
        .then([edited('improvementPlan', planWith({ deadline: '2026-06-18' }) as JsonObject, 8)]);
    });

    it('a next-period goal deadline in the past → DEADLINE_IN_PAST', () => {
      given([SCHEDULED])
        .when(edit(EMPLOYEE, 'nextGoals', { goals: [{ goal: '上线计费', target: '1 个模块', deadline: '2026-01-31' }] }, 1))
        .thenThrows(ValidationError, 'DEADLINE_IN_PAST', 'content.goals[0].deadline');
    });

    it('an owner who is not on the record → OWNER_NOT_PARTICIPANT; another participant may own an item', () => {
      given(AT_PLAN)
        .when(edit(MANAGER, 'improvementPlan', planWith({ ownerId: 'emp-9' }), 7))
        .thenThrows(ValidationError, 'OWNER_NOT_PARTICIPANT', 'content.items[0].ownerId');
      given(AT_PLAN)
        .when(edit(MANAGER, 'improvementPlan', planWith({ ownerId: 'peer-1' }), 7))
        .then([edited('improvementPlan', planWith({ ownerId: 'peer-1' }) as JsonObject, 8)]);
    });

    it('a link to no goal or problem of the record → UNKNOWN_REFERENCE; a problem is a valid target', () => {
      given(AT_PLAN)
        .when(edit(MANAGER, 'improvementPlan', planWith({ linkedTo: 'G7' }), 7))
        .thenThrows(ValidationError, 'UNKNOWN_REFERENCE', 'content.items[0].linkedTo');
      given(AT_PLAN)
        .when(edit(MANAGER, 'improvementPlan', planWith({ linkedTo: 'P1' }), 7))
        .then([edited('improvementPlan', planWith({ linkedTo: 'P1' }) as JsonObject, 8)]);
    });

    const problemWith = (attachments: unknown) => ({ items: [{ ...P1, attachments }] });

    it('a file not uploaded to this record → ATTACHMENT_UNKNOWN; once uploaded it can be referenced', () => {
      given([SCHEDULED])
        .when(edit(EMPLOYEE, 'problems', problemWith([{ sha256: SHA_A }]), 1))
        .thenThrows(ValidationError, 'ATTACHMENT_UNKNOWN', 'content.items[0].attachments[0].sha256');
      given([SCHEDULED, attachmentAdded(SHA_A)])
        .when(edit(EMPLOYEE, 'problems', problemWith([{ sha256: SHA_A }]), 1))
        .then([edited('problems', problemWith([{ sha256: SHA_A }]) as JsonObject, 2)]);
    });

    it.each(['javascript:alert(1)', 'ftp://files.example.com/x.png', 'data:text/html,<b>x</b>', 'not a url'])(
      'a link to %p → INVALID_URL',
      (url) => {
        given([SCHEDULED])
          .when(edit(EMPLOYEE, 'problems', problemWith([{ url, title: '截图' }]), 1))
          .thenThrows(ValidationError, 'INVALID_URL', 'content.items[0].attachments[0].url');
      },
    );

    it('an https link is kept, its title trimmed', () => {
      given([SCHEDULED])
        .when(edit(EMPLOYEE, 'problems', problemWith([{ url: 'https://wiki.example.com/review', title: '  评审规范 ' }]), 1))
        .then([edited('problems', problemWith([{ url: 'https://wiki.example.com/review', title: '评审规范' }]) as JsonObject, 2)]);
    });

    describe('item ids', () => {
      const problem = (text: string) => ({ problem: text, cause: '原因', measures: '措施' });
      const WITH_P1_P2 = [
        SCHEDULED,
        edited(
          'problems',
          {
            items: [
              { id: 'P1', ...problem('一') },
              { id: 'P2', ...problem('二') },
            ],
          },
          2,
        ),
      ];

      it('new items get the next numbers: P1, P2', () => {
        given([SCHEDULED])
          .when(edit(EMPLOYEE, 'problems', { items: [problem('一'), problem('二')] }, 1))
          .then([WITH_P1_P2[1]!]);
      });

      it("a removed item's id is never reused: after P2 is removed, the next item is P3", () => {
        const removed = [...WITH_P1_P2, edited('problems', { items: [{ id: 'P1', ...problem('一') }] }, 3)];
        given(removed)
          .when(edit(EMPLOYEE, 'problems', { items: [{ id: 'P1', ...problem('一') }, problem('三')] }, 3))
          .then([
            edited(
              'problems',
              {
                items: [
                  { id: 'P1', ...problem('一') },
                  { id: 'P3', ...problem('三') },
                ],
              },
              4,
            ),
          ]);
      });

      // Ids are never reused within a record, even when the client names one: for plan items a reused
      // id would reopen the cancelled task of that id with its old progress and updates.
      it('a new item may not take the id of a removed one (P2 after P2 was removed)', () => {
        const removed = [...WITH_P1_P2, edited('problems', { items: [{ id: 'P1', ...problem('一') }] }, 3)];
        given(removed)
          .when(
            edit(
              EMPLOYEE,
              'problems',
              {
                items: [
                  { id: 'P1', ...problem('一') },
                  { id: 'P2', ...problem('另一个问题') },
                ],
              },
              3,
            ),
          )
          .thenThrows(ValidationError, undefined, 'content.items[1].id');
      });

      it('after carried goals G1, G2 a new goal is G3', () => {
        const carried = scheduledWith(STAFF, STAFF_REVIEW, {
          sections: {
            goalReview: {
              items: [
                { id: 'G1', goal: '一次合格率', target: '98%' },
                { id: 'G2', goal: '安全事故', target: '0 起' },
              ],
            },
          },
        });
        given([carried])
          .when(
            edit(
              EMPLOYEE,
              'goalReview',
              {
                items: [
                  { id: 'G1', goal: '一次合格率', target: '98%' },
                  { goal: '新目标', target: '2 项' },
                ],
              },
              1,
            ),
          )
          .then([
            edited(
              'goalReview',
              {
                items: [
                  { id: 'G1', goal: '一次合格率', target: '98%' },
                  { id: 'G3', goal: '新目标', target: '2 项' },
                ],
              },
              2,
            ),
          ]);
      });

      it('two items with the same id → DUPLICATE_KEY', () => {
        given([SCHEDULED])
          .when(
            edit(
              EMPLOYEE,
              'problems',
              {
                items: [
                  { id: 'P1', ...problem('一') },
                  { id: 'P1', ...problem('二') },
                ],
              },
              1,
            ),
          )
          .thenThrows(ValidationError, 'DUPLICATE_KEY', 'content.items[1].id');
      });
    });

    describe('system fields', () => {
      const ORIGIN = { interviewId: 'iv-2025-0042', cycle: '2025-H2', goalId: 'N1' };
      const CARRIED = scheduledWith(STAFF, STAFF_REVIEW, {
        sections: { goalReview: { items: [{ id: 'G1', goal: '一次合格率', target: '98%', carriedFrom: ORIGIN }] } },
      });
      const filled = { id: 'G1', goal: '一次合格率', target: '98%', actual: '98.6%' };

      it('carriedFrom survives an edit that leaves it out', () => {
        given([CARRIED])
          .when(edit(EMPLOYEE, 'goalReview', { items: [filled] }, 1))
          .then([edited('goalReview', { items: [{ ...filled, carriedFrom: ORIGIN }] }, 2)]);
      });

      it('echoing carriedFrom unchanged is fine once the ledger has stored it (canonical JSON, keys sorted)', () => {
        given([ledgerRoundTrip(CARRIED)])
          .when(edit(EMPLOYEE, 'goalReview', { items: [{ ...filled, carriedFrom: ORIGIN }] }, 1))
          .then([edited('goalReview', { items: [{ ...filled, carriedFrom: ORIGIN }] }, 2)]);
      });

      // The echo check compares JSON values whatever the key order: ScheduleInterview emits carriedFrom
      // as { interviewId, cycle, goalId }, the client echoes it with keys sorted.
      it('echoing carriedFrom unchanged is fine on the record exactly as ScheduleInterview emitted it', () => {
        given([CARRIED])
          .when(edit(EMPLOYEE, 'goalReview', { items: [{ ...filled, carriedFrom: ORIGIN }] }, 1))
          .then([edited('goalReview', { items: [{ ...filled, carriedFrom: ORIGIN }] }, 2)]);
      });

      it('changing carriedFrom → FIELD_NOT_EDITABLE', () => {
        given([CARRIED])
          .when(edit(EMPLOYEE, 'goalReview', { items: [{ ...filled, carriedFrom: { ...ORIGIN, goalId: 'N2' } }] }, 1))
          .thenThrows(ValidationError, 'FIELD_NOT_EDITABLE', 'content.items[0].carriedFrom');
      });

      it('a new item cannot claim to be carried over', () => {
        given([SCHEDULED])
          .when(edit(EMPLOYEE, 'goalReview', { items: [{ ...filled, carriedFrom: ORIGIN }] }, 1))
          .thenThrows(ValidationError, 'FIELD_NOT_EDITABLE', 'content.items[0].carriedFrom');
      });

      const S1_EVALUATED = { ...S1, evaluation: EVALUATION as unknown as JsonObject };

      it('the employee cannot write an evaluation → FIELD_NOT_EDITABLE', () => {
        given(PLANNED)
          .when(
            edit(
              EMPLOYEE,
              'nextGoals',
              { ...NEXT, supportNeeds: [{ ...S1, evaluation: { ...EVALUATION, decision: 'approved', by: 'emp-1' } }] },
              8,
            ),
          )
          .thenThrows(ValidationError, 'FIELD_NOT_EDITABLE', 'content.supportNeeds[0].evaluation');
      });

      it('an unchanged support need keeps its evaluation through an edit of the section', () => {
        const goals = [{ id: 'N1', goal: '上线新计费模块', target: '8 月底前上线，故障 0 次' }];
        given(EVALUATED)
          .when(edit(EMPLOYEE, 'nextGoals', { goals, supportNeeds: [S1] }, 9))
          .then([edited('nextGoals', { goals, supportNeeds: [S1_EVALUATED] }, 10)]);
      });

      it('a changed support need loses its evaluation: the manager evaluated something else', () => {
        const changed = { ...S1, need: '参加 Kubernetes 运维培训（5 天）并考取 CKA' };
        given(EVALUATED)
          .when(edit(EMPLOYEE, 'nextGoals', { goals: NEXT.goals!, supportNeeds: [changed] }, 9))
          .then([edited('nextGoals', { goals: NEXT.goals!, supportNeeds: [changed] }, 10)]);
        given(EVALUATED)
          .when(edit(EMPLOYEE, 'nextGoals', { goals: NEXT.goals!, supportNeeds: [{ ...S1, type: 'resource' }] }, 9))
          .then([edited('nextGoals', { goals: NEXT.goals!, supportNeeds: [{ ...S1, type: 'resource' }] }, 10)]);
      });
    });
  });

  describe('fillers, on a record read back from the ledger', () => {
    // An HR template whose problem attachments only the employee adds (say, photos from the line).
    const EMPLOYEE_ATTACHES: InterviewTemplate = {
      ...STAFF,
      id: 'acme-staff',
      sections: STAFF.sections.map((section) =>
        section.key !== 'problems'
          ? section
          : {
              ...section,
              fields: section.fields.map((f) => ({
                ...f,
                items: f.items!.map((i) => (i.key === 'attachments' ? { ...i, fillers: ['employee' as const] } : i)),
              })),
            },
      ),
    };
    const LINK = { url: 'https://wiki.example.com/line-3', title: '3 号线照片' };
    const withLink: JsonObject = { items: [{ ...P1, attachments: [LINK] }] };
    const history = [
      scheduledWith(EMPLOYEE_ATTACHES, STAFF_REVIEW),
      edited('goalReview', GOALS_SELF, 2),
      edited('problems', withLink, 3),
      advanced('self_assessment', 'manager_review', 1, 'emp-1', T_SELF_DONE, DUE_REVIEW),
    ];
    const managerEdit = edit(
      MANAGER,
      'problems',
      { items: [{ ...P1, measures: '建立轮值评审制度，每周公布评审时长', attachments: [LINK] }] },
      3,
    );
    const managerEdited = edited(
      'problems',
      { items: [{ ...P1, measures: '建立轮值评审制度，每周公布评审时长', attachments: [LINK] }] },
      4,
    );

    it("the manager changes the measures and leaves the employee's link as it is", () => {
      given(history).when(managerEdit).then([managerEdited]);
    });

    // The ledger hands a stored link back in canonical key order ({ title, url }); the normalised edit
    // has { url, title }. An unchanged link must not count as a change the other party cannot make.
    it('the same, with the history as the ledger hands it back (keys sorted)', () => {
      given(history.map(ledgerRoundTrip)).when(managerEdit).then([managerEdited]);
    });

    it("changing the employee's link is refused → FIELD_NOT_FILLABLE", () => {
      given(history)
        .when(edit(MANAGER, 'problems', { items: [{ ...P1, attachments: [{ ...LINK, title: '改过的标题' }] }] }, 3))
        .thenThrows(RuleError, 'FIELD_NOT_FILLABLE', 'content.items[id=P1].attachments');
    });
  });

  describe('SMART at the improvement-plan submission', () => {
    /** The plan step with one plan item (I1 changed by `change`), the support need evaluated. */
    const planned = (change: Record<string, unknown>, before: InterviewEvent[] = []): InterviewEvent[] => [
      ...AT_PLAN,
      ...before,
      edited('improvementPlan', { consensus: PLAN.consensus!, items: [{ ...I1, ...change } as JsonObject] }, 8 + before.length),
      needEvaluated('S1', EVALUATION, 9 + before.length),
    ];
    const submit = (when = NOW) => advance(at(MANAGER, when), 'improvement_plan');

    it('a SMART plan submits', () => {
      given(planned({}))
        .when(submit())
        .then([advanced('improvement_plan', 'signatures', 4, 'mgr-1', NOW, IN_2), planAgreed(9, [task(I1)])]);
    });

    it.each([
      ['a stock-phrase action', { action: '继续努力，加强学习' }, 'specific', 'action'],
      ['a target without a figure', { target: '明显下降' }, 'measurable', 'target'],
      ['a deadline more than a year away', { deadline: '2027-12-31' }, 'achievable', 'deadline'],
    ])('%s → SMART_INCOMPLETE missing %s', (_case, change, criterion, field) => {
      expectRejected(planned(change), submit(), RuleError, {
        code: 'SMART_INCOMPLETE',
        field: `improvementPlan.items[0].${field}`,
        details: { missing: [criterion] },
      });
    });

    it('a goal removed after the plan linked it → missing relevant', () => {
      const goalRemoved = [...planned({}), edited('goalReview', { items: [], summary: '目标调整' }, 10)];
      expectRejected(goalRemoved, submit(), RuleError, {
        code: 'SMART_INCOMPLETE',
        field: 'improvementPlan.items[0].linkedTo',
        details: { missing: ['relevant'] },
      });
    });

    it('a deadline that passed before the submission → missing time_bound', () => {
      expectRejected(planned({ deadline: '2026-06-30' }), submit('2026-07-02T02:00:00.000Z'), RuleError, {
        code: 'SMART_INCOMPLETE',
        field: 'improvementPlan.items[0].deadline',
        details: { missing: ['time_bound'] },
      });
    });

    it('an item failing all five names each: specific, measurable, achievable, relevant, time_bound', () => {
      // The owner left the record and the linked problem was removed after the plan was written.
      const events: InterviewEvent[] = [
        ...planned({ action: '继续努力', target: '更好', ownerId: 'peer-1', linkedTo: 'P1', deadline: '2026-06-30' }),
        { type: 'InterviewBasicInfoUpdated', data: { interviewId: ID, version: 10, changes: { participantIds: [] } } },
        edited('problems', { items: [] }, 11),
      ];
      expectRejected(events, submit('2026-07-02T02:00:00.000Z'), RuleError, {
        code: 'SMART_INCOMPLETE',
        field: 'improvementPlan.items[0].action',
        details: { missing: ['specific', 'measurable', 'achievable', 'relevant', 'time_bound'] },
      });
    });

    it('the consensus is required → REQUIRED_FIELD_MISSING improvementPlan.consensus', () => {
      const events = [...AT_PLAN, edited('improvementPlan', { items: [I1] }, 8), needEvaluated('S1', EVALUATION, 9)];
      given(events).when(submit()).thenThrows(RuleError, 'REQUIRED_FIELD_MISSING', 'improvementPlan.consensus');
    });

    it('no plan at all → REQUIRED_SECTION_EMPTY improvementPlan', () => {
      given([...AT_PLAN, needEvaluated('S1', EVALUATION, 8)])
        .when(submit())
        .thenThrows(RuleError, 'REQUIRED_SECTION_EMPTY', 'improvementPlan');
    });
  });

  describe('support needs', () => {
    it('the manager evaluates at the plan step: SupportNeedEvaluated, a new version, reason trimmed', () => {
      given(PLANNED)
        .when(evaluate(MANAGER, 8, 'partly', '  只批 2 天培训 '))
        .then([needEvaluated('S1', { decision: 'partly', reason: '只批 2 天培训', by: 'mgr-1', at: NOW }, 9)]);
    });

    it('the evaluation is content: the version moves on and the need carries it', () => {
      const state = stateOf(EVALUATED);
      expect(state.version).toBe(9);
      expect(state.sections.nextGoals?.supportNeeds).toEqual([{ ...S1, evaluation: EVALUATION }]);
      given(EVALUATED)
        .when(evaluate(MANAGER, 8, 'declined', '预算不足'))
        .thenThrows(VersionConflictError, 'VERSION_CONFLICT', 'expectedVersion');
    });

    it.each([
      ['the employee', EMPLOYEE],
      ['HR', HR],
    ])('%s does not evaluate → FORBIDDEN', (_who, by) => {
      given(PLANNED).when(evaluate(by, 8)).thenThrows(ForbiddenError, 'FORBIDDEN');
    });

    it('a stranger → NOT_FOUND', () => {
      given(PLANNED).when(evaluate(STRANGER, 8)).thenThrows(NotFoundError, 'NOT_FOUND', 'interviewId');
    });

    it('not at a step that evaluates needs → SECTION_NOT_EDITABLE_AT_STEP', () => {
      expectRejected(SELF_FILLED, evaluate(MANAGER, 5), RuleError, {
        code: 'SECTION_NOT_EDITABLE_AT_STEP',
        field: 'needId',
        details: { step: 'self_assessment' },
      });
      given(MET).when(evaluate(MANAGER, 7)).thenThrows(RuleError, 'SECTION_NOT_EDITABLE_AT_STEP', 'needId');
    });

    it.each(['approved', 'partly', 'declined'])('decision %p is accepted', (decision) => {
      given(PLANNED)
        .when(evaluate(MANAGER, 8, decision))
        .then([
          needEvaluated('S1', { decision: decision as NeedEvaluation['decision'], reason: '列入三季度培训预算', by: 'mgr-1', at: NOW }, 9),
        ]);
    });

    it.each(['maybe', 'APPROVED', ''])('decision %p → INVALID_VALUE', (decision) => {
      given(PLANNED)
        .when(evaluate(MANAGER, 8, decision))
        .thenThrows(ValidationError, 'INVALID_VALUE', 'decision');
    });

    it('a reason is required', () => {
      given(PLANNED)
        .when(evaluate(MANAGER, 8, 'declined', '  '))
        .thenThrows(ValidationError, 'REQUIRED', 'reason');
    });

    it('an unknown need → NOT_FOUND', () => {
      given(PLANNED)
        .when(evaluate(MANAGER, 8, 'approved', '好', 'S9'))
        .thenThrows(NotFoundError, 'NOT_FOUND', 'needId');
    });

    it('submitting the plan step with an unevaluated need → SUPPORT_NEED_UNEVALUATED naming it', () => {
      expectRejected(PLANNED, advance(MANAGER, 'improvement_plan'), RuleError, {
        code: 'SUPPORT_NEED_UNEVALUATED',
        field: 'nextGoals.supportNeeds[0].evaluation',
        details: { needId: 'S1' },
      });
    });

    it('a need changed after its evaluation must be evaluated again before the plan submits', () => {
      const changed = [...EVALUATED, edited('nextGoals', { goals: NEXT.goals!, supportNeeds: [{ ...S1, need: '参加 CKA 认证考试' }] }, 10)];
      given(changed)
        .when(advance(MANAGER, 'improvement_plan'))
        .thenThrows(RuleError, 'SUPPORT_NEED_UNEVALUATED', 'nextGoals.supportNeeds[0].evaluation');
    });

    it('HR fulfils an approved need: SupportNeedFulfilled, recorded on the record', () => {
      const fulfilled: InterviewEvent = {
        type: 'SupportNeedFulfilled',
        data: { interviewId: ID, needId: 'S1', note: '已报名 7 月 Kubernetes 运维培训', by: 'hr-1', at: NOW },
      };
      given(EVALUATED).when(fulfil(HR)).then([fulfilled]);
      expect(stateOf([...EVALUATED, fulfilled]).fulfilledNeeds).toEqual({
        S1: { note: '已报名 7 月 Kubernetes 运维培训', by: 'hr-1', at: NOW },
      });
    });

    it('a partly approved need is fulfilled too, also after the lock', () => {
      given([...PLANNED, needEvaluated('S1', { ...EVALUATION, decision: 'partly' }, 9)])
        .when(fulfil(HR))
        .then([
          {
            type: 'SupportNeedFulfilled',
            data: { interviewId: ID, needId: 'S1', note: '已报名 7 月 Kubernetes 运维培训', by: 'hr-1', at: NOW },
          },
        ]);
      given(LOCKED)
        .when(fulfil(HR))
        .then([
          {
            type: 'SupportNeedFulfilled',
            data: { interviewId: ID, needId: 'S1', note: '已报名 7 月 Kubernetes 运维培训', by: 'hr-1', at: NOW },
          },
        ]);
    });

    it('a declined or unevaluated need → NEED_NOT_APPROVED', () => {
      given([...PLANNED, needEvaluated('S1', { ...EVALUATION, decision: 'declined' }, 9)])
        .when(fulfil(HR))
        .thenThrows(RuleError, 'NEED_NOT_APPROVED', 'needId');
      given(PLANNED).when(fulfil(HR)).thenThrows(RuleError, 'NEED_NOT_APPROVED', 'needId');
    });

    it('only HR fulfils → FORBIDDEN for the manager', () => {
      given(EVALUATED).when(fulfil(MANAGER)).thenThrows(ForbiddenError, 'FORBIDDEN');
    });

    it('once: a second fulfilment → ILLEGAL_STATE', () => {
      const once = [
        ...EVALUATED,
        { type: 'SupportNeedFulfilled', data: { interviewId: ID, needId: 'S1', note: '已报名', by: 'hr-1', at: NOW } } as InterviewEvent,
      ];
      given(once).when(fulfil(HR)).thenThrows(IllegalStateError, 'ILLEGAL_STATE', 'needId');
    });
  });

  describe('the improvement plan becomes tasks', () => {
    // Sent back from the signatures to the plan, the plan changed (I1's target, I2 dropped, a new item) and submitted again.
    const BACK_TO_PLAN: InterviewEvent[] = [
      ...AT_SIGNATURES,
      returned('signatures', 'improvement_plan', 5, 'mgr-1', NOW, IN_2, '计划需要调整'),
    ];
    const I1_CHANGED = { ...I1, target: '每月不超过 1 个' };
    const I3 = {
      id: 'I3',
      action: '把发布检查清单接入流水线，自动阻断未评审的合并',
      metric: '未评审合并数',
      target: '0 次',
      ownerId: 'peer-1',
      deadline: '2026-08-15',
      linkedTo: 'P1',
    };
    const withoutId = ({ id: _id, ...item }: typeof I3) => item;
    const CHANGED: InterviewEvent[] = [
      ...BACK_TO_PLAN,
      edited('improvementPlan', { consensus: PLAN.consensus!, items: [I1_CHANGED, I3] }, 10),
    ];
    const REAGREED: InterviewEvent[] = [
      ...CHANGED,
      advanced('improvement_plan', 'signatures', 6, 'mgr-1', NOW, IN_2),
      planAgreed(10, [task(I1_CHANGED), task(I3)], ['I2']),
    ];

    it('a new plan item gets the next id, I3, though I2 was removed in the same edit', () => {
      given(BACK_TO_PLAN)
        .when(edit(MANAGER, 'improvementPlan', { consensus: PLAN.consensus, items: [I1_CHANGED, withoutId(I3)] }, 9))
        .then([CHANGED.at(-1)!]);
    });

    it('re-submitting a changed plan updates and adds tasks and cancels the dropped one', () => {
      given(CHANGED).when(advance(MANAGER, 'improvement_plan')).then(REAGREED.slice(-2));
    });

    it('re-submitting an unchanged plan agrees nothing new', () => {
      given(BACK_TO_PLAN)
        .when(advance(MANAGER, 'improvement_plan'))
        .then([advanced('improvement_plan', 'signatures', 6, 'mgr-1', NOW, IN_2)]);
    });

    it('progress survives a change to the plan; the dropped task is cancelled, the new one open', () => {
      const progressed: InterviewEvent = {
        type: 'ImprovementTaskProgressed',
        data: { interviewId: ID, taskId: 'I1', progress: 40, note: '已评审 2 周', by: 'emp-1', at: NOW },
      };
      const events = [...AT_SIGNATURES, progressed, ...REAGREED.slice(AT_SIGNATURES.length)];
      const tasks = stateOf(events).tasks;
      expect(tasks.map((t) => [t.taskId, t.status, t.progress, t.target])).toEqual([
        ['I1', 'open', 40, '每月不超过 1 个'],
        ['I2', 'cancelled', 0, I2.target],
        ['I3', 'open', 0, '0 次'],
      ]);
      expect(stateOf(events).planAgreedVersion).toBe(10);
    });

    it('the owner reports progress: ImprovementTaskProgressed', () => {
      given(LOCKED)
        .when(progress(EMPLOYEE, 'I1', 40, ' 已评审 2 周 '))
        .then([
          {
            type: 'ImprovementTaskProgressed',
            data: { interviewId: ID, taskId: 'I1', progress: 40, note: '已评审 2 周', by: 'emp-1', at: NOW },
          },
        ]);
    });

    it('the manager may report on any task; a note is optional', () => {
      given(LOCKED)
        .when(progress(MANAGER, 'I1', 0))
        .then([
          { type: 'ImprovementTaskProgressed', data: { interviewId: ID, taskId: 'I1', progress: 0, note: '', by: 'mgr-1', at: NOW } },
        ]);
      given(LOCKED)
        .when(progress(MANAGER, 'I2', 100))
        .then([
          { type: 'ImprovementTaskProgressed', data: { interviewId: ID, taskId: 'I2', progress: 100, note: '', by: 'mgr-1', at: NOW } },
        ]);
    });

    it("a participant who owns a task reports on it; the employee does not report on the manager's task", () => {
      given(REAGREED)
        .when(progress(PARTICIPANT, 'I3', 10))
        .then([
          { type: 'ImprovementTaskProgressed', data: { interviewId: ID, taskId: 'I3', progress: 10, note: '', by: 'peer-1', at: NOW } },
        ]);
      given(LOCKED)
        .when(progress(EMPLOYEE, 'I2', 10))
        .thenThrows(ForbiddenError, 'FORBIDDEN', 'taskId');
      given(LOCKED)
        .when(progress(PARTICIPANT, 'I1', 10))
        .thenThrows(ForbiddenError, 'FORBIDDEN', 'taskId');
    });

    it.each([101, -1, 12.5, Number.NaN])('progress %p → VALUE_OUT_OF_RANGE', (value) => {
      given(LOCKED)
        .when(progress(EMPLOYEE, 'I1', value))
        .thenThrows(ValidationError, 'VALUE_OUT_OF_RANGE', 'progress');
    });

    it('a stranger → NOT_FOUND; an unknown task → NOT_FOUND', () => {
      given(LOCKED)
        .when(progress(STRANGER, 'I1', 10))
        .thenThrows(NotFoundError, 'NOT_FOUND', 'interviewId');
      given(LOCKED)
        .when(progress(EMPLOYEE, 'I9', 10))
        .thenThrows(NotFoundError, 'NOT_FOUND', 'taskId');
    });

    const COMPLETED: InterviewEvent = {
      type: 'ImprovementTaskCompleted',
      data: { interviewId: ID, taskId: 'I1', note: '连续 2 个月缺陷 ≤ 2', by: 'emp-1', at: NOW },
    };

    it('CompleteTask: ImprovementTaskCompleted; the task is done at 100%', () => {
      given(LOCKED)
        .when(complete(EMPLOYEE, 'I1', '连续 2 个月缺陷 ≤ 2'))
        .then([COMPLETED]);
      expect(stateOf([...LOCKED, COMPLETED]).tasks[0]).toMatchObject({ taskId: 'I1', status: 'done', progress: 100, completedAt: NOW });
    });

    it('a done task takes no more progress or completion → TASK_CLOSED', () => {
      given([...LOCKED, COMPLETED])
        .when(progress(EMPLOYEE, 'I1', 50))
        .thenThrows(RuleError, 'TASK_CLOSED', 'taskId');
      given([...LOCKED, COMPLETED])
        .when(complete(MANAGER, 'I1'))
        .thenThrows(RuleError, 'TASK_CLOSED', 'taskId');
    });

    it('a cancelled task → TASK_CLOSED', () => {
      given(REAGREED)
        .when(progress(MANAGER, 'I2', 50))
        .thenThrows(RuleError, 'TASK_CLOSED', 'taskId');
    });

    it('before the plan is agreed there are no tasks', () => {
      given(EVALUATED)
        .when(progress(EMPLOYEE, 'I1', 10))
        .thenThrows(NotFoundError, 'NOT_FOUND', 'taskId');
    });
  });

  describe('attachments', () => {
    it('the employee attaches a file: InterviewAttachmentAdded', () => {
      given(SELF_FILLED)
        .when(attach(EMPLOYEE, SHA_B))
        .then([attachmentAdded(SHA_B)]);
    });

    it('HR may attach too', () => {
      given(SELF_FILLED)
        .when(attach(HR, SHA_B))
        .then([attachmentAdded(SHA_B, 'hr-1')]);
    });

    it('the same bytes again produce no event', () => {
      given([...SELF_FILLED, attachmentAdded(SHA_B)])
        .when(attach(MANAGER, SHA_B))
        .then([]);
    });

    it.each([
      ['an auditor', AUDITOR],
      ['another participant', PARTICIPANT],
    ])('%s → FORBIDDEN', (_who, by) => {
      given(SELF_FILLED).when(attach(by, SHA_B)).thenThrows(ForbiddenError, 'FORBIDDEN');
    });

    it('a stranger → NOT_FOUND', () => {
      given(SELF_FILLED).when(attach(STRANGER, SHA_B)).thenThrows(NotFoundError, 'NOT_FOUND', 'interviewId');
    });

    it('after the lock → LOCKED', () => {
      given(LOCKED).when(attach(EMPLOYEE, SHA_B)).thenThrows(SigningRuleError, 'LOCKED', 'interviewId');
    });

    it.each(['A'.repeat(64), 'a'.repeat(63), 'g'.repeat(64)])('sha256 %p → INVALID_VALUE', (sha256) => {
      given(SELF_FILLED).when(attach(EMPLOYEE, sha256)).thenThrows(ValidationError, 'INVALID_VALUE', 'sha256');
    });

    it('an empty file → INVALID_VALUE size', () => {
      given(SELF_FILLED)
        .when(attach(EMPLOYEE, SHA_B, 0))
        .thenThrows(ValidationError, 'INVALID_VALUE', 'size');
    });
  });

  describe("locking follows the template snapshot's required signatures", () => {
    const remarks = edited('remarks', { text: '单次面谈记录' }, 2);
    const withSignatures = (requiredSignatures: InterviewTemplate['requiredSignatures']): InterviewEvent[] => [
      scheduledWith({ ...STANDARD, id: 'acme-checkin', requiredSignatures }, SINGLE_SESSION, { dueAt: IN_5 }),
      remarks,
    ];

    it('a template requiring the participant too: employee and manager alone do not lock', () => {
      const filled = withSignatures(['employee', 'manager', 'participant']);
      const both = [...filled, signed(filled, EMPLOYEE, 'employee')];
      given(both)
        .when(sign(both, MANAGER, 'manager'))
        .then([signed(both, MANAGER, 'manager')]);
      const all = [...both, signed(both, MANAGER, 'manager')];
      given(all)
        .when(sign(all, PARTICIPANT, 'participant'))
        .then([signed(all, PARTICIPANT, 'participant'), locked(2, NOW)]);
    });

    it("a template requiring the employee only: the employee's signature locks", () => {
      const filled = withSignatures(['employee']);
      given(filled)
        .when(sign(filled, EMPLOYEE, 'employee'))
        .then([signed(filled, EMPLOYEE, 'employee'), locked(2, NOW)]);
    });
  });
});
