/**
 * The test run never writes to the service's stores: EVENTSTORE_URL / MONGODB_URL are removed
 * before any test runs (so apps the tests create, and processes they spawn, use a DATA_DIR of
 * their own), and the conformance suites' own variables may not name the same server.
 */
const { assertNotProduction, externalSkips } = require('../support/external-servers') as {
  assertNotProduction(env: NodeJS.ProcessEnv): void;
  externalSkips(env: NodeJS.ProcessEnv): Array<[string, string]>;
};
const { dropProductionStores } = require('../support/no-production-stores') as {
  dropProductionStores(env: NodeJS.ProcessEnv): string[];
};

describe('the servers the tests may write to', () => {
  it('sees no EVENTSTORE_URL, MONGODB_URL or MONGODB_DB inside a test, whatever the shell exported', () => {
    expect(process.env.EVENTSTORE_URL).toBeUndefined();
    expect(process.env.MONGODB_URL).toBeUndefined();
    expect(process.env.MONGODB_DB).toBeUndefined();
    const env: NodeJS.ProcessEnv = { EVENTSTORE_URL: 'esdb://prod:2113', MONGODB_URL: '', KEEP: 'x' };
    expect(dropProductionStores(env)).toEqual(['EVENTSTORE_URL']);
    expect(env).toEqual({ KEEP: 'x' });
  });

  it('refuses a test URL that is the configured production store', () => {
    const esdb = 'esdb://prod.example:2113?tls=true';
    expect(() => assertNotProduction({ EVENTSTORE_URL: esdb, EVENTSTORE_TEST_URL: esdb })).toThrow(
      /EVENTSTORE_TEST_URL is the same server as EVENTSTORE_URL/,
    );
    const mongo = 'mongodb://prod.example:27017/?replicaSet=rs0';
    expect(() => assertNotProduction({ MONGODB_URL: mongo, MONGODB_TEST_URL: `${mongo}` })).toThrow(/MONGODB_TEST_URL is the same server/);
    expect(() => assertNotProduction({ EVENTSTORE_URL: esdb, EVENTSTORE_TEST_URL: 'esdb://localhost:2113?tls=false' })).not.toThrow();
  });

  it('runs the EventStoreDB conformance suite only with EVENTSTORE_TEST_URL, never with EVENTSTORE_URL alone', () => {
    const skipped = (env: NodeJS.ProcessEnv) => externalSkips({ MONGOMS_SYSTEM_BINARY_FOUND: '/bin/true', ...env }).map(([p]) => p);
    expect(skipped({ EVENTSTORE_URL: 'esdb://prod:2113' })).toEqual(['/test/store/esdb-event-store\\.test\\.ts$']);
    expect(skipped({ EVENTSTORE_TEST_URL: 'esdb://localhost:2113?tls=false' })).toEqual([]);
  });
});
