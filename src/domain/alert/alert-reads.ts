/**
 * The read audit of alerts: every answer that shows alerts (the list, or one alert) is recorded
 * first as an `AlertsRead` event — who (the event's actor and roles), when (its sealed time),
 * which alert ids and with what query. The answer is given only once the event is appended: a
 * read whose audit could not be written is no read at all.
 *
 * One stream per reader and UTC day, `alert-reads-<readerId>-<yyyy-mm-dd>`: a reader's reads
 * of one day are one hash chain (a gap or a rewrite shows), and readers do not contend for one
 * stream's expected revision. Admins query them through the `alert_reads` read model.
 */
import type { CommandMeta, DomainEvent } from '../command';
import { ValidationError } from '../errors';
import { assertId } from '../limits';

export const alertReadsStream = (readerId: string, at: string): string => `alert-reads-${readerId}-${at.slice(0, 10)}`;

/** The largest page of alerts one answer shows (and so one AlertsRead names). */
export const MAX_ALERTS_READ = 200;

export interface AlertsReadData {
  readonly alertIds: readonly string[];
  /** What was asked: `alerts` with its filters, or `alert` with its id. */
  readonly query: { readonly field: 'alerts' | 'alert'; readonly [key: string]: string | number | null };
}

export type AlertsRead = DomainEvent<'AlertsRead', AlertsReadData>;
export const ALERT_READ_EVENT_TYPES: ReadonlySet<string> = new Set<AlertsRead['type']>(['AlertsRead']);

export type RecordAlertsRead = { type: 'RecordAlertsRead'; data: AlertsReadData; meta: CommandMeta };

/** Nothing to fold: every read is recorded. */
export type AlertReadsState = null;

export function decideAlertsRead(command: RecordAlertsRead): AlertsRead[] {
  const { alertIds, query } = command.data;
  if (alertIds.length > MAX_ALERTS_READ) throw new ValidationError(`at most ${MAX_ALERTS_READ} alerts a read`, 'first');
  alertIds.forEach((id, i) => assertId(id, `alertIds[${i}]`));
  return [{ type: 'AlertsRead', data: { alertIds: [...alertIds], query: { ...query } } }];
}
