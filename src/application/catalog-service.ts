/**
 * Templates and flows as HR sees them: the built-ins (in code, every version shipped: templates
 * have versions 1 and 2, flows version 1) merged with what HR published (later versions, new
 * ids). New interviews use the latest active version; running ones keep their snapshot. Where
 * HR published a version number that a later release also ships in code (HR's version 2 of a
 * template, published before the built-in version 2 existed), HR's definition is that version.
 */
import type { CommandMeta } from '../domain/command';
import { flowStream, templateStream, type CatalogCommand, type CatalogEntry } from '../domain/catalog/catalog';
import { catalogDecider } from '../domain/catalog/decider';
import { BUILTIN_TEMPLATE_VERSIONS, BUILTIN_TEMPLATES, type InterviewTemplate } from '../domain/interview/template';
import { BUILTIN_FLOWS, type FlowDefinition } from '../domain/workflow/flow';
import { FLOWS, TEMPLATES, versionKey, type CatalogDoc } from '../projections/catalog.projection';
import type { App } from './services';
import type { Decider } from './command-handler';

type Services = Pick<App, 'commands' | 'projector' | 'readModels'>;

export { catalogDecider };

const LIMIT = 1000;

async function latest<T>(app: Pick<App, 'readModels'>, collection: string, builtins: ReadonlyMap<string, T>): Promise<T[]> {
  const docs = await app.readModels.find<CatalogDoc>(collection, {
    where: { latest: true },
    orderBy: { field: 'id', direction: 'asc' },
    limit: LIMIT,
  });
  const merged = new Map<string, T>(builtins);
  for (const doc of docs) merged.set(doc.definitionId, doc.definition as unknown as T);
  return [...merged.values()];
}

/** The latest version of every template (built-in or published), retired ones included. */
export const allTemplates = (app: Pick<App, 'readModels'>): Promise<InterviewTemplate[]> => latest(app, TEMPLATES, BUILTIN_TEMPLATES);
export const allFlows = (app: Pick<App, 'readModels'>): Promise<FlowDefinition[]> => latest(app, FLOWS, BUILTIN_FLOWS);

/** Every version shipped in code, per id, oldest first. */
const FLOW_VERSIONS: ReadonlyMap<string, readonly FlowDefinition[]> = new Map([...BUILTIN_FLOWS].map(([id, f]) => [id, [f]]));

async function find<T extends { version: number }>(
  app: Pick<App, 'readModels'>,
  collection: string,
  builtins: ReadonlyMap<string, T>,
  shipped: ReadonlyMap<string, readonly T[]>,
  id: string,
  version?: number,
): Promise<T | undefined> {
  if (version === undefined) return (await latest(app, collection, builtins)).find((d) => (d as unknown as { id: string }).id === id);
  const doc = await app.readModels.get<CatalogDoc>(collection, versionKey(id, version));
  if (doc) return doc.definition as unknown as T;
  return shipped.get(id)?.find((d) => d.version === version);
}

export const findCatalogTemplate = (app: Pick<App, 'readModels'>, id: string, version?: number) =>
  find(app, TEMPLATES, BUILTIN_TEMPLATES, BUILTIN_TEMPLATE_VERSIONS, id, version);
export const findFlow = (app: Pick<App, 'readModels'>, id: string, version?: number) =>
  find(app, FLOWS, BUILTIN_FLOWS, FLOW_VERSIONS, id, version);

/** Every version of one template or flow, oldest first (the built-in versions included, unless HR's holds the number). */
export async function versionsOf(
  app: Pick<App, 'readModels'>,
  kind: 'template' | 'flow',
  id: string,
): Promise<Array<InterviewTemplate | FlowDefinition>> {
  const shipped: ReadonlyArray<InterviewTemplate | FlowDefinition> =
    (kind === 'template' ? BUILTIN_TEMPLATE_VERSIONS.get(id) : FLOW_VERSIONS.get(id)) ?? [];
  const docs = await app.readModels.find<CatalogDoc>(kind === 'template' ? TEMPLATES : FLOWS, {
    where: { definitionId: id },
    orderBy: { field: 'version', direction: 'asc' },
    limit: LIMIT,
  });
  const published = docs.map((d) => d.definition as unknown as InterviewTemplate | FlowDefinition);
  const taken = new Set(published.map((d) => d.version));
  return [...shipped.filter((d) => !taken.has(d.version)), ...published].sort((a, b) => a.version - b.version);
}

/** HR's publication of one version (its note and when), or null for a version shipped in code. */
export async function findPublication(
  app: Pick<App, 'readModels'>,
  kind: 'template' | 'flow',
  id: string,
  version: number,
): Promise<Pick<CatalogDoc, 'note' | 'publishedAt'> | null> {
  const doc = await app.readModels.get<CatalogDoc>(kind === 'template' ? TEMPLATES : FLOWS, versionKey(id, version));
  return doc ? { note: doc.note, publishedAt: doc.publishedAt } : null;
}

async function publish(app: Services, stream: string, command: CatalogCommand): Promise<CatalogEntry> {
  const result = await app.commands.handle(stream, catalogDecider, command);
  if (result.position) await app.projector.waitFor(result.position);
  return result.state;
}

export async function publishTemplate(
  app: Services,
  meta: CommandMeta,
  input: { id: string; definition: unknown; note?: string },
): Promise<InterviewTemplate> {
  const state = await publish(app, templateStream(input.id), { type: 'PublishTemplate', data: input, meta });
  return state.latest as InterviewTemplate;
}

export async function publishFlow(
  app: Services,
  meta: CommandMeta,
  input: { id: string; definition: unknown; note?: string },
): Promise<FlowDefinition> {
  const state = await publish(app, flowStream(input.id), { type: 'PublishFlow', data: input, meta });
  return state.latest as FlowDefinition;
}
