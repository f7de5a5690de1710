import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { createApp, type App } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import type { Logger } from 'pino';
import type { Metrics } from '../../src/server/metrics';
import { registerPerson, systemMeta } from '../../src/application/interview-service';
import { getSchema } from '../../src/graphql/schema';
import { formatError } from '../../src/graphql/errors';
import { createContext, type Context } from '../../src/graphql/context';
import type { Role } from '../../src/domain/command';
import type { JobCategory, Level } from '../../src/domain/person/person';

/** A settable clock so tests control every timestamp. */
export function testClock(start = '2026-07-01T01:00:00.000Z') {
  let now = new Date(start);
  const clock = () => new Date(now);
  clock.set = (iso: string) => (now = new Date(iso));
  clock.advance = (ms: number) => (now = new Date(now.getTime() + ms));
  return clock;
}

/**
 * An app on a fresh temporary DATA_DIR (embedded stores), with a small directory. Its log
 * keeps warnings and errors only (LOG_LEVEL in `env`, or a `log` of the test's, says otherwise).
 */
export async function openTestApp(env: Record<string, string> = {}, options: { log?: Logger; metrics?: Metrics } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'app-'));
  const clock = testClock();
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', ...env });
  const app = await createApp(config, { clock, ...options });
  const meta = () => systemMeta(clock(), 'HR1');
  const people: Array<[string, string, string, string, string | null, JobCategory, Level, Role[]]> = [
    ['HR1', '周敏', '人力资源部', 'HRBP', null, 'functional', 'manager', ['hr', 'employee']],
    ['AUD1', '钱审计', '审计部', '内审专员', null, 'functional', 'staff', ['auditor']],
    ['M1', '王建国', '生产部', '车间主任', null, 'production', 'manager', ['manager', 'employee']],
    ['M2', '李强', '研发中心', '研发经理', null, 'rnd', 'manager', ['manager', 'employee']],
    ['E1', '张伟', '生产部', '装配工', 'M1', 'production', 'staff', ['employee']],
    ['E2', '刘洋', '生产部', '质检员', 'M1', 'production', 'staff', ['employee']],
    ['E3', '陈静', '研发中心', '后端工程师', 'M2', 'rnd', 'staff', ['employee']],
  ];
  for (const [personId, name, department, position, managerId, category, level, roles] of people) {
    await registerPerson(app, meta(), { personId, name, department, position, managerId, category, level, roles });
  }
  return { app, clock, dataDir };
}

/** Apollo server over the real schema, for `executeOperation` tests. */
export async function testApollo(app: App) {
  const server = new ApolloServer<Context>({ schema: await getSchema(), formatError, includeStacktraceInErrorResponses: false });
  await server.start();
  const as =
    (id: string | null, roles: Role[] = ['employee'], ip = '10.1.2.3') =>
    async <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => {
      const response = await server.executeOperation<T>(
        { query, ...(variables ? { variables } : {}) },
        { contextValue: createContext(app, id ? { id, roles } : null, ip, 'jest') },
      );
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult;
    };
  return { server, as };
}
