/**
 * Catalog read models: every published version of every template and flow, keyed `id@version`,
 * with `latest` marking the newest. Built-ins are not stored; the catalog service merges them.
 */
import { CATALOG_EVENT_TYPES, type CatalogEvent } from '../domain/catalog/catalog';
import type { LedgerEvent } from '../ledger/ledger';
import type { Projection, ProjectionTx } from './projection';

export const TEMPLATES = 'templates';
export const FLOWS = 'flows';

export interface CatalogDoc {
  id: string;
  definitionId: string;
  version: number;
  latest: boolean;
  definition: Record<string, unknown>;
  note: string;
  publishedBy: string;
  publishedAt: string;
  [key: string]: unknown;
}

export const versionKey = (id: string, version: number): string => `${id}@${version}`;

export const catalogProjection: Projection = {
  name: 'catalog',
  collections: [TEMPLATES, FLOWS],
  async apply(event: LedgerEvent, tx: ProjectionTx) {
    const { body } = event;
    if (!CATALOG_EVENT_TYPES.has(body.type)) return;
    const e = { type: body.type, data: body.data } as CatalogEvent;
    const [collection, definition] = e.type === 'TemplateVersionPublished' ? [TEMPLATES, e.data.template] : [FLOWS, e.data.flow];
    const key = versionKey(definition.id, definition.version);
    if (await tx.get(collection, key)) return; // delivered before
    const previous = await tx.get<CatalogDoc>(collection, versionKey(definition.id, definition.version - 1));
    if (previous) tx.put(collection, { ...previous, latest: false });
    const doc: CatalogDoc = {
      id: key,
      definitionId: definition.id,
      version: definition.version,
      latest: true,
      definition: definition as unknown as Record<string, unknown>,
      note: e.data.note,
      publishedBy: body.meta.actor,
      publishedAt: body.meta.at,
    };
    tx.put(collection, doc);
    return { kind: collection === TEMPLATES ? 'template' : 'flow', id: key, viewers: [], eventType: body.type, position: event.position };
  },
};
