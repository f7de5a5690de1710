/**
 * `npm run verify-bundle -- FILE [--ledger-key BASE64]...`: verifies an evidence bundle offline
 * (no server, no database). Exit 0 when every check passes, 1 when any fails (each failure is
 * printed as `FAIL <code> <where>: <detail>`), 2 when the file cannot be read. Warnings
 * (`WARN <code> <where>: <detail>`) are this verifier's extra checks and do not fail the bundle.
 * Pin the ledger key your company publishes with --ledger-key; without it the bundle's own
 * keys are used and the report says they are unpinned.
 */
import { readFileSync } from 'node:fs';
import { verifyBundle } from '../src/evidence/verify-bundle';

function main(argv: string[]): number {
  const pins: string[] = [];
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--ledger-key') pins.push(argv[++i] ?? '');
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: npm run verify-bundle -- FILE [--ledger-key BASE64]...');
      return 0;
    } else file = arg;
  }
  if (!file) {
    console.error('usage: npm run verify-bundle -- FILE [--ledger-key BASE64]...');
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
  const report = verifyBundle(bytes, { trustedLedgerKeys: pins });
  const ms = (performance.now() - started).toFixed(0);
  for (const failure of report.failures) console.log(`FAIL ${failure.code} ${failure.where}: ${failure.detail}`);
  for (const warning of report.warnings) console.log(`WARN ${warning.code} ${warning.where}: ${warning.detail}`);
  const keys = report.ledgerKeys.map((k) => `${k.kid}${k.pinned ? ' (pinned)' : ' (unpinned: taken from the bundle)'}`).join(', ');
  console.log(
    `${report.ok ? 'OK' : 'FAILED'} ${report.interviews} interview(s), ${report.events} events, checkpoint size ${report.checkpointSize ?? '?'}, ${report.failures.length} failure(s), ${report.warnings.length} warning(s), ${ms} ms`,
  );
  console.log(`   ledger keys: ${keys || 'none'}`);
  return report.ok ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
