/**
 * The web console (web/, built by `npm run build` into dist/web) served by the API server at /:
 *
 * - hashed files under /assets/ with `Cache-Control: public, max-age=31536000, immutable`
 *   (their names change with their content), everything else (index.html) with `no-cache`;
 *   the brotli or gzip copy the build wrote beside a file (`.br`, `.gz`) when the request
 *   accepts that encoding;
 * - any other GET/HEAD path that is not the API's (/graphql, /attachments, /dashboards,
 *   /health…) and names no file answers index.html, so the console's own routes load on reload;
 * - security headers: a CSP that allows only the bundle's own files (no inline script, no CDN),
 *   sockets to this origin, images from itself, data: and blob:, and no framing;
 * - /verify.html, the standalone offline verifier (one self-contained file, its script
 *   inline), gets a CSP of its own: only that inline script (by its SHA-256) and no
 *   connection at all;
 * - /console/config tells the console how to sign in (demo people, a pasted token, or the
 *   company's OpenID Connect provider: its endpoints, the console's client id and scopes);
 *   /console/demo-people and POST /console/demo-session exist only with --demo and local tokens;
 * - with OIDC_ISSUER, the console page's connect-src also allows the origin of the provider's
 *   token endpoint (console-oidc.ts), for the authorization code exchange, and nothing broader.
 *
 * Paths are decoded once and refused when they hold a NUL, a backslash or a `.`/`..` segment
 * (encoded or not), and the file must resolve inside the console's directory.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync, type Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import type { ErrorCode } from '../domain/error-codes';
import type { ServerApp } from './app';
import { requestFields } from '../http/request-id';
import { CONSOLE_CALLBACK_PATH, ConsoleProvider } from './console-oidc';
import { demoPeople, mintDemoToken } from './demo-tokens';

export const CONSOLE_API_PATH = '/console';

/** Paths the console never answers: the API's own, which keep their JSON 404s. */
const API_PREFIXES = ['/graphql', '/attachments', '/dashboards', '/health', '/healthz', '/ready', '/metrics', CONSOLE_API_PATH];

const ASSETS_PREFIX = '/assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Antd writes its styles into <style> elements at run time (CSS-in-JS), hence style-src
 * 'unsafe-inline'; scripts come only from the bundle's own files.
 */
export const consoleCsp = (connectOrigins: readonly string[] = []) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    ["connect-src 'self'", ...connectOrigins].join(' '),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

export const CONSOLE_CSP = consoleCsp();

/** One provider (its discovered metadata) per app with OIDC_ISSUER. */
const providers = new WeakMap<ServerApp, ConsoleProvider>();

export function consoleProvider(app: ServerApp): ConsoleProvider | null {
  const tokens = app.config.tokens;
  if (tokens.mode !== 'oidc') return null;
  let provider = providers.get(app);
  if (!provider) {
    provider = new ConsoleProvider(tokens.issuer, {
      maxAgeMs: tokens.jwksCacheMaxAgeMs,
      retryAfterMs: tokens.jwksCooldownMs,
      warn: (message) => app.log.warn({ component: 'console-oidc' }, message),
    });
    providers.set(app, provider);
  }
  return provider;
}

/** The console page's CSP: with OIDC_ISSUER, connections to the provider's token endpoint too (once discovered). */
async function consolePageCsp(app: ServerApp): Promise<string> {
  const origin = await consoleProvider(app)?.tokenEndpointOrigin();
  return origin ? consoleCsp([origin]) : CONSOLE_CSP;
}

/** The standalone offline verifier (web/vite.verify.config.ts): one HTML file whose script is inline. */
const OFFLINE_VERIFIER = 'verify.html';

/** Its CSP: the inline scripts it holds (by hash), inline styles, no request of any kind. */
export const offlineVerifierCsp = (scriptHashes: readonly string[]) =>
  [
    "default-src 'none'",
    `script-src ${scriptHashes.map((h) => `'sha256-${h}'`).join(' ') || "'none'"}`,
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    'font-src data:',
    "connect-src 'none'",
    "frame-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

const inlineScriptCsp = new Map<string, string>();

/** The CSP for the offline verifier's file, from the base64 SHA-256 of each inline <script>'s text (cached per file version). */
function offlineVerifierCspFor(file: string, stats: Stats): string {
  const version = `${file}:${stats.size}:${stats.mtimeMs}`;
  const known = inlineScriptCsp.get(version);
  if (known) return known;
  const html = readFileSync(file, 'utf8');
  const hashes = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) =>
    createHash('sha256').update(m[1]!, 'utf8').digest('base64'),
  );
  const csp = offlineVerifierCsp(hashes);
  inlineScriptCsp.clear();
  inlineScriptCsp.set(version, csp);
  return csp;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export const BUILD_HINT = 'the web console has not been built: run `npm run build` (npm start does), then reload';

