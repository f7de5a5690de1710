/**
 * Read use cases of interview records: one record, lists, its history, the record at a version
 * or an instant, comparisons and an employee's timeline. Each takes the Viewer, asks the
 * access policy before it touches the record, and reads "the record at version N" only through
 * the one replay (src/domain/interview/replay.ts).
 */
import { assertCanViewRecord, canViewRecord, listScope, type Viewer } from '../../domain/access';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { contentOf, interviewStream, type AttachmentRecord, type ExistingInterview } from '../../domain/interview/interview';
import { contentByVersion, recorded, replay, type RecordedEvent, type ReplayPoint } from '../../domain/interview/replay';
import { assertInstant } from '../../domain/limits';
import { recurringProblems, type RecurringProblem } from '../../history/recurring';
import { INTERVIEWS, INTERVIEW_VERSIONS, type InterviewDoc, type InterviewVersionDoc } from '../../projections/interview.projection';
import type { FindQuery } from '../../readmodel/read-model-store';
import type { App } from '../services';

type Reads = Pick<App, 'readModels'>;

/** Looks a record up for the viewer: one read-model get, then the policy; NOT_FOUND for unknown and forbidden alike. */
export type RecordLoader = (id: string) => Promise<InterviewDoc | null>;

const loaderOf = (app: Reads, load?: RecordLoader): RecordLoader => load ?? ((id) => app.readModels.get<InterviewDoc>(INTERVIEWS, id));

/** The record at its current version, if the viewer may see it. */
export async function visibleInterview(app: Reads, viewer: Viewer, id: string, load?: RecordLoader, field = 'id'): Promise<InterviewDoc> {
  return assertCanViewRecord(viewer, await loaderOf(app, load)(id), id, field);
}

export const INTERVIEW_FILTER_KEYS = ['employeeId', 'managerId', 'department', 'cycle', 'status', 'step', 'flowId', 'templateId'] as const;
export type InterviewFilterKey = (typeof INTERVIEW_FILTER_KEYS)[number];
export type InterviewFilter = Partial<Record<InterviewFilterKey, string | null>>;

export const MAX_PAGE = 100;

export interface InterviewPage {
  readonly docs: readonly InterviewDoc[];
  readonly hasNextPage: boolean;
  readonly totalCount: number;
}

/** Records the viewer may see, newest meeting first, keyset-paged by `after` (scheduledAt, id). */
export async function listInterviews(
  app: Reads,
  viewer: Viewer,
  input: { filter?: InterviewFilter | null; first: number; after?: { value: string; id: string } | null },
): Promise<InterviewPage> {
  const { first } = input;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE)
    throw new ValidationError(`first must be between 1 and ${MAX_PAGE}`, 'first');
  const where: Record<string, string> = {};
  for (const key of INTERVIEW_FILTER_KEYS) {
    const value = input.filter?.[key];
    if (value !== undefined && value !== null) where[key] = value;
  }
  const contains = listScope(viewer);
  const query: FindQuery = {
    where,
    ...(contains ? { contains } : {}),
    orderBy: { field: 'scheduledAt', direction: 'desc' },
    ...(input.after ? { after: input.after } : {}),
    limit: first + 1,
  };
  // Read-only documents: the store may answer from those it keeps parsed (ReadOptions.shared).
  const docs = await app.readModels.find<InterviewDoc>(INTERVIEWS, query, { shared: true });
  const totalCount = await app.readModels.count(INTERVIEWS, where, contains);
  return { docs: docs.slice(0, first), hasNextPage: docs.length > first, totalCount };
}

/** The history entries of a record the viewer may see, in stream order. */
export async function interviewHistory(app: Reads, viewer: Viewer, id: string, load?: RecordLoader): Promise<InterviewVersionDoc[]> {
  await visibleInterview(app, viewer, id, load);
  return historyEntries(app, id);
}

async function historyEntries(app: Reads, id: string): Promise<InterviewVersionDoc[]> {
  return app.readModels.find<InterviewVersionDoc>(INTERVIEW_VERSIONS, {
    where: { interviewId: id },
    orderBy: { field: 'revision', direction: 'asc' },
    limit: 10_000,
  });
}

/** A history entry as replay reads it. */
export const entryEvent = (entry: InterviewVersionDoc): RecordedEvent => ({ type: entry.eventType, data: entry.data, at: entry.at });

