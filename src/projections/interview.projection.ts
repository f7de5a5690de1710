/**
 * Interview read models, from interview events:
 * - `interviews`: the current record (detail and list, filterable, with `viewers` for access);
 * - `interview_versions`: one document per version with the change it made and who made it,
 *   when and from where. History folds them with the domain's `evolve` to get each version's
 *   content and diff it; storing deltas rather than snapshots keeps writes (and rebuilds) small.
 * Guarded by the stream revision, so an event delivered twice changes nothing.
 */
import { evolve, partiesOf, type Interview, type InterviewEvent, INTERVIEW_EVENT_TYPES, type ExistingInterview } from '../domain/interview/interview';
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

export const versionDocId = (interviewId: string, version: number): string => `${interviewId}:${String(version).padStart(6, '0')}`;

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
      id: versionDocId(id, after.version),
      interviewId: id,
      version: after.version,
      revision: body.revision,
      eventId: body.id,
      eventType: body.type,
      eventHash: event.hash,
      position: event.position,
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
