/**
 * A witness for the ledger's Merkle log, run by an auditor or another party, not the operator
 * (docs/ledger-format.md §11.10; the code is src/client/witness.ts).
 *
 *   npm run witness -- keygen --name <witness name> --out <key file>
 *       Creates a witness key (mode 0600, never replaced) and prints its vkey on stdout: give it
 *       to the log's operator (WITNESS_KEYS) and to whoever verifies bundles (--witness-key).
 *
 *   npm run witness -- vkey --key <key file>
 *       Prints the vkey of a key file.
 *
 *   npm run witness -- --key <key file> --log <GraphQL URL> [--state <file>] [--log-key <vkey>]…
 *       Fetches the log's newest checkpoint, checks it against the last one this witness cosigned
 *       (never an older tree, never another root at a size, a verified consistency proof for a
 *       larger tree), records it in the state file (default: witness-state.json beside the key)
 *       and hands the cosignature to the log. The bearer token is WITNESS_TOKEN (or --token).
 *       --log-key pins the log's checkpoint keys (Checkpoint.verifierKeys); without it the first
 *       run trusts the keys the log names and keeps them in the state.
 *       Prints the cosignature line on stdout and what was checked on stderr.
 *
 * Exit status: 0 cosigned; 1 refused — the log showed a checkpoint this witness must not cosign
 * (a fork, a rewrite, an older tree, a signature it cannot verify), printed with both notes; the
 * state is unchanged; 2 could not run (usage, key, state, the log unreachable or refusing).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  formatWitnessSkey,
  generateWitnessKey,
  graphqlLogClient,
  parseWitnessSkey,
  runWitness,
  WitnessError,
  type WitnessKey,
} from '../src/client/witness';
import { readWitnessState, writeWitnessState } from '../src/client/witness-state-file';

const USAGE = `usage:
  npm run witness -- keygen --name <witness name> --out <key file>
  npm run witness -- vkey --key <key file>
  npm run witness -- --key <key file> --log <GraphQL URL> [--state <file>] [--log-key <vkey>]... [--token <token>]   (token: WITNESS_TOKEN)`;

class UsageError extends Error {}

/** Refusals: the log showed something a witness must not cosign. Everything else could not run. */
const REFUSALS = new Set(['CHECKPOINT_UNVERIFIED', 'CHECKPOINT_OLDER', 'CHECKPOINT_INCONSISTENT']);

async function main(argv: string[]): Promise<number> {
  const command = argv[0]?.startsWith('--') ? 'cosign' : argv[0];
  const { values } = parseArgs({
    args: command === 'cosign' ? argv : argv.slice(1),
    options: {
      name: { type: 'string' },
      out: { type: 'string' },
      key: { type: 'string' },
      log: { type: 'string' },
      state: { type: 'string' },
      'log-key': { type: 'string', multiple: true },
      token: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.error(USAGE);
    return 0;
  }
  switch (command) {
    case 'keygen': {
      const key = generateWitnessKey(required(values.name, '--name'));
      // 'wx': never replace a key someone may already have pinned.
      writeFileSync(required(values.out, '--out'), `${formatWitnessSkey(key)}\n`, { mode: 0o600, flag: 'wx' });
      process.stdout.write(`${key.vkey}\n`);
      return 0;
    }
    case 'vkey':
      process.stdout.write(`${readKey(required(values.key, '--key')).vkey}\n`);
      return 0;
    case 'cosign': {
      const keyFile = required(values.key, '--key');
      const url = required(values.log, '--log');
      const token = values.token ?? process.env.WITNESS_TOKEN ?? '';
      if (!token.trim()) throw new UsageError('a bearer token is needed: set WITNESS_TOKEN (or pass --token)');
      const key = readKey(keyFile);
      const stateFile = values.state ?? join(dirname(keyFile), 'witness-state.json');
      const state = readWitnessState(stateFile, key);
      try {
        const result = await runWitness({
          key,
          log: graphqlLogClient(url, token.trim()),
          state,
          saveState: (next) => writeWitnessState(stateFile, next),
          logKeys: values['log-key'] ?? [],
        });
        const checked =
          result.previousSize === null
            ? `first checkpoint of this log seen by ${key.name}${result.trustedOnFirstUse ? '; its keys taken from the log (pin them with --log-key)' : ''}`
            : result.previousSize === result.size
              ? `the same tree as cosigned before`
              : `consistent with the ${result.previousSize} entries cosigned before (RFC 9162 consistency proof verified)`;
        console.error(`cosigned ${result.origin} at ${result.size} entries, root ${result.rootHash}: ${checked}; state in ${stateFile}`);
        process.stdout.write(result.cosignature);
        return 0;
      } catch (error) {
        if (error instanceof WitnessError && REFUSALS.has(error.code)) {
          console.error(`witness: REFUSED ${error.code}: ${error.message}`);
          if (error.note) console.error(`the checkpoint the log showed:\n${error.note}`);
          for (const [origin, log] of Object.entries(state.logs)) {
            console.error(`the last checkpoint of ${origin} this witness cosigned (${log.cosignedAt}):\n${log.note}`);
          }
          console.error(`the state in ${stateFile} is unchanged`);
          return 1;
        }
        throw error;
      }
    }
    default:
      throw new UsageError(command ? `unknown command ${command}` : 'name a command');
  }
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`${flag} is required`);
  return value.trim();
}

function readKey(file: string): WitnessKey {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new WitnessError('KEY_INVALID', `cannot read the witness key ${file}: ${(error as Error).message}`);
  }
  return parseWitnessSkey(text);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    const code = error instanceof WitnessError ? `${error.code}: ` : '';
    console.error(`witness: ${code}${(error as Error).message}${usage ? `\n${USAGE}` : ''}`);
    process.exitCode = 2;
  },
);
