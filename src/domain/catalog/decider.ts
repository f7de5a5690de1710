/** The catalog of templates and flows as a Decider (catalog.ts): one stream of versions per id. */
import type { Decider } from '../decider';
import {
  CATALOG_EVENT_TYPES,
  decideCatalog,
  evolveCatalog,
  initialCatalogEntry,
  type CatalogCommand,
  type CatalogEntry,
  type CatalogEvent,
} from './catalog';

export const catalogDecider: Decider<CatalogCommand, CatalogEvent, CatalogEntry> = {
  decide: decideCatalog,
  evolve: (state, event) => evolveCatalog(state, event),
  initialState: initialCatalogEntry,
  eventTypes: CATALOG_EVENT_TYPES,
};
