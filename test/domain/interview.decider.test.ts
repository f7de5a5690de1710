import { interviewDecider } from '../../src/domain/interview/decider';
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
  type BasicInfoChanges,
  type EditInterviewSection,
  type Interview,
  type InterviewEvent,
  type InterviewScheduled,
  type ScheduleInterview,
  type UpdateInterviewBasicInfo,
} from '../../src/domain/interview/interview';
import { LIMITS } from '../../src/domain/limits';
import { DEFAULT_CALENDAR } from '../../src/domain/command';
import { findTemplate } from '../../src/domain/interview/template';
import { BUILTIN_FLOWS } from '../../src/domain/workflow/flow';
import { computeDueAt } from '../../src/domain/workflow/reminder-schedule';
import { GIVEN_AT, specFor } from '../support/given-when-then';

const { given } = specFor(interviewDecider);

const NOW = '2026-06-20T02:00:00.000Z';
const meta = (actor: string, ...roles: Role[]): CommandMeta => ({ actor, roles, ip: '203.0.113.7', now: NOW, commandId: `cmd-${actor}` });

// The cast of one interview: its employee, its manager, another participant, and people outside it.
const EMPLOYEE = meta('emp-1', 'employee');
const MANAGER = meta('mgr-1', 'manager', 'employee');
const PARTICIPANT = meta('peer-1', 'employee');
const OTHER_MANAGER = meta('mgr-2', 'manager');
const STRANGER = meta('emp-9', 'employee');
const HR = meta('hr-1', 'hr');
const ADMIN = meta('adm-1', 'admin');
const AUDITOR = meta('aud-1', 'auditor');

const ID = 'iv-2026-0001';

const scheduleData = (overrides: Partial<ScheduleInterview['data']> = {}): ScheduleInterview['data'] => ({
  interviewId: ID,
  templateId: 'standard-v1',
  employeeId: 'emp-1',
  managerId: 'mgr-1',
  participantIds: ['peer-1'],
  department: '研发中心',
  position: '高级工程师',
  cycle: '2026-H1',
  scheduledAt: '2026-07-01T09:30:00+08:00',
  location: '3F 会议室',
  reportingLine: { managerChain: ['mgr-1', 'dir-1'] },
  ...overrides,
});

const schedule = (by: CommandMeta, overrides: Partial<ScheduleInterview['data']> = {}): ScheduleInterview => ({
  type: 'ScheduleInterview',
  data: scheduleData(overrides),
  meta: by,
});

