import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { SubscribeResolverData } from 'type-graphql';
import { editInterviewSection, scheduleInterview, updateInterviewBasicInfo } from '../application/interview-service';
import { fold } from '../application/command-handler';
import { interviewDecider } from '../application/deciders';
import { hasAnyRole } from '../domain/command';
import { NotFoundError, ValidationError } from '../domain/errors';
import { canView, interviewStream } from '../domain/interview/interview';
import { assertInstant } from '../domain/limits';
import { INTERVIEWS, INTERVIEW_VERSIONS, type InterviewDoc, type InterviewVersionDoc } from '../projections/interview.projection';
import type { FindQuery } from '../readmodel/read-model-store';
import { commandMeta, requireActor, type Context } from './context';
import { changeStream } from './change-stream';
import { decodeCursor, encodeCursor } from './cursor';
import { EditSectionInput, InterviewFilter, ScheduleInterviewInput, UpdateBasicInfoInput } from './interview.input';
import { toHistory, toInterview } from './interview.mapper';
import { Interview, InterviewChange, InterviewConnection, InterviewVersion, Person } from './interview.type';
import { toPerson } from './person.resolver';

const MAX_PAGE = 100;

/** The record if the caller may see it; NOT_FOUND otherwise, so ids of others' records leak nothing. */
async function visibleInterview(ctx: Context, id: string): Promise<InterviewDoc> {
  const actor = requireActor(ctx);
  const doc = await ctx.loaders.interview.load(id);
  if (!doc || !canView({ actor: actor.id, roles: actor.roles }, doc)) throw new NotFoundError(`no interview ${id}`, 'id');
  return doc;
}

