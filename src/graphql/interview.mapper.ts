import diff from 'microdiff';
import { changedPassages, isLongText } from '../history/text-passages';
import {
  contentOf,
  countsTowardsLock,
  type AddendumRecord,
  type BasicInfo,
  type CorrectionRecord,
  type ExistingInterview,
  type SignatureRecord,
} from '../domain/interview/interview';
import { toState, type InterviewDoc, type InterviewVersionDoc } from '../projections/interview.projection';
import { entryEvent } from '../application/queries/interviews';
import { replaySteps } from '../domain/interview/replay';
import { AttachmentInfo, ImprovementTaskInfo } from './workflow.type';
import { FieldChange, Interview, InterviewStatusEnum, InterviewVersion } from './interview.type';
import { InterviewAddendum, InterviewCorrection, InterviewSignature, SignatureRoleEnum } from './signature.type';

/** From the read model document or a folded state to the GraphQL type. */
export function toInterview(source: InterviewDoc | ExistingInterview): Interview {
  const raw: ExistingInterview = 'basic' in source ? (source as ExistingInterview) : toState(source as InterviewDoc);
  const basic: BasicInfo = raw.basic;
  // Documents projected before signing existed lack these lists.
  const record = {
    status: source.status as ExistingInterview['status'],
    version: source.version,
    corrections: (source.corrections ?? []) as readonly CorrectionRecord[],
  };
  const signatures = (source.signatures ?? []) as readonly SignatureRecord[];
  const addenda = (source.addenda ?? []) as readonly AddendumRecord[];
  return Object.assign(new Interview(), {
    id: source.id,
    status: source.status as InterviewStatusEnum,
    version: source.version,
    templateId: source.templateId,
    cycle: basic.cycle,
    employeeId: basic.employeeId,
    managerId: basic.managerId,
    participantIds: [...basic.participantIds],
    department: basic.department,
    position: basic.position,
    scheduledAt: new Date(basic.scheduledAt),
    location: basic.location,
    sections: source.sections as Record<string, unknown>,
    createdAt: new Date(source.createdAt),
    updatedAt: new Date(source.updatedAt),
    requiredSignatures: [...raw.template.requiredSignatures] as SignatureRoleEnum[],
    signatures: signatures.map((s) => toSignature(s, countsTowardsLock(record, s))),
    addenda: addenda.map(toAddendum),
    corrections: record.corrections.map(toCorrection),
    lockedAt: source.lockedAt ? new Date(source.lockedAt) : null,
    templateVersion: raw.template.version,
    flowId: raw.flow.id,
    attachments: raw.attachments.map((a) =>
      Object.assign(new AttachmentInfo(), {
        ...a,
        uploadedAt: new Date(a.uploadedAt),
        url: `/attachments/${encodeURIComponent(raw.id)}/${a.sha256}`,
      }),
    ),
    improvementTasks: raw.tasks.map((t) =>
      Object.assign(new ImprovementTaskInfo(), { ...t, updates: t.updates.map((u) => ({ ...u, at: new Date(u.at) })) }),
    ),
    raw,
  });
}

export function toSignature(s: SignatureRecord, current: boolean): InterviewSignature {
  return Object.assign(new InterviewSignature(), {
    version: s.version,
    role: s.role as SignatureRoleEnum,
    signerId: s.signerId,
    kid: s.kid,
    signature: s.signature,
    contentDigest: s.contentDigest,
    receivedAt: new Date(s.observed.receivedAt),
    ip: s.observed.ip,
    userAgent: s.observed.userAgent ?? null,
    current,
  });
}

function toAddendum(a: AddendumRecord): InterviewAddendum {
  return Object.assign(new InterviewAddendum(), { addendumId: a.addendumId, text: a.text, authorId: a.authorId, at: new Date(a.at) });
}

function toCorrection(c: CorrectionRecord): InterviewCorrection {
  return Object.assign(new InterviewCorrection(), {
    reason: c.reason,
    fromVersion: c.fromVersion,
    openedBy: c.openedBy,
    openedAt: new Date(c.openedAt),
  });
}

const EMPTY_CONTENT = { basic: {}, sections: {} };

/** Field-level changes from one version's content to the next. */
export function contentChanges(before: object | undefined, after: object): FieldChange[] {
  return diff(before ?? EMPTY_CONTENT, after).map((d) =>
    Object.assign(new FieldChange(), {
      path: d.path.join('.'),
      kind: d.type === 'CREATE' ? 'added' : d.type === 'REMOVE' ? 'removed' : 'changed',
      before: d.type === 'CREATE' ? null : d.oldValue,
      after: d.type === 'REMOVE' ? null : d.value,
      passages: d.type === 'CHANGE' && isLongText(d.oldValue, d.value) ? changedPassages(d.oldValue as string, d.value as string) : null,
    }),
  );
}

/**
 * History entries in stream order, each with its diff against the content before it. The
 * entries hold their events' data; the one replay gives the content after each event. Events
 * that change no content get an empty diff and show their data as `detail` (see
 * interview.projection.ts on how their `version` is chosen).
 */
export function toHistory(versions: readonly InterviewVersionDoc[]): InterviewVersion[] {
  let previous: object | undefined;
  return [...replaySteps(versions.map(entryEvent))].map(({ index, state }) => {
    const v = versions[index]!;
    const content = state.status === 'none' ? EMPTY_CONTENT : contentOf(state);
    const changes = contentChanges(previous, content);
    previous = content;
    const contentChanged = v.contentChanged ?? true;
    return Object.assign(new InterviewVersion(), {
      version: v.version,
      revision: v.revision,
      eventType: v.eventType,
      contentChanged,
      section: v.section,
      actor: v.actor,
      roles: v.roles,
      ip: v.ip,
      userAgent: v.userAgent,
      at: new Date(v.at),
      eventHash: v.eventHash,
      changes,
      detail: contentChanged ? null : v.data,
    });
  });
}