/** Where the built console lives: CONSOLE_DIR, or dist/web of the project (the folder with package.json). */
export function consoleDir(configured?: string): string {
  if (configured) return resolve(configured);
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return resolve('dist', 'web');
    dir = parent;
  }
  return join(dir, 'dist', 'web');
}

export const consoleBuilt = (root: string): boolean => isFile(join(root, 'index.html'));

/** Serves the console and its small API; false when the request is for another route. */
export async function handleConsoleRequest(
  app: ServerApp,
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const path = url.pathname;
  if (path === CONSOLE_API_PATH || path.startsWith(`${CONSOLE_API_PATH}/`)) return consoleApi(app, req, res, path);
  if (API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return false;
  const method = (req.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') return false;

  const relative = safeRelativePath(req.url ?? '/');
  if (relative === null) {
    sendError(res, 400, 'VALIDATION_FAILED', 'not a path the console serves');
    return true;
  }
  if (!consoleBuilt(root)) {
    res.statusCode = 503;
    res.setHeader('cache-control', 'no-store');
    securityHeaders(res);
    if ((req.headers.accept ?? '').includes('text/html')) {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(
        `<!doctype html><meta charset="utf-8"><title>interview-ledger</title><p>${BUILD_HINT.replace(/`([^`]+)`/g, '<code>$1</code>')}.</p>\n`,
      );
    } else {
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify({ error: { code: 'NOT_READY', message: BUILD_HINT } }));
    }
    return true;
  }

  const file = relative === '' ? null : join(root, relative);
  if (file && (file.startsWith(root + sep) || file === root) && isFile(file)) {
    const offline = relative === OFFLINE_VERIFIER;
    const csp = offline ? undefined : extname(file).toLowerCase() === '.html' ? await consolePageCsp(app) : CONSOLE_CSP;
    sendFile(app, req, res, file, path.startsWith(ASSETS_PREFIX) ? IMMUTABLE : 'no-cache', offline, csp);
    return true;
  }
  // A missing asset or file stays missing: answering index.html would hand HTML to a <script>.
  if (path.startsWith(ASSETS_PREFIX) || extname(path) !== '') {
    sendError(res, 404, 'NOT_FOUND', `no file ${path.slice(0, 80)}`);
    return true;
  }
  sendFile(app, req, res, join(root, 'index.html'), 'no-cache', false, await consolePageCsp(app));
  return true;
}

/**
 * The request path relative to the console's folder, decoded; null for a path that could
 * leave it (`..` or `.` segments, also percent-encoded), a NUL, a backslash or bad encoding.
 */
export function safeRelativePath(rawUrl: string): string | null {
  const rawPath = rawUrl.split('?')[0]!.split('#')[0]!;
  if (!rawPath.startsWith('/')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').slice(1);
  if (segments.some((segment) => segment === '.' || segment === '..')) return null;
  return segments.filter(Boolean).join(sep);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The encodings a request accepts, in the order the server prefers them (brotli, then gzip):
 * `Accept-Encoding` tokens with their q-values (RFC 9110 §12.5.3); `q=0` refuses one, `*` stands
 * for the ones not named.
 */
export function acceptedEncodings(header: string | string[] | undefined): Array<'br' | 'gzip'> {
  const q = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const weight = (name: string) => q.get(name) ?? q.get('*') ?? 0;
  return (['br', 'gzip'] as const).filter((e) => weight(e) > 0);
}

/** The file to send for `file`: the compressed copy the build wrote beside it (`.br`, `.gz`) when the request accepts it. */
function negotiate(req: IncomingMessage, file: string): { path: string; encoding: 'br' | 'gzip' | null } {
  for (const encoding of acceptedEncodings(req.headers['accept-encoding'])) {
    const path = `${file}.${encoding === 'br' ? 'br' : 'gz'}`;
    if (isFile(path)) return { path, encoding };
  }
  return { path: file, encoding: null };
}

function sendFile(
  app: Pick<ServerApp, 'log'>,
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  cacheControl: string,
  offlineVerifier = false,
  csp: string = CONSOLE_CSP,
): void {
  const stats: Stats = statSync(file);
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const sent = negotiate(req, file);
  const sentStats = sent.encoding ? statSync(sent.path) : stats;
  const etag = `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}${sent.encoding ? `-${sent.encoding}` : ''}"`;
  res.setHeader('content-type', type);
  res.setHeader('cache-control', cacheControl);
  res.setHeader('etag', etag);
  // Whether or not a compressed copy exists: a cache must not hand one encoding to a client that asked for another.
  res.setHeader('vary', 'Accept-Encoding');
  if (sent.encoding) res.setHeader('content-encoding', sent.encoding);
  securityHeaders(res, offlineVerifier ? offlineVerifierCspFor(file, stats) : csp);
  if (req.headers['if-none-match'] === etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  res.setHeader('content-length', String(sentStats.size));
  if ((req.method ?? 'GET').toUpperCase() === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(sent.path);
  stream.on('error', (error) => {
    app.log.error({ ...requestFields(req), err: error }, 'console file failed');
    res.destroy(error);
  });
  stream.pipe(res);
}

function securityHeaders(res: ServerResponse, csp: string = CONSOLE_CSP): void {
  res.setHeader('content-security-policy', csp);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('referrer-policy', 'no-referrer');
}

// ---- the console's API: how to sign in -----------------------------------------------------

/** Demo sign-in is offered only when the server runs with --demo and checks local tokens. */
const demoSignIn = (app: ServerApp) => app.config.demo && app.localTokens !== undefined;

async function consoleApi(app: ServerApp, req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  const method = (req.method ?? 'GET').toUpperCase();
  if (path === `${CONSOLE_API_PATH}/config` && (method === 'GET' || method === 'HEAD')) {
    sendJson(res, 200, { demo: demoSignIn(app), oidc: await oidcSignIn(app), graphqlPath: '/graphql' });
    return true;
  }
  if (demoSignIn(app) && path === `${CONSOLE_API_PATH}/demo-people` && (method === 'GET' || method === 'HEAD')) {
    sendJson(res, 200, { people: await demoPeople(app) });
    return true;
  }
  if (demoSignIn(app) && path === `${CONSOLE_API_PATH}/demo-session`) {
    if (method !== 'POST') {
      res.setHeader('allow', 'POST');
      sendError(res, 405, 'VALIDATION_FAILED', `${method} is not allowed here; POST { "personId": … }`);
      return true;
    }
    const body = await readSmallJson(req, 1024);
    const personId = body && typeof body === 'object' ? (body as { personId?: unknown }).personId : undefined;
    if (typeof personId !== 'string') {
      sendError(res, 400, 'VALIDATION_FAILED', 'send JSON { "personId": "<one of the demo people>" }', 'personId');
      return true;
    }
    const minted = await mintDemoToken(app, personId);
    if (!minted) {
      sendError(res, 404, 'NOT_FOUND', 'not one of the demo people', 'personId');
      return true;
    }
    sendJson(res, 200, { token: minted.token, expiresAt: minted.expiresAt, person: minted.person });
    return true;
  }
  sendError(res, 404, 'NOT_FOUND', `no route ${path.slice(0, 80)}`);
  return true;
}

/**
 * How the console signs in with the company's issuer (authorization code + PKCE, a public
 * client): the issuer, the console's client id and scopes, the API's audience (the console
 * sends the provider's token whose `aud` is it), its callback path, and the provider's
 * endpoints as discovered here (`provider: null` while discovery fails: the console says so).
 */
async function oidcSignIn(app: ServerApp) {
  const tokens = app.config.tokens;
  if (tokens.mode !== 'oidc') return null;
  return {
    issuer: tokens.issuer,
    clientId: tokens.console.clientId,
    scopes: tokens.console.scopes,
    audience: tokens.audience,
    callbackPath: CONSOLE_CALLBACK_PATH,
    provider: await consoleProvider(app)!.metadata(),
  };
}

function readSmallJson(req: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > limit) return resolvePromise(undefined);
      try {
        resolvePromise(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        resolvePromise(undefined);
      }
    });
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string, field?: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code, ...(field ? { field } : {}) } }] });
}
