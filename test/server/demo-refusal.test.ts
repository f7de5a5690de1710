/**
 * `npm start` passes --demo; on EventStoreDB or MongoDB that would sign the demo company into a
 * production ledger for good, so the server refuses before it opens a store.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoRefusal } from '../../src/server/config';
import { runTs } from '../support/run-ts';

describe('--demo on external stores', () => {
  it('is refused with one line naming the stores and the commands to use instead', () => {
    expect(demoRefusal({})).toBeNull();
    expect(demoRefusal({ eventStoreUrl: 'esdb://prod:2113' })).toMatch(/EVENTSTORE_URL names external stores.*npm run serve.*npm run seed/);
    expect(demoRefusal({ eventStoreUrl: 'esdb://prod:2113', mongodbUrl: 'mongodb://prod' })).toMatch(/EVENTSTORE_URL and MONGODB_URL name/);
  });

  it('stops the server before it connects to anything (exit 1, the line on stderr)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'demo-refusal-'));
    // Port 1 answers nothing: a server that tried to connect would fail with another message.
    const run = await runTs('src/server/main.ts', ['--demo'], {
      DATA_DIR: dataDir,
      EVENTSTORE_URL: 'esdb://127.0.0.1:1?tls=false',
      JWT_SECRET: 'x'.repeat(32),
      // The identity several instances share, so that the demo refusal is what stops it.
      LEDGER_SIGNING_KEY: Buffer.alloc(32, 7).toString('base64'),
      LEDGER_LOG_ORIGIN: 'example.com/interview-ledger',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--demo \(npm start\) loads the demo company, and EVENTSTORE_URL names external stores/);
    expect(run.stderr).not.toMatch(/not reachable/);
  });
});
