/** The person directory as a Decider (person.ts): profiles, reporting lines and signing keys. */
import type { Decider } from '../decider';
import { decidePerson, evolvePerson, initialPerson, PERSON_EVENT_TYPES, type Person, type PersonCommand, type PersonEvent } from './person';

export const personDecider: Decider<PersonCommand, PersonEvent, Person> = {
  decide: decidePerson,
  evolve: (state, event) => evolvePerson(state, event),
  initialState: initialPerson,
  eventTypes: PERSON_EVENT_TYPES,
};
