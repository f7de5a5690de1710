/**
 * The alert deciders (src/domain/alert): an alert is raised once, acknowledged and closed with
 * notes; the word lists and thresholds are versioned and checked by the analyzer's rules; every
 * read of alerts is recorded.
 */
import type { CommandMeta, Role } from '../../src/domain/command';
import { ForbiddenError, NotFoundError, RuleError, ValidationError, VersionConflictError } from '../../src/domain/errors';
import type { AlertCommand, AlertEvent, AlertRaisedData } from '../../src/domain/alert/alerts';
import type { AnalyticsWordsEvent, SetAnalyticsWords } from '../../src/domain/alert/analytics-words';
import { alertDecider, alertReadsDecider } from '../../src/domain/alert/decider';
import { analyticsWordsDecider } from '../../src/application/alert-service';
import { specFor } from '../support/given-when-then';

const meta = (actor: string, ...roles: Role[]): CommandMeta => ({
  actor,
  roles,
  ip: '127.0.0.1',
  now: '2026-07-01T02:00:00.000Z',
  commandId: `cmd-${actor}`,
});
const SYSTEM = meta('alert-service', 'admin');
const HR = meta('HR1', 'hr', 'employee');
const AUDITOR = meta('AUD1', 'auditor');
const MANAGER = meta('M1', 'manager', 'employee');

const ALERT: AlertRaisedData = {
  alertId: 'stress-E1-2026-H1',
  kind: 'stress',
  employeeId: 'E1',
  managerId: 'M1',
  department: '生产部',
  cycle: '2026-H1',
  rule: 'perCycle',
  passages: [
    { kind: 'stress', interviewId: 'IV1', version: 3, path: 'a', text: '我压力很大', eventHash: 'ab'.repeat(32), terms: ['压力很大'] },
    { kind: 'stress', interviewId: 'IV1', version: 3, path: 'b', text: '我睡不好', eventHash: 'ab'.repeat(32), terms: ['睡不好'] },
  ],
  configVersion: 0,
  thresholds: { perCycle: 2, consecutiveCycles: 2 },
};
const raised: AlertEvent = { type: 'AlertRaised', data: ALERT };
const acked: AlertEvent = { type: 'AlertAcknowledged', data: { alertId: ALERT.alertId, note: '已约谈' } };
const closed: AlertEvent = { type: 'AlertClosed', data: { alertId: ALERT.alertId, note: '已调整排班' } };
const raise: AlertCommand = { type: 'RaiseAlert', data: { alert: ALERT }, meta: SYSTEM };
const ack = (note: unknown, m = HR): AlertCommand => ({ type: 'AcknowledgeAlert', data: { alertId: ALERT.alertId, note }, meta: m });
const close = (note: unknown, m = HR): AlertCommand => ({ type: 'CloseAlert', data: { alertId: ALERT.alertId, note }, meta: m });

