/**
 * HTTP routes for attachment bytes, beside GraphQL on the same node:http server:
 *
 * - `POST /attachments/<interviewId>`: the raw file as the body, its media type as
 *   Content-Type, its name percent-encoded in X-File-Name, a bearer token. Answers 201 with
 *   the recorded attachment.
 * - `GET /attachments/<interviewId>/<sha256>`: the bytes, to people who may see the interview
 *   and only for attachments its record lists.
 *
 * Errors are JSON `{ error: { code, message, field? } }`, never a stack trace.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { storeAttachment } from '../application/attachment-service';
import type { ErrorCode } from '../domain/error-codes';
import type { App } from '../application/services';
import type { Log } from '../application/telemetry';
import { DomainError, ValidationError } from '../domain/errors';
import { visibleAttachment, visibleInterview } from '../application/queries/interviews';
import { assertId } from '../domain/limits';
import { commandMetaOf, requestOrigin } from '../http/request-meta';
import { noteActor, requestFields } from '../http/request-id';
import { actorFromAuthorization, UnauthenticatedError, type Actor } from '../http/token';
import { StreamConcurrencyError } from '../store/event-store';
import {
  attachmentTooLarge,
  checkAttachmentSize,
  checkFileName,
  checkMediaType,
  isAttachmentMediaType,
  isTextMediaType,
} from './attachment-policy';
import { isSha256Hex } from './attachment-store';

export const ATTACHMENTS_PATH = '/attachments';

/** An answer decided before the domain is asked: unknown route, wrong method, bad address. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/**
 * Serves `/attachments/…`. Returns false for any other path, which the caller then routes on.
 */
export async function handleAttachmentRequest(app: App, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (url.pathname !== ATTACHMENTS_PATH && !url.pathname.startsWith(`${ATTACHMENTS_PATH}/`)) return false;
  try {
    const segments = url.pathname
      .slice(ATTACHMENTS_PATH.length + 1)
      .split('/')
      .map(decodeSegment);
    const method = (req.method ?? 'GET').toUpperCase();
    if (segments.length === 1 && segments[0]) {
      if (method !== 'POST') throw methodNotAllowed(res, 'POST');
      await upload(app, req, res, segments[0]);
    } else if (segments.length === 2 && segments[0] && segments[1]) {
      if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed(res, 'GET, HEAD');
      await download(app, req, res, segments[0], segments[1]);
    } else {
      throw new HttpError(404, 'NOT_FOUND', `no route ${url.pathname}; attachments are at ${ATTACHMENTS_PATH}/<interviewId>[/<sha256>]`);
    }
  } catch (error) {
    sendError(app.log, req, res, error);
  }
  return true;
}

async function upload(app: App, req: IncomingMessage, res: ServerResponse, interviewId: string): Promise<void> {
  const actor = await authenticate(app, req);
  assertId(interviewId, 'interviewId');
  const limits = { maxBytes: app.config.attachmentMaxBytes };
  // Everything the headers can settle is settled before a byte of the body is read.
  const declared = req.headers['content-length'];
  if (declared !== undefined && /^\d+$/.test(declared)) checkAttachmentSize(Number(declared), limits);
  const fileName = checkFileName(decodeFileName(req.headers['x-file-name']));
  checkMediaType(req.headers['content-type']);
  // Only people who may see the interview get to store bytes for it (the command decides who
  // may attach). Otherwise anyone with a token could fill the store with orphans.
  await visibleInterview(app, actor, interviewId, undefined, 'interviewId');

  // Held in memory, never on disk, until every check has passed (src/application/attachment-service.ts).
  const bytes = await readBody(req, limits.maxBytes);
  if (bytes === null) throw attachmentTooLarge(limits);
  const checked = await storeAttachment(app, commandMetaOf(app, actor, requestOrigin(req, app.config.trustedProxies)), {
    interviewId,
    fileName,
    mediaType: req.headers['content-type'],
    bytes,
  });
  const location = `${ATTACHMENTS_PATH}/${encodeURIComponent(interviewId)}/${checked.sha256}`;
  res.setHeader('location', location);
  sendJson(res, 201, { sha256: checked.sha256, name: checked.name, mediaType: checked.mediaType, size: checked.size, url: location });
}

