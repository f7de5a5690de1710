const { externalSkips } = require('./test/support/external-servers');
const { dropProductionStores } = require('./test/support/no-production-stores');

// Suites that need an external server are left out, with one SKIP line each, when none is reachable.
const skips = externalSkips();
for (const [, line] of skips) console.log(line);
// The service's own stores are never the tests' (test/support/no-production-stores.js).
const dropped = dropProductionStores();
if (dropped.length > 0)
  console.log(`NOTE tests ignore ${dropped.join(', ')}: the conformance suites use EVENTSTORE_TEST_URL and MONGODB_TEST_URL`);

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // web/e2e: the console in a real browser (web/src has its own component tests, run by vitest).
  roots: ['<rootDir>/test', '<rootDir>/web/e2e'],
  // Builds the console (dist/web) for web/e2e when it is missing or older than web/.
  globalSetup: '<rootDir>/web/e2e/global-setup.ts',
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...skips.map(([pattern]) => pattern)],
  transform: {
    // Type checking runs once in `npm test` (tsc --noEmit); jest only transpiles.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // jose 6 ships ES modules only. Node ≥ 20.19 require()s them; jest's module registry cannot,
    // so jest (and only jest) gets them transpiled to CommonJS.
    '/node_modules/jose/.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', isolatedModules: true } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  setupFiles: ['reflect-metadata', '<rootDir>/test/support/no-production-stores.js'],
  testTimeout: 30000,
  maxWorkers: 2,
};
