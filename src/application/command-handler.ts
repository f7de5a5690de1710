import type { CommandMeta, DomainEvent } from '../domain/command';
import { fold as foldRecorded, type Decider } from '../domain/decider';
import type { EventDraft } from '../ledger/event-body';
import type { Ledger, LedgerEvent } from '../ledger/ledger';
import { StreamConcurrencyError } from '../store/event-store';

export type { Decider } from '../domain/decider';

export interface HandleResult<E, S> {
  readonly state: S;
  readonly events: E[];
  /** Position of the last appended event; null when the command produced none. */
  readonly position: string | null;
  readonly revision: number;
}

/** Folds a stream's sealed events into a decider's state (the domain's fold, on each event's body and sealed time). */
export function fold<C extends { meta: CommandMeta }, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  events: readonly LedgerEvent[],
): S {
  return foldRecorded(
    decider,
    events.map((event) => ({ type: event.body.type, data: event.body.data, at: event.body.meta.at })),
  );
}

/**
 * Runs one command: read the stream, fold, decide, seal and append with the expected
 * revision. When another writer appended in between, it starts over (a few times): the
 * decider then sees the newer state, so a stale editor gets a VersionConflictError rather
 * than a silent overwrite.
 */
export class CommandHandler {
  constructor(
    private readonly ledger: Ledger,
    private readonly retries = 5,
  ) {}

  async handle<C extends { meta: CommandMeta }, E extends DomainEvent, S>(
    stream: string,
    decider: Decider<C, E, S>,
    command: C,
  ): Promise<HandleResult<E, S>> {
    for (let attempt = 0; ; attempt++) {
      const history = await this.ledger.readStream(stream);
      const last = history[history.length - 1];
      const state = fold(decider, history);
      const events = decider.decide(command, state);
      if (events.length === 0) return { state, events, position: null, revision: last ? last.body.revision : -1 };
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
        const head = last ? { revision: last.body.revision, hash: last.hash } : null;
        const result = await this.ledger.append(stream, head, drafts);
        const next = events.reduce((s, e) => decider.evolve(s, e, command.meta.now), state);
        return { state: next, events, position: result.position, revision: result.nextRevision };
      } catch (error) {
        if (error instanceof StreamConcurrencyError && attempt < this.retries) continue;
        throw error;
      }
    }
  }
}
