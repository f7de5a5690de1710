import diff from 'microdiff';
import type { BasicInfo, ExistingInterview } from '../domain/interview/interview';
import type { InterviewDoc, InterviewVersionDoc } from '../projections/interview.projection';
import { FieldChange, Interview, InterviewStatusEnum, InterviewVersion } from './interview.type';

/** From the read model document or a folded state to the GraphQL type. */
export function toInterview(source: InterviewDoc | ExistingInterview): Interview {
  const basic: BasicInfo = 'basic' in source ? (source as ExistingInterview).basic : (source as InterviewDoc);
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
    }),
  );
}

/** Versions in order, each with its diff against the one before. */
export function toHistory(versions: readonly InterviewVersionDoc[]): InterviewVersion[] {
  return versions.map((v, i) =>
    Object.assign(new InterviewVersion(), {
      version: v.version,
      eventType: v.eventType,
      section: v.section,
      actor: v.actor,
      roles: v.roles,
      ip: v.ip,
      userAgent: v.userAgent,
      at: new Date(v.at),
      eventHash: v.eventHash,
      changes: contentChanges(i > 0 ? versions[i - 1]!.content : undefined, v.content),
    }),
  );
}
