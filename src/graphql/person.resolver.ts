import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { registerPerson } from '../application/interview-service';
import type { Role } from '../domain/command';
import type { Viewer } from '../domain/access';
import { me, people, person } from '../application/queries/people';
import { CurrentViewer } from './viewer';
import type { JobCategory, Level, SigningKey as SigningKeyRecord } from '../domain/person/person';
import type { PersonDoc } from '../projections/person.projection';
import { commandMeta, type Context } from './context';
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
  async me(@CurrentViewer() viewer: Viewer, @Ctx() ctx: Context): Promise<Person> {
    return toPerson(await me(ctx.app, viewer, (key) => ctx.loaders.person.load(key)));
  }

  @Authorized()
  @Query(() => Person, { description: 'A person: yourself, your direct reports, or anyone for HR, auditors and admins.' })
  async person(@Arg('id', () => ID) id: string, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context): Promise<Person> {
    return toPerson(await person(ctx.app, viewer, id, (key) => ctx.loaders.person.load(key)));
  }

  @Authorized('readDirectory')
  @Query(() => [Person], { description: 'The directory, optionally one department.' })
  async people(@Ctx() ctx: Context, @Arg('department', () => String, { nullable: true }) department?: string): Promise<Person[]> {
    return (await people(ctx.app, { department: department ?? null })).map(toPerson);
  }

  @Authorized('manageDirectory')
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
