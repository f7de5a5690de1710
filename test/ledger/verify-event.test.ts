import { canonicalJson } from '../../src/crypto/canonical-json';
import { ed25519Sign } from '../../src/crypto/ed25519';
import { Keyring } from '../../src/crypto/keyring';
import { pae } from '../../src/crypto/pae';
import { sha256Hex } from '../../src/crypto/sha256';
import { EVENT_PAYLOAD_TYPE } from '../../src/ledger/event-body';
import { sealEvents, type Sealed } from '../../src/ledger/seal';
import { EventVerificationError, verifyRecordedEvent, type ChainCursor, type EventFault } from '../../src/ledger/verify-event';
import type { RecordedEvent } from '../../src/store/event-store';
import { draft, sealed, testKeyring } from '../support/sealed';

const STREAM = 'interview-verify-1';
const ledgerKeys = testKeyring();
const otherKeys = Keyring.fromSeed(Buffer.alloc(32, 9), '2026-01-01T00:00:00.000Z');
const keyFor = (kid: string) => ledgerKeys.publicKey(kid);

const record = (event: Sealed, position = String(event.revision + 1)): RecordedEvent => ({
  position,
  stream: event.stream,
  revision: event.revision,
  type: event.type,
  body: Buffer.from(event.body),
  kid: event.kid,
  sig: Buffer.from(event.sig),
});

/** Verifies a whole stream in order, as Ledger.readStreamVerified does. */
function verifyChain(events: readonly RecordedEvent[], keys = keyFor): ChainCursor | null {
  let cursor: ChainCursor | null = null;
  for (const event of events) cursor = verifyRecordedEvent(event, cursor, keys).cursor;
  return cursor;
}

/** The fault the verifier names, or 'accepted'. */
function faultOf(
  event: RecordedEvent,
  previous: ChainCursor | null,
  keys = keyFor,
  options?: { checkSignature?: boolean },
): EventFault | 'accepted' {
  try {
    verifyRecordedEvent(event, previous, keys, options);
    return 'accepted';
  } catch (error) {
    if (error instanceof EventVerificationError) return error.fault;
    throw error;
  }
}

/** Re-signs arbitrary body bytes with the given keyring, as a forger with that key would. */
const signedBody = (base: RecordedEvent, body: Buffer, keys: Keyring = ledgerKeys): RecordedEvent => {
  const { kid, key } = keys.signingKey();
  return { ...base, body, kid, sig: ed25519Sign(pae(EVENT_PAYLOAD_TYPE, body), key) };
};

const withBody = (base: RecordedEvent, patch: Record<string, unknown>, keys: Keyring = ledgerKeys): RecordedEvent => {
  const parsed = JSON.parse(Buffer.from(base.body).toString('utf8')) as Record<string, unknown>;
  return signedBody(base, canonicalJson({ ...parsed, ...patch }), keys);
};

