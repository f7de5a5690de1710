import { randomUUID } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, renameSync, writeFileSync } from 'node:fs';
import { paths, type Config } from './config';

/** DATA_DIR and what is in it are for the server's own user only. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates DATA_DIR for the server's user only (0700), and tightens one made before (by an
 * older version, or by hand with the default umask). POSIX modes; a no-op on Windows.
 */
export function ensurePrivateDataDir(config: Pick<Config, 'dataDir'>): void {
  mkdirSync(config.dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (process.platform !== 'win32') chmodSync(config.dataDir, PRIVATE_DIR_MODE);
}

/**
 * Makes a SQLite database file exist with mode 0600 before SQLite opens it: SQLite gives its
 * -wal and -shm files the database file's mode, so they are 0600 too. An existing database
 * (and its -wal and -shm) is tightened to 0600. An empty file is a valid empty database.
 */
export function ensurePrivateDatabase(file: string): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  if (process.platform === 'win32') return;
  for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) chmodSync(path, PRIVATE_FILE_MODE);
}

/**
 * An operator command found nothing to work on where the configuration points. Its message
 * is one line that names the directory; the commands exit with status 2 on it.
 */
export class NoDataError extends Error {
  readonly code = 'NO_DATA';
}

/** What an operator command reads: the event log, the ledger keys, the token secret. */
export type DataNeed = 'log' | 'keys' | 'tokenSecret';

const HINT = 'set DATA_DIR to the directory the server uses (npm start and npm run seed create it)';

/** Where the data of this configuration lives, for messages: the DATA_DIR, and the servers when configured. */
export function dataLocation(config: Config): string {
  const servers = [config.eventStoreUrl ? 'EventStoreDB' : '', config.mongodbUrl ? 'MongoDB' : ''].filter(Boolean);
  return servers.length ? `${config.dataDir} (with ${servers.join(' and ')})` : config.dataDir;
}

/**
 * Operator commands work on the server's data and never create any: unlike the server and
 * `npm run seed`, they refuse a DATA_DIR that lacks what they need, instead of
 * opening fresh, empty stores (and keys, and a token secret nobody else has) in its place.
 * What comes from the environment or a server (LEDGER_SIGNING_KEY, JWT_SECRET, EVENTSTORE_URL)
 * is not looked for on disk.
 */
export function requireData(config: Config, needs: readonly DataNeed[]): void {
  const files = paths(config);
  const fromDisk: Array<{ file: string; what: string; elsewhere: string }> = [];
  if (needs.includes('log') && !config.eventStoreUrl)
    fromDisk.push({ file: files.events, what: 'no event log', elsewhere: 'EVENTSTORE_URL' });
  if (needs.includes('keys') && !config.ledgerSeed)
    fromDisk.push({ file: files.ledgerKeys, what: 'no ledger keys', elsewhere: 'LEDGER_SIGNING_KEY' });
  if (needs.includes('tokenSecret') && config.tokens.mode === 'local') {
    if (config.tokens.algorithm === 'EdDSA') fromDisk.push({ file: files.tokenSigningKey, what: 'no token key', elsewhere: 'JWT_SECRET' });
    else if (!config.jwtSecret) fromDisk.push({ file: files.jwtSecret, what: 'no token secret', elsewhere: 'JWT_SECRET' });
  }
  const absent = fromDisk.find(({ file }) => !existsSync(file));
  if (!absent) return;
  const dir = existsSync(config.dataDir) ? config.dataDir : `${config.dataDir} (the directory does not exist)`;
  throw new NoDataError(`${absent.what} at ${absent.file}: no data in ${dir}; ${HINT}, or ${absent.elsewhere}`);
}

/**
 * The one line the server and `npm run seed` print when seedDemo refuses a store that holds
 * part of a demo: the ledger is append-only, so the way out is to remove the data and load
 * the demo again (never done automatically: the same store could hold data worth keeping).
 */
export function incompleteDemoLine(config: Config, reason: string): string {
  const remove =
    config.eventStoreUrl || config.mongodbUrl
      ? `remove ${config.dataDir} and drop the demo's EventStoreDB/MongoDB data`
      : `remove it (rm -rf ${config.dataDir})`;
  return `demo data in ${dataLocation(config)} is incomplete: ${reason}. The demo loads whole or not at all: if the store holds nothing else, ${remove} and load it again`;
}

/**
 * Writes the demo's bearer tokens to DATA_DIR/demo-tokens.txt, mode 0600 (replacing an older
 * file whole), and returns the path: for a server whose output goes to a log, not a person.
 */
export function writeDemoTokens(config: Pick<Config, 'dataDir'>, text: string): string {
  const file = paths(config).demoTokens;
  const temp = `${file}.${randomUUID()}.tmp`;
  writeFileSync(temp, text, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  renameSync(temp, file);
  return file;
}
