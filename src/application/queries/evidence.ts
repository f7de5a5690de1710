/**
 * Exporting evidence for a viewer: one interview (whoever may see it) or every interview
 * matching a filter (those who may export by query). The access policy is asked before any
 * stream is read or any checkpoint is signed.
 */
import { assertMay, type Viewer } from '../../domain/access';
import { RuleError, ValidationError } from '../../domain/errors';
import type { BundleSubject } from '../../evidence/bundle-format';
import { exportEvidence, type ExportedBundle } from '../../evidence/export-bundle';
import type { App } from '../services';
import { visibleInterview, type RecordLoader } from './interviews';

export const EVIDENCE_FILTER_KEYS = ['employeeId', 'department', 'cycle'] as const;
export type EvidenceFilter = Partial<Record<(typeof EVIDENCE_FILTER_KEYS)[number], string | null>>;

/** When each server's recent exports by query started (ms), newest last. */
const recentQueryExports = new WeakMap<object, number[]>();

/**
 * A bundle of a whole cycle takes a few hundred milliseconds of the server's one thread to
 * assemble, so exports by query are rationed for the server as a whole: at most
 * `queryExportsPerMinute` start in any minute (one looping client cannot hold the server), the
 * rest are told when to try again. Single-interview bundles are priced by the query budget.
 */
function takeQueryExportSlot(app: Pick<App, 'config' | 'clock'>): void {
  const limit = app.config.queryExportsPerMinute;
  if (limit === 0) return;
  const now = app.clock().getTime();
  const recent = (recentQueryExports.get(app) ?? []).filter((at) => at > now - 60_000);
  if (recent.length >= limit) {
    const retryAfterSeconds = Math.max(1, Math.ceil((recent[0]! + 60_000 - now) / 1000));
    throw new RuleError(
      'EXPORT_RATE_LIMITED',
      `the server runs at most ${limit} exports by query a minute: try again in ${retryAfterSeconds} s, or export one interview`,
      'filter',
      { limit, retryAfterSeconds },
    );
  }
  recent.push(now);
  recentQueryExports.set(app, recent);
}

export async function exportEvidenceFor(
  app: App,
  viewer: Viewer,
  input: { interviewId?: string | null; filter?: EvidenceFilter | null },
  load?: RecordLoader,
): Promise<ExportedBundle> {
  const { interviewId, filter } = input;
  if ((interviewId ? 1 : 0) + (filter ? 1 : 0) !== 1) throw new ValidationError('give exactly one of interviewId or filter', 'interviewId');
  let subject: BundleSubject;
  if (interviewId) {
    await visibleInterview(app, viewer, interviewId, load, 'interviewId');
    subject = { kind: 'interview', interviewId };
  } else {
    assertMay(viewer, 'exportByQuery', 'only HR, auditors and admins export by query');
    takeQueryExportSlot(app);
    const chosen = Object.fromEntries(EVIDENCE_FILTER_KEYS.flatMap((key) => (filter![key] ? [[key, filter![key]!]] : [])));
    subject = { kind: 'query', ...chosen };
  }
  return exportEvidence(app, subject);
}
