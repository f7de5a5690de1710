/**
 * The request id every log line about a request carries, GraphQL and routes alike: the
 * caller's `X-Request-Id` when it is a sane one (a proxy's or a client's, so lines can be
 * followed across services), else one made here; it is sent back in the response's header.
 * The actor's id is noted on the request once a token named it.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Letters, digits and `._:-`, 1 to 64 of them: what ids of proxies and tracers look like, and nothing a log could be forged with. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** What a log line says about the request it is written for. */
export interface RequestFields {
  readonly reqId: string;
  actor?: string;
}

const FIELDS = Symbol('request fields');
type Tagged = IncomingMessage & { [FIELDS]?: RequestFields };

/** The id of an incoming header value when it is sane, else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}

/** Gives the request its id and sends it back in the response's `X-Request-Id`. */
export function beginRequest(req: IncomingMessage, res: ServerResponse): RequestFields {
  const fields: RequestFields = { reqId: requestIdFrom(req.headers[REQUEST_ID_HEADER]) };
  (req as Tagged)[FIELDS] = fields;
  res.setHeader(REQUEST_ID_HEADER, fields.reqId);
  return fields;
}

/** The request's id (and actor, once known), for a log line; a fresh id when none was given yet. */
export function requestFields(req: IncomingMessage): RequestFields {
  return (req as Tagged)[FIELDS] ?? ((req as Tagged)[FIELDS] = { reqId: requestIdFrom(req.headers[REQUEST_ID_HEADER]) });
}

/** Notes who the request's token named (its person id), for the request's log lines. */
export function noteActor(req: IncomingMessage, actorId: string | undefined): void {
  if (actorId) requestFields(req).actor = actorId;
}
