/** The signed body of every ledger event. Its canonical JSON bytes are what gets hashed and signed. */

export const EVENT_PAYLOAD_TYPE = 'application/vnd.interview-ledger.event+json;v=1';
export const EVENT_BODY_VERSION = 1;

/** What the server observed about the command that produced an event. */
export interface EventMeta {
  /** Person id of the actor, or "system" for the ledger itself. */
  readonly actor: string;
  readonly roles: readonly string[];
  /** Client IP as observed (socket, or X-Forwarded-For behind a trusted proxy). */
  readonly ip: string;
  readonly userAgent?: string;
  /** UTC ISO-8601 instant the server accepted the command. */
  readonly at: string;
  /** Id of the command that produced the event, shared by events of one append. */
  readonly commandId: string;
}

export interface EventBody<T extends string = string, D = unknown> {
  readonly v: typeof EVENT_BODY_VERSION;
  readonly id: string;
  readonly stream: string;
  readonly revision: number;
  /** Hex SHA-256 of the previous event's body in this stream; null for revision 0. */
  readonly prev: string | null;
  readonly type: T;
  readonly data: D;
  readonly meta: EventMeta;
}

/** An event before sealing: what a decider produced plus the command's metadata. */
export interface EventDraft<T extends string = string, D = unknown> {
  readonly id: string;
  readonly type: T;
  readonly data: D;
  readonly meta: EventMeta;
}
