import { canonicalJson } from '../../src/crypto/canonical-json';
import { ed25519Sign } from '../../src/crypto/ed25519';
import { Keyring } from '../../src/crypto/keyring';
import { pae } from '../../src/crypto/pae';
import { sha256Hex } from '../../src/crypto/sha256';
import { EVENT_PAYLOAD_TYPE } from '../../src/ledger/event-body';
import { EventVerificationError, verifyRecordedEvent, type ChainCursor, type EventFault } from '../../src/ledger/verify-event';
import { verifyLedger } from '../../src/ledger/verify-ledger';
import type { EventStore, RecordedEvent } from '../../src/store/event-store';
import { sealed, testKeyring } from '../support/sealed';

/**
 * Whole-ledger verification and single-event verification apply one set of rules
 * (src/ledger/event-checks.ts): on any log, verifyLedger names the first fault exactly as
 * verifyRecordedEvent, walked stream by stream in commit order, does — on the calling thread
 * and through the signature workers alike.
 */
const keys = testKeyring();
const otherKeys = Keyring.fromSeed(Buffer.alloc(32, 9), '2026-01-01T00:00:00.000Z');
const keyFor = (kid: string) => keys.publicKey(kid);

const record = (e: { stream: string; revision: number; type: string; body: Uint8Array; kid: string; sig: Uint8Array }): RecordedEvent => ({
  position: '?',
  stream: e.stream,
  revision: e.revision,
  type: e.type,
  body: Buffer.from(e.body),
  kid: e.kid,
  sig: Buffer.from(e.sig),
});
const a = sealed(keys, 'interview-a', null, 3).map(record);
const b = sealed(keys, 'interview-b', null, 3).map(record);
const [a0, a1, a2] = a as [RecordedEvent, RecordedEvent, RecordedEvent];
const [b0, b1, b2] = b as [RecordedEvent, RecordedEvent, RecordedEvent];
const good = [a0, b0, a1, b1, a2, b2];

/** Re-signs `base` with its body patched, as a forger holding `signer` would. */
function forged(base: RecordedEvent, patch: Record<string, unknown>, signer: Keyring = keys): RecordedEvent {
  const body = canonicalJson({ ...(JSON.parse(Buffer.from(base.body).toString('utf8')) as object), ...patch });
  const { kid, key } = signer.signingKey();
  return { ...base, body, kid, sig: ed25519Sign(pae(EVENT_PAYLOAD_TYPE, body), key) };
}
const flipped = (bytes: Uint8Array, at = 0): Buffer => {
  const out = Buffer.from(bytes);
  out[at] = out[at]! ^ 1;
  return out;
};

/** A read-only log of exactly these events in this order, at positions 1, 2, … */
function logOf(events: readonly RecordedEvent[]): { store: EventStore; events: RecordedEvent[] } {
  const positioned = events.map((e, i) => ({ ...e, position: String(i + 1) }));
  const store = {
    name: 'array',
    readAll: async ({ after = null, maxCount = Number.MAX_SAFE_INTEGER }: { after?: string | null; maxCount?: number } = {}) => {
      const from = after === null ? 0 : Number(after);
      return positioned.slice(from, from + maxCount);
    },
  } as unknown as EventStore;
  return { store, events: positioned };
}

type Finding = { position: string; fault: EventFault; detail: string } | null;

/** The first fault verifyRecordedEvent names, walking each stream's chain in commit order. */
function perEvent(events: readonly RecordedEvent[]): Finding {
  const cursors = new Map<string, ChainCursor>();
  for (const event of events) {
    try {
      cursors.set(event.stream, verifyRecordedEvent(event, cursors.get(event.stream) ?? null, keyFor).cursor);
    } catch (error) {
      if (!(error instanceof EventVerificationError)) throw error;
      return { position: error.position, fault: error.fault, detail: error.detail };
    }
  }
  return null;
}

