/**
 * Templates, flows, steps, tasks, support needs, attachments and reminders over GraphQL. Thin:
 * each mutation builds a command with the caller's metadata and hands it to a service.
 */
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { SubscribeResolverData } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { publishFlow, publishTemplate } from '../application/catalog-service';
import { storeAttachment } from '../application/attachment-service';
import {
  advanceStep,
  completeTask,
  evaluateSupportNeed,
  fulfilSupportNeed,
  reportTaskProgress,
  returnStep,
} from '../application/interview-service';
import { viewerOf, type Viewer } from '../domain/access';
import {
  flowFor,
  flowVersions,
  getFlow,
  getTemplate,
  listFlows,
  listTemplates,
  publicationOf,
  templateFor,
  templateVersions,
} from '../application/queries/catalog';
import { myTasks, notification, notificationReaches, notifications, openTasks, supportNeeds } from '../application/queries/work';
import { visibleInterview } from '../application/queries/interviews';
import { CurrentViewer } from './viewer';
import { ValidationError } from '../domain/errors';
import { currentStep, qualityFindings } from '../domain/interview/interview';
import { builtinTemplateVersion, type FieldSpec, type InterviewTemplate } from '../domain/interview/template';
import { BUILTIN_FLOWS, type FlowDefinition } from '../domain/workflow/flow';
import { pendingActors, type SupportNeedDoc, type TaskDoc } from '../projections/interview.projection';
import type { NotificationDoc } from '../projections/reminder.projection';
import { changeStream } from './change-stream';
import { commandMeta, requireActor, type Context } from './context';
import { toInterview } from './interview.mapper';
import { Interview } from './interview.type';
import {
  DefinitionPublication,
  EvaluateSupportNeedInput,
  FlowType,
  InterviewTemplateType,
  NotificationItem,
  QualityFinding,
  ReminderSweep,
  SupportNeedItem,
  TaskItem,
  TemplateField,
  WorkflowPosition,
} from './workflow.type';

function toField(f: FieldSpec): TemplateField {
  return Object.assign(new TemplateField(), {
    key: f.key,
    label: f.label.zh,
    labelEn: f.label.en,
    type: f.type,
    required: f.required,
    fillers: [...f.fillers],
    options: f.options ? [...f.options] : null,
    refTo: f.refTo ? [...f.refTo] : null,
    min: f.min ?? null,
    max: f.max ?? null,
    maxLength: f.maxLength ?? null,
    maxItems: f.maxItems ?? null,
    items: f.items ? f.items.map(toField) : null,
  });
}

export function toTemplate(t: InterviewTemplate): InterviewTemplateType {
  return Object.assign(new InterviewTemplateType(), {
    id: t.id,
    version: t.version,
    name: t.name.zh,
    nameEn: t.name.en,
    categories: [...t.appliesTo.categories],
    levels: [...t.appliesTo.levels],
    sections: t.sections.map((s) => ({
      key: s.key,
      kind: s.kind,
      label: s.label.zh,
      labelEn: s.label.en,
      required: s.required,
      fields: s.fields.map(toField),
    })),
    requiredSignatures: [...t.requiredSignatures],
    vagueHighlights: t.rules.vagueHighlights,
    minCaseChars: t.rules.minCaseChars,
    planHorizonDays: t.rules.planHorizonDays,
    defaultFlowId: t.defaultFlowId,
    pinnedFlow: t.pinnedFlow,
    active: t.active,
    builtin: builtinTemplateVersion(t.id, t.version) !== undefined,
    dimensions: (t.dimensions ?? []).map((d) => ({ key: d.key, label: d.label.zh, labelEn: d.label.en, keywords: [...d.keywords] })),
    definition: t as unknown as Record<string, unknown>,
  });
}

export function toFlow(f: FlowDefinition): FlowType {
  return Object.assign(new FlowType(), {
    id: f.id,
    version: f.version,
    name: f.name.zh,
    nameEn: f.name.en,
    departments: [...f.appliesTo.departments],
    levels: [...f.appliesTo.levels],
    steps: f.steps.map((s) => ({ ...s, label: s.label.zh, labelEn: s.label.en, actors: [...s.actors], edits: [...s.edits] })),
    active: f.active,
    builtin: BUILTIN_FLOWS.get(f.id)?.version === f.version,
    definition: f as unknown as Record<string, unknown>,
  });
}

