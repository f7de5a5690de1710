import { Keyring } from '../../src/crypto/keyring';
import { sealEvents, type Sealed, type StreamHead } from '../../src/ledger/seal';
import type { EventDraft } from '../../src/ledger/event-body';
import { randomUUID } from 'node:crypto';

/** A deterministic test keyring (seed = 32 × 0x07). */
export const testKeyring = (): Keyring => Keyring.fromSeed(Buffer.alloc(32, 7), '2026-01-01T00:00:00.000Z');

export function draft(type: string, data: Record<string, unknown> = {}): EventDraft {
  return {
    id: randomUUID(),
    type,
    data,
    meta: { actor: 'tester', roles: ['admin'], ip: '127.0.0.1', at: '2026-01-01T00:00:00.000Z', commandId: randomUUID() },
  };
}

/** Seals `count` events continuing `head` of `stream`. */
export function sealed(keyring: Keyring, stream: string, head: StreamHead | null, count: number, type = 'TestEvent'): Sealed[] {
  return sealEvents(
    keyring,
    stream,
    head,
    Array.from({ length: count }, (_, i) => draft(type, { i })),
  );
}

export const uniqueStream = (prefix = 'test'): string => `${prefix}-${randomUUID()}`;
