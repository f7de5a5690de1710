/**
 * The server's small console API (src/server/console-routes.ts): how to sign in
 * (/console/config), the demo people and the demo sign-in (only with --demo).
 */
import { endpoints } from './endpoints';
import type { Session } from './session';

export interface ConsoleConfig {
  readonly demo: boolean;
  readonly oidc: { readonly issuer: string } | null;
}

export interface DemoPerson {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly department: string;
  readonly position: string;
}

/** An answer the console could not use: a network failure, or the server's error code. */
export class ConsoleApiError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    readonly network: boolean,
  ) {
    super(message);
  }
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${endpoints().base}${path}`, init);
  } catch (error) {
    throw new ConsoleApiError(error instanceof Error ? error.message : String(error), null, true);
  }
  const body = (await response.json().catch(() => null)) as { errors?: Array<{ message?: string; extensions?: { code?: string } }> } | null;
  if (!response.ok) {
    const first = body?.errors?.[0];
    throw new ConsoleApiError(first?.message ?? `HTTP ${response.status}`, first?.extensions?.code ?? null, false);
  }
  return body as T;
}

export const fetchConsoleConfig = () => call<ConsoleConfig>('/console/config');

export const fetchDemoPeople = () => call<{ people: DemoPerson[] }>('/console/demo-people').then((r) => r.people);

export const demoSession = (personId: string) =>
  call<Session>('/console/demo-session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ personId }),
  }).then((r) => ({ token: r.token, expiresAt: r.expiresAt }));
