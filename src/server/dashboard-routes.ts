/**
 * GET /dashboards/<name>.svg and /dashboards/<name>.json: each dashboard as a chart drawn on
 * the server (Apache ECharts, SVG) and as the data it is drawn from. Query parameters: `cycle`,
 * `department`, `employeeId` (radar), `locale` (zh, the default, or en). A bearer token, as for
 * GraphQL; what the viewer sees is narrowed by the same use cases (src/application/queries/dashboards.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { renderChart, type ChartName } from '../analytics/charts';
import { dashboardData, DASHBOARD_NAMES, isDashboardName } from '../application/queries/dashboards';
import type { App } from '../application/services';
import type { ErrorCode } from '../domain/error-codes';
import { DomainError, ValidationError } from '../domain/errors';
import { actorFromAuthorization } from '../http/token';
import { noteActor, requestFields } from '../http/request-id';

export const DASHBOARDS_PATH = '/dashboards';

const ROUTE = /^\/dashboards\/([A-Za-z]+)\.(svg|json)$/;

/** Serves `/dashboards/…`; false for any other path. */
export async function handleDashboardRequest(app: App, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (url.pathname !== DASHBOARDS_PATH && !url.pathname.startsWith(`${DASHBOARDS_PATH}/`)) return false;
  try {
    const method = (req.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      send(res, 405, 'METHOD_NOT_ALLOWED', `${method} is not allowed here; use GET`);
      return true;
    }
    const match = ROUTE.exec(url.pathname);
    if (!match || !isDashboardName(match[1]!)) {
      send(
        res,
        404,
        'NOT_FOUND',
        `no dashboard at ${url.pathname.slice(0, 80)}; dashboards: ${DASHBOARD_NAMES.map((n) => `${DASHBOARDS_PATH}/${n}.svg|json`).join(', ')}`,
      );
      return true;
    }
    const actor = await actorFromAuthorization(req.headers.authorization, app.tokens);
    noteActor(req, actor?.id);
    if (!actor) {
      send(res, 401, 'UNAUTHENTICATED', 'sign in: send a bearer token');
      return true;
    }
    const name: ChartName = match[1];
    const locale = url.searchParams.get('locale') ?? 'zh';
    if (locale !== 'zh' && locale !== 'en') throw new ValidationError('locale is zh or en', 'locale');
    const data = await dashboardData(app, actor, name, {
      cycle: url.searchParams.get('cycle'),
      department: url.searchParams.get('department'),
      employeeId: url.searchParams.get('employeeId'),
    });
    if (data === null) {
      send(res, 404, 'NOT_FOUND', 'no such radar');
      return true;
    }
    // Personal data: never kept by a shared cache.
    res.setHeader('cache-control', 'private, no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    res.statusCode = 200;
    if (match[2] === 'json') {
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify(data));
    } else {
      res.setHeader('content-type', 'image/svg+xml; charset=utf-8');
      // An SVG opened on its own is a document: it may not run or fetch anything.
      res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
      res.end(renderChart(name, data as never, locale));
    }
  } catch (error) {
    if (error instanceof DomainError) {
      const status = error.code === 'UNAUTHENTICATED' ? 401 : error.code === 'FORBIDDEN' ? 403 : error.code === 'NOT_FOUND' ? 404 : 400;
      send(res, status, error.code, error.message, error.field);
    } else {
      app.log.error({ ...requestFields(req), err: error }, 'dashboard request failed');
      send(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    }
  }
  return true;
}

function send(res: ServerResponse, status: number, code: ErrorCode, message: string, field?: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify({ error: { code, message, ...(field ? { field } : {}) } }));
}