describe('alert decider', () => {
  const { given } = specFor(alertDecider);

  it('raises a new alert', () => given([]).when(raise).then([raised]));
  it('should be idempotent if run twice: an alert that exists is not raised again', () => given([raised]).when(raise).then([]));
  it('raises nothing over an acknowledged or closed alert', () => {
    given([raised, acked]).when(raise).then([]);
    given([raised, closed]).when(raise).then([]);
  });
  it('refuses an alert without passages', () =>
    given([])
      .when({ ...raise, data: { alert: { ...ALERT, passages: [] } } })
      .thenThrows(ValidationError, 'VALIDATION_FAILED', 'passages'));

  it('acknowledges an open alert with a trimmed note', () =>
    given([raised])
      .when(ack('  已约谈  '))
      .then([{ type: 'AlertAcknowledged', data: { alertId: ALERT.alertId, note: '已约谈' } }]));
  it('refuses a second acknowledgement', () =>
    given([raised, acked]).when(ack('再次')).thenThrows(RuleError, 'ALERT_ALREADY_ACKNOWLEDGED', 'id'));
  it('closes an open alert, acknowledged or not', () => {
    given([raised]).when(close('已调整排班')).then([closed]);
    given([raised, acked]).when(close('已调整排班')).then([closed]);
  });
  it('a closed alert takes no more commands', () => {
    given([raised, closed]).when(close('again')).thenThrows(RuleError, 'ALERT_ALREADY_CLOSED', 'id');
    given([raised, closed]).when(ack('late')).thenThrows(RuleError, 'ALERT_ALREADY_CLOSED', 'id');
  });
  it('an alert that does not exist is NOT_FOUND', () => given([]).when(ack('note')).thenThrows(NotFoundError, 'NOT_FOUND', 'id'));
  it('notes are required, length-limited and free of bidi controls', () => {
    given([raised]).when(ack('   ')).thenThrows(ValidationError, 'REQUIRED', 'note');
    given([raised]).when(ack(undefined)).thenThrows(ValidationError, 'REQUIRED', 'note');
    given([raised])
      .when(close('长'.repeat(2001)))
      .thenThrows(ValidationError, 'VALUE_TOO_LARGE', 'note');
    given([raised]).when(close('已处理\u202E')).thenThrows(ValidationError, 'BIDI_CONTROL', 'note');
  });
  it('only those who handle alerts (the access policy) acknowledge, close or raise', () => {
    given([raised]).when(ack('看过', AUDITOR)).thenThrows(ForbiddenError, 'FORBIDDEN');
    given([raised]).when(close('看过', MANAGER)).thenThrows(ForbiddenError, 'FORBIDDEN');
    given([])
      .when({ ...raise, meta: MANAGER })
      .thenThrows(ForbiddenError, 'FORBIDDEN');
  });
});