const scheduled = (overrides: Partial<InterviewScheduled['data']> = {}): InterviewScheduled => ({
  type: 'InterviewScheduled',
  data: {
    interviewId: ID,
    templateId: 'standard-v1',
    version: 1,
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

/** What scheduling decides: the event plus the template and flow snapshots and the first step's due time. */
const scheduledOut = (overrides: Partial<InterviewScheduled['data']> = {}): InterviewScheduled => {
  const event = scheduled(overrides);
  const template = findTemplate(event.data.templateId)!;
  const flow = BUILTIN_FLOWS.get(template.defaultFlowId)!;
  return {
    ...event,
    data: {
      ...event.data,
      templateVersion: template.version,
      template,
      flow,
      dueAt: computeDueAt(NOW, flow.steps[0]!.dueInDays, DEFAULT_CALENDAR.zone, DEFAULT_CALENDAR),
    },
  };
};

const edit = (by: CommandMeta, section: string, content: unknown, expectedVersion = 1): EditInterviewSection => ({
  type: 'EditInterviewSection',
  data: { interviewId: ID, expectedVersion, section, content },
  meta: by,
});

const edited = (section: string, content: Record<string, unknown>, version: number): InterviewEvent => ({
  type: 'InterviewSectionEdited',
  data: { interviewId: ID, version, section, content: content as never },
});

const update = (by: CommandMeta, changes: BasicInfoChanges, expectedVersion = 1): UpdateInterviewBasicInfo => ({
  type: 'UpdateInterviewBasicInfo',
  data: { interviewId: ID, expectedVersion, changes },
  meta: by,
});

const updated = (changes: BasicInfoChanges, version = 2): InterviewEvent => ({
  type: 'InterviewBasicInfoUpdated',
  data: { interviewId: ID, version, changes },
});

/** Nested objects n levels deep: {a: {a: ... {a: 1}}}. */
const nested = (levels: number): Record<string, unknown> => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value as Record<string, unknown>;
};

describe('interview decider', () => {
  describe('ScheduleInterview', () => {
    it('HR schedules: one InterviewScheduled at version 1, time normalised to UTC', () => {
      given([]).when(schedule(HR)).then([scheduledOut()]);
    });

    it('trims text and defaults location to "" and participants to []', () => {
      given([])
        .when(schedule(HR, { department: '  研发中心 ', position: ' 高级工程师', location: undefined, participantIds: undefined }))
        .then([scheduledOut({ location: '', participantIds: [] })]);
    });

    it('an admin may schedule', () => {
      given([]).when(schedule(ADMIN)).then([scheduledOut()]);
    });

    it('a manager may schedule for an employee when they are the manager on the record', () => {
      given([]).when(schedule(MANAGER)).then([scheduledOut()]);
    });

    it('a manager outside the reporting line may not schedule, whatever manager the input names', () => {
      given([]).when(schedule(OTHER_MANAGER)).thenThrows(RuleError, 'NOT_EMPLOYEES_MANAGER');
      given([])
        .when(schedule(OTHER_MANAGER, { managerId: 'mgr-2' }))
        .thenThrows(RuleError, 'NOT_EMPLOYEES_MANAGER');
    });

    it('a manager above in the chain may schedule, with the manager of record; only HR names another', () => {
      given([])
        .when(schedule(meta('dir-1', 'manager')))
        .then([scheduledOut()]);
      given([])
        .when(schedule(MANAGER, { managerId: 'dir-1' }))
        .thenThrows(RuleError, 'NOT_MANAGER_OF_RECORD');
      given([])
        .when(schedule(HR, { managerId: 'dir-1' }))
        .then([scheduledOut({ managerId: 'dir-1' })]);
    });

    it('one interview per employee and cycle: a second needs HR or an admin and a reason, which the event keeps', () => {
      const second = { sameCycleInterviewIds: ['iv-2026-0000'] };
      given([]).when(schedule(MANAGER, second)).thenThrows(RuleError, 'INTERVIEW_EXISTS_IN_CYCLE');
      given([]).when(schedule(HR, second)).thenThrows(RuleError, 'INTERVIEW_EXISTS_IN_CYCLE');
      given([])
        .when(schedule(HR, { ...second, reason: ' 调岗后补谈 ' }))
        .then([scheduledOut({ secondInCycleReason: '调岗后补谈' })]);
    });

    it('an employee may not schedule, not even their own', () => {
      given([]).when(schedule(EMPLOYEE)).thenThrows(ForbiddenError, 'FORBIDDEN');
    });

    it('someone named as manager without the manager role may not schedule', () => {
      given([])
        .when(schedule(meta('mgr-1', 'employee')))
        .thenThrows(ForbiddenError, 'FORBIDDEN');
    });

    it('an auditor may not schedule', () => {
      given([]).when(schedule(AUDITOR)).thenThrows(ForbiddenError, 'FORBIDDEN');
    });

    it('scheduling an existing interview again is ILLEGAL_STATE', () => {
      given([scheduled()]).when(schedule(HR)).thenThrows(IllegalStateError, 'ILLEGAL_STATE', 'interviewId');
    });

    it.each([
      ['interviewId', 'has space'],
      ['interviewId', ''],
      ['interviewId', 'x'.repeat(LIMITS.idChars + 1)],
      ['interviewId', '-starts-with-dash'],
      ['employeeId', 'emp/1'],
      ['employeeId', '员工1'],
      ['managerId', '.mgr'],
      ['managerId', 42],
    ])('rejects an invalid %s (%p) with INVALID_ID', (field, value) => {
      given([])
        .when(schedule(HR, { [field]: value } as Partial<ScheduleInterview['data']>))
        .thenThrows(ValidationError, 'INVALID_ID', field);
    });

    it('accepts ids of letters, digits, "_", ".", ":" and "-" up to the limit', () => {
      const id = `A1_.:-${'z'.repeat(LIMITS.idChars - 6)}`;
      given([])
        .when(schedule(HR, { interviewId: id }))
        .then([scheduledOut({ interviewId: id })]);
    });

    it.each(['2026-Q5', '2026-H3', '2026-M13', '2026-M7', '26', '2026Q1', '2026-q1', ''])(
      'rejects cycle %p with INVALID_CYCLE',
      (cycle) => {
        given([]).when(schedule(HR, { cycle })).thenThrows(ValidationError, 'INVALID_CYCLE', 'cycle');
      },
    );

    it.each(['2026', '2026-H2', '2026-Q4', '2026-M01', '2026-M12'])('accepts cycle %p', (cycle) => {
      given([])
        .when(schedule(HR, { cycle }))
        .then([scheduledOut({ cycle })]);
    });

    it.each([
      ['a day February does not have', '2026-02-30T10:00:00+08:00'],
      ['29 February in a common year', '2026-02-29T10:00:00Z'],
      ['31 April', '2026-04-31T10:00:00+08:00'],
      ['no zone', '2026-07-01T09:30:00'],
      ['a date without a time', '2026-07-01'],
      ['an hour of 25', '2026-07-01T25:00:00Z'],
      ['a year before 2000', '1999-12-31T23:00:00Z'],
      ['a year after 2100', '2101-01-01T00:00:00Z'],
      ['free text', 'next Tuesday'],
      ['a timestamp number', 1782869400000],
    ])('rejects scheduledAt with %s (%p) as INVALID_DATE', (_case, scheduledAt) => {
      given([])
        .when(schedule(HR, { scheduledAt: scheduledAt as string }))
        .thenThrows(ValidationError, 'INVALID_DATE', 'scheduledAt');
    });

    it.each([
      ['29 February in a leap year', '2028-02-29T10:00:00+08:00', '2028-02-29T02:00:00.000Z'],
      ['a local date whose UTC instant is the previous day', '2026-03-01T00:30:00+08:00', '2026-02-28T16:30:00.000Z'],
      ['a local date whose UTC instant is the next day', '2026-02-28T23:30:00-05:00', '2026-03-01T04:30:00.000Z'],
      ['UTC with milliseconds', '2026-07-01T01:30:00.123Z', '2026-07-01T01:30:00.123Z'],
      ['minutes only', '2026-07-01T09:30+08:00', '2026-07-01T01:30:00.000Z'],
    ])('accepts scheduledAt with %s and stores UTC', (_case, scheduledAt, utc) => {
      given([])
        .when(schedule(HR, { scheduledAt }))
        .then([scheduledOut({ scheduledAt: utc })]);
    });

    it('rejects the employee as their own manager', () => {
      given([])
        .when(schedule(HR, { managerId: 'emp-1' }))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', 'managerId');
    });

    it('rejects duplicate participants', () => {
      given([])
        .when(schedule(HR, { participantIds: ['peer-1', 'peer-2', 'peer-1'] }))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', 'participantIds');
    });

    it('rejects the employee or the manager listed again as another participant', () => {
      given([])
        .when(schedule(HR, { participantIds: ['emp-1'] }))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', 'participantIds');
      given([])
        .when(schedule(HR, { participantIds: ['mgr-1'] }))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', 'participantIds');
    });

    it(`accepts ${LIMITS.participants} other participants and rejects ${LIMITS.participants + 1} as VALUE_TOO_LARGE`, () => {
      const ids = (n: number) => Array.from({ length: n }, (_, i) => `peer-${i}`);
      given([])
        .when(schedule(HR, { participantIds: ids(LIMITS.participants) }))
        .then([scheduledOut({ participantIds: ids(LIMITS.participants) })]);
      given([])
        .when(schedule(HR, { participantIds: ids(LIMITS.participants + 1) }))
        .thenThrows(ValidationError, 'VALUE_TOO_LARGE', 'participantIds');
    });

    it('names the bad participant id by its index', () => {
      given([])
        .when(schedule(HR, { participantIds: ['peer-1', 'bad id'] }))
        .thenThrows(ValidationError, 'INVALID_ID', 'participantIds[1]');
    });

    it('rejects participants that are not a list', () => {
      given([])
        .when(schedule(HR, { participantIds: 'peer-1' as unknown as string[] }))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', 'participantIds');
    });

    it('rejects an unknown template', () => {
      given([])
        .when(schedule(HR, { templateId: 'no-such-template' }))
        .thenThrows(ValidationError, 'UNKNOWN_TEMPLATE', 'templateId');
    });

    it('accepts the quick check-in template', () => {
      given([])
        .when(schedule(HR, { templateId: 'quick-checkin-v1' }))
        .then([scheduledOut({ templateId: 'quick-checkin-v1' })]);
    });

    it('requires department and position, and limits their length', () => {
      given([])
        .when(schedule(HR, { department: '   ' }))
        .thenThrows(ValidationError, 'REQUIRED', 'department');
      given([])
        .when(schedule(HR, { position: undefined as unknown as string }))
        .thenThrows(ValidationError, 'REQUIRED', 'position');
      given([])
        .when(schedule(HR, { position: '职'.repeat(LIMITS.nameChars + 1) }))
        .thenThrows(ValidationError, 'VALUE_TOO_LARGE', 'position');
      given([])
        .when(schedule(HR, { location: 'x'.repeat(LIMITS.nameChars + 1) }))
        .thenThrows(ValidationError, 'VALUE_TOO_LARGE', 'location');
    });
  });

  describe('EditInterviewSection', () => {
    const goals = { items: [{ id: 'G1', goal: '交付 v2.0', target: '6 月底上线', actual: '6 月 25 日上线' }] };

    it('the employee edits a section: version 1 -> 2', () => {
      given([scheduled()])
        .when(edit(EMPLOYEE, 'goalReview', goals))
        .then([edited('goalReview', goals, 2)]);
    });

    it('the manager may edit too', () => {
      given([scheduled()])
        .when(edit(MANAGER, 'remarks', { text: '亮点' }))
        .then([edited('remarks', { text: '亮点' }, 2)]);
    });

    it.each([
      ['HR', HR],
      ['an admin', ADMIN],
    ])('%s does not write a record in progress (only during a correction): FORBIDDEN', (_who, by) => {
      given([scheduled()])
        .when(edit(by, 'remarks', { text: '亮点' }))
        .thenThrows(ForbiddenError, 'FORBIDDEN');
    });

    it('accepts null-prototype objects, as GraphQL JSON literals arrive', () => {
      const content = Object.assign(Object.create(null) as Record<string, unknown>, { text: '内联' });
      given([scheduled()])
        .when(edit(EMPLOYEE, 'remarks', content))
        .then([edited('remarks', { text: '内联' }, 2)]);
    });

    it('rejects a sparse list instead of sealing it without its holes', () => {
      // eslint-disable-next-line no-sparse-arrays
      given([scheduled()])
        .when(edit(EMPLOYEE, 'remarks', { items: [1, , 3] }))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', 'content.items[1]');
    });

    it('each edit increments the version from the current one', () => {
      given([scheduled(), edited('goalReview', goals, 2), updated({ location: '线上' }, 3)])
        .when(edit(MANAGER, 'remarks', { text: 'none' }, 3))
        .then([edited('remarks', { text: 'none' }, 4)]);
    });

    it('a stale expectedVersion is a VersionConflictError (VERSION_CONFLICT on expectedVersion), never a silent overwrite', () => {
      given([scheduled(), edited('goalReview', goals, 2)])
        .when(edit(MANAGER, 'goalReview', { summary: 'overwrite' }, 1))
        .thenThrows(VersionConflictError, 'VERSION_CONFLICT', 'expectedVersion');
    });

    it('the conflict reports both versions', () => {
      const state = [scheduled(), edited('goalReview', goals, 2), edited('goalReview', goals, 3)].reduce(
        (s: Interview, e) => evolve(s, e, GIVEN_AT),
        initialState(),
      );
      expect(() => interviewDecider.decide(edit(MANAGER, 'goalReview', {}, 2), state)).toThrow(
        expect.objectContaining({ expected: 2, actual: 3, message: expect.stringContaining('version 3, not 2') }),
      );
    });

    it('an expectedVersion ahead of the record is a conflict too', () => {
      given([scheduled()])
        .when(edit(EMPLOYEE, 'goalReview', goals, 5))
        .thenThrows(VersionConflictError, 'VERSION_CONFLICT', 'expectedVersion');
    });

    it.each([0, -1, 1.5, Number.NaN, '1'])('rejects expectedVersion %p as invalid input', (expectedVersion) => {
      given([scheduled()])
        .when(edit(EMPLOYEE, 'goalReview', goals, expectedVersion as number))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', 'expectedVersion');
    });

    it('a section the template does not have is SECTION_NOT_IN_TEMPLATE on section', () => {
      given([scheduled()])
        .when(edit(EMPLOYEE, 'salary', { amount: 1 }))
        .thenThrows(ValidationError, 'SECTION_NOT_IN_TEMPLATE', 'section');
      given([scheduled()])
        .when(edit(EMPLOYEE, '__proto__', {}))
        .thenThrows(ValidationError, 'SECTION_NOT_IN_TEMPLATE', 'section');
    });

    it('quick-checkin-v1 has no "highlights" section, standard-v1 has', () => {
      const highlight = { items: [{ case: '换模流程优化', data: '换模时间缩短 15 分钟' }] };
      given([scheduled({ templateId: 'quick-checkin-v1' })])
        .when(edit(EMPLOYEE, 'highlights', highlight))
        .thenThrows(ValidationError, 'SECTION_NOT_IN_TEMPLATE', 'section');
      given([scheduled({ templateId: 'quick-checkin-v1' })])
        .when(edit(EMPLOYEE, 'nextGoals', { goals: [{ goal: '良率', target: '99%' }] }))
        .then([edited('nextGoals', { goals: [{ id: 'N1', goal: '良率', target: '99%' }] }, 2)]);
      given([scheduled()])
        .when(edit(EMPLOYEE, 'highlights', highlight))
        .then([edited('highlights', { items: [{ id: 'H1', ...highlight.items[0] }] }, 2)]);
    });

    it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
      ['goalReview', { items: [{ goal: '产量', target: '1000 件/天' }] }, { items: [{ id: 'G1', goal: '产量', target: '1000 件/天' }] }],
      [
        'highlights',
        { items: [{ case: '主动提出流程优化建议', data: '故障率下降 12%' }] },
        { items: [{ id: 'H1', case: '主动提出流程优化建议', data: '故障率下降 12%' }] },
      ],
      [
        'problems',
        { items: [{ problem: '原材料到货不及时', cause: '供应商排产' }] },
        { items: [{ id: 'P1', problem: '原材料到货不及时', cause: '供应商排产' }] },
      ],
      ['improvementPlan', { consensus: '先解决来料问题' }, { consensus: '先解决来料问题' }],
      [
        'nextGoals',
        { supportNeeds: [{ type: 'training', need: 'PLC 培训' }] },
        { supportNeeds: [{ id: 'S1', type: 'training', need: 'PLC 培训' }] },
      ],
      ['remarks', { text: ' x ' }, { text: 'x' }],
    ])('standard-v1 accepts section %s, trimmed, with ids assigned to new items', (section, content, stored) => {
      given([scheduled()])
        .when(edit(EMPLOYEE, section, content))
        .then([edited(section, stored, 2)]);
    });

    it('a field the section does not have is FIELD_NOT_IN_TEMPLATE, naming it', () => {
      given([scheduled()])
        .when(edit(EMPLOYEE, 'remarks', { text: 'x', mood: 'ok' }))
        .thenThrows(ValidationError, 'FIELD_NOT_IN_TEMPLATE', 'content.mood');
      given([scheduled()])
        .when(edit(EMPLOYEE, 'goalReview', { items: [{ goal: '产量', bonus: 1 }] }))
        .thenThrows(ValidationError, 'FIELD_NOT_IN_TEMPLATE', 'content.items[0].bonus');
    });

    describe('content limits', () => {
      it(`a string over ${LIMITS.stringChars} characters is VALUE_TOO_LARGE, naming its path`, () => {
        given([scheduled()])
          .when(edit(EMPLOYEE, 'remarks', { text: 'x'.repeat(LIMITS.stringChars) }))
          .then([edited('remarks', { text: 'x'.repeat(LIMITS.stringChars) }, 2)]);
        given([scheduled()])
          .when(edit(EMPLOYEE, 'remarks', { text: 'x'.repeat(LIMITS.stringChars + 1) }))
          .thenThrows(ValidationError, 'VALUE_TOO_LARGE', 'content.text');
      });

      it(`content over ${LIMITS.sectionBytes} bytes of canonical JSON is VALUE_TOO_LARGE, counting UTF-8 bytes`, () => {
        // 2 × 12,000 Chinese characters: each string is within the character limit, but 72,000 bytes in all.
        const content = {
          items: [
            { case: '中'.repeat(12_000), data: '1' },
            { case: '文'.repeat(12_000), data: '2' },
          ],
        };
        given([scheduled()])
          .when(edit(EMPLOYEE, 'highlights', content))
          .thenThrows(ValidationError, 'VALUE_TOO_LARGE', 'content');
        // The same number of ASCII characters fits.
        const ascii = {
          items: [
            { case: 'x'.repeat(12_000), data: '1' },
            { case: 'y'.repeat(12_000), data: '2' },
          ],
        };
        given([scheduled()])
          .when(edit(EMPLOYEE, 'highlights', ascii))
          .then([edited('highlights', { items: ascii.items.map((item, i) => ({ id: `H${i + 1}`, ...item })) }, 2)]);
      });

      it(`nesting deeper than ${LIMITS.depth} levels is VALUE_TOO_LARGE`, () => {
        // Deep but within the limit: the shape check comes next, and the template has no field "a".
        given([scheduled()])
          .when(edit(EMPLOYEE, 'remarks', nested(LIMITS.depth)))
          .thenThrows(ValidationError, 'FIELD_NOT_IN_TEMPLATE', 'content.a');
        given([scheduled()])
          .when(edit(EMPLOYEE, 'remarks', nested(LIMITS.depth + 1)))
          .thenThrows(ValidationError, 'VALUE_TOO_LARGE', `content${'.a'.repeat(LIMITS.depth + 1)}`);
      });

      it(`arrays over ${LIMITS.arrayItems} items and objects over ${LIMITS.objectKeys} keys are VALUE_TOO_LARGE`, () => {
        given([scheduled()])
          .when(edit(EMPLOYEE, 'remarks', { list: Array(LIMITS.arrayItems + 1).fill(1) }))
          .thenThrows(ValidationError, 'VALUE_TOO_LARGE', 'content.list');
        const wide = Object.fromEntries(Array.from({ length: LIMITS.objectKeys + 1 }, (_, i) => [`k${i}`, i]));
        given([scheduled()])
          .when(edit(EMPLOYEE, 'remarks', wide))
          .thenThrows(ValidationError, 'VALUE_TOO_LARGE', 'content');
      });

      it('keys must be 1..64 characters', () => {
        given([scheduled()])
          .when(edit(EMPLOYEE, 'remarks', { ['k'.repeat(LIMITS.keyChars + 1)]: 1 }))
          .thenThrows(ValidationError, 'VALIDATION_FAILED', 'content');
        given([scheduled()])
          .when(edit(EMPLOYEE, 'remarks', { inner: { '': 1 } }))
          .thenThrows(ValidationError, 'VALIDATION_FAILED', 'content.inner');
      });

      it.each([
        ['an array', [1, 2]],
        ['a string', 'text'],
        ['null', null],
        ['a number', 7],
        ['missing', undefined],
      ])('content that is %s, not an object, is rejected', (_what, content) => {
        given([scheduled()])
          .when(edit(EMPLOYEE, 'remarks', content))
          .thenThrows(ValidationError, 'VALIDATION_FAILED', 'content');
      });

      it.each([
        ['NaN', { score: Number.NaN }, 'content.score'],
        ['Infinity', { list: [1, Infinity] }, 'content.list[1]'],
        ['a Date', { at: new Date(0) }, 'content.at'],
        ['a function', { f: () => 1 }, 'content.f'],
        ['undefined', { gone: undefined }, 'content.gone'],
      ])('content holding %s is rejected at its path', (_what, content, path) => {
        given([scheduled()])
          .when(edit(EMPLOYEE, 'remarks', content))
          .thenThrows(ValidationError, 'VALIDATION_FAILED', path);
      });
    });

    describe('access', () => {
      it('an auditor may read but not edit: FORBIDDEN', () => {
        given([scheduled()])
          .when(edit(AUDITOR, 'remarks', { text: 'x' }))
          .thenThrows(ForbiddenError, 'FORBIDDEN');
      });

      it('a participant other than employee and manager may read but not edit: FORBIDDEN', () => {
        given([scheduled()])
          .when(edit(PARTICIPANT, 'remarks', { text: 'x' }))
          .thenThrows(ForbiddenError, 'FORBIDDEN');
      });

      it('a stranger gets NOT_FOUND, exactly as for an interview that does not exist', () => {
        given([scheduled()])
          .when(edit(STRANGER, 'remarks', { text: 'x' }))
          .thenThrows(NotFoundError, 'NOT_FOUND', 'interviewId');
        given([])
          .when(edit(STRANGER, 'remarks', { text: 'x' }))
          .thenThrows(NotFoundError, 'NOT_FOUND', 'interviewId');
        const existingError = errorOf(() => interviewDecider.decide(edit(STRANGER, 'remarks', { text: 'x' }), stateOf([scheduled()])));
        const missingError = errorOf(() => interviewDecider.decide(edit(STRANGER, 'remarks', { text: 'x' }), initialState()));
        expect(existingError.message).toBe(missingError.message);
      });

      it('a stranger learns nothing from a stale version or a bad section either', () => {
        given([scheduled(), edited('goalReview', goals, 2)])
          .when(edit(STRANGER, 'remarks', {}, 1))
          .thenThrows(NotFoundError, 'NOT_FOUND');
        given([scheduled()])
          .when(edit(STRANGER, 'salary', {}))
          .thenThrows(NotFoundError, 'NOT_FOUND');
      });

      it("a manager who is not this interview's manager is a stranger to it", () => {
        given([scheduled()])
          .when(edit(OTHER_MANAGER, 'remarks', { text: 'x' }))
          .thenThrows(NotFoundError, 'NOT_FOUND');
      });

      it('an employee added as participant later may read but still not edit', () => {
        given([scheduled({ participantIds: [] }), updated({ participantIds: ['emp-9'] })])
          .when(edit(STRANGER, 'remarks', { text: 'x' }, 2))
          .thenThrows(ForbiddenError, 'FORBIDDEN');
      });

      it('editing an interview that was never scheduled is NOT_FOUND', () => {
        given([])
          .when(edit(HR, 'remarks', { text: 'x' }))
          .thenThrows(NotFoundError, 'NOT_FOUND', 'interviewId');
      });
    });
  });

  describe('UpdateInterviewBasicInfo', () => {
    it.each<[string, BasicInfoChanges, BasicInfoChanges]>([
      ['location', { location: ' 线上会议 ' }, { location: '线上会议' }],
      ['department', { department: '产品部' }, { department: '产品部' }],
      ['position', { position: '架构师' }, { position: '架构师' }],
      ['scheduledAt (normalised to UTC)', { scheduledAt: '2026-07-02T14:00:00+08:00' }, { scheduledAt: '2026-07-02T06:00:00.000Z' }],
      ['participantIds', { participantIds: ['peer-2', 'peer-3'] }, { participantIds: ['peer-2', 'peer-3'] }],
      ['several fields at once', { location: 'B2', position: 'SRE' }, { location: 'B2', position: 'SRE' }],
    ])('updates %s: InterviewBasicInfoUpdated with the next version', (_what, changes, expected) => {
      given([scheduled()])
        .when(update(MANAGER, changes))
        .then([updated(expected)]);
    });

    it('rejects participantIds that is not a list with a coded error', () => {
      given([scheduled()])
        .when(update(MANAGER, { participantIds: 'xyz' as unknown as string[] }))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', 'changes.participantIds');
    });

    it.each(['employeeId', 'managerId', 'cycle', 'templateId', 'interviewId', 'version'])(
      'refuses to change %s: FIELD_NOT_EDITABLE',
      (field) => {
        given([scheduled()])
          .when(update(HR, { [field]: 'x', location: 'y' } as BasicInfoChanges))
          .thenThrows(ValidationError, 'FIELD_NOT_EDITABLE', `changes.${field}`);
      },
    );

    it('requires at least one change', () => {
      given([scheduled()]).when(update(HR, {})).thenThrows(ValidationError, 'VALIDATION_FAILED', 'changes');
      given([scheduled()])
        .when(update(HR, undefined as unknown as BasicInfoChanges))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', 'changes');
    });

    it('validates participants as scheduling does', () => {
      given([scheduled()])
        .when(update(HR, { participantIds: ['emp-1'] }))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', 'participantIds');
      given([scheduled()])
        .when(update(HR, { participantIds: ['peer-2', 'peer-2'] }))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', 'participantIds');
      given([scheduled()])
        .when(update(HR, { participantIds: ['ok', 'not ok'] }))
        .thenThrows(ValidationError, 'INVALID_ID', 'participantIds[1]');
      const many = Array.from({ length: LIMITS.participants + 1 }, (_, i) => `p-${i}`);
      given([scheduled()])
        .when(update(HR, { participantIds: many }))
        .thenThrows(ValidationError, 'VALUE_TOO_LARGE', 'participantIds');
    });

    it('validates the other fields', () => {
      given([scheduled()])
        .when(update(HR, { scheduledAt: '2026-02-30T10:00:00Z' }))
        .thenThrows(ValidationError, 'INVALID_DATE', 'changes.scheduledAt');
      given([scheduled()])
        .when(update(HR, { department: ' ' }))
        .thenThrows(ValidationError, 'REQUIRED', 'changes.department');
      given([scheduled()])
        .when(update(HR, { location: 'x'.repeat(LIMITS.nameChars + 1) }))
        .thenThrows(ValidationError, 'VALUE_TOO_LARGE', 'changes.location');
    });

    it('checks the version', () => {
      given([scheduled(), updated({ location: 'B2' })])
        .when(update(HR, { location: 'B3' }, 1))
        .thenThrows(VersionConflictError, 'VERSION_CONFLICT', 'expectedVersion');
      given([scheduled(), updated({ location: 'B2' })])
        .when(update(HR, { location: 'B3' }, 2))
        .then([updated({ location: 'B3' }, 3)]);
    });

    it('applies the same access rules as editing', () => {
      given([scheduled()])
        .when(update(AUDITOR, { location: 'x' }))
        .thenThrows(ForbiddenError, 'FORBIDDEN');
      given([scheduled()])
        .when(update(PARTICIPANT, { location: 'x' }))
        .thenThrows(ForbiddenError, 'FORBIDDEN');
      given([scheduled()])
        .when(update(STRANGER, { location: 'x' }))
        .thenThrows(NotFoundError, 'NOT_FOUND', 'interviewId');
      given([])
        .when(update(HR, { location: 'x' }))
        .thenThrows(NotFoundError, 'NOT_FOUND', 'interviewId');
      given([scheduled()])
        .when(update(EMPLOYEE, { location: 'x' }))
        .then([updated({ location: 'x' })]);
    });
  });

  describe('evolve', () => {
    const T1 = '2026-06-20T02:00:00.000Z';
    const T2 = '2026-07-01T03:00:00.000Z';
    const T3 = '2026-07-02T04:00:00.000Z';

    it('InterviewScheduled: status scheduled, version 1, no sections, created and updated at the sealed time', () => {
      // An event without snapshots (written before templates were versioned) runs the built-in template and its flow.
      const state = evolve(initialState(), scheduled(), T1);
      expect(state).toMatchObject({
        template: findTemplate('standard-v1'),
        flow: BUILTIN_FLOWS.get('single-session'),
        workflow: { step: 'record', stepIndex: 0, enteredAt: T1, dueAt: T1, transitions: 0, history: [] },
        attachments: [],
        tasks: [],
        planAgreedVersion: null,
      });
      expect(state).toMatchObject({
        status: 'scheduled',
        id: ID,
        templateId: 'standard-v1',
        version: 1,
        basic: {
          employeeId: 'emp-1',
          managerId: 'mgr-1',
          participantIds: ['peer-1'],
          department: '研发中心',
          position: '高级工程师',
          cycle: '2026-H1',
          scheduledAt: '2026-07-01T01:30:00.000Z',
          location: '3F 会议室',
        },
        sections: {},
        createdAt: T1,
        updatedAt: T1,
        signatures: [],
        addenda: [],
        corrections: [],
        lockedAt: null,
      });
    });

    it('InterviewSectionEdited: scheduled -> in_progress, sections merged, version and updatedAt follow', () => {
      let state = evolve(initialState(), scheduled(), T1);
      state = evolve(state, edited('goalReview', { a: 1 }, 2), T2);
      state = evolve(state, edited('remarks', { r: 'x' }, 3), T3);
      expect(state).toMatchObject({ status: 'in_progress', version: 3, createdAt: T1, updatedAt: T3 });
      expect(state.status !== 'none' && state.sections).toStrictEqual({ goalReview: { a: 1 }, remarks: { r: 'x' } });
    });

    it('InterviewSectionEdited: editing a section again replaces its content, keeping the others', () => {
      const state = [
        scheduled(),
        edited('goalReview', { a: 1 }, 2),
        edited('remarks', { r: 'x' }, 3),
        edited('goalReview', { b: 2 }, 4),
      ].reduce((s: Interview, e) => evolve(s, e, T2), initialState());
      expect(state.status !== 'none' && state.sections).toStrictEqual({ goalReview: { b: 2 }, remarks: { r: 'x' } });
    });

    it('InterviewBasicInfoUpdated: merges changes into basic info, keeps status and the rest', () => {
      const before = evolve(initialState(), scheduled(), T1);
      const after = evolve(before, updated({ location: 'B2', participantIds: [] }), T2);
      expect(after).toStrictEqual({
        ...before,
        version: 2,
        basic: { ...(before.status !== 'none' ? before.basic : {}), location: 'B2', participantIds: [] },
        updatedAt: T2,
      } as Interview);
      expect(after.status).toBe('scheduled');
    });

    it('does not mutate the state it is given', () => {
      const before = evolve(initialState(), scheduled(), T1);
      const snapshot = JSON.parse(JSON.stringify(before)) as unknown;
      evolve(before, edited('goalReview', { a: 1 }, 2), T2);
      evolve(before, updated({ location: 'B2' }), T2);
      expect(before).toStrictEqual(snapshot);
    });

    it('ignores edits and updates to an interview that does not exist', () => {
      expect(evolve(initialState(), edited('goalReview', { a: 1 }, 2), T2)).toStrictEqual({ status: 'none' });
      expect(evolve(initialState(), updated({ location: 'B2' }), T2)).toStrictEqual({ status: 'none' });
    });

    it('the decider folds only interview event types', () => {
      expect([...interviewDecider.eventTypes].sort()).toEqual([
        'ImprovementPlanAgreed',
        'ImprovementTaskCompleted',
        'ImprovementTaskProgressed',
        'InterviewAddendumAdded',
        'InterviewAttachmentAdded',
        'InterviewBasicInfoUpdated',
        'InterviewCorrectionOpened',
        'InterviewLocked',
        'InterviewScheduled',
        'InterviewSectionEdited',
        'InterviewSigned',
        'InterviewStepAdvanced',
        'InterviewStepReturned',
        'SupportNeedEvaluated',
        'SupportNeedFulfilled',
      ]);
    });
  });
});

function stateOf(events: readonly InterviewEvent[]): Interview {
  return events.reduce((s: Interview, e) => evolve(s, e, GIVEN_AT), initialState());
}

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
