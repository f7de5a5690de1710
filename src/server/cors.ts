/**
 * CORS for front ends served from another origin (the Fetch standard's CORS protocol,
 * https://fetch.spec.whatwg.org/#http-cors-protocol). Off unless CORS_ORIGINS lists origins;
 * then only those, exactly, on /graphql, /attachments and the console's sign-in routes (/console/…). Tokens travel in the Authorization
 * header, never in cookies, so credentials are not allowed: a page from a listed origin still
 * needs a token to do anything.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Paths a front end on another origin may call. */
const CORS_PATHS = [/^\/graphql$/, /^\/attachments(\/|$)/, /^\/console\/(config|demo-people|demo-session)$/];
const ALLOW_METHODS = 'GET, HEAD, POST, OPTIONS';
/** What our clients send: the token, JSON or the file's type, the upload's name, Apollo's CSRF header. */
const ALLOW_HEADERS = 'authorization, content-type, x-file-name, apollo-require-preflight, x-apollo-operation-name';
/** What a page may read from our answers: an upload's address. */
const EXPOSE_HEADERS = 'location';
const MAX_AGE_SECONDS = 600;

/**
 * Adds the CORS headers to a request from an allowed origin and answers preflights. Returns
 * true when it answered the request (a preflight), false when routing goes on.
 */
export function handleCors(allowed: readonly string[], req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
  if (allowed.length === 0 || !CORS_PATHS.some((path) => path.test(pathname))) return false;
  // The answer depends on Origin: caches must keep one per origin.
  res.setHeader('vary', 'Origin');
  const origin = req.headers.origin;
  const permitted = typeof origin === 'string' && allowed.includes(origin);
  const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
  if (preflight) {
    if (permitted) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-allow-methods', ALLOW_METHODS);
      res.setHeader('access-control-allow-headers', ALLOW_HEADERS);
      res.setHeader('access-control-max-age', String(MAX_AGE_SECONDS));
    }
    // Without the allow headers the browser refuses the request it asked about.
    res.statusCode = permitted ? 204 : 403;
    res.end();
    return true;
  }
  if (permitted) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-expose-headers', EXPOSE_HEADERS);
  }
  return false;
}
