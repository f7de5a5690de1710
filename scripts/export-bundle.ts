/**
 * `npm run export-bundle -- (--interview ID | [--employee ID] [--department NAME] [--cycle C]) [--out FILE]`:
 * writes an evidence bundle for one interview or every interview matching the query.
 * Runs against the service's stores (DATA_DIR or the configured servers) with a progress bar.
 * Exit status: 0 written; 1 the export failed; 2 no data where the configuration points.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { Presets, SingleBar } from 'cli-progress';
import { createApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { NoDataError, requireData } from '../src/server/data-dir';
import { exportEvidence } from '../src/evidence/export-bundle';
import type { BundleSubject } from '../src/evidence/bundle-format';

async function main(argv: string[]): Promise<number> {
  const opts = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) opts.set(argv[i]!.replace(/^--/, ''), argv[i + 1] ?? '');
  const interviewId = opts.get('interview');
  const subject: BundleSubject = interviewId
    ? { kind: 'interview', interviewId }
    : {
        kind: 'query',
        ...(opts.get('employee') ? { employeeId: opts.get('employee')! } : {}),
        ...(opts.get('department') ? { department: opts.get('department')! } : {}),
        ...(opts.get('cycle') ? { cycle: opts.get('cycle')! } : {}),
      };
  const config = loadConfig();
  try {
    requireData(config, ['log', 'keys']);
  } catch (error) {
    if (!(error instanceof NoDataError)) throw error;
    console.error(`export-bundle: ${error.message}`);
    return 2;
  }
  const app = await createApp(config);
  const bar = new SingleBar(
    { format: 'export  [{bar}] {value}/{total} interviews', hideCursor: true, stream: process.stderr },
    Presets.shades_classic,
  );
  let started = false;
  try {
    const exported = await exportEvidence(app, subject, (done, total) => {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    });
    if (started) bar.stop();
    const out = opts.get('out') ?? exported.fileName;
    writeFileSync(out, exported.bytes);
    console.log(
      `wrote ${out}: ${exported.counts.interviews} interview(s), ${exported.counts.events} events, ${exported.bytes.length} bytes, sha256 ${exported.sha256}`,
    );
    // Pin every ledger key, retired ones too: older events and checkpoints were signed with them.
    const pins = app.keyring.published.map((k) => `--ledger-key ${k.publicKey}`).join(' ');
    console.log(`verify offline: npm run verify-bundle -- ${out} ${pins}`);
    return 0;
  } catch (error) {
    if (started) bar.stop();
    console.error(`export failed: ${(error as Error).message}`);
    return 1;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then((code) => (process.exitCode = code));