@Resolver(() => Interview)
export class InterviewResolver {
  @Authorized()
  @Query(() => Interview, { description: 'One interview at its current version.' })
  async interview(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Interview> {
    return toInterview(await visibleInterview(ctx, id));
  }

  @Authorized()
  @Query(() => InterviewConnection, { description: 'Interviews the caller may see, newest meeting first.' })
  async interviews(
    @Ctx() ctx: Context,
    @Arg('filter', () => InterviewFilter, { nullable: true }) filter?: InterviewFilter,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<InterviewConnection> {
    const actor = requireActor(ctx);
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
      throw new ValidationError(`first must be between 1 and ${MAX_PAGE}`, 'first');
    }
    const where: Record<string, string> = {};
    for (const key of ['employeeId', 'managerId', 'department', 'cycle', 'status', 'step', 'flowId', 'templateId'] as const) {
      const value = filter?.[key];
      if (value !== undefined && value !== null) where[key] = value;
    }
    // Employees see their own records, managers those they take part in (their reports');
    // HR, auditors and admins see all.
    const seesAll = hasAnyRole({ roles: actor.roles }, 'hr', 'auditor', 'admin');
    const contains = seesAll ? undefined : { field: 'viewers', value: actor.id };
    const query: FindQuery = {
      where,
      ...(contains ? { contains } : {}),
      orderBy: { field: 'scheduledAt', direction: 'desc' },
      ...(after ? { after: decodeCursor(after) } : {}),
      limit: first + 1,
    };
    const docs = await ctx.app.readModels.find<InterviewDoc>(INTERVIEWS, query);
    const page = docs.slice(0, first);
    const edges = page.map((doc) => ({ cursor: encodeCursor(doc.scheduledAt, doc.id), node: toInterview(doc) }));
    const totalCount = await ctx.app.readModels.count(INTERVIEWS, where, contains);
    return { edges, pageInfo: { hasNextPage: docs.length > first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
  }

  @Authorized()
  @Query(() => [InterviewVersion], {
    description:
      'Every event in order (edits, signatures, locks, addenda, corrections) with who, when, from which IP, and a field-level diff against the content before it.',
  })
  async interviewHistory(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<InterviewVersion[]> {
    await visibleInterview(ctx, id);
    const versions = await ctx.app.readModels.find<InterviewVersionDoc>(INTERVIEW_VERSIONS, {
      where: { interviewId: id },
      orderBy: { field: 'revision', direction: 'asc' },
      limit: 10_000,
    });
    return toHistory(versions);
  }

  @Authorized()
  @Query(() => Interview, { description: 'The record exactly as it was at a version or an instant, rebuilt from the verified log.' })
  async interviewAt(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: Context,
    @Arg('version', () => Int, { nullable: true }) version?: number,
    @Arg('asOf', () => String, { nullable: true, description: 'ISO-8601 instant' }) asOf?: string,
  ): Promise<Interview> {
    const actor = requireActor(ctx);
    if ((version === undefined || version === null) === (asOf === undefined || asOf === null)) {
      throw new ValidationError('give exactly one of version or asOf', 'version');
    }
    const cutoff = asOf ? Date.parse(assertInstant(asOf, 'asOf')) : null;
    const events = await ctx.app.ledger.readStreamVerified(interviewStream(id));
    const current = fold(interviewDecider, events);
    if (current.status === 'none' || !canView({ actor: actor.id, roles: actor.roles }, current.basic)) {
      throw new NotFoundError(`no interview ${id}`, 'id');
    }
    const upTo = events.filter((event) => {
      if (cutoff !== null) return Date.parse(event.body.meta.at) <= cutoff;
      const v = (event.body.data as { version?: number }).version;
      return typeof v === 'number' && v <= version!;
    });
    const state = fold(interviewDecider, upTo);
    if (state.status === 'none') {
      throw new NotFoundError(cutoff !== null ? `interview ${id} did not exist yet at ${asOf}` : `interview ${id} has no version ${version}`, cutoff !== null ? 'asOf' : 'version');
    }
    if (version !== undefined && version !== null && state.version !== version) {
      throw new NotFoundError(`interview ${id} has no version ${version}`, 'version');
    }
    return toInterview(state);
  }

  @Authorized('manager', 'hr', 'admin')
  @Mutation(() => Interview, { description: 'Schedules an interview (version 1).' })
  async scheduleInterview(@Arg('input', () => ScheduleInterviewInput) input: ScheduleInterviewInput, @Ctx() ctx: Context): Promise<Interview> {
    return toInterview(await scheduleInterview(ctx.app, commandMeta(ctx), input));
  }

  @Authorized()
  @Mutation(() => Interview, { description: 'Replaces one section of the content; creates a new version.' })
  async editInterviewSection(@Arg('input', () => EditSectionInput) input: EditSectionInput, @Ctx() ctx: Context): Promise<Interview> {
    return toInterview(await editInterviewSection(ctx.app, commandMeta(ctx), { ...input }));
  }

  @Authorized()
  @Mutation(() => Interview, { description: 'Changes time, place, department, position or participants; creates a new version.' })
  async updateInterviewBasicInfo(@Arg('input', () => UpdateBasicInfoInput) input: UpdateBasicInfoInput, @Ctx() ctx: Context): Promise<Interview> {
    const changes = Object.fromEntries(Object.entries(input.changes).filter(([, v]) => v !== undefined && v !== null));
    return toInterview(await updateInterviewBasicInfo(ctx.app, commandMeta(ctx), { interviewId: input.interviewId, expectedVersion: input.expectedVersion, changes }));
  }

  @Subscription(() => InterviewChange, {
    description: 'Tells the caller when an interview they may see changes (optionally one interview).',
    subscribe: ({ args, context }: SubscribeResolverData<unknown, { interviewId?: string }, Context>) => {
      const actor = requireActor(context);
      const seesAll = hasAnyRole({ roles: actor.roles }, 'hr', 'auditor', 'admin');
      return changeStream(
        context.app.projector,
        (change) => change.kind === 'interview' && (!args.interviewId || change.id === args.interviewId) && (seesAll || change.viewers.includes(actor.id)),
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
  async history(@Root() interview: Interview, @Ctx() ctx: Context): Promise<InterviewVersion[]> {
    return this.interviewHistory(interview.id, ctx);
  }
}