/**
 * The record exactly as it was at a version or an instant, rebuilt from the verified log. The
 * viewer's right to see it is checked on the read model first: nothing is read or verified for
 * someone who may not see the record.
 */
export async function interviewAt(
  app: Pick<App, 'readModels' | 'ledger'>,
  viewer: Viewer,
  input: { id: string; version?: number | null; asOf?: string | null },
  load?: RecordLoader,
): Promise<ExistingInterview> {
  const { id, version, asOf } = input;
  if ((version === undefined || version === null) === (asOf === undefined || asOf === null)) {
    throw new ValidationError('give exactly one of version or asOf', 'version');
  }
  const point: ReplayPoint = asOf ? { asOf: assertInstant(asOf, 'asOf') } : { version: version! };
  await visibleInterview(app, viewer, id, load);
  const events = (await app.ledger.readStreamVerified(interviewStream(id))).map(recorded);
  const state = replay(events, point);
  if (state.status === 'none') {
    throw 'asOf' in point
      ? new NotFoundError(`interview ${id} did not exist yet at ${asOf}`, 'asOf')
      : new NotFoundError(`interview ${id} has no version ${version}`, 'version');
  }
  return state;
}

export interface VersionComparisonResult {
  readonly interviewId: string;
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly before: ReturnType<typeof contentOf>;
  readonly after: ReturnType<typeof contentOf>;
}

/** The content of two versions of a record, for a field-level comparison. */
export async function compareVersions(
  app: Reads,
  viewer: Viewer,
  input: { id: string; fromVersion: number; toVersion: number },
  load?: RecordLoader,
): Promise<VersionComparisonResult> {
  const { id, fromVersion, toVersion } = input;
  const doc = await visibleInterview(app, viewer, id, load);
  for (const [field, v] of [
    ['fromVersion', fromVersion],
    ['toVersion', toVersion],
  ] as const) {
    if (!Number.isInteger(v) || v < 1 || v > doc.version)
      throw new NotFoundError(`interview ${id} has versions 1..${doc.version}, not ${v}`, field);
  }
  const contents = contentByVersion((await historyEntries(app, id)).map(entryEvent), contentOf);
  const before = contents.get(fromVersion);
  const after = contents.get(toVersion);
  if (!before || !after)
    throw new NotFoundError(`interview ${id} has no version ${!before ? fromVersion : toVersion}`, !before ? 'fromVersion' : 'toVersion');
  return { interviewId: id, fromVersion, toVersion, before, after };
}

export const MAX_TIMELINE = 200;

export interface TimelineResult {
  readonly employeeId: string;
  readonly docs: readonly InterviewDoc[];
  readonly recurringProblems: readonly RecurringProblem[];
}

/** One employee's records across cycles that the viewer may see, oldest first, and the problems that recur. */
export async function employeeTimeline(
  app: Reads,
  viewer: Viewer,
  input: { employeeId: string; sections: readonly string[] },
): Promise<TimelineResult> {
  if (input.sections.length === 0 || input.sections.length > 10) throw new ValidationError('ask for 1 to 10 sections', 'sections');
  const contains = listScope(viewer);
  const docs = await app.readModels.find<InterviewDoc>(INTERVIEWS, {
    where: { employeeId: input.employeeId },
    ...(contains ? { contains } : {}),
    orderBy: { field: 'scheduledAt', direction: 'asc' },
    limit: MAX_TIMELINE,
  });
  // Nothing visible reads the same as nobody: no hint whether the employee exists.
  if (docs.length === 0) throw new NotFoundError(`no interviews of ${input.employeeId} that you may see`, 'employeeId');
  return {
    employeeId: input.employeeId,
    docs,
    recurringProblems: recurringProblems(docs.map((doc) => ({ interviewId: doc.id, cycle: doc.cycle, problems: doc.sections.problems }))),
  };
}

/** An attachment a record lists, if the viewer may see the record; null for any other case alike. */
export async function visibleAttachment(app: Reads, viewer: Viewer, interviewId: string, sha256: string): Promise<AttachmentRecord | null> {
  const doc = await app.readModels.get<InterviewDoc>(INTERVIEWS, interviewId);
  if (!doc || !canViewRecord(viewer, doc)) return null;
  // Documents projected before attachments existed have no list.
  return (doc.attachments ?? []).find((a) => a.sha256 === sha256) ?? null;
}
