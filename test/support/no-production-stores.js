// The tests never reach the stores the service is configured with: EVENTSTORE_URL, MONGODB_URL
// and MONGODB_DB name production (their test events would land in the production $all, after
// which `verify` fails for good). jest.config.js removes them before the workers start; this
// file (a jest setupFile) removes them again in every test file, so that apps the tests create
// and the processes they spawn run on their own DATA_DIR. The conformance suites use
// EVENTSTORE_TEST_URL and MONGODB_TEST_URL instead (test/support/external-servers.js).
const PRODUCTION_STORE_VARIABLES = ['EVENTSTORE_URL', 'MONGODB_URL', 'MONGODB_DB'];

function dropProductionStores(env = process.env) {
  const dropped = PRODUCTION_STORE_VARIABLES.filter((name) => env[name] !== undefined && env[name] !== '');
  for (const name of PRODUCTION_STORE_VARIABLES) delete env[name];
  return dropped;
}

if (typeof jest !== 'undefined') dropProductionStores();

module.exports = { dropProductionStores, PRODUCTION_STORE_VARIABLES };
