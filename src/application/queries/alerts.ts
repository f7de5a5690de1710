/**
 * Read use cases of stress and overtime alerts. Who reads them is the access policy's
 * (`canReadAlerts`: HR and admins, auditors when ALERTS_VISIBLE_TO_AUDITORS is on); every answer
 * that shows alerts is recorded first as an AlertsRead event (src/domain/alert/alert-reads.ts),
 * and a failed audit write fails the read. Admins query the record of reads.
 */
import { assertMay, canReadAlerts, viewerOf, type Viewer } from '../../domain/access';
import type { CommandMeta } from '../../domain/command';
import { alertReadsStream, type AlertsReadData } from '../../domain/alert/alert-reads';
import { alertReadsDecider } from '../../domain/alert/decider';
import { ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors';
import {
  ALERT_READS,
  ALERTS,
  type AlertDoc,
  type AlertReadDoc,
  type AlertStatus,
  type AnalyticsWordsDoc,
} from '../../projections/alert.projection';
import { currentAnalyticsWords } from '../alert-service';
import type { FindQuery } from '../../readmodel/read-model-store';
import type { App } from '../services';
import { assertPage } from './work';

type Reads = Pick<App, 'readModels' | 'commands' | 'projector' | 'config'>;

export const ALERT_STATUSES: readonly AlertStatus[] = ['open', 'acknowledged', 'closed'];

/** Records the read before the answer leaves; the audit is in the read model when this resolves. */
async function recordRead(app: Reads, meta: CommandMeta, data: AlertsReadData): Promise<void> {
  const result = await app.commands.handle(alertReadsStream(meta.actor, meta.now), alertReadsDecider, {
    type: 'RecordAlertsRead',
    data,
    meta,
  });
  if (result.position) await app.projector.waitFor(result.position);
}

export interface AlertPage {
  readonly docs: AlertDoc[];
  readonly hasNextPage: boolean;
}

/** Alerts, newest first, filtered by status, department and cycle; FORBIDDEN for those who may not read alerts. */
export async function listAlerts(
  app: Reads,
  meta: CommandMeta,
  input: {
    status?: string | null;
    department?: string | null;
    cycle?: string | null;
    first: number;
    after?: { value: string; id: string } | null;
  },
): Promise<AlertPage> {
  if (!canReadAlerts(viewerOf(meta), app.config.analytics.auditorsSeeAlerts)) {
    throw new ForbiddenError('stress and overtime alerts are for HR and admins');
  }
  const first = assertPage(input.first);
  const where: Record<string, string> = {};
  if (input.status) {
    if (!(ALERT_STATUSES as readonly string[]).includes(input.status))
      throw new ValidationError('status must be open, acknowledged or closed', 'status', 'INVALID_VALUE');
    where.status = input.status;
  }
  if (input.department) where.department = input.department;
  if (input.cycle) where.cycle = input.cycle;
  const query: FindQuery = {
    where,
    orderBy: { field: 'createdAt', direction: 'desc' },
    ...(input.after ? { after: input.after } : {}),
    limit: first + 1,
  };
  const found = await app.readModels.find<AlertDoc>(ALERTS, query);
  const docs = found.slice(0, first);
  await recordRead(app, meta, {
    alertIds: docs.map((d) => d.id),
    query: {
      field: 'alerts',
      status: input.status ?? null,
      department: input.department ?? null,
      cycle: input.cycle ?? null,
      first,
      after: input.after ? input.after.id : null,
    },
  });
  return { docs, hasNextPage: found.length > first };
}

/** One alert; NOT_FOUND both for an id that does not exist and for a caller who may not read alerts. */
export async function getAlert(app: Reads, meta: CommandMeta, id: string): Promise<AlertDoc> {
  const missing = () => new NotFoundError(`no alert ${id.slice(0, 64)}`, 'id');
  if (!canReadAlerts(viewerOf(meta), app.config.analytics.auditorsSeeAlerts)) throw missing();
  const doc = await app.readModels.get<AlertDoc>(ALERTS, id);
  if (!doc) throw missing();
  await recordRead(app, meta, { alertIds: [doc.id], query: { field: 'alert', id: doc.id } });
  return doc;
}

/** Who read which alerts, newest first: admins only. */
export async function alertReads(
  app: Pick<App, 'readModels'>,
  meta: CommandMeta,
  input: { alertId?: string | null; readerId?: string | null; first: number },
): Promise<AlertReadDoc[]> {
  assertMay(viewerOf(meta), 'readAlertReads', 'only admins see who read which alert');
  const query: FindQuery = {
    ...(input.readerId ? { where: { readerId: input.readerId } } : {}),
    ...(input.alertId ? { contains: { field: 'alertIds', value: input.alertId } } : {}),
    orderBy: { field: 'at', direction: 'desc' },
    limit: assertPage(input.first),
  };
  return app.readModels.find<AlertReadDoc>(ALERT_READS, query);
}

/** The current word lists and thresholds: for those who set them. */
export async function analyticsWords(app: Pick<App, 'readModels'>, viewer: Viewer): Promise<AnalyticsWordsDoc> {
  assertMay(viewer, 'setAnalyticsWords', 'only HR and admins see the monitored words and alert thresholds');
  return currentAnalyticsWords(app);
}
