/** CORS: off by default; with CORS_ORIGINS, exactly the listed origins, on /graphql and /attachments, preflight included. */
import { openTestApp } from '../support/test-app';
import { startServer, type RunningServer } from '../../src/server/http-server';
import { mintToken } from '../../src/graphql/auth';
import { loadConfig } from '../../src/server/config';
import type { App } from '../../src/server/app';

const ALLOWED = 'https://hr.example.com';
const OTHER = 'https://evil.example.net';

async function serve(env: Record<string, string>) {
  const { app } = await openTestApp(env);
  const server = await startServer(app, { port: 0, host: '127.0.0.1' });
  return { app, server, base: server.url.replace(/\/graphql$/, '') };
}

const preflight = (url: string, origin: string, method = 'POST', headers = 'authorization, content-type') =>
  fetch(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
  });

describe('CORS with CORS_ORIGINS set', () => {
  let app: App;
  let server: RunningServer;
  let base: string;
  let token: string;
  beforeAll(async () => {
    ({ app, server, base } = await serve({ CORS_ORIGINS: `${ALLOWED}, http://localhost:5173` }));
    token = `Bearer ${mintToken(app.localTokens!, { id: 'E1', roles: ['employee'] })}`;
  });
  afterAll(async () => {
    await server.stop();
    await app.close();
  });

  it.each(['/graphql', '/attachments/some-interview'])('answers a preflight to %s from an allowed origin', async (path) => {
    const response = await preflight(`${base}${path}`, ALLOWED, 'POST', 'authorization, content-type, x-file-name');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization.*content-type.*x-file-name/);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toMatch(/origin/i);
  });

  it.each(['/graphql', '/attachments/some-interview'])('refuses a preflight to %s from any other origin', async (path) => {
    for (const origin of [OTHER, 'https://hr.example.com.evil.net', 'http://hr.example.com', 'null']) {
      const response = await preflight(`${base}${path}`, origin);
      expect([origin, response.status]).toEqual([origin, 403]);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('lets an allowed origin read GraphQL answers, and not another', async () => {
    const ask = (origin: string) =>
      fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { origin, authorization: token, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ me { id } }' }),
      });
    const allowed = await ask('http://localhost:5173');
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('vary')).toMatch(/origin/i);
    expect(await allowed.json()).toEqual({ data: { me: { id: 'E1' } } });
    const denied = await ask(OTHER);
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('covers the attachment routes, and exposes Location', async () => {
    const response = await fetch(`${base}/attachments/nope/${'0'.repeat(64)}`, { headers: { origin: ALLOWED, authorization: token } });
    expect(response.status).toBe(404);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(response.headers.get('access-control-expose-headers')).toMatch(/location/i);
    const denied = await fetch(`${base}/attachments/nope/${'0'.repeat(64)}`, { headers: { origin: OTHER, authorization: token } });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('adds nothing on other paths', async () => {
    const response = await fetch(`${base}/health`, { headers: { origin: ALLOWED } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CORS by default', () => {
  it('is off: no allow header for any origin, and no preflight answered', async () => {
    const { app, server, base } = await serve({});
    try {
      const answer = await preflight(`${base}/graphql`, ALLOWED);
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
      expect(answer.status).not.toBe(204);
      const post = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { origin: ALLOWED, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(post.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await server.stop();
      await app.close();
    }
  });

  it('refuses CORS_ORIGINS entries that are not origins', () => {
    for (const bad of ['*', 'hr.example.com', 'https://hr.example.com/app', 'ftp://hr.example.com']) {
      expect(() => loadConfig({ CORS_ORIGINS: bad })).toThrow(/CORS_ORIGINS/);
    }
    expect(loadConfig({ CORS_ORIGINS: 'https://hr.example.com/, http://localhost:5173' }).corsOrigins).toEqual([
      'https://hr.example.com',
      'http://localhost:5173',
    ]);
  });
});