describe('verifyRecordedEvent', () => {
  const chain = sealed(ledgerKeys, STREAM, null, 3).map((e) => record(e));
  const [e0, e1, e2] = chain as [RecordedEvent, RecordedEvent, RecordedEvent];
  const c0 = (): ChainCursor => verifyRecordedEvent(e0, null, keyFor).cursor;
  const c1 = (): ChainCursor => verifyRecordedEvent(e1, c0(), keyFor).cursor;

  describe('accepts', () => {
    it('a sealed chain, returning each body and the cursor (revision, SHA-256 of the body bytes)', () => {
      let cursor: ChainCursor | null = null;
      chain.forEach((event, i) => {
        const result = verifyRecordedEvent(event, cursor, keyFor);
        expect(result.body).toMatchObject({ v: 1, stream: STREAM, revision: i, type: 'TestEvent', data: { i } });
        expect(result.body.prev).toBe(i === 0 ? null : sha256Hex(chain[i - 1]!.body));
        expect(result.cursor).toEqual({ revision: i, hash: sha256Hex(event.body) });
        cursor = result.cursor;
      });
    });

    it('a chain that continues across appends and across a key rotation (old kid still known)', () => {
      const rotated = Keyring.fromSeed(Buffer.alloc(32, 8), '2026-06-01T00:00:00.000Z', ledgerKeys.published);
      const head = { revision: 2, hash: sha256Hex(e2.body) };
      const later = sealEvents(rotated, STREAM, head, [draft('TestEvent', { after: 'rotation' })]).map((e) => record(e));
      expect(later[0]!.kid).not.toBe(e0.kid);
      expect(verifyChain([...chain, ...later], (kid) => rotated.publicKey(kid))).toEqual({ revision: 3, hash: sha256Hex(later[0]!.body) });
    });
  });

  describe('rejects, naming the fault', () => {
    it('BAD_SIGNATURE: one flipped byte inside the body (still valid JSON)', () => {
      const text = Buffer.from(e1.body).toString('utf8');
      const at = text.indexOf('"tester"') + 1; // the actor's name
      const body = Buffer.from(e1.body);
      body[at] = 'u'.charCodeAt(0);
      expect(() => JSON.parse(body.toString('utf8'))).not.toThrow();
      expect(faultOf({ ...e1, body }, c0())).toBe('BAD_SIGNATURE');
    });

    it('BAD_SIGNATURE: one flipped bit in the signature, first or last byte', () => {
      for (const index of [0, 63]) {
        const sig = Buffer.from(e1.sig);
        sig[index]! ^= 0x80;
        expect(faultOf({ ...e1, sig }, c0())).toBe('BAD_SIGNATURE');
      }
    });

    it('BAD_SIGNATURE: a signature of the wrong length', () => {
      expect(faultOf({ ...e1, sig: Buffer.from(e1.sig).subarray(0, 63) }, c0())).toBe('BAD_SIGNATURE');
      expect(faultOf({ ...e1, sig: Buffer.alloc(0) }, c0())).toBe('BAD_SIGNATURE');
    });

    it("BAD_SIGNATURE: a body re-signed with another key but claiming the ledger's kid", () => {
      const forged = withBody(e1, { data: { i: 100 } }, otherKeys);
      expect(faultOf({ ...forged, kid: e1.kid }, c0())).toBe('BAD_SIGNATURE');
    });

    it('BAD_SIGNATURE: the signature of the bare body, without the PAE (no domain separation)', () => {
      const sig = ed25519Sign(e1.body, ledgerKeys.signingKey().key);
      expect(faultOf({ ...e1, sig }, c0())).toBe('BAD_SIGNATURE');
    });

    it('BAD_SIGNATURE: a signature moved from another event', () => {
      expect(faultOf({ ...e1, sig: e2.sig }, c0())).toBe('BAD_SIGNATURE');
    });

    it('UNKNOWN_KEY: a kid the ring does not hold (e.g. a body re-signed with a foreign key under its own kid)', () => {
      expect(faultOf(withBody(e1, {}, otherKeys), c0())).toBe('UNKNOWN_KEY');
      expect(faultOf({ ...e1, kid: 'ed25519:0000000000000000' }, c0())).toBe('UNKNOWN_KEY');
    });

    it('CHAIN_REVISION: a gap (revision 1 deleted: 2 follows 0)', () => {
      expect(faultOf(e2, c0())).toBe('CHAIN_REVISION');
    });

    it('CHAIN_REVISION: a replay of an earlier event, and a stream not starting at 0', () => {
      expect(faultOf(e1, c1())).toBe('CHAIN_REVISION');
      expect(faultOf(e1, null)).toBe('CHAIN_REVISION');
    });

    it('CHAIN_PREV: the next revision from another chain of the same stream name', () => {
      const impostor = sealed(ledgerKeys, STREAM, null, 2).map((e) => record(e));
      expect(faultOf(impostor[1]!, c0())).toBe('CHAIN_PREV');
    });

    it('CHAIN_PREV: a signed first event whose prev is not null', () => {
      const [first] = sealEvents(ledgerKeys, STREAM, { revision: -1, hash: sha256Hex(e0.body) }, [draft('TestEvent')]);
      expect(first!.revision).toBe(0);
      expect(faultOf(record(first!), null)).toBe('CHAIN_PREV');
    });

    it('CHAIN_PREV: a signed body with the right revision but a wrong prev', () => {
      expect(faultOf(withBody(e1, { prev: sha256Hex(e2.body) }), c0())).toBe('CHAIN_PREV');
    });

    it('ENVELOPE_MISMATCH: the stored type, stream or revision differs from the signed body', () => {
      expect(faultOf({ ...e1, type: 'OtherEvent' }, c0())).toBe('ENVELOPE_MISMATCH');
      expect(faultOf({ ...e1, stream: 'interview-elsewhere' }, c0())).toBe('ENVELOPE_MISMATCH');
      expect(faultOf({ ...e1, revision: 2 }, c0())).toBe('ENVELOPE_MISMATCH');
    });

    it('BODY_NOT_JSON: body bytes that do not parse, even when validly signed', () => {
      expect(faultOf(signedBody(e1, Buffer.from('{"v":1,', 'utf8')), c0())).toBe('BODY_NOT_JSON');
      expect(faultOf({ ...e1, body: Buffer.from(e1.body).subarray(0, 20) }, c0())).toBe('BODY_NOT_JSON');
    });

    it('BODY_VERSION: a validly signed body of another version, or JSON that is not an object', () => {
      expect(faultOf(withBody(e1, { v: 2 }), c0())).toBe('BODY_VERSION');
      expect(faultOf(signedBody(e1, Buffer.from('null')), c0())).toBe('BODY_VERSION');
      expect(faultOf(signedBody(e1, Buffer.from('[1]')), c0())).toBe('BODY_VERSION');
    });

    it('the error names stream, revision, position and fault', () => {
      const bad = { ...e1, position: '42', sig: Buffer.alloc(64) };
      let error: unknown;
      try {
        verifyRecordedEvent(bad, c0(), keyFor);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(EventVerificationError);
      expect(error).toMatchObject({ name: 'EventVerificationError', fault: 'BAD_SIGNATURE', stream: STREAM, revision: 1, position: '42' });
      expect((error as Error).message).toBe(
        `event ${STREAM}@1 (position 42): BAD_SIGNATURE: Ed25519 signature by ${e1.kid} does not match the body bytes`,
      );
    });
  });

  describe('checkSignature: false (trusted local replay)', () => {
    it('skips the signature but still checks envelope and chain', () => {
      expect(faultOf({ ...e1, sig: Buffer.alloc(64) }, c0(), keyFor, { checkSignature: false })).toBe('accepted');
      expect(faultOf({ ...e1, kid: 'ed25519:unknown' }, c0(), keyFor, { checkSignature: false })).toBe('accepted');
      expect(faultOf(e2, c0(), keyFor, { checkSignature: false })).toBe('CHAIN_REVISION');
      expect(faultOf({ ...e1, type: 'OtherEvent' }, c0(), keyFor, { checkSignature: false })).toBe('ENVELOPE_MISMATCH');
    });
  });
});
