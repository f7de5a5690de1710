/**
 * Child process for bundle-assembler-exit.test.ts: asks the assembler worker for a bundle it must
 * refuse (no events), then returns without stopping the worker. The process has to end by itself.
 */
import { assembleInWorker } from '../../src/evidence/bundle-assembler';

assembleInWorker({
  subject: { kind: 'interview', interviewId: 'IV-NONE' },
  interviewIds: ['IV-NONE'],
  events: [],
  checkpoint: { note: '', size: 0, rootHash: new Uint8Array(32) },
  inclusionProof: () => [],
  createdAt: '2026-01-01T00:00:00.000Z',
  ledgerKeys: [],
  seal: () => ({ kid: 'k', sig: '' }),
}).then(
  () => console.log('assembled'),
  (error: unknown) => console.log(`refused: ${error instanceof Error ? error.message : String(error)}`),
);
