/**
 * One of several processes starting at once on a fresh DATA_DIR (test/server/shared-identity.test.ts):
 * waits for the go file, then creates-or-reads what a server makes on first start — the ledger
 * key file, the token signing key, the HS256 secret and merkle.db's origin — and prints what it
 * ended up with as one JSON line. Args: <dataDir> <go file> [configured origin].
 */
import { createPublicKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Keyring } from '../../src/crypto/keyring';
import { MerkleLog } from '../../src/ledger/merkle-log';
import { loadJwtSecret, loadTokenSigningKey } from '../../src/server/token-keys';
import { SqliteEventStore } from '../../src/store/sqlite-event-store';

const [dataDir, go, origin] = process.argv.slice(2) as [string, string, string | undefined];

function waitForGo(): void {
  // A busy wait: every process leaves the barrier within microseconds of the others.
  const shared = new Int32Array(new SharedArrayBuffer(4));
  while (!existsSync(go)) Atomics.wait(shared, 0, 0, 1);
}

process.stdout.write('ready\n');
waitForGo();
const out: Record<string, unknown> = {};
out.kid = Keyring.loadOrCreate(join(dataDir, 'ledger-keys.json'), () => new Date()).activeKid;
out.tokenKey = createPublicKey(loadTokenSigningKey({ dataDir })).export({ format: 'jwk' }).x;
out.jwtSecret = loadJwtSecret({ dataDir });
const log = new MerkleLog(
  new SqliteEventStore(':memory:'),
  Keyring.loadOrCreate(join(dataDir, 'ledger-keys.json'), () => new Date()),
  {
    file: join(dataDir, 'merkle.db'),
    ...(origin ? { origin } : {}),
    onError: () => undefined,
  },
);
void (async () => {
  try {
    log.open();
    out.origin = log.origin;
    await log.stop();
  } catch (error) {
    out.originError = (error as { code?: string }).code ?? String(error);
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
})();
