const { externalSkips } = require('./test/support/external-servers');

// Suites that need an external server are left out, with one SKIP line each, when none is reachable.
const skips = externalSkips();
for (const [, line] of skips) console.log(line);

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
  setupFiles: ['reflect-metadata'],
  testTimeout: 30000,
  maxWorkers: 2,
};
