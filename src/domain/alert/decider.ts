/** Alerts, their read audit and the analytics word lists as Deciders (alerts.ts, alert-reads.ts, analytics-words.ts). */
import type { Decider } from '../decider';
import { ALERT_READ_EVENT_TYPES, decideAlertsRead, type AlertReadsState, type AlertsRead, type RecordAlertsRead } from './alert-reads';
import {
  ALERT_EVENT_TYPES,
  decideAlert,
  evolveAlert,
  initialAlertState,
  type AlertCommand,
  type AlertEvent,
  type AlertState,
} from './alerts';
import {
  ANALYTICS_WORDS_EVENT_TYPES,
  decideAnalyticsWords,
  evolveAnalyticsWords,
  initialAnalyticsWordsState,
  type AnalyticsWordsCommand,
  type AnalyticsWordsEvent,
  type AnalyticsWordsState,
  type WordListChecks,
} from './analytics-words';

export const alertDecider: Decider<AlertCommand, AlertEvent, AlertState> = {
  decide: decideAlert,
  evolve: evolveAlert,
  initialState: initialAlertState,
  eventTypes: ALERT_EVENT_TYPES,
};

export const alertReadsDecider: Decider<RecordAlertsRead, AlertsRead, AlertReadsState> = {
  decide: decideAlertsRead,
  evolve: () => null,
  initialState: () => null,
  eventTypes: ALERT_READ_EVENT_TYPES,
};

/** The word-list decider with the analyzer's checks (the application composes it with src/analytics). */
export function analyticsWordsDecider(checks: WordListChecks): Decider<AnalyticsWordsCommand, AnalyticsWordsEvent, AnalyticsWordsState> {
  return {
    decide: (command, state) => decideAnalyticsWords(checks, command, state),
    evolve: evolveAnalyticsWords,
    initialState: initialAnalyticsWordsState,
    eventTypes: ANALYTICS_WORDS_EVENT_TYPES,
  };
}
