import type { CommandMeta, DomainEvent } from '../domain/command';
import { deepFreeze } from '../domain/deep-freeze';
import { fold as foldRecorded, type Decider } from '../domain/decider';
import type { EventDraft } from '../ledger/event-body';
import type { Ledger, LedgerEvent } from '../ledger/ledger';
import type { StreamHead } from '../ledger/seal';
import { StreamConcurrencyError } from '../store/event-store';

export type { Decider } from '../domain/decider';

export interface HandleResult<E, S> {
  readonly state: S;
  readonly events: E[];
  /** Position of the last appended event; null when the command produced none. */
  readonly position: string | null;
  readonly revision: number;
}

/**
 * Folds a stream's sealed events into a decider's state (the domain's fold, on each event's
 * body and sealed time), onto `from` when the state after the earlier events is known.
 */
export function fold<C extends { meta: CommandMeta }, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  events: readonly LedgerEvent[],
  from?: S,
): S {
  return foldRecorded(
    decider,
    events.map((event) => ({ type: event.body.type, data: event.body.data, at: event.body.meta.at })),
    from,
  );
}

/** A stream's state as of its head, kept between commands. */
interface Known {
  readonly decider: object;
  readonly head: StreamHead;
  readonly state: unknown;
}

const FREEZE_KEPT_STATES = process.env.NODE_ENV === 'test';

/** Streams whose state is kept (least recently used dropped first). */
const DEFAULT_KNOWN_STREAMS = 2048;

/**
 * Runs one command: read the stream, fold, decide, seal and append with the expected
 * revision. When another writer appended in between, it starts over (a few times): the
 * decider then sees the newer state, so a stale editor gets a VersionConflictError rather
 * than a silent overwrite.
 *
 * The state of recently used streams is kept with the head it was folded to, so a command on
 * a long stream reads only the events after that head (none, unless another process or
 * instance appended) instead of the whole stream. The expected revision of the append is that
 * head, as before: a state that is out of date can only make the append fail and start over.
 */
export class CommandHandler {
  private readonly known = new Map<string, Known>();

  constructor(
    private readonly ledger: Ledger,
    private readonly retries = 5,
    private readonly maxKnownStreams = DEFAULT_KNOWN_STREAMS,
  ) {}

  async handle<C extends { meta: CommandMeta }, E extends DomainEvent, S>(
    stream: string,
    decider: Decider<C, E, S>,
    command: C,
  ): Promise<HandleResult<E, S>> {
    for (let attempt = 0; ; attempt++) {
      const { state, head } = await this.current(stream, decider);
      const events = decider.decide(command, state);
      if (events.length === 0) return { state, events, position: null, revision: head ? head.revision : -1 };
      const drafts: EventDraft[] = events.map((event, i) => ({
        id: `${command.meta.commandId}.${i}`,
        type: event.type,
        data: event.data,
        meta: {
          actor: command.meta.actor,
          roles: [...command.meta.roles],
          ip: command.meta.ip,
          ...(command.meta.userAgent ? { userAgent: command.meta.userAgent } : {}),
          at: command.meta.now,
          commandId: command.meta.commandId,
        },
      }));
      try {
        const result = await this.ledger.append(stream, head, drafts);
        const next = events.reduce((s, e) => decider.evolve(s, e, command.meta.now), state);
        const last = result.sealed[result.sealed.length - 1]!;
        this.remember(stream, { decider, head: { revision: last.revision, hash: last.hash }, state: next });
        return { state: next, events, position: result.position, revision: result.nextRevision };
      } catch (error) {
        // Someone else appended: read on from the head this state was folded to.
        if (error instanceof StreamConcurrencyError && attempt < this.retries) continue;
        throw error;
      }
    }
  }

  /** The stream's state and head: the kept ones brought up to date, or the whole stream folded. */
  private async current<C extends { meta: CommandMeta }, E extends DomainEvent, S>(
    stream: string,
    decider: Decider<C, E, S>,
  ): Promise<{ state: S; head: StreamHead | null }> {
    const kept = this.known.get(stream);
    const from = kept && kept.decider === decider ? kept : undefined;
    const newer = await this.ledger.readStream(stream, from ? { fromRevision: from.head.revision + 1 } : {});
    const last = newer[newer.length - 1];
    const state = fold(decider, newer, from?.state as S | undefined);
    const head = last ? { revision: last.body.revision, hash: last.hash } : (from?.head ?? null);
    if (head) this.remember(stream, { decider, head, state });
    return { state, head };
  }

  private remember(stream: string, known: Known): void {
    this.known.delete(stream);
    if (this.maxKnownStreams <= 0) return;
    // A kept state is shared by every later command on the stream, and the caller gets it too:
    // under the tests it is frozen, so that anything that would change it in place fails there.
    if (FREEZE_KEPT_STATES) deepFreeze(known.state);
    this.known.set(stream, known);
    while (this.known.size > this.maxKnownStreams) this.known.delete(this.known.keys().next().value!);
  }
}
