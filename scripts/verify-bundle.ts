/**
 * `npm run verify-bundle -- FILE [--ledger-key BASE64]... [--witness-key VKEY|FILE]... [--witness-threshold N]`:
 * verifies an evidence bundle offline (no server, no database). Exit 0 when every check passes,
 * 1 when any fails (each failure is printed as `FAIL <code> <where>: <detail>`), 2 when the file
 * cannot be read or the arguments are wrong. Warnings (`WARN <code> <where>: <detail>`) are this
 * verifier's extra checks and do not fail the bundle.
 * Pin the ledger key your company publishes with --ledger-key; without it the bundle's own
 * keys are used and the report says they are unpinned. Pin the witnesses you trust with
 * --witness-key (a vkey, or a file holding vkeys one a line): the checkpoint must then carry a
 * valid cosignature by each of them (or by --witness-threshold of them); without it the
 * cosignatures it carries are listed, checked against nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { verifyBundle } from '../src/evidence/verify-bundle';

const USAGE = 'usage: npm run verify-bundle -- FILE [--ledger-key BASE64]... [--witness-key VKEY|FILE]... [--witness-threshold N]';

/** A --witness-key value: a vkey, or a file of vkeys (one a line, blank lines and # comments skipped). */
function witnessKeys(value: string): string[] {
  if (!value.includes('+') || existsSync(value)) {
    return readFileSync(value, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
  }
  return [value.trim()];
}

function main(argv: string[]): number {
  const pins: string[] = [];
  const witnesses: string[] = [];
  let threshold: number | undefined;
  let file: string | undefined;
  try {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i]!;
      if (arg === '--ledger-key') pins.push(argv[++i] ?? '');
      else if (arg === '--witness-key') witnesses.push(...witnessKeys(argv[++i] ?? ''));
      else if (arg === '--witness-threshold') {
        threshold = Number(argv[++i]);
        if (!Number.isSafeInteger(threshold) || threshold < 1) throw new Error('--witness-threshold must be a positive integer');
      } else if (arg === '--help' || arg === '-h') {
        console.log(USAGE);
        return 0;
      } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
      else file = arg;
    }
    if (threshold !== undefined && threshold > witnesses.length)
      throw new Error(`--witness-threshold ${threshold} exceeds the ${witnesses.length} witness key(s) given`);
  } catch (error) {
    console.error(`verify-bundle: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!file) {
    console.error(USAGE);
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    console.error(`cannot read ${file}: ${(error as Error).message}`);
    return 2;
  }
  const started = performance.now();
  const report = verifyBundle(bytes, {
    trustedLedgerKeys: pins,
    trustedWitnessKeys: witnesses,
    ...(threshold !== undefined ? { witnessThreshold: threshold } : {}),
  });
  const ms = (performance.now() - started).toFixed(0);
  for (const failure of report.failures) console.log(`FAIL ${failure.code} ${failure.where}: ${failure.detail}`);
  for (const warning of report.warnings) console.log(`WARN ${warning.code} ${warning.where}: ${warning.detail}`);
  const keys = report.ledgerKeys.map((k) => `${k.kid}${k.pinned ? ' (pinned)' : ' (unpinned: taken from the bundle)'}`).join(', ');
  const cosignatures = report.witnesses
    .map((w) => {
      const time = w.timestamp === null ? '' : ` at ${new Date(w.timestamp * 1000).toISOString()}`;
      return `${w.name}+${w.keyId}${time} (${w.verified ? 'pinned, verified' : w.pinned ? 'pinned, INVALID' : 'unverified: no --witness-key for it'})`;
    })
    .join(', ');
  console.log(
    `${report.ok ? 'OK' : 'FAILED'} ${report.interviews} interview(s), ${report.events} events, checkpoint size ${report.checkpointSize ?? '?'}, ${report.failures.length} failure(s), ${report.warnings.length} warning(s), ${ms} ms`,
  );
  console.log(`   ledger keys: ${keys || 'none'}`);
  console.log(`   witness cosignatures: ${cosignatures || 'none'}`);
  return report.ok ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
