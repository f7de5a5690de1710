/**
 * Read use cases of the work around records: step and improvement tasks, support needs and
 * notifications. Each takes the Viewer and narrows what it reads with the access policy.
 */
import { audiencesOf, listScope, type Viewer } from '../../domain/access';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { SUPPORT_NEEDS, TASKS, type SupportNeedDoc, type TaskDoc } from '../../projections/interview.projection';
import { NOTIFICATIONS, type NotificationDoc } from '../../projections/reminder.projection';
import type { FindQuery } from '../../readmodel/read-model-store';
import type { App } from '../services';

type Reads = Pick<App, 'readModels'>;

export const MAX_ITEMS = 200;

export function assertPage(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_ITEMS)
    throw new ValidationError(`first must be between 1 and ${MAX_ITEMS}`, 'first');
  return first;
}

/** Support needs the viewer may see (managers: of records they take part in; overseers: all), newest first. */
export async function supportNeeds(
  app: Reads,
  viewer: Viewer,
  input: { openOnly: boolean; department?: string | null; status?: string | null; first: number },
): Promise<SupportNeedDoc[]> {
  const where: Record<string, string | boolean> = {};
  if (input.openOnly) where.open = true;
  if (input.department) where.department = input.department;
  if (input.status) where.status = input.status;
  const contains = listScope(viewer);
  const query: FindQuery = {
    where,
    ...(contains ? { contains } : {}),
    orderBy: { field: 'updatedAt', direction: 'desc' },
    limit: assertPage(input.first),
  };
  return app.readModels.find<SupportNeedDoc>(SUPPORT_NEEDS, query);
}

export const TASK_STATUSES = ['open', 'done', 'cancelled', 'all'] as const;

/** The viewer's own tasks, soonest due first. */
export async function myTasks(app: Reads, viewer: Viewer, input: { status: string; first: number }): Promise<TaskDoc[]> {
  if (!(TASK_STATUSES as readonly string[]).includes(input.status))
    throw new ValidationError('status must be open, done, cancelled or all', 'status', 'INVALID_VALUE');
  const where: Record<string, string> = { assigneeId: viewer.id };
  if (input.status !== 'all') where.status = input.status;
  return app.readModels.find<TaskDoc>(TASKS, { where, orderBy: { field: 'dueAt', direction: 'asc' }, limit: assertPage(input.first) });
}

/** Open tasks of others the viewer may see (managers: of records they take part in; overseers: all), soonest due first. */
export async function openTasks(
  app: Reads,
  viewer: Viewer,
  input: { assigneeId?: string | null; department?: string | null; first: number },
): Promise<TaskDoc[]> {
  const where: Record<string, string> = { status: 'open' };
  if (input.assigneeId) where.assigneeId = input.assigneeId;
  if (input.department) where.department = input.department;
  const contains = listScope(viewer);
  return app.readModels.find<TaskDoc>(TASKS, {
    where,
    ...(contains ? { contains } : {}),
    orderBy: { field: 'dueAt', direction: 'asc' },
    limit: assertPage(input.first),
  });
}

/** Reminders and warnings addressed to the viewer or a role they hold, newest first. */
export async function notifications(app: Reads, viewer: Viewer, input: { first: number }): Promise<NotificationDoc[]> {
  const limit = assertPage(input.first);
  const lists = await Promise.all(
    audiencesOf(viewer).map((value) =>
      app.readModels.find<NotificationDoc>(NOTIFICATIONS, {
        contains: { field: 'audience', value },
        orderBy: { field: 'recordedAt', direction: 'desc' },
        limit,
      }),
    ),
  );
  const byId = new Map(lists.flat().map((d) => [d.id, d]));
  return [...byId.values()].sort((a, b) => b.recordedAt.localeCompare(a.recordedAt) || a.id.localeCompare(b.id)).slice(0, limit);
}

/** Whether a committed notification change is addressed to the viewer. */
export const notificationReaches = (viewer: Viewer, change: { readonly viewers: readonly string[] }): boolean =>
  change.viewers.some((audience) => audiencesOf(viewer).includes(audience));

/** One notification addressed to the viewer (for the subscription's payload). */
export async function notification(app: Reads, viewer: Viewer, id: string): Promise<NotificationDoc> {
  const doc = await app.readModels.get<NotificationDoc>(NOTIFICATIONS, id);
  if (!doc || !doc.audience.some((audience) => audiencesOf(viewer).includes(audience)))
    throw new NotFoundError(`no notification ${id}`, 'id');
  return doc;
}
