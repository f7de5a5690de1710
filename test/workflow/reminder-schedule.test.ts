import { createHash } from 'node:crypto';
import { ValidationError } from '../../src/domain/errors';
import {
  DEFAULT_REMINDER_POLICY,
  type PendingWork,
  type ReminderPolicy,
  computeDueAt,
  dateDueAt,
  dueReminders,
  isValidTimeZone,
  validateReminderPolicy,
} from '../../src/domain/workflow/reminder-schedule';

// Calendar used below (2026): Jul 1 Wed, 2 Thu, 3 Fri, 4 Sat, 5 Sun, 6 Mon, 7 Tue, 8 Wed, 10 Fri.
// Asia/Shanghai is UTC+8 all year. America/New_York springs forward on Sun 8 Mar 2026 and
// falls back on Sun 1 Nov 2026.
const SH = 'Asia/Shanghai';
const NY = 'America/New_York';

function expectValidationError(run: () => unknown, field: string, code: string): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ValidationError);
  expect({ field: (thrown as ValidationError).field, code: (thrown as ValidationError).code }).toEqual({ field, code });
}

const ms = (iso: string, delta: number): string => new Date(Date.parse(iso) + delta).toISOString();

describe('computeDueAt', () => {
  it('counts from the local date and lands at 18:00 Shanghai time by default', () => {
    // Wed 10:00 local + 2 business days = Fri 18:00 local = 10:00Z.
    expect(computeDueAt('2026-07-01T02:00:00.000Z', 2, SH, DEFAULT_REMINDER_POLICY)).toBe('2026-07-03T10:00:00.000Z');
    // 17:00Z on Jul 1 is already Thu 01:00 in Shanghai, so +1 is Friday, not Thursday.
    expect(computeDueAt('2026-07-01T17:00:00.000Z', 1, SH, DEFAULT_REMINDER_POLICY)).toBe('2026-07-03T10:00:00.000Z');
  });

  it('skips the weekend when counting business days, and not otherwise', () => {
    // Thu + 2 business days: Fri (1), Mon (2).
    expect(computeDueAt('2026-07-02T02:00:00.000Z', 2, SH, { dueTimeOfDay: '18:00', businessDays: true })).toBe('2026-07-06T10:00:00.000Z');
    expect(computeDueAt('2026-07-02T02:00:00.000Z', 2, SH, { dueTimeOfDay: '18:00', businessDays: false })).toBe(
      '2026-07-04T10:00:00.000Z',
    );
  });

  it('with 0 days is due today at the due time, even when that has already passed', () => {
    // Entered Wed 20:00 local: due Wed 18:00, two hours earlier, i.e. overdue at once.
    expect(computeDueAt('2026-07-01T12:00:00.000Z', 0, SH, DEFAULT_REMINDER_POLICY)).toBe('2026-07-01T10:00:00.000Z');
  });

  it('keeps the wall-clock due time across DST changes in New York', () => {
    const policy = { dueTimeOfDay: '18:00', businessDays: true };
    // Entered Fri 6 Mar 10:00 EST; due Mon 9 Mar 18:00 EDT (UTC-4), not 23:00Z as 72 hours of EST would give.
    expect(computeDueAt('2026-03-06T15:00:00.000Z', 1, NY, policy)).toBe('2026-03-09T22:00:00.000Z');
    expect(computeDueAt('2026-03-06T15:00:00.000Z', 1, NY, { ...policy, businessDays: false })).toBe('2026-03-07T23:00:00.000Z');
    // Fall back: Fri 30 Oct 10:00 EDT + 1 business day = Mon 2 Nov 18:00 EST (UTC-5).
    expect(computeDueAt('2026-10-30T14:00:00.000Z', 1, NY, policy)).toBe('2026-11-02T23:00:00.000Z');
  });

  it('rejects a bad zone, instant or day count with a coded error', () => {
    expectValidationError(
      () => computeDueAt('2026-07-01T02:00:00.000Z', 1, 'Mars/Base', DEFAULT_REMINDER_POLICY),
      'zone',
      'INVALID_TIME_ZONE',
    );
    expectValidationError(() => computeDueAt('yesterday', 1, SH, DEFAULT_REMINDER_POLICY), 'enteredAt', 'INVALID_DATE');
    expectValidationError(() => computeDueAt('2026-07-01T02:00:00.000Z', -1, SH, DEFAULT_REMINDER_POLICY), 'dueInDays', 'INVALID_OFFSET');
    expectValidationError(() => computeDueAt('2026-07-01T02:00:00.000Z', 1.5, SH, DEFAULT_REMINDER_POLICY), 'dueInDays', 'INVALID_OFFSET');
  });
});

