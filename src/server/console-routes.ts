/**
 * The web console (web/, built by `npm run build` into dist/web) served by the API server at /:
 *
 * - hashed files under /assets/ with `Cache-Control: public, max-age=31536000, immutable`
 *   (their names change with their content), everything else (index.html) with `no-cache`;
 * - any other GET/HEAD path that is not the API's (/graphql, /attachments, /dashboards,
 *   /health…) and names no file answers index.html, so the console's own routes load on reload;
 * - security headers: a CSP that allows only the bundle's own files (no inline script, no CDN),
 *   sockets to this origin, images from itself, data: and blob:, and no framing;
 * - /verify.html, the standalone offline verifier (one self-contained file, its script
 *   inline), gets a CSP of its own: only that inline script (by its SHA-256) and no
 *   connection at all;
 * - /console/config tells the console how to sign in (demo people, or a pasted token);
 *   /console/demo-people and POST /console/demo-session exist only with --demo and local tokens.
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
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

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
    sendFile(app, req, res, file, path.startsWith(ASSETS_PREFIX) ? IMMUTABLE : 'no-cache', relative === OFFLINE_VERIFIER);
    return true;
  }
  // A missing asset or file stays missing: answering index.html would hand HTML to a <script>.
  if (path.startsWith(ASSETS_PREFIX) || extname(path) !== '') {
    sendError(res, 404, 'NOT_FOUND', `no file ${path.slice(0, 80)}`);
    return true;
  }
  sendFile(app, req, res, join(root, 'index.html'), 'no-cache');
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

function sendFile(
  app: Pick<ServerApp, 'log'>,
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  cacheControl: string,
  offlineVerifier = false,
): void {
  const stats: Stats = statSync(file);
  const etag = `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  res.setHeader('content-type', type);
  res.setHeader('cache-control', cacheControl);
  res.setHeader('etag', etag);
  securityHeaders(res, offlineVerifier ? offlineVerifierCspFor(file, stats) : CONSOLE_CSP);
  if (req.headers['if-none-match'] === etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  res.setHeader('content-length', String(stats.size));
  if ((req.method ?? 'GET').toUpperCase() === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
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
    sendJson(res, 200, {
      demo: demoSignIn(app),
      // The console signs in with the company's issuer once that is built (authorization code + PKCE); until then, a pasted token.
      oidc: app.config.tokens.mode === 'oidc' ? { issuer: app.config.tokens.issuer } : null,
      graphqlPath: '/graphql',
    });
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
