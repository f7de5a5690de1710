import { company } from './company';
import { mintToken } from '../../src/graphql/auth';
import { startServer, type RunningServer } from '../../src/server/http-server';
import type { CompletionDashboard } from '../../src/analytics/dashboard-types';

describe('the dashboard routes', () => {
  let t: Awaited<ReturnType<typeof company>>;
  let server: RunningServer;
  let base: string;
  const bearer = (id: string, roles: string[]) =>
    `Bearer ${mintToken(t.app.localTokens!, { id, roles: roles as Parameters<typeof mintToken>[1]['roles'] })}`;

  beforeAll(async () => {
    t = await company();
    server = await startServer(t.app, { port: 0, host: '127.0.0.1' });
    base = server.url.replace(/\/graphql$/, '');
  });
  afterAll(async () => {
    await server.stop();
    await t.server.stop();
    await t.app.close();
  });

  it('serves the data as JSON and the chart as SVG, narrowed to the viewer, never cached by others', async () => {
    const json = await fetch(`${base}/dashboards/completion.json?cycle=2026-Q1`, { headers: { authorization: bearer('HR1', ['hr']) } });
    expect(json.status).toBe(200);
    expect(json.headers.get('cache-control')).toBe('private, no-store');
    const data = (await json.json()) as CompletionDashboard;
    expect(data.total.total).toBe(3);
    const mine = (await (
      await fetch(`${base}/dashboards/completion.json?cycle=2026-Q1`, { headers: { authorization: bearer('E1', ['employee']) } })
    ).json()) as CompletionDashboard;
    expect(mine.total.total).toBe(1);

    const svg = await fetch(`${base}/dashboards/completion.svg?cycle=2026-Q1&locale=en`, {
      headers: { authorization: bearer('HR1', ['hr']) },
    });
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(svg.headers.get('content-security-policy')).toContain("default-src 'none'");
    const drawn = await svg.text();
    expect(drawn).toMatch(/^<svg[\s\S]*<\/svg>$/);
    expect(drawn).toContain('生产部');
    expect(drawn).toContain('研发中心');
    expect(drawn).not.toContain('<script');
  });

  it('answers coded errors: no token, an unknown dashboard, a bad locale, a missing cycle, a radar nobody may see', async () => {
    const hr = { authorization: bearer('HR1', ['hr']) };
    const cases: Array<[string, Record<string, string>, number, string]> = [
      ['/dashboards/completion.json?cycle=2026-Q1', {}, 401, 'UNAUTHENTICATED'],
      ['/dashboards/nope.svg', hr, 404, 'NOT_FOUND'],
      ['/dashboards/completion.svg?cycle=2026-Q1&locale=fr', hr, 400, 'VALIDATION_FAILED'],
      ['/dashboards/completion.json', hr, 400, 'VALIDATION_FAILED'],
      ['/dashboards/radar.json?employeeId=E3&cycle=2026-Q1', { authorization: bearer('E1', ['employee']) }, 404, 'NOT_FOUND'],
      ['/dashboards/radar.json?employeeId=NOBODY&cycle=2026-Q1', { authorization: bearer('E1', ['employee']) }, 404, 'NOT_FOUND'],
    ];
    for (const [path, headers, status, code] of cases) {
      const res = await fetch(`${base}${path}`, { headers });
      expect([path, res.status]).toEqual([path, status]);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    const post = await fetch(`${base}/dashboards/completion.json?cycle=2026-Q1`, { method: 'POST', headers: hr });
    expect(post.status).toBe(405);
  });
});
