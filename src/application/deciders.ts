// The deciders live in the domain; these re-exports keep existing imports working.
export { interviewDecider } from '../domain/interview/decider';
export { personDecider } from '../domain/person/decider';
