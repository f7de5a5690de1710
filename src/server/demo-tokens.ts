/**
 * Tokens for the demo's people: what `npm start` prints for them and what the web console's
 * demo sign-in (POST /console/demo-session, only with --demo and local tokens) hands out. One
 * function, so both are minted the same way: the person's name and roles as the directory has
 * them, the local token lifetime (8 h).
 */
import { DEMO_PEOPLE } from '../demo/demo-data';
import type { Role } from '../domain/command';
import { PEOPLE, type PersonDoc } from '../projections/person.projection';
import type { ServerApp } from './app';

/** The people the demo offers to sign in as, in the order the README names them. */
export const DEMO_PERSON_IDS: readonly string[] = Object.values(DEMO_PEOPLE);

export interface DemoPerson {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly department: string;
  readonly position: string;
}

export interface DemoToken {
  readonly person: DemoPerson;
  readonly token: string;
  /** When the token stops being accepted (its `exp`). */
  readonly expiresAt: string;
}

/** The demo people present in the directory (none before the demo data is loaded). */
export async function demoPeople(app: Pick<ServerApp, 'readModels'>): Promise<DemoPerson[]> {
  const people: DemoPerson[] = [];
  for (const id of DEMO_PERSON_IDS) {
    const doc = await app.readModels.get<PersonDoc>(PEOPLE, id);
    if (doc) people.push({ id, name: doc.name, roles: [...doc.roles], department: doc.department, position: doc.position });
  }
  return people;
}

/**
 * A local token for one of the demo people; null for anyone else, before the demo data is
 * loaded, or when the server checks the company's tokens (OIDC) and has no local key.
 */
export async function mintDemoToken(app: Pick<ServerApp, 'readModels' | 'localTokens'>, id: string): Promise<DemoToken | null> {
  if (!app.localTokens || !DEMO_PERSON_IDS.includes(id)) return null;
  const doc = await app.readModels.get<PersonDoc>(PEOPLE, id);
  if (!doc) return null;
  const token = app.localTokens.mint({ id, roles: doc.roles as Role[], name: doc.name });
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { exp: number };
  return {
    person: { id, name: doc.name, roles: [...doc.roles], department: doc.department, position: doc.position },
    token,
    expiresAt: new Date(claims.exp * 1000).toISOString(),
  };
}
