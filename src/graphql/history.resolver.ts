import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { compareVersions, employeeTimeline } from '../application/queries/interviews';
import type { Viewer } from '../domain/access';
import type { Context } from './context';
import { EmployeeTimeline, VersionComparison } from './history.type';
import { contentChanges } from './interview.mapper';
import { CurrentViewer } from './viewer';

@Resolver()
export class HistoryResolver {
  @Authorized()
  @Query(() => VersionComparison, {
    description: 'Field-level changes (with changed passages for long text) between any two versions of an interview.',
  })
  async compareInterviewVersions(
    @Arg('id', () => ID) id: string,
    @Arg('fromVersion', () => Int) fromVersion: number,
    @Arg('toVersion', () => Int) toVersion: number,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ): Promise<VersionComparison> {
    const result = await compareVersions(ctx.app, viewer, { id, fromVersion, toVersion }, (key) => ctx.loaders.interview.load(key));
    return { interviewId: id, fromVersion, toVersion, changes: contentChanges(result.before, result.after) };
  }

  @Authorized()
  @Query(() => EmployeeTimeline, {
    description:
      "One employee's interviews across cycles with the chosen sections side by side (default highlights and problems), and the problems that recur.",
  })
  async employeeInterviewTimeline(
    @Arg('employeeId', () => ID) employeeId: string,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
    @Arg('sections', () => [String], { defaultValue: ['highlights', 'problems'] }) sections: string[],
  ): Promise<EmployeeTimeline> {
    const timeline = await employeeTimeline(ctx.app, viewer, { employeeId, sections });
    return {
      employeeId,
      entries: timeline.docs.map((doc) => ({
        interviewId: doc.id,
        cycle: doc.cycle,
        scheduledAt: new Date(doc.scheduledAt),
        status: doc.status,
        version: doc.version,
        sections: Object.fromEntries(sections.filter((key) => doc.sections[key] !== undefined).map((key) => [key, doc.sections[key]])),
      })),
      recurringProblems: timeline.recurringProblems.map((r) => ({
        problem: r.problem,
        cycles: [...r.cycles],
        interviewIds: [...r.interviewIds],
      })),
    };
  }
}
