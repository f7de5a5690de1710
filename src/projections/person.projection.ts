/** The people directory read model with each person's signing keys, guarded by stream revision. */
import {
  evolvePerson,
  PERSON_EVENT_TYPES,
  type Person,
  type PersonEvent,
  type PersonProfile,
  type SigningKey,
} from '../domain/person/person';
import type { LedgerEvent } from '../ledger/ledger';
import type { Change, Projection, ProjectionTx } from './projection';

export const PEOPLE = 'people';

export interface PersonDoc extends Omit<PersonProfile, 'roles'> {
  id: string;
  roles: string[];
  /** Active and revoked keys, in registration order. */
  signingKeys: SigningKey[];
  revision: number;
  [key: string]: unknown;
}

export const personProjection: Projection = {
  name: 'people',
  collections: [PEOPLE],
  async apply(event: LedgerEvent, tx: ProjectionTx): Promise<Change | void> {
    const { body } = event;
    if (!PERSON_EVENT_TYPES.has(body.type)) return;
    const domainEvent = { type: body.type, data: body.data } as PersonEvent;
    const id = domainEvent.data.personId;
    const current = await tx.get<PersonDoc>(PEOPLE, id);
    if (current && current.revision >= body.revision) return;
    const before: Person = current
      ? {
          status: 'active',
          ...current,
          personId: id,
          roles: current.roles as PersonProfile['roles'],
          signingKeys: current.signingKeys ?? [],
        }
      : { status: 'none' };
    const after = evolvePerson(before, domainEvent);
    if (after.status === 'none') return;
    const { status: _status, ...profile } = after;
    const doc: PersonDoc = { ...profile, id, roles: [...profile.roles], signingKeys: [...profile.signingKeys], revision: body.revision };
    tx.put(PEOPLE, doc);
    return { kind: 'person', id, viewers: [id], eventType: body.type, position: event.position };
  },
};
