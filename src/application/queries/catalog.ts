/**
 * Read use cases of the catalog: templates and flows (built-in and HR-published versions), and
 * which of them scheduling would pick. Company-wide rules without personal data: the access
 * policy lets every signed-in person read them (`readCompanyRules`); previews of what scheduling
 * would pick are for those who schedule (`previewScheduling`, checked by the caller's transport).
 */
import { NotFoundError, ValidationError } from '../../domain/errors';
import { selectTemplate, type InterviewTemplate } from '../../domain/interview/template';
import { isJobCategory, isLevel } from '../../domain/person/person';
import { selectFlow, type FlowDefinition } from '../../domain/workflow/flow';
import { allFlows, allTemplates, findCatalogTemplate, findFlow, findPublication, versionsOf } from '../catalog-service';
import type { App } from '../services';

type Reads = Pick<App, 'readModels'>;

const byId = <T extends { id: string }>(a: T, b: T): number => a.id.localeCompare(b.id);

/** The latest version of every template, optionally those that apply to a job category and level. */
export async function listTemplates(
  app: Reads,
  input: { category?: string | null; level?: string | null; includeRetired: boolean },
): Promise<InterviewTemplate[]> {
  const { category, level, includeRetired } = input;
  return (await allTemplates(app))
    .filter(
      (t) =>
        (includeRetired || t.active) &&
        (!category || t.appliesTo.categories.includes(category as never)) &&
        (!level || t.appliesTo.levels.includes(level as never)),
    )
    .sort(byId);
}

export async function getTemplate(app: Reads, input: { id: string; version?: number | null }): Promise<InterviewTemplate> {
  const t = await findCatalogTemplate(app, input.id, input.version ?? undefined);
  if (!t) throw new NotFoundError(`no template ${input.id}${input.version ? ` version ${input.version}` : ''}`, 'id');
  return t;
}

export async function templateVersions(app: Reads, id: string): Promise<InterviewTemplate[]> {
  return (await versionsOf(app, 'template', id)) as InterviewTemplate[];
}

export async function flowVersions(app: Reads, id: string): Promise<FlowDefinition[]> {
  return (await versionsOf(app, 'flow', id)) as FlowDefinition[];
}

/**
 * HR's note on a version and when it was published; null for a version shipped in code. Who
 * published stays out: templates are read by everyone, without personal data (the ledger and
 * the audit pages name the actor).
 */
export async function publicationOf(
  app: Reads,
  kind: 'template' | 'flow',
  id: string,
  version: number,
): Promise<{ note: string; publishedAt: string } | null> {
  return findPublication(app, kind, id, version);
}

export async function listFlows(app: Reads): Promise<FlowDefinition[]> {
  return (await allFlows(app)).sort(byId);
}

export async function getFlow(app: Reads, input: { id: string; version?: number | null }): Promise<FlowDefinition> {
  const f = await findFlow(app, input.id, input.version ?? undefined);
  if (!f) throw new NotFoundError(`no flow ${input.id}${input.version ? ` version ${input.version}` : ''}`, 'id');
  return f;
}

/** The flow scheduling would pick for a template, a department and a level. */
export async function flowFor(app: Reads, input: { templateId: string; department: string; level: string }): Promise<FlowDefinition> {
  const template = await findCatalogTemplate(app, input.templateId);
  if (!template) throw new NotFoundError(`no template ${input.templateId}`, 'templateId');
  if (!isLevel(input.level)) throw new ValidationError('level must be staff, team_lead, manager or executive', 'level', 'INVALID_VALUE');
  const flow = selectFlow(await allFlows(app), template, input.department, input.level);
  if (!flow) throw new NotFoundError(`no flow for template ${input.templateId}`, 'templateId');
  return flow;
}

/** The template scheduling would pick for a job category and level, or null. */
export async function templateFor(app: Reads, input: { category: string; level: string }): Promise<InterviewTemplate | null> {
  if (!isJobCategory(input.category)) throw new ValidationError('unknown job category', 'category', 'INVALID_VALUE');
  if (!isLevel(input.level)) throw new ValidationError('unknown level', 'level', 'INVALID_VALUE');
  return selectTemplate(await allTemplates(app), input.category, input.level) ?? null;
}
