/**
 * The web console at /: cache headers, content types, the SPA fallback, security headers, no
 * path traversal, the "not built" answer, and the demo sign-in that exists only with --demo
 * and local tokens. Served from a fixture folder (CONSOLE_DIR), so nothing is built here.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { registerPerson, systemMeta } from '../../src/application/interview-service';
import { createApp, type ServerApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { acceptedEncodings } from '../../src/server/console-routes';
import { startServer, type RunningServer } from '../../src/server/http-server';

function fixture(): string {
  // The console's folder and, beside it, a file no path may reach.
  const parent = mkdtempSync(join(tmpdir(), 'console-'));
  const dir = join(parent, 'web');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(parent, 'outside-console.txt'), 'secret');
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><title>console</title><script type="module" src="/assets/index-AbC123.js"></script>',
  );
  writeFileSync(join(dir, 'assets', 'index-AbC123.js'), 'console.log("hi");');
  writeFileSync(join(dir, 'assets', 'index-AbC123.css'), 'body{}');
  // The compressed copies the build writes beside a script (web/vite.config.ts); none for the stylesheet.
  writeFileSync(join(dir, 'assets', 'index-AbC123.js.br'), brotliCompressSync('console.log("hi");'));
  writeFileSync(join(dir, 'assets', 'index-AbC123.js.gz'), gzipSync('console.log("hi");'));
  writeFileSync(join(dir, 'verify.html'), '<!doctype html><title>verify</title><script type="module">document.title = "ok";</script>');
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

async function serve(env: Record<string, string>, demo: boolean) {
  const dataDir = mkdtempSync(join(tmpdir(), 'console-app-'));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', REMINDER_INTERVAL_MS: '0', CHECKPOINT_INTERVAL_MS: '0', ...env }, { demo });
  const app = await createApp(config);
  const meta = () => systemMeta(new Date(), 'HR001');
  await registerPerson(app, meta(), {
    personId: 'E1001',
    name: '王建国',
    department: '生产部',
    position: '冲压工',
    managerId: null,
    category: 'production',
    level: 'staff',
    roles: ['employee'],
  });
  await registerPerson(app, meta(), {
    personId: 'E1002',
    name: '刘洋',
    department: '生产部',
    position: '质检员',
    managerId: null,
    category: 'production',
    level: 'staff',
    roles: ['employee'],
  });
  await app.projector.catchUp();
  const server = await startServer(app, { port: 0, host: '127.0.0.1' });
  return { app, server, base: server.url.replace(/\/graphql$/, '') };
}

/** A request with the path sent exactly as written (fetch would normalise `..` away). */
function raw(base: string, path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** GET with these headers; the body as bytes, not decoded. */
function bytes(base: string, path: string, headers: Record<string, string>): Promise<{ headers: Record<string, unknown>; body: Buffer }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('Accept-Encoding', () => {
  it('prefers brotli, then gzip, honouring q-values and *', () => {
    expect(acceptedEncodings('gzip, deflate, br')).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('gzip;q=0.8, br;q=0')).toEqual(['gzip']);
    expect(acceptedEncodings('identity')).toEqual([]);
    expect(acceptedEncodings(undefined)).toEqual([]);
    expect(acceptedEncodings('*;q=0.5, gzip;q=0')).toEqual(['br']);
    expect(acceptedEncodings('BR;Q=1, GZIP')).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('br;q=nonsense')).toEqual([]);
  });
});

