/**
 * A real server over HTTP on a test app (openTestApp's directory of people), for tests that talk
 * to it as an outside client does: the witness, the command-line tools.
 */
import { mintToken } from '../../src/graphql/auth';
import type { Role } from '../../src/domain/command';
import { startServer, type RunningServer } from '../../src/server/http-server';
import type { App } from '../../src/server/app';
import { openTestApp } from './test-app';

type Answer<T> = { data?: T | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };

export interface LedgerServer {
  readonly app: App;
  readonly server: RunningServer;
  readonly dataDir: string;
  readonly clock: Awaited<ReturnType<typeof openTestApp>>['clock'];
  /** The GraphQL URL, http://127.0.0.1:<port>/graphql. */
  readonly url: string;
  token(id: string, roles: Role[]): string;
  /** POSTs an operation as `id` with `roles`; the whole answer. */
  gql<T = any>(id: string, roles: Role[], query: string, variables?: Record<string, unknown>): Promise<Answer<T>>;
  /** Schedules an interview of E1 by M1 and writes one section: events for the log. */
  interview(cycle: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startLedgerServer(env: Record<string, string> = {}, existing?: Awaited<ReturnType<typeof openTestApp>>) {
  const opened = existing ?? (await openTestApp({ CHECKPOINT_INTERVAL_MS: '0', REMINDER_INTERVAL_MS: '0', ...env }));
  const { app, clock, dataDir } = opened;
  const server = await startServer(app, { port: 0, host: '127.0.0.1' });
  const token = (id: string, roles: Role[]) => mintToken(app.localTokens!, { id, roles });
  const gql = async <T = any>(id: string, roles: Role[], query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token(id, roles)}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Answer<T>;
  };
  const ok = async <T = any>(pending: Promise<Answer<T>>): Promise<T> => {
    const answer = await pending;
    if (answer.errors?.length) throw new Error(`GraphQL: ${JSON.stringify(answer.errors)}`);
    return answer.data as T;
  };
  const result: LedgerServer = {
    app,
    server,
    dataDir,
    clock,
    url: server.url,
    token,
    gql,
    async interview(cycle) {
      clock.set('2026-07-02T02:00:00.000Z');
      const { scheduleInterview } = await ok<{ scheduleInterview: { id: string } }>(
        gql(
          'M1',
          ['manager', 'employee'],
          `mutation($c: String!) { scheduleInterview(input: { employeeId: "E1", templateId: "standard-v1", cycle: $c, scheduledAt: "2026-07-02T10:00:00+08:00", location: "3号会议室" }) { id } }`,
          { c: cycle },
        ),
      );
      clock.set('2026-07-02T03:00:00.000Z');
      await ok(
        gql('E1', ['employee'], `mutation($input: EditSectionInput!) { editInterviewSection(input: $input) { version } }`, {
          input: {
            interviewId: scheduleInterview.id,
            expectedVersion: 1,
            section: 'highlights',
            content: { items: [{ case: '主动提出换模流程优化建议', data: '换模时间由 45 分钟降到 30 分钟' }] },
          },
        }),
      );
      return scheduleInterview.id;
    },
    async stop() {
      await server.stop();
      await app.close();
    },
  };
  return result;
}
