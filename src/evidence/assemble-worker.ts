/**
 * The worker thread that assembles evidence bundles (see bundle-assembler.ts). It receives the
 * parts (events, proofs, checkpoint, keys), prepares the unsealed bundle and hands back the
 * message to seal; the ledger key never leaves the main thread. Given the seal, it finishes the
 * file and hands back its bytes.
 */
import { parentPort } from 'node:worker_threads';
import type { UnsealedBundle } from './bundle-format';
import { finishBundle, prepareBundle, type UnsealedParts } from './assemble-bundle';

/** The parts as they cross the thread boundary: proofs as an array by leaf index instead of a callback. */
export type WireParts = Omit<UnsealedParts, 'inclusionProof'> & {
  readonly proofs: ReadonlyArray<readonly [number, readonly Uint8Array[]]>;
};

export type ToWorker =
  | { readonly id: number; readonly kind: 'prepare'; readonly parts: WireParts }
  | { readonly id: number; readonly kind: 'finish'; readonly seal: { readonly kid: string; readonly sig: string } };

export type FromWorker =
  | { readonly id: number; readonly kind: 'prepared'; readonly message: Uint8Array }
  | { readonly id: number; readonly kind: 'finished'; readonly bytes: Uint8Array }
  | {
      readonly id: number;
      readonly kind: 'failed';
      readonly name: string;
      readonly message: string;
      readonly code?: string;
      readonly field?: string;
    };

const port = parentPort;
if (port) {
  const waiting = new Map<number, UnsealedBundle>();
  port.on('message', (msg: ToWorker) => {
    try {
      if (msg.kind === 'prepare') {
        const proofs = new Map(msg.parts.proofs);
        const { unsealed, message } = prepareBundle({
          ...msg.parts,
          inclusionProof: (leafIndex) => {
            const proof = proofs.get(leafIndex);
            if (!proof) throw new Error(`no inclusion proof for leaf ${leafIndex}`);
            return proof;
          },
        });
        waiting.set(msg.id, unsealed);
        port.postMessage({ id: msg.id, kind: 'prepared', message } satisfies FromWorker);
      } else {
        const unsealed = waiting.get(msg.id);
        waiting.delete(msg.id);
        if (!unsealed) throw new Error(`no bundle ${msg.id} is waiting for its seal`);
        port.postMessage({ id: msg.id, kind: 'finished', bytes: finishBundle(unsealed, msg.seal).bytes } satisfies FromWorker);
      }
    } catch (error) {
      waiting.delete(msg.id);
      const e = error as { name?: string; message?: string; code?: string; field?: string };
      port.postMessage({
        id: msg.id,
        kind: 'failed',
        name: e.name ?? 'Error',
        message: e.message ?? String(error),
        ...(typeof e.code === 'string' ? { code: e.code } : {}),
        ...(typeof e.field === 'string' ? { field: e.field } : {}),
      } satisfies FromWorker);
    }
  });
}