function toTask(doc: TaskDoc, now: string): TaskItem {
  const due = doc.kind === 'improvement' ? `${doc.dueAt}T23:59:59Z` : doc.dueAt;
  return Object.assign(new TaskItem(), {
    ...doc,
    overdue: doc.status === 'open' && due < now,
    createdAt: new Date(doc.createdAt),
    closedAt: doc.closedAt ? new Date(doc.closedAt) : null,
  });
}

function toNeed(doc: SupportNeedDoc): SupportNeedItem {
  return Object.assign(new SupportNeedItem(), doc);
}

function toNotification(doc: NotificationDoc): NotificationItem {
  return Object.assign(new NotificationItem(), {
    ...doc,
    message: doc.message.zh,
    messageEn: doc.message.en,
    dueAt: new Date(doc.dueAt),
    fireAt: new Date(doc.fireAt),
    recordedAt: new Date(doc.recordedAt),
  });
}

@Resolver(() => Interview)
export class InterviewWorkflowFields {
  @FieldResolver(() => WorkflowPosition, { description: 'The current step, its due time, who must act, and every move so far.' })
  workflow(@Root() interview: Interview, @Ctx() ctx: Context): WorkflowPosition {
    const state = interview.raw;
    const step = currentStep(state);
    return Object.assign(new WorkflowPosition(), {
      step: state.workflow.step,
      label: step.label.zh,
      labelEn: step.label.en,
      stepIndex: state.workflow.stepIndex,
      stepCount: state.flow.steps.length,
      enteredAt: new Date(state.workflow.enteredAt),
      dueAt: new Date(state.workflow.dueAt),
      overdue: state.status !== 'locked' && state.workflow.dueAt < ctx.app.clock().toISOString(),
      pendingActorIds: pendingActors(state),
      history: state.workflow.history.map((m) => ({ ...m, at: new Date(m.at), dueAt: new Date(m.dueAt), reason: m.reason ?? null })),
    });
  }

  @FieldResolver(() => InterviewTemplateType, { description: 'The template version this record runs.' })
  template(@Root() interview: Interview): InterviewTemplateType {
    return toTemplate(interview.raw.template);
  }

  @FieldResolver(() => FlowType, { description: 'The flow version this record runs.' })
  flow(@Root() interview: Interview): FlowType {
    return toFlow(interview.raw.flow);
  }

  @FieldResolver(() => [QualityFinding], {
    description:
      'Vague highlights and plan items that are not SMART yet: they block submission where the template says so, and warn otherwise.',
  })
  qualityFindings(@Root() interview: Interview, @Ctx() ctx: Context): QualityFinding[] {
    return qualityFindings(interview.raw, { now: ctx.app.clock().toISOString(), calendar: ctx.app.reminders.calendar() }).map((f) =>
      Object.assign(new QualityFinding(), { ...f, missing: [...f.missing] }),
    );
  }
}

const toPublication = (found: { note: string; publishedAt: string } | null): DefinitionPublication | null =>
  found ? Object.assign(new DefinitionPublication(), { note: found.note, publishedAt: new Date(found.publishedAt) }) : null;

@Resolver(() => InterviewTemplateType)
export class TemplateFields {
  @FieldResolver(() => DefinitionPublication, {
    nullable: true,
    description: 'HR’s note on this version and when it was published; null for a version shipped with the product.',
  })
  async publication(@Root() template: InterviewTemplateType, @Ctx() ctx: Context): Promise<DefinitionPublication | null> {
    return toPublication(await publicationOf(ctx.app, 'template', template.id, template.version));
  }
}

@Resolver(() => FlowType)
export class FlowFields {
  @FieldResolver(() => DefinitionPublication, {
    nullable: true,
    description: 'HR’s note on this version and when it was published; null for a version shipped with the product.',
  })
  async publication(@Root() flow: FlowType, @Ctx() ctx: Context): Promise<DefinitionPublication | null> {
    return toPublication(await publicationOf(ctx.app, 'flow', flow.id, flow.version));
  }
}

@Resolver()
export class WorkflowResolver {
  // ---- templates and flows ----------------------------------------------------------------------

