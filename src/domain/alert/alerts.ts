/**
 * Stress and overtime alerts as ledger events, one stream per alert: `alert-<alertId>`, with the
 * deterministic id of recurrence.ts (`<kind>-<employeeId>-<cycle>`). Raising an alert that is
 * recorded already decides nothing, so a restart or a second instance that finds the same
 * recurrence records nothing twice (the loser of a race on the stream's expected revision
 * re-reads it and finds it raised). HR then acknowledges it and closes it, each with a note.
 *
 * The lifecycle: open → acknowledged → closed, or open → closed; a closed alert takes no more
 * commands. The alert never changes the record it cites: it quotes the passages with the
 * interview id, version and hash of the event that wrote them.
 */
import type { CommandMeta, DomainEvent } from '../command';
import { may, viewerOf } from '../access';
import { ForbiddenError, NotFoundError, RuleError, ValidationError } from '../errors';
import { assertText } from '../limits';
import type { AlertKind, AlertPassage, AlertRule, AlertThresholds } from './recurrence';

export const alertStream = (alertId: string): string => `alert-${alertId}`;

/** Longest note HR writes when acknowledging or closing an alert. */
export const MAX_ALERT_NOTE = 2000;

export interface AlertRaisedData {
  readonly alertId: string;
  readonly kind: AlertKind;
  readonly employeeId: string;
  readonly managerId: string;
  readonly department: string;
  /** The cycle in which the threshold was first met. */
  readonly cycle: string;
  readonly rule: AlertRule;
  readonly passages: readonly AlertPassage[];
  /** The analytics configuration (AnalyticsWordsSet version, 0: the defaults) whose thresholds applied. */
  readonly configVersion: number;
  readonly thresholds: AlertThresholds;
}

export type AlertRaised = DomainEvent<'AlertRaised', AlertRaisedData>;
export type AlertAcknowledged = DomainEvent<'AlertAcknowledged', { alertId: string; note: string }>;
export type AlertClosed = DomainEvent<'AlertClosed', { alertId: string; note: string }>;
export type AlertEvent = AlertRaised | AlertAcknowledged | AlertClosed;
export const ALERT_EVENT_TYPES: ReadonlySet<string> = new Set<AlertEvent['type']>(['AlertRaised', 'AlertAcknowledged', 'AlertClosed']);

export type RaiseAlert = { type: 'RaiseAlert'; data: { alert: AlertRaisedData }; meta: CommandMeta };
export type AcknowledgeAlert = { type: 'AcknowledgeAlert'; data: { alertId: string; note: unknown }; meta: CommandMeta };
export type CloseAlert = { type: 'CloseAlert'; data: { alertId: string; note: unknown }; meta: CommandMeta };
export type AlertCommand = RaiseAlert | AcknowledgeAlert | CloseAlert;

export type AlertState =
  { readonly status: 'none' } | { readonly status: 'open' | 'acknowledged' | 'closed'; readonly alert: AlertRaisedData };

export const initialAlertState = (): AlertState => ({ status: 'none' });

export function decideAlert(command: AlertCommand, state: AlertState): AlertEvent[] {
  if (!may(viewerOf(command.meta), 'handleAlerts')) throw new ForbiddenError('only HR and admins handle stress and overtime alerts');
  if (command.type === 'RaiseAlert') {
    // Recorded already (by us earlier, or by another instance): nothing to raise.
    if (state.status !== 'none') return [];
    const alert = command.data.alert;
    if (alert.passages.length === 0) throw new ValidationError('an alert cites at least one passage', 'passages');
    return [{ type: 'AlertRaised', data: alert }];
  }
  // The id is echoed only as far as an id can go.
  const id = String(command.data.alertId).slice(0, 200);
  if (state.status === 'none') throw new NotFoundError(`no alert ${id}`, 'id');
  if (state.status === 'closed') throw new RuleError('ALERT_ALREADY_CLOSED', `alert ${id} is closed: it takes no more notes`, 'id');
  const note = assertText(command.data.note, 'note', MAX_ALERT_NOTE);
  if (command.type === 'AcknowledgeAlert') {
    if (state.status === 'acknowledged') {
      throw new RuleError('ALERT_ALREADY_ACKNOWLEDGED', `alert ${id} is acknowledged already: close it when it is handled`, 'id');
    }
    return [{ type: 'AlertAcknowledged', data: { alertId: state.alert.alertId, note } }];
  }
  return [{ type: 'AlertClosed', data: { alertId: state.alert.alertId, note } }];
}

export function evolveAlert(state: AlertState, event: AlertEvent): AlertState {
  switch (event.type) {
    case 'AlertRaised':
      return { status: 'open', alert: event.data };
    case 'AlertAcknowledged':
      return state.status === 'none' ? state : { status: 'acknowledged', alert: state.alert };
    case 'AlertClosed':
      return state.status === 'none' ? state : { status: 'closed', alert: state.alert };
  }
}
