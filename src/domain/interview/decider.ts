/**
 * The interview aggregate as one Decider: decide (decide.ts, dispatching to rules/), evolve
 * (evolve.ts), the initial state (state.ts) and the event types its streams hold (events.ts).
 */
import type { Decider } from '../decider';
import type { InterviewCommand } from './commands';
import { decide } from './decide';
import { INTERVIEW_EVENT_TYPES, type InterviewEvent } from './events';
import { evolve } from './evolve';
import { initialState, type Interview } from './state';

export const interviewDecider: Decider<InterviewCommand, InterviewEvent, Interview> = {
  decide,
  evolve,
  initialState,
  eventTypes: INTERVIEW_EVENT_TYPES,
};
