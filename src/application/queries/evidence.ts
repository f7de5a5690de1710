/**
 * Exporting evidence for a viewer: one interview (whoever may see it) or every interview
 * matching a filter (those who may export by query). The access policy is asked before any
 * stream is read or any checkpoint is signed.
 */
import { assertMay, type Viewer } from '../../domain/access';
import { ValidationError } from '../../domain/errors';
import type { BundleSubject } from '../../evidence/bundle-format';
import { exportEvidence, type ExportedBundle } from '../../evidence/export-bundle';
import type { App } from '../services';
import { visibleInterview, type RecordLoader } from './interviews';

export const EVIDENCE_FILTER_KEYS = ['employeeId', 'department', 'cycle'] as const;
export type EvidenceFilter = Partial<Record<(typeof EVIDENCE_FILTER_KEYS)[number], string | null>>;

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
    const chosen = Object.fromEntries(EVIDENCE_FILTER_KEYS.flatMap((key) => (filter![key] ? [[key, filter![key]!]] : [])));
    subject = { kind: 'query', ...chosen };
  }
  return exportEvidence(app, subject);
}