describe('dateDueAt', () => {
  it('puts a date-only deadline at the local due time', () => {
    expect(dateDueAt('2026-07-10', SH, DEFAULT_REMINDER_POLICY)).toBe('2026-07-10T10:00:00.000Z');
    expect(dateDueAt('2026-07-10', NY, { dueTimeOfDay: '17:30' })).toBe('2026-07-10T21:30:00.000Z');
  });

  it('rejects dates that do not exist', () => {
    expectValidationError(() => dateDueAt('2026-02-30', SH, DEFAULT_REMINDER_POLICY), 'date', 'INVALID_DATE');
    expectValidationError(() => dateDueAt('2026-7-1', SH, DEFAULT_REMINDER_POLICY), 'date', 'INVALID_DATE');
    expectValidationError(() => dateDueAt('2026-07-10T12:00', SH, DEFAULT_REMINDER_POLICY), 'date', 'INVALID_DATE');
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA names and nothing else', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('Mars/Base')).toBe(false);
    expect(isValidTimeZone('+08:00')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

describe('dueReminders', () => {
  // Self-assessment due Tue 7 Jul 18:00 Shanghai.
  const DUE = '2026-07-07T10:00:00.000Z';
  const ENTERED = '2026-07-01T02:00:00.000Z';
  const work: PendingWork = {
    kind: 'step',
    interviewId: 'iv-1',
    subject: 'self_assessment',
    label: { zh: '员工自评', en: 'Self-assessment' },
    entry: 7,
    dueAt: DUE,
    actorIds: ['emp-1'],
    employeeId: 'emp-1',
    managerId: 'mgr-1',
    managerOfManagerId: 'dir-1',
  };
  const at = (now: string, w: PendingWork = work, policy: ReminderPolicy = DEFAULT_REMINDER_POLICY, since = ENTERED) =>
    dueReminders(w, policy, now, SH, since);

  it('fires each default rule exactly at its instant and not a millisecond before', () => {
    const instants: [number, string][] = [
      [-1, '2026-07-06T01:00:00.000Z'], // Mon 09:00
      [0, DUE], // Tue 18:00, the deadline itself
      [1, '2026-07-08T01:00:00.000Z'], // Wed 09:00
      [3, '2026-07-10T01:00:00.000Z'], // Fri 09:00
    ];
    instants.forEach(([offset, instant], i) => {
      const earlier = instants.slice(0, i).map(([o]) => o);
      expect(at(ms(instant, -1)).map((r) => r.offsetDays)).toEqual(earlier);
      const fired = at(instant);
      expect(fired.map((r) => r.offsetDays)).toEqual([...earlier, offset]);
      expect(fired[i]!.fireAt).toBe(instant);
    });
  });

  it('resolves recipients, kinds and messages for each default rule', () => {
    const fired = at('2026-07-10T01:00:00.000Z');
    expect(
      fired.map(({ kind, fireAt, recipientIds, recipientRoles, message }) => ({ kind, fireAt, recipientIds, recipientRoles, message })),
    ).toEqual([
      {
        kind: 'before_due',
        fireAt: '2026-07-06T01:00:00.000Z',
        recipientIds: ['emp-1'],
        recipientRoles: [],
        message: { zh: '「员工自评」将于 2026-07-07 18:00 到期', en: '“Self-assessment” is due 2026-07-07 18:00' },
      },
      {
        kind: 'due',
        fireAt: DUE,
        recipientIds: ['emp-1', 'mgr-1'],
        recipientRoles: [],
        message: { zh: '「员工自评」已到期（截止 2026-07-07 18:00）', en: '“Self-assessment” is now due (deadline 2026-07-07 18:00)' },
      },
      {
        kind: 'overdue',
        fireAt: '2026-07-08T01:00:00.000Z',
        recipientIds: ['emp-1', 'mgr-1'],
        recipientRoles: [],
        message: {
          zh: '「员工自评」已逾期 1 天（截止 2026-07-07 18:00）',
          en: '“Self-assessment” is 1 day overdue (deadline 2026-07-07 18:00)',
        },
      },
      {
        kind: 'overdue',
        fireAt: '2026-07-10T01:00:00.000Z',
        recipientIds: ['emp-1', 'mgr-1'],
        recipientRoles: ['hr'],
        message: {
          zh: '「员工自评」已逾期 3 天（截止 2026-07-07 18:00）',
          en: '“Self-assessment” is 3 days overdue (deadline 2026-07-07 18:00)',
        },
      },
    ]);
    expect(
      fired.every(
        (r) => r.workKind === 'step' && r.interviewId === 'iv-1' && r.subject === 'self_assessment' && r.entry === 7 && r.dueAt === DUE,
      ),
    ).toBe(true);
  });

  it("escalates 'manager' to the manager's manager when the manager is the one who must act", () => {
    const managerReview = { ...work, subject: 'manager_review', actorIds: ['mgr-1'] };
    expect(at('2026-07-08T01:00:00.000Z', managerReview).map((r) => r.recipientIds)).toEqual([
      ['mgr-1'],
      ['mgr-1', 'dir-1'],
      ['mgr-1', 'dir-1'],
    ]);
    // Both parties still to sign: the employee is reminded, the manager once, and the director as escalation.
    const signatures = { ...work, subject: 'signatures', actorIds: ['emp-1', 'mgr-1'] };
    expect(at('2026-07-08T01:00:00.000Z', signatures)[2]!.recipientIds).toEqual(['emp-1', 'mgr-1', 'dir-1']);
    // No known director: the manager is not dropped, and not listed twice.
    const noDirector = { ...managerReview, managerOfManagerId: null };
    expect(at('2026-07-08T01:00:00.000Z', noDirector)[2]!.recipientIds).toEqual(['mgr-1']);
  });

  it('gives deterministic, documented ids that change with the entry and the deadline', () => {
    const first = at('2026-07-10T01:00:00.000Z');
    const again = at('2026-07-10T01:00:00.000Z');
    expect(again.map((r) => r.reminderId)).toEqual(first.map((r) => r.reminderId));
    expect(new Set(first.map((r) => r.reminderId)).size).toBe(4);
    const key = JSON.stringify(['reminder/v1', 'step', 'iv-1', 'self_assessment', 7, DUE, 1, '09:00']);
    expect(first[2]!.reminderId).toBe(`rem-${createHash('sha256').update(key).digest('hex')}`);
    expect(first[2]!.reminderId).toMatch(/^rem-[0-9a-f]{64}$/);

    const reentered = at('2026-07-10T01:00:00.000Z', { ...work, entry: 8 }).map((r) => r.reminderId);
    expect(reentered.filter((id) => first.some((r) => r.reminderId === id))).toEqual([]);
    // The same instant written differently is the same deadline, hence the same ids.
    expect(at('2026-07-10T01:00:00.000Z', { ...work, dueAt: '2026-07-07T18:00:00+08:00' }).map((r) => r.reminderId)).toEqual(
      first.map((r) => r.reminderId),
    );
  });

  it('moves a Saturday reminder to Monday 09:00 when skipWeekends is on', () => {
    const friday = { ...work, dueAt: '2026-07-03T10:00:00.000Z' }; // Fri 18:00
    const plusOne = validateReminderPolicy({ rules: [{ offsetDays: 1, at: '10:30', notify: ['actors'] }] });

    expect(at('2026-07-04T02:30:00.000Z', friday, plusOne)).toEqual([]); // Saturday 10:30: held back
    expect(at('2026-07-06T00:59:59.999Z', friday, plusOne)).toEqual([]);
    const [monday] = at('2026-07-06T01:00:00.000Z', friday, plusOne);
    expect(monday?.fireAt).toBe('2026-07-06T01:00:00.000Z'); // Monday 09:00, not 10:30
    expect(monday?.message.en).toBe('“Self-assessment” is 3 days overdue (deadline 2026-07-03 18:00)');

    const [saturday] = at('2026-07-04T02:30:00.000Z', friday, { ...plusOne, skipWeekends: false });
    expect(saturday?.fireAt).toBe('2026-07-04T02:30:00.000Z');
    expect(saturday?.message.zh).toBe('「员工自评」已逾期 1 天（截止 2026-07-03 18:00）');
  });

  it('merges reminders that the weekend shift lands on the same instant', () => {
    // Due Friday: +1 (Saturday) and +3 (Monday) both fire Monday 09:00; one reminder, the +3, goes out.
    const friday = { ...work, dueAt: '2026-07-03T10:00:00.000Z', actorIds: ['mgr-1'], managerOfManagerId: null };
    const monday = at(
      '2026-07-06T01:00:00.000Z',
      friday,
      validateReminderPolicy({
        rules: [
          { offsetDays: 1, at: '09:00', notify: ['actors', 'employee'] },
          { offsetDays: 3, at: '09:00', notify: ['actors', 'hr'] },
        ],
      }),
    );
    expect(monday).toHaveLength(1);
    expect(monday[0]).toMatchObject({
      offsetDays: 3,
      kind: 'overdue',
      fireAt: '2026-07-06T01:00:00.000Z',
      recipientIds: ['mgr-1', 'emp-1'],
      recipientRoles: ['hr'],
    });
  });

  it('drops a before-due reminder that the weekend shift would push past the deadline', () => {
    // Due Mon 6 Jul 08:00: the "day before" (Sun 09:00) would move to Mon 09:00, an hour after the deadline.
    const early = { ...DEFAULT_REMINDER_POLICY, dueTimeOfDay: '08:00' };
    const monday = { ...work, dueAt: computeDueAt('2026-07-03T02:00:00.000Z', 1, SH, early) };
    expect(monday.dueAt).toBe('2026-07-06T00:00:00.000Z');
    expect(at('2026-07-06T01:00:00.000Z', monday, early).map((r) => [r.kind, r.fireAt])).toEqual([['due', '2026-07-06T00:00:00.000Z']]);
  });

  it('merges a weekend due reminder into the Monday overdue one', () => {
    // A task due Sun 5 Jul 18:00: the due reminder moves to Mon 09:00, where +1 already is.
    const task: PendingWork = {
      ...work,
      kind: 'task',
      subject: 'task-9',
      entry: 0,
      dueAt: dateDueAt('2026-07-05', SH, DEFAULT_REMINDER_POLICY),
    };
    expect(task.dueAt).toBe('2026-07-05T10:00:00.000Z');
    const fired = at('2026-07-06T01:00:00.000Z', task);
    expect(fired.map((r) => [r.kind, r.offsetDays, r.fireAt])).toEqual([['overdue', 1, '2026-07-06T01:00:00.000Z']]);
    expect(fired[0]!.message.zh).toBe('「员工自评」已逾期 1 天（截止 2026-07-05 18:00）');
    // With weekend shifting off, each fires on its own day.
    const plain = at('2026-07-06T01:00:00.000Z', task, { ...DEFAULT_REMINDER_POLICY, skipWeekends: false });
    expect(plain.map((r) => [r.kind, r.fireAt])).toEqual([
      ['before_due', '2026-07-04T01:00:00.000Z'],
      ['due', '2026-07-05T10:00:00.000Z'],
      ['overdue', '2026-07-06T01:00:00.000Z'],
    ]);
  });

  it('drops rules that would have fired before the work was entered', () => {
    const since = '2026-07-06T12:00:00.000Z'; // Mon 20:00, after Monday's 09:00 "day before" reminder
    const late = { ...work, dueAt: computeDueAt(since, 1, SH, DEFAULT_REMINDER_POLICY) };
    expect(late.dueAt).toBe(DUE);
    expect(at('2026-07-10T01:00:00.000Z', late, DEFAULT_REMINDER_POLICY, since).map((r) => r.offsetDays)).toEqual([0, 1, 3]);
    // Entered at the very instant of a reminder: it still fires.
    expect(at('2026-07-10T01:00:00.000Z', work, DEFAULT_REMINDER_POLICY, '2026-07-06T01:00:00.000Z').map((r) => r.offsetDays)).toEqual([
      -1, 0, 1, 3,
    ]);
  });

  it('sends nothing when nobody has to act', () => {
    expect(at('2026-07-10T01:00:00.000Z', { ...work, actorIds: [] })).toEqual([]);
  });

  it('adds whole local days for a rule without a time, across a DST change', () => {
    const policy = validateReminderPolicy({ businessDays: false, skipWeekends: false, rules: [{ offsetDays: 1, notify: ['employee'] }] });
    const ny = { ...work, dueAt: '2026-03-07T23:00:00.000Z', actorIds: ['mgr-1'] }; // Sat 7 Mar 18:00 EST
    const fired = dueReminders(ny, policy, '2026-03-08T22:00:00.000Z', NY, '2026-03-01T00:00:00.000Z');
    // Sun 8 Mar 18:00 EDT: 23 hours later, still 18:00 on the clock.
    expect(fired.map((r) => [r.fireAt, r.recipientIds])).toEqual([['2026-03-08T22:00:00.000Z', ['emp-1']]]);
    expect(fired[0]!.message.en).toBe('“Self-assessment” is 1 day overdue (deadline 2026-03-07 18:00)');
    expect(dueReminders(ny, policy, '2026-03-08T21:59:59.999Z', NY, '2026-03-01T00:00:00.000Z')).toEqual([]);
  });
});

describe('validateReminderPolicy', () => {
  it('fills omitted settings from the defaults', () => {
    expect(validateReminderPolicy({})).toEqual(DEFAULT_REMINDER_POLICY);
    expect(validateReminderPolicy({ dueTimeOfDay: '17:30', skipWeekends: false })).toEqual({
      ...DEFAULT_REMINDER_POLICY,
      dueTimeOfDay: '17:30',
      skipWeekends: false,
    });
  });

  it('sorts rules, keeps the offset bounds and collapses repeated recipients', () => {
    const policy = validateReminderPolicy({
      rules: [
        { offsetDays: 60, at: '10:00', notify: ['hr'] },
        { offsetDays: 0, at: '09:00', notify: ['actors', 'actors'] },
        { offsetDays: -30, at: '09:00', notify: ['employee'] },
        { offsetDays: 0, notify: ['manager'] },
      ],
    });
    expect(policy.rules).toEqual([
      { offsetDays: -30, at: '09:00', notify: ['employee'] },
      { offsetDays: 0, notify: ['manager'] },
      { offsetDays: 0, at: '09:00', notify: ['actors'] },
      { offsetDays: 60, at: '10:00', notify: ['hr'] },
    ]);
  });

  const rule = { offsetDays: 1, at: '09:00', notify: ['actors'] };
  it.each<[string, unknown, string, string]>([
    ['a missing policy', null, 'policy', 'REQUIRED'],
    ['an empty rule list', { rules: [] }, 'rules', 'REQUIRED'],
    ['eleven rules', { rules: Array.from({ length: 11 }, (_, i) => ({ ...rule, offsetDays: i })) }, 'rules', 'TOO_MANY_RULES'],
    [
      'a time without a leading zero',
      { rules: [rule, { ...rule, offsetDays: 2 }, { ...rule, offsetDays: 3, at: '9:00' }] },
      'rules[2].at',
      'INVALID_TIME',
    ],
    ['24:00 as due time', { dueTimeOfDay: '24:00' }, 'dueTimeOfDay', 'INVALID_TIME'],
    ['a fractional offset', { rules: [{ ...rule, offsetDays: 1.5 }] }, 'rules[0].offsetDays', 'INVALID_OFFSET'],
    ['an offset past 60', { rules: [{ ...rule, offsetDays: 61 }] }, 'rules[0].offsetDays', 'INVALID_OFFSET'],
    ['an offset before -30', { rules: [{ ...rule, offsetDays: -31 }] }, 'rules[0].offsetDays', 'INVALID_OFFSET'],
    ['a missing offset', { rules: [{ at: '09:00', notify: ['actors'] }] }, 'rules[0].offsetDays', 'REQUIRED'],
    ['an unknown recipient', { rules: [{ ...rule, notify: ['actors', 'boss'] }] }, 'rules[0].notify[1]', 'INVALID_RECIPIENT'],
    ['no recipients', { rules: [{ ...rule, notify: [] }] }, 'rules[0].notify', 'REQUIRED'],
    [
      'the same offset and time twice',
      { rules: [rule, { offsetDays: 0, notify: ['actors'] }, { ...rule, notify: ['hr'] }] },
      'rules[2]',
      'DUPLICATE_RULE',
    ],
    ['a misspelt setting', { skipWeekend: false }, 'skipWeekend', 'UNKNOWN_FIELD'],
    ['a misspelt rule key', { rules: [{ ...rule, offset: 1 }] }, 'rules[0].offset', 'UNKNOWN_FIELD'],
    ['a non-boolean switch', { businessDays: 'yes' }, 'businessDays', 'VALIDATION_FAILED'],
  ])('rejects %s', (_, input, field, code) => {
    expectValidationError(() => validateReminderPolicy(input), field, code);
  });
});
