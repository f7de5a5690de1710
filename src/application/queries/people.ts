/** Read use cases of the directory: oneself, one person, the directory. The access policy decides who sees whom. */
import { canViewPerson, type Viewer } from '../../domain/access';
import { NotFoundError } from '../../domain/errors';
import { PEOPLE, type PersonDoc } from '../../projections/person.projection';
import type { App } from '../services';

type Reads = Pick<App, 'readModels'>;
export type PersonLoader = (id: string) => Promise<PersonDoc | null>;

const loaderOf = (app: Reads, load?: PersonLoader): PersonLoader => load ?? ((id) => app.readModels.get<PersonDoc>(PEOPLE, id));

export async function me(app: Reads, viewer: Viewer, load?: PersonLoader): Promise<PersonDoc> {
  const doc = await loaderOf(app, load)(viewer.id);
  if (!doc) throw new NotFoundError(`you (${viewer.id}) are not in the directory`, 'sub');
  return doc;
}

/** A person the viewer may see; NOT_FOUND, as for an unknown id, otherwise. */
export async function person(app: Reads, viewer: Viewer, id: string, load?: PersonLoader): Promise<PersonDoc> {
  const doc = await loaderOf(app, load)(id);
  if (!doc || !canViewPerson(viewer, doc)) throw new NotFoundError(`no person ${id.slice(0, 64)}`, 'id');
  return doc;
}

/** The directory (callers hold readDirectory, see the resolver), optionally one department. */
export async function people(app: Reads, input: { department?: string | null }): Promise<PersonDoc[]> {
  return app.readModels.find<PersonDoc>(PEOPLE, {
    ...(input.department ? { where: { department: input.department } } : {}),
    orderBy: { field: 'id', direction: 'asc' },
    limit: 10_000,
  });
}
