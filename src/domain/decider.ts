/**
 * The Decider (after emmett): `decide(command, state) -> events`, `evolve(state, event) ->
 * state`, `initialState()`. Every aggregate of the domain is one (interview, person, catalog,
 * reminder), and `fold` is how any of them turns a stream's events into its state.
 */
import type { CommandMeta, DomainEvent } from './command';

/** A Decider in the emmett sense. `evolve` gets the event's sealed time so it stays pure. */
export interface Decider<C extends { meta: CommandMeta }, E extends DomainEvent, S> {
  decide(command: C, state: S): E[];
  evolve(state: S, event: E, at: string): S;
  initialState(): S;
  /** Event types this decider folds; others in its stream are ignored. */
  eventTypes: ReadonlySet<string>;
}

/** One event of a stream as a fold reads it: its type, data and sealed time. */
export interface RecordedEvent {
  readonly type: string;
  readonly data: unknown;
  /** The event's sealed time (`meta.at`), ISO-8601 UTC. */
  readonly at: string;
}

/**
 * Folds a stream's events into a decider's state; events of types the decider does not fold
 * are ignored. `from` is the state after the stream's earlier events, when the caller has it
 * (the command handler keeps recent states): folding the rest onto it gives the same state as
 * folding the whole stream, because evolve is pure.
 */
export function fold<C extends { meta: CommandMeta }, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  events: Iterable<RecordedEvent>,
  from?: S,
): S {
  let state = from === undefined ? decider.initialState() : from;
  for (const event of events) {
    if (decider.eventTypes.has(event.type)) state = decider.evolve(state, { type: event.type, data: event.data } as E, event.at);
  }
  return state;
}
