import diff from 'microdiff';
import { contentOf, evolve, initialState, type BasicInfo, type ExistingInterview, type Interview as InterviewState, type InterviewEvent } from '../domain/interview/interview';
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

/**
 * Versions in order, each with its diff against the one before. Each version document holds
 * its event's data; folding them with the domain's `evolve` gives the content at each version.
 */
export function toHistory(versions: readonly InterviewVersionDoc[]): InterviewVersion[] {
  let state: InterviewState = initialState();
  let previous: object | undefined;
  return versions.map((v) => {
    state = evolve(state, { type: v.eventType, data: v.data } as InterviewEvent, v.at);
    const content = state.status === 'none' ? EMPTY_CONTENT : contentOf(state);
    const changes = contentChanges(previous, content);
    previous = content;
    return Object.assign(new InterviewVersion(), {
      version: v.version,
      eventType: v.eventType,
      section: v.section,
      actor: v.actor,
      roles: v.roles,
      ip: v.ip,
      userAgent: v.userAgent,
      at: new Date(v.at),
      eventHash: v.eventHash,
      changes,
    });
  });
}
