/**
 * The catalog HR designs: interview templates and flows, each a stream of immutable versions.
 * Built-ins ship in code (template.ts, flow.ts: the category templates are at version 2, the
 * others and the flows at 1); HR's publication of the same id is the next version after the
 * built-in's and after HR's own, of a new id version 1. Publishing never touches running interviews:
 * they carry a snapshot of the version they were scheduled with.
 */
import type { CommandMeta, DomainEvent } from '../command';
import { may, viewerOf } from '../access';
import { ForbiddenError } from '../errors';
import { BUILTIN_TEMPLATES, validateTemplate, type InterviewTemplate } from '../interview/template';
import { BUILTIN_FLOWS, validateFlow, type FlowDefinition } from '../workflow/flow';

export const templateStream = (id: string): string => `template-${id}`;
export const flowStream = (id: string): string => `flow-${id}`;

export type TemplateVersionPublished = DomainEvent<'TemplateVersionPublished', { template: InterviewTemplate; note: string }>;
export type FlowVersionPublished = DomainEvent<'FlowVersionPublished', { flow: FlowDefinition; note: string }>;
export type CatalogEvent = TemplateVersionPublished | FlowVersionPublished;

export const CATALOG_EVENT_TYPES: ReadonlySet<string> = new Set<CatalogEvent['type']>(['TemplateVersionPublished', 'FlowVersionPublished']);

export type PublishTemplate = { type: 'PublishTemplate'; data: { id: string; definition: unknown; note?: string }; meta: CommandMeta };
export type PublishFlow = { type: 'PublishFlow'; data: { id: string; definition: unknown; note?: string }; meta: CommandMeta };
export type CatalogCommand = PublishTemplate | PublishFlow;

/** The latest version of one template or flow id; `null` before any (a built-in may still exist). */
export type CatalogEntry = { readonly latest: InterviewTemplate | FlowDefinition | null };

export const initialCatalogEntry = (): CatalogEntry => ({ latest: null });

export function decideCatalog(command: CatalogCommand, state: CatalogEntry): CatalogEvent[] {
  const { meta, data } = command;
  if (!may(viewerOf(meta), 'publishDefinitions')) throw new ForbiddenError('only HR and admins design templates and flows');
  const note = typeof data.note === 'string' ? data.note.trim().slice(0, 1000) : '';
  if (command.type === 'PublishTemplate') {
    const builtin = BUILTIN_TEMPLATES.get(data.id);
    const version = Math.max(state.latest?.version ?? 0, builtin?.version ?? 0) + 1;
    return [{ type: 'TemplateVersionPublished', data: { template: validateTemplate(data.definition, data.id, version), note } }];
  }
  const builtin = BUILTIN_FLOWS.get(data.id);
  const version = (state.latest?.version ?? builtin?.version ?? 0) + 1;
  return [{ type: 'FlowVersionPublished', data: { flow: validateFlow(data.definition, data.id, version), note } }];
}

export function evolveCatalog(_state: CatalogEntry, event: CatalogEvent): CatalogEntry {
  return { latest: event.type === 'TemplateVersionPublished' ? event.data.template : event.data.flow };
}
