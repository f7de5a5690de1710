import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { hasAnyRole } from '../domain/command';
import { NotFoundError, ValidationError } from '../domain/errors';
import { canView, contentOf, evolve, initialState, type Interview as InterviewState, type InterviewEvent } from '../domain/interview/interview';
import { recurringProblems } from '../history/recurring';
import { INTERVIEWS, INTERVIEW_VERSIONS, type InterviewDoc, type InterviewVersionDoc } from '../projections/interview.projection';
import { requireActor, type Context } from './context';
import { EmployeeTimeline, VersionComparison } from './history.type';
import { contentChanges } from './interview.mapper';

const MAX_TIMELINE = 200;

@Resolver()
export class HistoryResolver {
  @Authorized()
  @Query(() => VersionComparison, { description: 'Field-level changes (with changed passages for long text) between any two versions of an interview.' })
  async compareInterviewVersions(
    @Arg('id', () => ID) id: string,
    @Arg('fromVersion', () => Int) fromVersion: number,
    @Arg('toVersion', () => Int) toVersion: number,
    @Ctx() ctx: Context,
  ): Promise<VersionComparison> {
    const actor = requireActor(ctx);
    const doc = await ctx.loaders.interview.load(id);
    if (!doc || !canView({ actor: actor.id, roles: actor.roles }, doc)) throw new NotFoundError(`no interview ${id}`, 'id');
    for (const [field, v] of [['fromVersion', fromVersion], ['toVersion', toVersion]] as const) {
      if (!Number.isInteger(v) || v < 1 || v > doc.version) throw new NotFoundError(`interview ${id} has versions 1..${doc.version}, not ${v}`, field);
    }
    const entries = await ctx.app.readModels.find<InterviewVersionDoc>(INTERVIEW_VERSIONS, {
      where: { interviewId: id },
      orderBy: { field: 'revision', direction: 'asc' },
      limit: 10_000,
    });
    const contents = contentAtVersions(entries);
    return { interviewId: id, fromVersion, toVersion, changes: contentChanges(contents.get(fromVersion), contents.get(toVersion)!) };
  }

  @Authorized()
  @Query(() => EmployeeTimeline, {
    description: "One employee's interviews across cycles with the chosen sections side by side (default highlights and problems), and the problems that recur.",
  })
  async employeeInterviewTimeline(
    @Arg('employeeId', () => ID) employeeId: string,
    @Ctx() ctx: Context,
    @Arg('sections', () => [String], { defaultValue: ['highlights', 'problems'] }) sections: string[],
  ): Promise<EmployeeTimeline> {
    const actor = requireActor(ctx);
    if (sections.length === 0 || sections.length > 10) throw new ValidationError('ask for 1 to 10 sections', 'sections');
    const seesAll = hasAnyRole({ roles: actor.roles }, 'hr', 'auditor', 'admin');
    const docs = await ctx.app.readModels.find<InterviewDoc>(INTERVIEWS, {
      where: { employeeId },
      ...(seesAll ? {} : { contains: { field: 'viewers', value: actor.id } }),
      orderBy: { field: 'scheduledAt', direction: 'asc' },
      limit: MAX_TIMELINE,
    });
    // Nothing visible reads the same as nobody: no hint whether the employee exists.
    if (docs.length === 0) throw new NotFoundError(`no interviews of ${employeeId} that you may see`, 'employeeId');
    const entries = docs.map((doc) => ({
      interviewId: doc.id,
      cycle: doc.cycle,
      scheduledAt: new Date(doc.scheduledAt),
      status: doc.status,
      version: doc.version,
      sections: Object.fromEntries(sections.filter((key) => doc.sections[key] !== undefined).map((key) => [key, doc.sections[key]])),
    }));
    return {
      employeeId,
      entries,
      recurringProblems: recurringProblems(docs.map((doc) => ({ interviewId: doc.id, cycle: doc.cycle, problems: doc.sections.problems }))).map((r) => ({
        problem: r.problem,
        cycles: [...r.cycles],
        interviewIds: [...r.interviewIds],
      })),
    };
  }
}

/** Content after each version, folding history entries with the domain's `evolve`. */
function contentAtVersions(entries: readonly InterviewVersionDoc[]): Map<number, object> {
  const contents = new Map<number, object>();
  let state: InterviewState = initialState();
  for (const entry of entries) {
    state = evolve(state, { type: entry.eventType, data: entry.data } as InterviewEvent, entry.at);
    if (state.status !== 'none') contents.set(state.version, contentOf(state));
  }
  return contents;
}
