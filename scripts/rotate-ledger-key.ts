/**
 * `npm run rotate-key`: makes a fresh Ed25519 key the ledger's active signing key. The old key
 * is retired: its private seed is destroyed, its public key stays in the key file so every
 * event it signed still verifies. Stop the service first; it reads the key file at start.
 */
import { existsSync } from 'node:fs';
import { Keyring } from '../src/crypto/keyring';
import { loadConfig, paths } from '../src/server/config';

const config = loadConfig();
const file = paths(config).ledgerKeys;
if (config.ledgerSeed) {
  console.error(
    'LEDGER_SIGNING_KEY is set: the active key comes from configuration, rotate it there (keep the old public key in the key file).',
  );
  process.exit(2);
}
if (!existsSync(file)) {
  console.error(`no ledger key file at ${file}: start the service once to create one`);
  process.exit(2);
}
const before = Keyring.loadOrCreate(file, () => new Date()).activeKid;
const after = Keyring.rotate(file, () => new Date());
console.log(`retired ${before}; active ${after.activeKid}; ${after.published.length} keys verifiable`);
