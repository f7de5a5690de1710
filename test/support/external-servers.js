// Which external servers the test run can reach. jest.config.js leaves out the suites whose
// server is missing and prints one SKIP line for each; the suites themselves never fake a pass.
const { spawnSync } = require('node:child_process');
const { resolve } = require('node:path');

/**
 * A mongod that mongodb-memory-server may start: asked in a child process with downloads off
 * (this machine cannot fetch the binary; a download attempt would hang the run).
 */
function localMongod() {
  const script = `
    const { spawnSync } = require('node:child_process');
    require('mongodb-memory-server').MongoBinary.getPath().then((path) => {
      const run = spawnSync(path, ['--version'], { timeout: 5000 });
      if (run.status !== 0) throw new Error(path + ' --version failed: ' + String(run.stderr || run.error));
      process.stdout.write(path);
    }).catch((error) => {
      process.stderr.write(String((error && error.message) || error));
      process.exit(1);
    });`;
  const probe = spawnSync(process.execPath, ['-e', script], {
    cwd: resolve(__dirname, '../..'),
    env: { ...process.env, MONGOMS_RUNTIME_DOWNLOAD: 'false' },
    encoding: 'utf8',
    timeout: 15_000,
  });
  if (probe.status === 0 && probe.stdout) return { path: probe.stdout };
  const detail = (probe.stderr || (probe.error && probe.error.message) || `exit ${String(probe.status ?? probe.signal)}`).split('\n')[0];
  return { reason: `no local mongod for mongodb-memory-server (${detail})` };
}

/**
 * The servers the conformance suites may write to: EVENTSTORE_TEST_URL and MONGODB_TEST_URL,
 * never the service's EVENTSTORE_URL / MONGODB_URL (the suites append test events to $all and
 * drop databases). A test URL equal to the configured production one is refused outright.
 */
function assertNotProduction(env) {
  const pairs = [
    ['EVENTSTORE_TEST_URL', 'EVENTSTORE_URL'],
    ['MONGODB_TEST_URL', 'MONGODB_URL'],
  ];
  for (const [test, production] of pairs) {
    const a = (env[test] || '').trim();
    const b = (env[production] || '').trim();
    if (a && b && a.replace(/\/+$/, '') === b.replace(/\/+$/, '')) {
      throw new Error(
        `${test} is the same server as ${production} (the service's store): the tests write test events there. Point ${test} at a server of its own (see README, "Production stores").`,
      );
    }
  }
}

/** [test path pattern, SKIP line] for every external suite that cannot run here. */
function externalSkips(env = process.env) {
  assertNotProduction(env);
  const skips = [];
  if (!env.EVENTSTORE_TEST_URL) {
    skips.push([
      '/test/store/esdb-event-store\\.test\\.ts$',
      'SKIP EventStoreDB conformance: EVENTSTORE_TEST_URL is not set (docker compose up -d --wait, then export it; see README)',
    ]);
  }
  if (!env.MONGODB_TEST_URL && !env.MONGOMS_SYSTEM_BINARY_FOUND) {
    const mongod = localMongod();
    if ('path' in mongod) env.MONGOMS_SYSTEM_BINARY_FOUND = mongod.path;
    else {
      skips.push([
        '/test/readmodel/mongo-read-model-store\\.test\\.ts$',
        `SKIP MongoDB conformance: MONGODB_TEST_URL is not set and ${mongod.reason}`,
      ]);
      skips.push([
        '/test/attachments/gridfs-attachment-store\\.test\\.ts$',
        `SKIP GridFS attachment conformance: MONGODB_TEST_URL is not set and ${mongod.reason}`,
      ]);
    }
  }
  return skips;
}

module.exports = { externalSkips, assertNotProduction };
