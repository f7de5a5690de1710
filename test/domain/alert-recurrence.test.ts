/**
 * The recurrence rule of stress and overtime alerts (src/domain/alert/recurrence.ts): which
 * alerts are due for one employee's cue documents under the company's thresholds.
 */
import { alertsDue, MAX_CITED_PASSAGES, type AlertPassage, type CueRecord } from '../../src/domain/alert/recurrence';

const passage = (kind: AlertPassage['kind'], interviewId: string, path: string, version = 3): AlertPassage => ({
  kind,
  interviewId,
  version,
  path,
  text: kind === 'stress' ? '我最近压力很大' : '我这个月经常加班',
  eventHash: `h-${interviewId}-${path}-${version}`,
  terms: [kind === 'stress' ? '压力很大' : '加班'],
});
const doc = (cycle: string, cues: AlertPassage[], employeeId = 'E1'): CueRecord => ({ employeeId, cycle, cues });
const DEFAULTS = { perCycle: 2, consecutiveCycles: 2 };

describe('alertsDue', () => {
  it('raises nothing for no documents, or one passage in one cycle', () => {
    expect(alertsDue([], DEFAULTS)).toEqual([]);
    expect(alertsDue([doc('2026-H1', [passage('stress', 'IV1', 'a')])], DEFAULTS)).toEqual([]);
  });

  it('perCycle: two distinct passages of a kind in one cycle raise one alert in that cycle, citing both', () => {
    const p1 = passage('stress', 'IV1', 'selfAssessment.text');
    const p2 = passage('stress', 'IV1', 'problems.items[P1].problem');
    const due = alertsDue([doc('2026-H1', [p1, p2])], DEFAULTS);
    expect(due).toEqual([
      {
        alertId: 'stress-E1-2026-H1',
        kind: 'stress',
        employeeId: 'E1',
        cycle: '2026-H1',
        rule: 'perCycle',
        passages: [p2, p1],
      },
    ]);
  });

  it('counts passages distinct by interview and path: the same path twice is one, two interviews in a cycle are two', () => {
    const same = [passage('stress', 'IV1', 'a', 2), passage('stress', 'IV1', 'a', 3)];
    expect(alertsDue([doc('2026-H1', same)], DEFAULTS)).toEqual([]);
    const two = [passage('stress', 'IV1', 'a'), passage('stress', 'IV2', 'a')];
    expect(alertsDue([doc('2026-H1', two)], DEFAULTS).map((a) => a.alertId)).toEqual(['stress-E1-2026-H1']);
  });

  it('keeps the kinds apart: one stress and one overtime passage are not two of a kind', () => {
    const cues = [passage('stress', 'IV1', 'a'), passage('overtime', 'IV1', 'b')];
    expect(alertsDue([doc('2026-H1', cues)], { perCycle: 2, consecutiveCycles: 3 })).toEqual([]);
    expect(alertsDue([doc('2026-H1', cues)], { perCycle: 1, consecutiveCycles: 3 }).map((a) => a.alertId)).toEqual([
      'overtime-E1-2026-H1',
      'stress-E1-2026-H1',
    ]);
  });

  it('consecutiveCycles: one passage in each of two adjacent cycles raises an alert in the second, citing both', () => {
    const a = passage('overtime', 'IV1', 'x');
    const b = passage('overtime', 'IV2', 'y');
    const due = alertsDue([doc('2026-H2', [b]), doc('2026-H1', [a])], DEFAULTS);
    expect(due).toEqual([
      { alertId: 'overtime-E1-2026-H2', kind: 'overtime', employeeId: 'E1', cycle: '2026-H2', rule: 'consecutiveCycles', passages: [a, b] },
    ]);
  });

  it('a cycle without a passage ends a run; a cycle without any record in between does not', () => {
    const docs = [doc('2025-H2', [passage('stress', 'IV1', 'a')]), doc('2026-H1', []), doc('2026-H2', [passage('stress', 'IV3', 'a')])];
    expect(alertsDue(docs, DEFAULTS)).toEqual([]);
    // Without the empty 2026-H1 document, 2025-H2 and 2026-H2 are adjacent among the employee's cycles…
    const gap = [docs[0]!, docs[2]!];
    expect(alertsDue(gap, DEFAULTS).map((a) => a.alertId)).toEqual(['stress-E1-2026-H2']);
    // …unless the employee had an interview in 2026-H1 (the cycles of their records are given).
    expect(alertsDue(gap, DEFAULTS, ['2025-H2', '2026-H1', '2026-H2'])).toEqual([]);
  });

  it('a run that goes on raises one more alert per further cycle, each citing the last threshold cycles', () => {
    const docs = ['2024', '2025', '2026'].map((c, i) => doc(c, [passage('stress', `IV${i}`, 'a')]));
    const due = alertsDue(docs, { perCycle: 5, consecutiveCycles: 2 });
    expect(due.map((a) => [a.alertId, a.rule, a.passages.map((p) => p.interviewId)])).toEqual([
      ['stress-E1-2025', 'consecutiveCycles', ['IV0', 'IV1']],
      ['stress-E1-2026', 'consecutiveCycles', ['IV1', 'IV2']],
    ]);
    expect(alertsDue(docs, { perCycle: 5, consecutiveCycles: 3 }).map((a) => a.alertId)).toEqual(['stress-E1-2026']);
    expect(alertsDue(docs, { perCycle: 5, consecutiveCycles: 4 })).toEqual([]);
  });

  it('a cycle that meets both rules gets one alert, rule perCycle', () => {
    const docs = [
      doc('2026-H1', [passage('stress', 'IV1', 'a')]),
      doc('2026-H2', [passage('stress', 'IV2', 'a'), passage('stress', 'IV2', 'b')]),
    ];
    expect(alertsDue(docs, DEFAULTS).map((a) => [a.alertId, a.rule, a.passages.length])).toEqual([['stress-E1-2026-H2', 'perCycle', 2]]);
  });

  it('consecutiveCycles 1: every cycle with a passage raises', () => {
    const docs = [doc('2026-Q1', [passage('stress', 'IV1', 'a')]), doc('2026-Q2', [passage('stress', 'IV2', 'a')])];
    expect(alertsDue(docs, { perCycle: 3, consecutiveCycles: 1 }).map((a) => a.alertId)).toEqual([
      'stress-E1-2026-Q1',
      'stress-E1-2026-Q2',
    ]);
  });

  it('sorts cycles as strings, ignores other employees’ documents, and is deterministic', () => {
    const docs = [
      doc('2026-H2', [passage('stress', 'IV2', 'a')]),
      doc('2026-H1', [passage('stress', 'IV9', 'a')], 'E2'),
      doc('2026-H1', [passage('stress', 'IV1', 'a')]),
    ];
    const due = alertsDue(docs, DEFAULTS);
    expect(due.map((a) => a.alertId)).toEqual(['stress-E1-2026-H2']);
    expect(due[0]!.passages.map((p) => p.interviewId)).toEqual(['IV1', 'IV2']);
    expect(
      alertsDue(
        [...docs].reverse().filter((d) => d.employeeId === 'E1'),
        DEFAULTS,
      ),
    ).toEqual(due);
  });

  it(`cites at most ${MAX_CITED_PASSAGES} passages`, () => {
    const many = Array.from({ length: 80 }, (_, i) => passage('stress', 'IV1', `p${String(i).padStart(2, '0')}`));
    const [alert] = alertsDue([doc('2026', many)], DEFAULTS);
    expect(alert!.passages).toHaveLength(MAX_CITED_PASSAGES);
  });

  it('returns copies: changing the answer does not change the documents', () => {
    const p = passage('stress', 'IV1', 'a');
    const docs = [doc('2026', [p, passage('stress', 'IV1', 'b')])];
    const [alert] = alertsDue(docs, DEFAULTS);
    (alert!.passages[0]!.terms as string[]).push('x');
    expect(p.terms).toEqual(['压力很大']);
  });
});