describe('analytics words decider', () => {
  const { given } = specFor(analyticsWordsDecider);
  const set = (input: Record<string, unknown>, expectedVersion = 0, m = HR): SetAnalyticsWords => ({
    type: 'SetAnalyticsWords',
    data: { input, expectedVersion },
    meta: m,
  });
  const v1: AnalyticsWordsEvent = {
    type: 'AnalyticsWordsSet',
    data: { version: 1, monitoredWords: {}, domainTerms: [], themes: [], thresholds: { perCycle: 2, consecutiveCycles: 2 } },
  };

  it('sets version 1 with the lists given (normalised) and the default thresholds', () =>
    given([])
      .when(
        set({
          monitoredWords: { stress: ['壓力大', ' 心好累 '] },
          domainTerms: ['数控机床'],
          themes: [{ theme: '排班', terms: ['排班', '倒班'] }],
        }),
      )
      .then([
        {
          type: 'AnalyticsWordsSet',
          data: {
            version: 1,
            monitoredWords: { stress: ['压力大', '心好累'] },
            domainTerms: ['数控机床'],
            themes: [{ theme: '排班', terms: ['排班', '倒班'] }],
            thresholds: { perCycle: 2, consecutiveCycles: 2 },
          },
        },
      ]));

  it('versions go 1, 2, … against the expected version; a stale one is VERSION_CONFLICT', () => {
    given([v1])
      .when(set({ thresholds: { perCycle: 3, consecutiveCycles: 1 } }, 1))
      .then([{ type: 'AnalyticsWordsSet', data: { ...v1.data, version: 2, thresholds: { perCycle: 3, consecutiveCycles: 1 } } }]);
    given([v1]).when(set({}, 0)).thenThrows(VersionConflictError, 'VERSION_CONFLICT', 'expectedVersion');
    given([]).when(set({}, -1)).thenThrows(ValidationError, 'VALIDATION_FAILED', 'expectedVersion');
  });

  it('an empty list is allowed: it means nothing of that kind (no stress alerts)', () =>
    given([])
      .when(set({ monitoredWords: { stress: [] } }))
      .then([{ type: 'AnalyticsWordsSet', data: { ...v1.data, monitoredWords: { stress: [] } } }]));

  it('refuses duplicates, huge lists, blank words, bidi controls and dictionary words with gaps', () => {
    given([])
      .when(set({ monitoredWords: { stress: ['焦虑', '焦虑'] } }))
      .thenThrows(ValidationError, 'ANALYTICS_WORD_DUPLICATE');
    given([])
      .when(set({ monitoredWords: { stress: ['压力大'], overtime: ['压力大'] } }))
      .thenThrows(ValidationError, 'ANALYTICS_WORD_DUPLICATE');
    const huge = Array.from({ length: 2001 }, (_, i) => `词${i}`);
    given([])
      .when(set({ monitoredWords: { overtime: huge } }))
      .thenThrows(ValidationError, 'ANALYTICS_WORD_LIST_TOO_LARGE');
    given([])
      .when(set({ domainTerms: huge }))
      .thenThrows(ValidationError, 'ANALYTICS_WORD_LIST_TOO_LARGE');
    given([])
      .when(set({ monitoredWords: { stress: ['  '] } }))
      .thenThrows(ValidationError, 'ANALYTICS_WORD_INVALID');
    given([])
      .when(set({ monitoredWords: { stress: ['压力\u202E大'] } }))
      .thenThrows(ValidationError, 'BIDI_CONTROL');
    given([])
      .when(set({ domainTerms: ['压力…大'] }))
      .thenThrows(ValidationError, 'ANALYTICS_WORD_INVALID');
    given([])
      .when(
        set({
          themes: [
            { theme: '排班', terms: ['a'] },
            { theme: '排班', terms: ['b'] },
          ],
        }),
      )
      .thenThrows(ValidationError, 'ANALYTICS_WORD_DUPLICATE');
    const themes = Array.from({ length: 201 }, (_, i) => ({ theme: `主题${i}`, terms: ['x'] }));
    given([]).when(set({ themes })).thenThrows(ValidationError, 'ANALYTICS_WORD_LIST_TOO_LARGE');
    given([])
      .when(set({ colours: [] }))
      .thenThrows(ValidationError, 'VALIDATION_FAILED', 'colours');
  });

  it('thresholds are integers in range: perCycle 1..50, consecutiveCycles 1..8', () => {
    for (const thresholds of [{ perCycle: 0 }, { perCycle: 51 }, { consecutiveCycles: 9 }, { consecutiveCycles: 1.5 }, { perCycle: '2' }]) {
      given([]).when(set({ thresholds })).thenThrows(ValidationError, 'VALUE_OUT_OF_RANGE');
    }
    given([])
      .when(set({ thresholds: { perCycle: 2, weeks: 3 } }))
      .thenThrows(ValidationError, 'VALIDATION_FAILED', 'thresholds.weeks');
    given([])
      .when(set({ thresholds: { perCycle: 50, consecutiveCycles: 8 } }))
      .then([{ type: 'AnalyticsWordsSet', data: { ...v1.data, thresholds: { perCycle: 50, consecutiveCycles: 8 } } }]);
  });

  it('only setAnalyticsWords holders (the access policy) set them', () => {
    given([])
      .when(set({}, 0, AUDITOR))
      .thenThrows(ForbiddenError, 'FORBIDDEN');
    given([])
      .when(set({}, 0, MANAGER))
      .thenThrows(ForbiddenError, 'FORBIDDEN');
  });
});

describe('alert reads decider', () => {
  const { given } = specFor(alertReadsDecider);
  it('records every read, again and again', () => {
    const data = { alertIds: ['stress-E1-2026-H1'], query: { field: 'alert' as const, id: 'stress-E1-2026-H1' } };
    given([{ type: 'AlertsRead', data }])
      .when({ type: 'RecordAlertsRead', data, meta: HR })
      .then([{ type: 'AlertsRead', data }]);
  });
});
