import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { registerPerson } from '../application/interview-service';
import { hasAnyRole, type Role } from '../domain/command';
import { NotFoundError } from '../domain/errors';
import type { JobCategory, Level, SigningKey as SigningKeyRecord } from '../domain/person/person';
import { PEOPLE, type PersonDoc } from '../projections/person.projection';
import { commandMeta, requireActor, type Context } from './context';
import { RegisterPersonInput } from './interview.input';
import { Person } from './interview.type';
import { SigningKey, SigningKeyStatusEnum } from './signature.type';

type PersonSource = Pick<PersonDoc, 'name' | 'department' | 'position' | 'managerId' | 'category' | 'level'> & {
  roles: readonly string[];
  id?: string;
  personId?: string;
  signingKeys?: readonly SigningKeyRecord[];
};

export function toSigningKey(key: SigningKeyRecord): SigningKey {
  return Object.assign(new SigningKey(), {
    kid: key.kid,
    publicKey: key.publicKey,
    status: key.status as SigningKeyStatusEnum,
    registeredAt: new Date(key.registeredAt),
    revokedAt: key.revokedAt ? new Date(key.revokedAt) : null,
    revokeReason: key.revokeReason,
  });
}

export function toPerson(doc: PersonSource): Person {
  return Object.assign(new Person(), {
    id: doc.id ?? doc.personId!,
    name: doc.name,
    department: doc.department,
    position: doc.position,
    managerId: doc.managerId,
    category: doc.category,
    level: doc.level,
    roles: [...doc.roles],
    // Documents projected before keys existed have none.
    signingKeys: (doc.signingKeys ?? []).map(toSigningKey),
  });
}

@Resolver(() => Person)
export class PersonResolver {
  @Authorized()
  @Query(() => Person, { description: 'The signed-in person.' })
  async me(@Ctx() ctx: Context): Promise<Person> {
    const actor = requireActor(ctx);
    const doc = await ctx.loaders.person.load(actor.id);
    if (!doc) throw new NotFoundError(`you (${actor.id}) are not in the directory`, 'sub');
    return toPerson(doc);
  }

  @Authorized()
  @Query(() => Person, { description: 'A person: yourself, your direct reports, or anyone for HR, auditors and admins.' })
  async person(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Person> {
    const actor = requireActor(ctx);
    const doc = await ctx.loaders.person.load(id);
    const allowed = doc && (doc.id === actor.id || doc.managerId === actor.id || hasAnyRole({ roles: actor.roles }, 'hr', 'auditor', 'admin'));
    if (!allowed) throw new NotFoundError(`no person ${id}`, 'id');
    return toPerson(doc);
  }

  @Authorized('hr', 'auditor', 'admin')
  @Query(() => [Person], { description: 'The directory, optionally one department.' })
  async people(@Ctx() ctx: Context, @Arg('department', () => String, { nullable: true }) department?: string): Promise<Person[]> {
    const docs = await ctx.app.readModels.find<PersonDoc>(PEOPLE, {
      ...(department ? { where: { department } } : {}),
      orderBy: { field: 'id', direction: 'asc' },
      limit: 10_000,
    });
    return docs.map(toPerson);
  }

  @Authorized('hr', 'admin')
  @Mutation(() => Person, { description: 'Adds a person to the directory.' })
  async registerPerson(@Arg('input', () => RegisterPersonInput) input: RegisterPersonInput, @Ctx() ctx: Context): Promise<Person> {
    const person = await registerPerson(ctx.app, commandMeta(ctx), {
      personId: input.personId,
      name: input.name,
      department: input.department,
      position: input.position,
      managerId: input.managerId ?? null,
      category: input.category as JobCategory,
      level: input.level as Level,
      ...(input.roles ? { roles: input.roles as Role[] } : {}),
    });
    return toPerson(person);
  }
}