  @Authorized()
  @Query(() => [InterviewTemplateType], {
    description: 'The latest version of every template; filter by category and level, as scheduling does.',
  })
  async templates(
    @Ctx() ctx: Context,
    @Arg('category', () => String, { nullable: true }) category?: string,
    @Arg('level', () => String, { nullable: true }) level?: string,
    @Arg('includeRetired', () => Boolean, { defaultValue: false }) includeRetired = false,
  ): Promise<InterviewTemplateType[]> {
    return (await listTemplates(ctx.app, { category: category ?? null, level: level ?? null, includeRetired })).map(toTemplate);
  }

  @Authorized()
  @Query(() => InterviewTemplateType, { description: 'One template, at a version (default: latest).' })
  async template(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: Context,
    @Arg('version', () => Int, { nullable: true }) version?: number,
  ): Promise<InterviewTemplateType> {
    return toTemplate(await getTemplate(ctx.app, { id, version: version ?? null }));
  }

  @Authorized()
  @Query(() => [InterviewTemplateType], { description: 'Every version of a template, oldest first.' })
  async templateVersions(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<InterviewTemplateType[]> {
    return (await templateVersions(ctx.app, id)).map(toTemplate);
  }

  @Authorized()
  @Query(() => [FlowType], { description: 'The latest version of every flow.' })
  async flows(@Ctx() ctx: Context): Promise<FlowType[]> {
    return (await listFlows(ctx.app)).map(toFlow);
  }

  @Authorized()
  @Query(() => [FlowType], { description: 'Every version of a flow, oldest first.' })
  async flowVersions(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<FlowType[]> {
    return (await flowVersions(ctx.app, id)).map(toFlow);
  }

  @Authorized()
  @Query(() => FlowType)
  async flow(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: Context,
    @Arg('version', () => Int, { nullable: true }) version?: number,
  ): Promise<FlowType> {
    return toFlow(await getFlow(ctx.app, { id, version: version ?? null }));
  }

  @Authorized('previewScheduling')
  @Query(() => FlowType, { description: 'The flow scheduling would pick for an employee (department and level) and template.' })
  async flowFor(
    @Arg('templateId', () => ID) templateId: string,
    @Arg('department', () => String) department: string,
    @Arg('level', () => String) level: string,
    @Ctx() ctx: Context,
  ): Promise<FlowType> {
    return toFlow(await flowFor(ctx.app, { templateId, department, level }));
  }

  @Authorized('previewScheduling')
  @Query(() => InterviewTemplateType, { nullable: true, description: 'The template scheduling would pick for a job category and level.' })
  async templateFor(
    @Arg('category', () => String) category: string,
    @Arg('level', () => String) level: string,
    @Ctx() ctx: Context,
  ): Promise<InterviewTemplateType | null> {
    const t = await templateFor(ctx.app, { category, level });
    return t ? toTemplate(t) : null;
  }

  @Authorized('publishDefinitions')
  @Mutation(() => InterviewTemplateType, {
    description:
      'Publishes a new version of a template (a new id starts at 1; a built-in id continues at 2). Running interviews keep their version.',
  })
  async publishTemplate(
    @Arg('id', () => ID) id: string,
    @Arg('definition', () => GraphQLJSONObject) definition: Record<string, unknown>,
    @Ctx() ctx: Context,
    @Arg('note', () => String, { nullable: true }) note?: string,
  ): Promise<InterviewTemplateType> {
    return toTemplate(await publishTemplate(ctx.app, commandMeta(ctx), { id, definition, ...(note ? { note } : {}) }));
  }

  @Authorized('publishDefinitions')
  @Mutation(() => FlowType, { description: 'Publishes a new version of a flow.' })
  async publishFlow(
    @Arg('id', () => ID) id: string,
    @Arg('definition', () => GraphQLJSONObject) definition: Record<string, unknown>,
    @Ctx() ctx: Context,
    @Arg('note', () => String, { nullable: true }) note?: string,
  ): Promise<FlowType> {
    return toFlow(await publishFlow(ctx.app, commandMeta(ctx), { id, definition, ...(note ? { note } : {}) }));
  }

  // ---- steps --------------------------------------------------------------------------------------

  @Authorized()
  @Mutation(() => Interview, {
    description:
      'Completes the current step (name it: a repeated submission cannot skip the next). Checks required fields, vague highlights and the SMART plan.',
  })
  async submitStep(
    @Arg('interviewId', () => ID) interviewId: string,
    @Arg('step', () => String) step: string,
    @Ctx() ctx: Context,
  ): Promise<Interview> {
    return toInterview(await advanceStep(ctx.app, commandMeta(ctx), { interviewId, step }));
  }

  @Authorized()
  @Mutation(() => Interview, { description: 'Sends the record back to an earlier step, with a reason.' })
  async returnStep(
    @Arg('interviewId', () => ID) interviewId: string,
    @Arg('toStep', () => String) toStep: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Context,
  ): Promise<Interview> {
    return toInterview(await returnStep(ctx.app, commandMeta(ctx), { interviewId, toStep, reason }));
  }

  // ---- support needs -----------------------------------------------------------------------------

  @Authorized()
  @Mutation(() => Interview, {
    description: "The manager's evaluation of a support need: approved, partly or declined, with a reason. Creates a version.",
  })
  async evaluateSupportNeed(
    @Arg('input', () => EvaluateSupportNeedInput) input: EvaluateSupportNeedInput,
    @Ctx() ctx: Context,
  ): Promise<Interview> {
    return toInterview(await evaluateSupportNeed(ctx.app, commandMeta(ctx), { ...input }));
  }

  @Authorized('fulfilSupportNeeds')
  @Mutation(() => Interview, { description: 'HR records that an approved support need was provided.' })
  async fulfilSupportNeed(
    @Arg('interviewId', () => ID) interviewId: string,
    @Arg('needId', () => String) needId: string,
    @Arg('note', () => String) note: string,
    @Ctx() ctx: Context,
  ): Promise<Interview> {
    return toInterview(await fulfilSupportNeed(ctx.app, commandMeta(ctx), { interviewId, needId, note }));
  }

  @Authorized()
  @Query(() => [SupportNeedItem], {
    description:
      'Support needs the caller may see (HR, auditors, admins: all; managers and employees: those of their records). Open = pending, approved or partly and not yet fulfilled.',
  })
  async supportNeeds(
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
    @Arg('openOnly', () => Boolean, { defaultValue: true }) openOnly = true,
    @Arg('department', () => String, { nullable: true }) department?: string,
    @Arg('status', () => String, { nullable: true }) status?: string,
    @Arg('first', () => Int, { defaultValue: 100 }) first = 100,
  ): Promise<SupportNeedItem[]> {
    return (await supportNeeds(ctx.app, viewer, { openOnly, department: department ?? null, status: status ?? null, first })).map(toNeed);
  }

  // ---- tasks --------------------------------------------------------------------------------------

  @Authorized()
  @Query(() => [TaskItem], {
    description: 'What waits for the caller: interview steps to act on and improvement tasks they own, soonest due first.',
  })
  async myTasks(
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
    @Arg('status', () => String, { defaultValue: 'open', description: 'open, done, cancelled or all.' }) status = 'open',
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
  ): Promise<TaskItem[]> {
    const now = ctx.app.clock().toISOString();
    return (await myTasks(ctx.app, viewer, { status, first })).map((d) => toTask(d, now));
  }

  @Authorized('readOthersTasks')
  @Query(() => [TaskItem], {
    description: 'Open tasks of others: HR, auditors and admins see all, managers those of their records. overdueOnly for chasing.',
  })
  async tasks(
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
    @Arg('assigneeId', () => ID, { nullable: true }) assigneeId?: string,
    @Arg('department', () => String, { nullable: true }) department?: string,
    @Arg('overdueOnly', () => Boolean, { defaultValue: false }) overdueOnly = false,
    @Arg('first', () => Int, { defaultValue: 100 }) first = 100,
  ): Promise<TaskItem[]> {
    const now = ctx.app.clock().toISOString();
    const docs = await openTasks(ctx.app, viewer, { assigneeId: assigneeId ?? null, department: department ?? null, first });
    return docs.map((d) => toTask(d, now)).filter((t) => !overdueOnly || t.overdue);
  }

  @Authorized()
  @Mutation(() => Interview, { description: 'The owner (or the manager) reports progress on an improvement task, 0..100.' })
  async reportTaskProgress(
    @Arg('interviewId', () => ID) interviewId: string,
    @Arg('taskId', () => String) taskId: string,
    @Arg('progress', () => Int) progress: number,
    @Ctx() ctx: Context,
    @Arg('note', () => String, { nullable: true }) note?: string,
  ): Promise<Interview> {
    return toInterview(await reportTaskProgress(ctx.app, commandMeta(ctx), { interviewId, taskId, progress, ...(note ? { note } : {}) }));
  }

  @Authorized()
  @Mutation(() => Interview, { description: 'The owner (or the manager) completes an improvement task.' })
  async completeTask(
    @Arg('interviewId', () => ID) interviewId: string,
    @Arg('taskId', () => String) taskId: string,
    @Ctx() ctx: Context,
    @Arg('note', () => String, { nullable: true }) note?: string,
  ): Promise<Interview> {
    return toInterview(await completeTask(ctx.app, commandMeta(ctx), { interviewId, taskId, ...(note ? { note } : {}) }));
  }

  // ---- attachments ----------------------------------------------------------------------------------

  @Authorized()
  @Mutation(() => Interview, {
    description:
      'Uploads a small attachment as base64 (the GraphQL body is limited to 1 MiB; larger files: POST /attachments/<interviewId>). Reference it in a problem as { sha256 }.',
  })
  async uploadAttachment(
    @Arg('interviewId', () => ID) interviewId: string,
    @Arg('fileName', () => String) fileName: string,
    @Arg('mediaType', () => String) mediaType: string,
    @Arg('contentBase64', () => String) contentBase64: string,
    @Ctx() ctx: Context,
  ): Promise<Interview> {
    const meta = commandMeta(ctx);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(contentBase64))
      throw new ValidationError('contentBase64 is not base64', 'contentBase64', 'INVALID_ENCODING');
    await visibleInterview(ctx.app, viewerOf(meta), interviewId, (key) => ctx.loaders.interview.load(key), 'interviewId');
    const stored = await storeAttachment(ctx.app, meta, { interviewId, fileName, mediaType, bytes: Buffer.from(contentBase64, 'base64') });
    return toInterview(stored.interview);
  }

  // ---- reminders --------------------------------------------------------------------------------------

  @Authorized()
  @Query(() => [NotificationItem], {
    description: 'Reminders and overdue warnings addressed to the caller or a role they hold, newest first.',
  })
  async notifications(
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
  ): Promise<NotificationItem[]> {
    return (await notifications(ctx.app, viewer, { first })).map(toNotification);
  }

  @Subscription(() => NotificationItem, {
    description: 'Each new reminder or overdue warning addressed to the caller or a role they hold.',
    subscribe: ({ context }: SubscribeResolverData<unknown, Record<string, never>, Context>) => {
      const actor = requireActor(context);
      return changeStream(context.app.projector, (change) => change.kind === 'notification' && notificationReaches(actor, change));
    },
  })
  async notificationAdded(@Root() change: { id: string }, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context): Promise<NotificationItem> {
    return toNotification(await notification(ctx.app, viewer, change.id));
  }

  @Authorized('runReminders')
  @Mutation(() => ReminderSweep, {
    description: 'Sweeps for due reminders now (the server also does on a timer). Each reminder is recorded and sent once.',
  })
  async runReminders(@Ctx() ctx: Context): Promise<ReminderSweep> {
    return Object.assign(new ReminderSweep(), await ctx.app.reminders.sweep());
  }

  @Authorized()
  @Query(() => GraphQLJSONObject, {
    description: 'The company reminder policy: due time of day, business days, weekend skipping, and the rules (offsetDays, at, notify).',
  })
  reminderPolicy(@Ctx() ctx: Context): Record<string, unknown> {
    return { ...ctx.app.reminders.policy, timeZone: ctx.app.config.timeZone };
  }

  @Authorized('setReminderPolicy')
  @Mutation(() => GraphQLJSONObject, { description: 'Sets the company reminder policy (an event in the ledger).' })
  async setReminderPolicy(
    @Arg('policy', () => GraphQLJSONObject) policy: Record<string, unknown>,
    @Ctx() ctx: Context,
  ): Promise<Record<string, unknown>> {
    return { ...(await ctx.app.reminders.setPolicy(commandMeta(ctx), policy)), timeZone: ctx.app.config.timeZone };
  }
}