async function download(app: App, req: IncomingMessage, res: ServerResponse, interviewId: string, sha256: string): Promise<void> {
  const actor = await authenticate(app, req);
  // One answer for a malformed address, an unknown interview, someone else's interview and an
  // attachment it does not list: none of them tells whether the interview exists.
  const notFound = new HttpError(404, 'NOT_FOUND', `no attachment ${sha256.slice(0, 64)} on interview ${interviewId.slice(0, 64)}`);
  if (!isSha256Hex(sha256) || !isId(interviewId)) throw notFound;
  const record = await visibleAttachment(app, actor, interviewId, sha256);
  if (!record) throw notFound;

  // The address is the content's hash: the bytes behind it never change.
  const etag = `"${sha256}"`;
  const caching = { etag, 'cache-control': 'private, max-age=31536000, immutable' };
  if (matchesEtag(req.headers['if-none-match'], etag)) {
    res.writeHead(304, caching);
    res.end();
    return;
  }
  const bytes = await app.attachments.get(sha256);
  if (!bytes)
    throw new Error(
      `attachment ${sha256} of interview ${interviewId} is recorded in the ledger but missing from the ${app.attachments.name} store`,
    );
  const type = isAttachmentMediaType(record.mediaType) ? record.mediaType : 'application/octet-stream';
  // Text was checked to be UTF-8 on upload; saying so keeps browsers from guessing.
  res.setHeader('content-type', isAttachmentMediaType(type) && isTextMediaType(type) ? `${type}; charset=utf-8` : type);
  res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeRfc8187(record.name)}`);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('content-length', bytes.length);
  for (const [name, value] of Object.entries(caching)) res.setHeader(name, value);
  res.statusCode = 200;
  // For HEAD, node:http sends the headers and drops the body.
  res.end(bytes);
  if (req.method !== 'HEAD') app.meters.attachmentBytes('served', bytes.length);
}

/** The caller from the bearer token (src/http/token.ts); a missing or refused token answers 401. */
async function authenticate(app: App, req: IncomingMessage): Promise<Actor> {
  const actor = await actorFromAuthorization(req.headers.authorization, app.tokens);
  noteActor(req, actor?.id);
  if (!actor) throw new UnauthenticatedError('sign in: send a bearer token');
  return actor;
}

const isId = (value: string): boolean => {
  try {
    assertId(value, 'interviewId');
    return true;
  } catch {
    return false;
  }
};

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(404, 'NOT_FOUND', 'the address is not valid percent-encoding');
  }
}

function decodeFileName(header: string | string[] | undefined): unknown {
  if (typeof header !== 'string') return header;
  try {
    return decodeURIComponent(header);
  } catch {
    throw new ValidationError('X-File-Name must be the file name percent-encoded (encodeURIComponent)', 'fileName', 'INVALID_FILE_NAME');
  }
}

/** RFC 8187 §3.2.1 value-chars: encodeURIComponent leaves ' ( ) * unescaped, which attr-char does not allow. */
function encodeRfc8187(value: string): string {
  try {
    return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch {
    return 'attachment';
  }
}

/** RFC 9110 §13.1.2: a weak comparison of the If-None-Match list against our one strong tag. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

function methodNotAllowed(res: ServerResponse, allow: string): HttpError {
  res.setHeader('allow', allow);
  return new HttpError(405, 'METHOD_NOT_ALLOWED', `use ${allow} here`);
}

/**
 * The body, or null as soon as it grows past `limit`: reading stops there, and the answer
 * (413) closes the connection instead of draining whatever else the client sends.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        done();
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    const onClose = () => {
      done();
      reject(new Error('the client closed the connection during the upload'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

function statusOf(error: DomainError): number {
  if (error instanceof ValidationError) return error.code === 'ATTACHMENT_TOO_LARGE' ? 413 : 400;
  if (error.code === 'UNAUTHENTICATED') return 401;
  if (error.code === 'FORBIDDEN') return 403;
  if (error.code === 'NOT_FOUND') return 404;
  if (error.code === 'UPLOAD_QUOTA_EXCEEDED') return 429;
  return 409;
}

function sendError(log: Log, req: IncomingMessage, res: ServerResponse, error: unknown): void {
  let status: number;
  let body: { code: ErrorCode; message: string; field?: string; details?: unknown };
  if (error instanceof HttpError) {
    status = error.status;
    body = { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) };
  } else if (error instanceof DomainError) {
    status = statusOf(error);
    const details = (error as { details?: unknown }).details;
    body = { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}), ...(details ? { details } : {}) };
  } else if (error instanceof StreamConcurrencyError) {
    status = 409;
    body = { code: 'CONCURRENCY_CONFLICT', message: 'another change to this record was saved at the same moment; try again' };
  } else {
    if (req.destroyed && !req.complete) return; // the client went away mid-upload: nobody to answer
    log.error({ ...requestFields(req), err: error }, 'attachment request failed');
    status = 500;
    body = { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' };
  }
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (!req.complete) {
    // An unread body (refused early, or over the limit) is not drained: close the connection.
    res.setHeader('connection', 'close');
    res.once('finish', () => req.destroy());
  }
  sendJson(res, status, { error: body });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
}
