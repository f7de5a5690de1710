import * as interview from '../domain/interview/interview';
import * as person from '../domain/person/person';
import type { Decider } from './command-handler';

export const interviewDecider: Decider<interview.InterviewCommand, interview.InterviewEvent, interview.Interview> = {
  decide: interview.decide,
  evolve: interview.evolve,
  initialState: interview.initialState,
  eventTypes: interview.INTERVIEW_EVENT_TYPES,
};

export const personDecider: Decider<person.PersonCommand, person.PersonEvent, person.Person> = {
  decide: person.decidePerson,
  evolve: (state, event) => person.evolvePerson(state, event),
  initialState: person.initialPerson,
  eventTypes: person.PERSON_EVENT_TYPES,
};