const cases: ReadonlyArray<[string, RecordedEvent[], EventFault | null]> = [
  ['a good log of two interleaved streams', good, null],
  ['a gap: a1 deleted', [a0, b0, b1, a2, b2], 'CHAIN_REVISION'],
  ['two events missing before one', [a0, b0, a2], 'CHAIN_REVISION'],
  ['a replay: a1 twice', [a0, b0, a1, a1, b1], 'CHAIN_REVISION'],
  ['a reorder: a1 before a0', [a1, a0, b0], 'CHAIN_REVISION'],
  ['a stream that does not start at 0', [b1, b2], 'CHAIN_REVISION'],
  ['a re-signed a1 whose prev is b0', [a0, b0, forged(a1, { prev: sha256Hex(b0.body) }), b1], 'CHAIN_PREV'],
  ['a re-signed first event with a prev', [forged(a0, { prev: sha256Hex(b0.body) })], 'CHAIN_PREV'],
  ['b1 relabelled with another type', [a0, b0, a1, { ...b1, type: 'OtherEvent' }], 'ENVELOPE_MISMATCH'],
  ['a2 moved into stream b', [a0, b0, a1, b1, b2, { ...a2, stream: 'interview-b', revision: 3 }], 'ENVELOPE_MISMATCH'],
  ['a body of another version', [a0, forged(b0, { v: 2 })], 'BODY_VERSION'],
  ['a flipped signature bit', [a0, b0, { ...a1, sig: flipped(a1.sig) }, b1], 'BAD_SIGNATURE'],
  ['a changed body byte', [a0, { ...b0, body: flipped(b0.body, 40) }], 'BAD_SIGNATURE'],
  ['a short signature', [a0, { ...b0, sig: b0.sig.subarray(0, 63) }], 'BAD_SIGNATURE'],
  ['body bytes that are not JSON', [a0, { ...b0, body: Buffer.from('{"v":1,') }], 'BODY_NOT_JSON'],
  ['an event signed by an unknown key', [a0, b0, forged(a1, {}, otherKeys)], 'UNKNOWN_KEY'],
  [
    'a bad signature on an event that also breaks the chain (the signature is named)',
    [a0, b0, { ...a2, sig: flipped(a2.sig) }],
    'BAD_SIGNATURE',
  ],
  ['a bad signature after a chain fault (the earlier fault is named)', [a0, b0, a2, { ...b1, sig: flipped(b1.sig) }], 'CHAIN_REVISION'],
];

describe.each([0, 1])('verifyLedger with %i signature workers names what verifyRecordedEvent names', (workers) => {
  it.each(cases)('%s', async (_name, events, fault) => {
    const log = logOf(events);
    const expected = perEvent(log.events);
    expect(expected?.fault ?? null).toBe(fault);
    const report = await verifyLedger(log.store, keyFor, { workers, pageSize: 3, batchSize: 2 });
    if (expected === null) {
      expect(report).toMatchObject({ ok: true, events: events.length, streams: 2 });
      return;
    }
    expect(report.ok).toBe(false);
    const { position, fault: named, detail } = report.firstFailure!;
    expect({ position, fault: named, detail }).toEqual(expected);
    expect(report.events).toBe(Number(expected.position) - 1);
  });
});

describe('the chain rule, as both verifiers word it', () => {
  it('says what is missing or repeated', () => {
    expect(perEvent(logOf([a0, a2]).events)?.detail).toBe(
      'expected revision 1, found 2: revision 1 is missing before it (deleted, or moved later in the log)',
    );
    expect(perEvent(logOf([b1, b2]).events)?.detail).toBe(
      'expected revision 0, found 1: revision 0 is missing before it (deleted, or moved later in the log)',
    );
    expect(perEvent(logOf([a0, b0, a1, a1]).events)?.detail).toBe(
      'expected revision 2, found 1: a duplicated, replayed or reordered event',
    );
    expect(perEvent(logOf([{ ...a1, type: 'Other' }]).events)?.detail).toBe(
      'the envelope differs from the signed body: type stored as "Other", signed as "TestEvent"',
    );
  });
});
