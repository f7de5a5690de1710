/**
 * Interview read models, from interview events:
 * - `interviews`: the current record (detail and list, filterable, with `viewers` for access),
 *   with its signatures, addenda, corrections and lock;
 * - `interview_versions`: the history, one document per event of the stream with the change
 *   it made and who made it, when and from where. History folds them with the domain's
 *   `evolve` to get each version's content and diff it; storing deltas rather than snapshots
 *   keeps writes (and rebuilds) small.
 *
 * History entries and versions: content events (scheduled, basic info updated, section
 * edited) create version N and their entry shows `version: N`. Signatures, locks, addenda and
 * corrections create no version; their entry shows the version the record was at, which is
 * the version they are about (the version signed, locked, or corrected from), with
 * `contentChanged: false` and no diff. Entries are keyed and ordered by stream `revision`,
 * which is unique per event, so a version can have several entries (its edit, then its
 * signatures and lock).
 *
 * Guarded by the stream revision, so an event delivered twice changes nothing.
 */
import {
  CONTENT_EVENT_TYPES,
  evolve,
  partiesOf,
  type AddendumRecord,
  type CorrectionRecord,
  type ExistingInterview,
  type Interview,
  type InterviewEvent,
  INTERVIEW_EVENT_TYPES,
  type SignatureRecord,
} from '../domain/interview/interview';
import type { LedgerEvent } from '../ledger/ledger';
import type { Change, Projection, ProjectionTx } from './projection';

export const INTERVIEWS = 'interviews';
export const INTERVIEW_VERSIONS = 'interview_versions';

export interface InterviewDoc {
  id: string;
  status: string;
  version: number;
  templateId: string;
  employeeId: string;
  managerId: string;
  participantIds: string[];
  department: string;
  position: string;
  cycle: string;
  scheduledAt: string;
  location: string;
  sections: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  signatures: SignatureRecord[];
  addenda: AddendumRecord[];
  corrections: CorrectionRecord[];
  lockedAt: string | null;
  viewers: string[];
  /** Last stream revision applied: the idempotency guard. */
  revision: number;
  [key: string]: unknown;
}

export interface InterviewVersionDoc {
  id: string;
  interviewId: string;
  version: number;
  revision: number;
  eventId: string;
  eventType: string;
  eventHash: string;
  position: string;
  /** False for signatures, locks, addenda and corrections: same version, no diff. */
  contentChanged: boolean;
  section: string | null;
  actor: string;
  roles: string[];
  ip: string;
  userAgent: string | null;
  at: string;
  /** The event's data: the change this version made. History folds these with `evolve`. */
  data: Record<string, unknown>;
  [key: string]: unknown;
}

/** One history entry per stream revision (see the header on versions). */
export const historyEntryId = (interviewId: string, revision: number): string => `${interviewId}:${String(revision).padStart(6, '0')}`;

function toState(doc: InterviewDoc): ExistingInterview {
  return {
    status: doc.status as ExistingInterview['status'],
    id: doc.id,
    templateId: doc.templateId,
    version: doc.version,
    basic: {
      employeeId: doc.employeeId,
      managerId: doc.managerId,
      participantIds: doc.participantIds,
      department: doc.department,
      position: doc.position,
      cycle: doc.cycle,
      scheduledAt: doc.scheduledAt,
      location: doc.location,
    },
    sections: doc.sections as ExistingInterview['sections'],
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    // Documents written before signing existed have none of these.
    signatures: doc.signatures ?? [],
    addenda: doc.addenda ?? [],
    corrections: doc.corrections ?? [],
    lockedAt: doc.lockedAt ?? null,
  };
}

export function toDoc(state: ExistingInterview, revision: number): InterviewDoc {
  return {
    id: state.id,
    status: state.status,
    version: state.version,
    templateId: state.templateId,
    ...state.basic,
    participantIds: [...state.basic.participantIds],
    sections: { ...state.sections },
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    signatures: [...state.signatures],
    addenda: [...state.addenda],
    corrections: [...state.corrections],
    lockedAt: state.lockedAt,
    viewers: partiesOf(state.basic),
    revision,
  };
}

export const interviewProjection: Projection = {
  name: 'interviews',
  collections: [INTERVIEWS, INTERVIEW_VERSIONS],
  async apply(event: LedgerEvent, tx: ProjectionTx): Promise<Change | void> {
    const { body } = event;
    if (!INTERVIEW_EVENT_TYPES.has(body.type)) return;
    const domainEvent = { type: body.type, data: body.data } as InterviewEvent;
    const id = domainEvent.data.interviewId;
    const current = await tx.get<InterviewDoc>(INTERVIEWS, id);
    if (current && current.revision >= body.revision) return; // delivered before
    const before: Interview = current ? toState(current) : { status: 'none' };
    const after = evolve(before, domainEvent, body.meta.at);
    if (after.status === 'none') return;
    const doc = toDoc(after, body.revision);
    tx.put(INTERVIEWS, doc);
    const version: InterviewVersionDoc = {
      id: historyEntryId(id, body.revision),
      interviewId: id,
      version: after.version,
      revision: body.revision,
      eventId: body.id,
      eventType: body.type,
      eventHash: event.hash,
      position: event.position,
      contentChanged: CONTENT_EVENT_TYPES.has(body.type),
      section: domainEvent.type === 'InterviewSectionEdited' ? domainEvent.data.section : null,
      actor: body.meta.actor,
      roles: [...body.meta.roles],
      ip: body.meta.ip,
      userAgent: body.meta.userAgent ?? null,
      at: body.meta.at,
      data: domainEvent.data as unknown as Record<string, unknown>,
    };
    tx.put(INTERVIEW_VERSIONS, version);
    return { kind: 'interview', id, viewers: doc.viewers, version: after.version, eventType: body.type, position: event.position };
  },
};
