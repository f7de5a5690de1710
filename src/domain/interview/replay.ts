/**
 * The record as of a version or an instant: the only fold of an interview stream.
 *
 * Every read that needs "the record at version N" (interviewAt, the signing message, history,
 * compare, the employee timeline, evidence semantics and rendering) calls this module, so they
 * cannot disagree. Versions are created by content events; signatures, locks, step moves,
 * attachments, addenda and corrections keep the version and change the record all the same.
 * "The record at version N" is therefore the record after the last event that left it at
 * version N — what the live read model held before version N+1 was written.
 */
import type { RecordedEvent } from '../decider';
import { INTERVIEW_EVENT_TYPES, type InterviewEvent } from './events';
import { evolve } from './evolve';
import { initialState, type ExistingInterview, type Interview } from './state';

/** One event of an interview stream as replay needs it: its type, data and sealed time. */
export type { RecordedEvent } from '../decider';

/** Where to stop: the latest state, after a version, or at an instant (events sealed at or before it). */
export type ReplayPoint = { readonly latest: true } | { readonly version: number } | { readonly asOf: string };

/** One step of a replay: the event and the record right after it. */
export interface ReplayStep {
  readonly index: number;
  readonly event: RecordedEvent;
  readonly state: Interview;
}

/** Folds one event; events of other aggregates that share the stream are ignored. */
export function applyEvent(state: Interview, event: RecordedEvent): Interview {
  if (!INTERVIEW_EVENT_TYPES.has(event.type)) return state;
  return evolve(state, { type: event.type, data: event.data } as InterviewEvent, event.at);
}

/** Every state the record went through, one per event, in stream order. */
export function* replaySteps(events: Iterable<RecordedEvent>): Generator<ReplayStep> {
  let state = initialState();
  let index = 0;
  for (const event of events) {
    state = applyEvent(state, event);
    yield { index, event, state };
    index++;
  }
}

/**
 * The record at `point`; `{ status: 'none' }` when it did not exist there (before scheduling,
 * an instant before its first event, or a version it never had).
 */
export function replay(events: Iterable<RecordedEvent>, point: ReplayPoint = { latest: true }): Interview {
  let state = initialState();
  if ('latest' in point) {
    for (const event of events) state = applyEvent(state, event);
    return state;
  }
  if ('asOf' in point) {
    const cutoff = Date.parse(point.asOf);
    for (const event of events) {
      if (Date.parse(event.at) > cutoff) break;
      state = applyEvent(state, event);
    }
    return state;
  }
  let atVersion: Interview = initialState();
  for (const event of events) {
    const next = applyEvent(state, event);
    if (next.status !== 'none' && next.version > point.version) break;
    state = next;
    if (state.status !== 'none' && state.version === point.version) atVersion = state;
  }
  return atVersion;
}

/**
 * The record right after the event that created `version` (before any signature, lock or step
 * move at that version): the content a signature of that version covers.
 */
export function replayCreation(events: Iterable<RecordedEvent>, version: number): ExistingInterview | null {
  for (const { state } of replaySteps(events)) {
    if (state.status !== 'none' && state.version === version) return state;
    if (state.status !== 'none' && state.version > version) return null;
  }
  return null;
}

/** The content at each version (the last state at that version, as `replay` gives it), for comparisons. */
export function contentByVersion<T>(events: Iterable<RecordedEvent>, contentOf: (state: ExistingInterview) => T): Map<number, T> {
  const contents = new Map<number, T>();
  for (const { state } of replaySteps(events)) {
    if (state.status !== 'none') contents.set(state.version, contentOf(state));
  }
  return contents;
}

/** A sealed ledger event (any shape with `body.type`, `body.data`, `body.meta.at`) as replay reads it. */
export const recorded = (event: {
  readonly body: { readonly type: string; readonly data: unknown; readonly meta: { readonly at: string } };
}): RecordedEvent => ({
  type: event.body.type,
  data: event.body.data,
  at: event.body.meta.at,
});
