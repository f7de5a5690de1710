import DataLoader from 'dataloader';
import type { ReadModelStore } from '../readmodel/read-model-store';
import { INTERVIEWS, type InterviewDoc } from '../projections/interview.projection';
import { PEOPLE, type PersonDoc } from '../projections/person.projection';

/** Per-request loaders: one batched read per collection per tick, no cross-request caching. */
export function createLoaders(readModels: ReadModelStore) {
  return {
    person: new DataLoader<string, PersonDoc | null>((ids) => readModels.getMany<PersonDoc>(PEOPLE, ids)),
    interview: new DataLoader<string, InterviewDoc | null>((ids) => readModels.getMany<InterviewDoc>(INTERVIEWS, ids)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