describe('the console served at /', () => {
  let app: ServerApp;
  let server: RunningServer;
  let base: string;
  beforeAll(async () => {
    ({ app, server, base } = await serve({ CONSOLE_DIR: fixture() }, false));
  });
  afterAll(async () => {
    await server.stop();
    await app.close();
  });

  it('serves index.html with no-cache and the security headers', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(await response.text()).toContain('<title>console</title>');
    expect(server.console.built).toBe(true);
    expect(server.consoleUrl).toBe(`${base}/`);
  });

  it('serves hashed assets as immutable, with their content types', async () => {
    const js = await fetch(`${base}/assets/index-AbC123.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const css = await fetch(`${base}/assets/index-AbC123.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const svg = await fetch(`${base}/favicon.svg`);
    expect([svg.status, svg.headers.get('content-type'), svg.headers.get('cache-control')]).toEqual([200, 'image/svg+xml', 'no-cache']);
    const head = await fetch(`${base}/assets/index-AbC123.js`, { method: 'HEAD', headers: { 'accept-encoding': 'identity' } });
    expect([head.status, head.headers.get('content-length'), await head.text()]).toEqual([200, '18', '']);
  });

  it('sends the compressed copy the request accepts, with Content-Encoding and Vary, and a different ETag', async () => {
    const path = '/assets/index-AbC123.js';
    const br = await bytes(base, path, { 'accept-encoding': 'gzip, br' });
    expect([br.headers['content-encoding'], br.headers.vary, br.headers['content-length']]).toEqual([
      'br',
      'Accept-Encoding',
      String(br.body.length),
    ]);
    expect(brotliDecompressSync(br.body).toString()).toBe('console.log("hi");');
    const gz = await bytes(base, path, { 'accept-encoding': 'gzip, br;q=0' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe('console.log("hi");');
    const plain = await bytes(base, path, { 'accept-encoding': 'identity' });
    expect([plain.headers['content-encoding'], plain.headers.vary, plain.body.toString()]).toEqual([
      undefined,
      'Accept-Encoding',
      'console.log("hi");',
    ]);
    expect(new Set([br.headers.etag, gz.headers.etag, plain.headers.etag]).size).toBe(3);
    // A revalidation with the brotli ETag answers 304 only for a brotli request.
    expect((await bytes(base, path, { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) })).body.length).toBe(0);
    const other = await bytes(base, path, { 'accept-encoding': 'identity', 'if-none-match': String(br.headers.etag) });
    expect(other.body.toString()).toBe('console.log("hi");');
    // No copy beside the stylesheet: sent as it is, whatever is accepted.
    const css = await bytes(base, '/assets/index-AbC123.css', { 'accept-encoding': 'br, gzip' });
    expect([css.headers['content-encoding'], css.body.toString()]).toEqual([undefined, 'body{}']);
  });

  it('serves the standalone offline verifier with a CSP of its own: its inline script by hash, no connection', async () => {
    const response = await fetch(`${base}/verify.html`);
    expect(response.status).toBe(200);
    const hash = createHash('sha256').update('document.title = "ok";', 'utf8').digest('base64');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline'; script");
    // Every other page keeps the console's CSP.
    expect((await fetch(`${base}/`)).headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('answers 304 to a revalidation of index.html', async () => {
    const first = await fetch(`${base}/`);
    const again = await fetch(`${base}/`, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('answers index.html for the console’s own routes, and 404 for a missing file', async () => {
    for (const path of ['/todo', '/team/interviews', '/hr/completion?cycle=2026-Q4']) {
      const response = await fetch(`${base}${path}`);
      expect([path, response.status, response.headers.get('cache-control')]).toEqual([path, 200, 'no-cache']);
      expect(await response.text()).toContain('<title>console</title>');
    }
    for (const path of ['/assets/missing-123.js', '/missing.png']) {
      const response = await fetch(`${base}${path}`);
      expect([path, response.status]).toEqual([path, 404]);
      expect(response.headers.get('content-type')).toContain('application/json');
    }
  });

  it('leaves the API’s paths to the API', async () => {
    for (const path of ['/healthz', '/dashboards', '/attachments/x', '/console/nothing']) {
      const response = await fetch(`${base}${path}`);
      expect([path, response.headers.get('content-type')]).toEqual([path, 'application/json; charset=utf-8']);
    }
    const graphql = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    expect(graphql.status).toBe(200);
    expect(await graphql.json()).toEqual({ data: { __typename: 'Query' } });
    expect((await fetch(`${base}/todo`, { method: 'POST' })).status).toBe(404);
  });

  it.each([
    '/../outside-console.txt',
    '/assets/../../outside-console.txt',
    '/%2e%2e/outside-console.txt',
    '/assets/%2E%2E/%2e%2e/outside-console.txt',
    '/..%2foutside-console.txt',
    '/..%5coutside-console.txt',
    '/index.html%00.js',
    '/%00',
    '/assets/%E0%A4%A',
  ])('refuses the path %s', async (path) => {
    const response = await raw(base, path);
    expect([400, 404]).toContain(response.status);
    expect(response.body).not.toContain('secret');
    expect(response.body).not.toContain('<title>console</title>');
  });

  it('has no demo sign-in without --demo', async () => {
    expect(await (await fetch(`${base}/console/config`)).json()).toEqual({ demo: false, oidc: null, graphqlPath: '/graphql' });
    const session = await fetch(`${base}/console/demo-session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"personId":"E1001"}',
    });
    expect(session.status).toBe(404);
    expect((await fetch(`${base}/console/demo-people`)).status).toBe(404);
  });
});

describe('the console before it is built', () => {
  it('says to run npm run build, as HTML to a browser and as JSON otherwise', async () => {
    const { app, server, base } = await serve({ CONSOLE_DIR: mkdtempSync(join(tmpdir(), 'console-empty-')) }, false);
    try {
      expect(server.console.built).toBe(false);
      const html = await fetch(`${base}/`, { headers: { accept: 'text/html' } });
      expect(html.status).toBe(503);
      expect(await html.text()).toContain('<code>npm run build</code>');
      const json = await fetch(`${base}/todo`);
      expect(await json.json()).toEqual({ error: { code: 'NOT_READY', message: expect.stringContaining('npm run build') } });
    } finally {
      await server.stop();
      await app.close();
    }
  });
});

describe('demo sign-in (--demo, local tokens)', () => {
  let app: ServerApp;
  let server: RunningServer;
  let base: string;
  beforeAll(async () => {
    ({ app, server, base } = await serve({ CONSOLE_DIR: fixture() }, true));
  });
  afterAll(async () => {
    await server.stop();
    await app.close();
  });
  const session = (body: string) =>
    fetch(`${base}/console/demo-session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('lists the demo people present in the directory', async () => {
    expect(await (await fetch(`${base}/console/config`)).json()).toMatchObject({ demo: true, oidc: null });
    const { people } = (await (await fetch(`${base}/console/demo-people`)).json()) as { people: unknown[] };
    expect(people).toEqual([{ id: 'E1001', name: '王建国', roles: ['employee'], department: '生产部', position: '冲压工' }]);
  });

  it('mints a token for a demo person that the API accepts', async () => {
    const response = await session('{"personId":"E1001"}');
    expect(response.status).toBe(200);
    const { token, expiresAt } = (await response.json()) as { token: string; expiresAt: string };
    const hours = (Date.parse(expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(7.9);
    expect(hours).toBeLessThanOrEqual(8);
    const me = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: '{"query":"{ me { id name roles } }"}',
    });
    expect(await me.json()).toEqual({ data: { me: { id: 'E1001', name: '王建国', roles: ['employee'] } } });
  });

  it('refuses anyone who is not a demo person, and bad bodies', async () => {
    expect((await session('{"personId":"E1002"}')).status).toBe(404);
    expect((await session('{"personId":"HR001"}')).status).toBe(404); // a demo id, not (yet) in this directory
    expect((await session('not json')).status).toBe(400);
    expect((await session('{"personId":1}')).status).toBe(400);
    expect((await session(JSON.stringify({ personId: 'E1001', pad: 'x'.repeat(2000) }))).status).toBe(400);
    expect((await fetch(`${base}/console/demo-session`)).status).toBe(405);
  });
});

describe('demo sign-in with the company’s tokens (OIDC)', () => {
  it('does not exist', async () => {
    const { app, server, base } = await serve(
      // An issuer nothing answers for (a closed port): the console's sign-in says the provider cannot be reached.
      { CONSOLE_DIR: fixture(), OIDC_ISSUER: 'http://127.0.0.1:1/realms/corp', OIDC_AUDIENCE: 'interview-ledger' },
      true,
    );
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await (await fetch(`${base}/console/config`)).json()).toEqual({
        demo: false,
        oidc: {
          issuer: 'http://127.0.0.1:1/realms/corp',
          clientId: 'interview-ledger',
          scopes: ['openid', 'profile'],
          audience: 'interview-ledger',
          callbackPath: '/signin/callback',
          provider: null,
        },
        graphqlPath: '/graphql',
      });
      const response = await fetch(`${base}/console/demo-session`, { method: 'POST', body: '{"personId":"E1001"}' });
      expect(response.status).toBe(404);
    } finally {
      quiet.mockRestore();
      await server.stop();
      await app.close();
    }
  });
});
