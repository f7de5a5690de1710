import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { SubscribeResolverData } from 'type-graphql';
import { editInterviewSection, scheduleInterview, updateInterviewBasicInfo } from '../application/interview-service';
import { interviewAt, interviewHistory, listInterviews, visibleInterview } from '../application/queries/interviews';
import { mayReceive, type Viewer } from '../domain/access';
import { commandMeta, requireActor, type Context } from './context';
import { changeStream } from './change-stream';
import { decodeCursor, encodeCursor } from './cursor';
import { EditSectionInput, InterviewFilter, ScheduleInterviewInput, UpdateBasicInfoInput } from './interview.input';
import { toHistory, toInterview } from './interview.mapper';
import { Interview, InterviewChange, InterviewConnection, InterviewVersion, Person } from './interview.type';
import { toPerson } from './person.resolver';
import { CurrentViewer } from './viewer';

@Resolver(() => Interview)
export class InterviewResolver {
  @Authorized()
  @Query(() => Interview, { description: 'One interview at its current version.' })
  async interview(@Arg('id', () => ID) id: string, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context): Promise<Interview> {
    return toInterview(await visibleInterview(ctx.app, viewer, id, (key) => ctx.loaders.interview.load(key)));
  }

  @Authorized()
  @Query(() => InterviewConnection, { description: 'Interviews the caller may see, newest meeting first.' })
  async interviews(
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
    @Arg('filter', () => InterviewFilter, { nullable: true }) filter?: InterviewFilter,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<InterviewConnection> {
    const page = await listInterviews(ctx.app, viewer, { filter: filter ?? null, first, after: after ? decodeCursor(after) : null });
    const edges = page.docs.map((doc) => ({ cursor: encodeCursor(doc.scheduledAt, doc.id), node: toInterview(doc) }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: page.totalCount };
  }

  @Authorized()
  @Query(() => [InterviewVersion], {
    description:
      'Every event in order (edits, signatures, locks, addenda, corrections) with who, when, from which IP, and a field-level diff against the content before it.',
  })
  async interviewHistory(
    @Arg('id', () => ID) id: string,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ): Promise<InterviewVersion[]> {
    return toHistory(await interviewHistory(ctx.app, viewer, id, (key) => ctx.loaders.interview.load(key)));
  }

  @Authorized()
  @Query(() => Interview, { description: 'The record exactly as it was at a version or an instant, rebuilt from the verified log.' })
  async interviewAt(
    @Arg('id', () => ID) id: string,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
    @Arg('version', () => Int, { nullable: true }) version?: number,
    @Arg('asOf', () => String, { nullable: true, description: 'ISO-8601 instant' }) asOf?: string,
  ): Promise<Interview> {
    return toInterview(
      await interviewAt(ctx.app, viewer, { id, version: version ?? null, asOf: asOf ?? null }, (key) => ctx.loaders.interview.load(key)),
    );
  }

  @Authorized('scheduleInterview')
  @Mutation(() => Interview, {
    description:
      "Schedules an interview (version 1). Managers schedule for people who report to them (the directory's manager of record becomes the record's manager); HR and admins for anyone. One interview per employee and cycle unless HR gives a reason.",
  })
  async scheduleInterview(
    @Arg('input', () => ScheduleInterviewInput) input: ScheduleInterviewInput,
    @Ctx() ctx: Context,
  ): Promise<Interview> {
    return toInterview(await scheduleInterview(ctx.app, commandMeta(ctx), input));
  }

  @Authorized()
  @Mutation(() => Interview, { description: 'Replaces one section of the content; creates a new version.' })
  async editInterviewSection(@Arg('input', () => EditSectionInput) input: EditSectionInput, @Ctx() ctx: Context): Promise<Interview> {
    return toInterview(await editInterviewSection(ctx.app, commandMeta(ctx), { ...input }));
  }

  @Authorized()
  @Mutation(() => Interview, { description: 'Changes time, place, department, position or participants; creates a new version.' })
  async updateInterviewBasicInfo(
    @Arg('input', () => UpdateBasicInfoInput) input: UpdateBasicInfoInput,
    @Ctx() ctx: Context,
  ): Promise<Interview> {
    const changes = Object.fromEntries(Object.entries(input.changes).filter(([, v]) => v !== undefined && v !== null));
    return toInterview(
      await updateInterviewBasicInfo(ctx.app, commandMeta(ctx), {
        interviewId: input.interviewId,
        expectedVersion: input.expectedVersion,
        changes,
      }),
    );
  }

  @Subscription(() => InterviewChange, {
    description: 'Tells the caller when an interview they may see changes (optionally one interview).',
    subscribe: ({ args, context }: SubscribeResolverData<unknown, { interviewId?: string }, Context>) => {
      const actor = requireActor(context);
      return changeStream(
        context.app.projector,
        (change) => change.kind === 'interview' && (!args.interviewId || change.id === args.interviewId) && mayReceive(actor, change),
      );
    },
  })
  interviewChanged(
    @Root() change: { id: string; version?: number; eventType: string },
    @Arg('interviewId', () => ID, { nullable: true }) _interviewId?: string,
  ): InterviewChange {
    return { interviewId: change.id, version: change.version ?? 0, eventType: change.eventType };
  }

  @FieldResolver(() => Person, { nullable: true })
  async employee(@Root() interview: Interview, @Ctx() ctx: Context): Promise<Person | null> {
    const doc = await ctx.loaders.person.load(interview.employeeId);
    return doc ? toPerson(doc) : null;
  }

  @FieldResolver(() => Person, { nullable: true })
  async manager(@Root() interview: Interview, @Ctx() ctx: Context): Promise<Person | null> {
    const doc = await ctx.loaders.person.load(interview.managerId);
    return doc ? toPerson(doc) : null;
  }

  @FieldResolver(() => [InterviewVersion], { description: 'Same as interviewHistory(id).' })
  async history(@Root() interview: Interview, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context): Promise<InterviewVersion[]> {
    return this.interviewHistory(interview.id, viewer, ctx);
  }
}
