import DataLoader from 'dataloader';
import type { ReadModelStore } from '../readmodel/read-model-store';
import { INTERVIEWS, type InterviewDoc } from '../projections/interview.projection';
import { PEOPLE, type PersonDoc } from '../projections/person.projection';

/**
 * Per-request loaders: one batched read per collection per tick, no cross-request caching of
 * what a request saw. The documents are read-only here (GraphQL maps them, never changes them),
 * so the store may answer with documents it keeps parsed (ReadOptions.shared).
 */
export function createLoaders(readModels: ReadModelStore) {
  return {
    person: new DataLoader<string, PersonDoc | null>((ids) => readModels.getMany<PersonDoc>(PEOPLE, ids, { shared: true })),
    interview: new DataLoader<string, InterviewDoc | null>((ids) => readModels.getMany<InterviewDoc>(INTERVIEWS, ids, { shared: true })),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
