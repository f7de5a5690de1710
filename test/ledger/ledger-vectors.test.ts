import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { generateLedgerVectors, type LedgerVectors } from '../../scripts/generate-ledger-vectors';
import { canonicalJson } from '../../src/crypto/canonical-json';
import { publicKeyFromRaw } from '../../src/crypto/ed25519';
import { keyIdOf } from '../../src/crypto/key-id';
import { Keyring } from '../../src/crypto/keyring';
import { pae } from '../../src/crypto/pae';
import { EVENT_PAYLOAD_TYPE } from '../../src/ledger/event-body';
import { sealEvents } from '../../src/ledger/seal';
import { verifyRecordedEvent, type ChainCursor } from '../../src/ledger/verify-event';

/**
 * The committed vectors pin the ledger's byte format (docs/ledger-format.md). Every field is
 * recomputed twice: with our code, and independently (a separate RFC 8785 serialiser for the
 * JSON this ledger writes, node's SHA-256, a hand-built PAE, tweetnacl for Ed25519).
 */
const FILE = join(__dirname, '..', 'vectors', 'ledger-events.json');
const vectors = JSON.parse(readFileSync(FILE, 'utf8')) as LedgerVectors;

const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * An independent RFC 8785 serialiser for the values event bodies hold (no -0, no exotic
 * numbers): keys sorted by UTF-16 code units (§3.2.3), strings as ECMAScript JSON.stringify
 * escapes them (§3.2.2.2), numbers by ECMAScript Number::toString (§3.2.2.3).
 */
function independentJcs(value: unknown): string {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('not finite');
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(independentJcs).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${independentJcs(v)}`).join(',')}}`;
}

/** DSSE v1 PAE, written out by hand from the spec: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body. */
const handPae = (type: string, body: Buffer): Buffer =>
  Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(type, 'utf8')} ${type} ${body.length} `, 'utf8'), body]);

describe('ledger format test vectors (test/vectors/ledger-events.json)', () => {
  const seed = Buffer.from(vectors.ledgerKey.seedHex, 'hex');
  const pair = nacl.sign.keyPair.fromSeed(seed);

  it('is exactly what scripts/generate-ledger-vectors.ts produces (regenerating is a no-op)', () => {
    expect(JSON.parse(JSON.stringify(generateLedgerVectors()))).toEqual(vectors);
  });

  it('uses the documented payload type and a fixed test seed 0x01..0x20', () => {
    expect(vectors.payloadType).toBe('application/vnd.interview-ledger.event+json;v=1');
    expect(vectors.payloadType).toBe(EVENT_PAYLOAD_TYPE);
    expect([...seed]).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
  });

  it('publishes the ledger key tweetnacl derives from the seed, and its key id', () => {
    expect(vectors.ledgerKey.alg).toBe('Ed25519');
    expect(vectors.ledgerKey.publicKeyHex).toBe(Buffer.from(pair.publicKey).toString('hex'));
    expect(vectors.ledgerKey.publicKeyBase64).toBe(Buffer.from(pair.publicKey).toString('base64'));
    // Key id = "ed25519:" + first 8 bytes of SHA-256(raw public key), hex.
    expect(vectors.ledgerKey.kid).toBe(`ed25519:${sha256Hex(pair.publicKey).slice(0, 16)}`);
    expect(vectors.ledgerKey.kid).toBe(keyIdOf(pair.publicKey));
  });

  it('covers two events in one stream, then one in another', () => {
    expect(vectors.events.map((e) => [e.input.stream, e.input.head?.revision ?? null])).toEqual([
      ['interview-iv-2026-0001', null],
      ['interview-iv-2026-0001', 0],
      ['person-emp-0001', null],
    ]);
  });

  describe.each(vectors.events.map((e, i) => [i, e.name, e] as const))('event %i: %s', (index, _name, event) => {
    const { stream, head, draft } = event.input;
    const bodyBytes = Buffer.from(event.bodyHex, 'hex');
    const expectedBody = {
      v: 1,
      id: draft.id,
      stream,
      revision: head ? head.revision + 1 : 0,
      prev: head ? head.hash : null,
      type: draft.type,
      data: draft.data,
      meta: draft.meta,
    };

    it('body: the text and the hex are the same UTF-8 bytes', () => {
      expect(Buffer.from(event.body, 'utf8').equals(bodyBytes)).toBe(true);
    });

    it('body: holds exactly {v, id, stream, revision, prev, type, data, meta} from the inputs', () => {
      expect(JSON.parse(event.body)).toStrictEqual(expectedBody);
    });

    it('body: is the RFC 8785 canonical form (independent serialiser and ours agree)', () => {
      expect(event.body).toBe(independentJcs(expectedBody));
      expect(canonicalJson(expectedBody).equals(bodyBytes)).toBe(true);
    });

    it('body hash: SHA-256 of the body bytes, hex', () => {
      expect(event.bodySha256).toBe(sha256Hex(bodyBytes));
    });

    it("chain: prev is null at revision 0, else the previous event's body hash in the same stream", () => {
      const earlier = vectors.events.slice(0, index).filter((e) => e.input.stream === stream);
      const previous = earlier[earlier.length - 1];
      expect(JSON.parse(event.body).prev).toBe(previous ? previous.bodySha256 : null);
      expect(head).toEqual(previous ? { revision: JSON.parse(previous.body).revision, hash: previous.bodySha256 } : null);
    });

    it('PAE: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, built by hand and by pae()', () => {
      expect(event.paeHex).toBe(handPae(vectors.payloadType, bodyBytes).toString('hex'));
      expect(event.paeHex).toBe(pae(EVENT_PAYLOAD_TYPE, bodyBytes).toString('hex'));
    });

    it('signature: tweetnacl signs the PAE bytes to exactly this signature, and verifies it', () => {
      const paeBytes = Buffer.from(event.paeHex, 'hex');
      expect(Buffer.from(nacl.sign.detached(paeBytes, pair.secretKey)).toString('hex')).toBe(event.signatureHex);
      expect(nacl.sign.detached.verify(paeBytes, Buffer.from(event.signatureHex, 'hex'), pair.publicKey)).toBe(true);
      // The signature covers the PAE, not the bare body (domain separation).
      expect(nacl.sign.detached.verify(bodyBytes, Buffer.from(event.signatureHex, 'hex'), pair.publicKey)).toBe(false);
      expect(event.kid).toBe(vectors.ledgerKey.kid);
    });

    it('sealEvents reproduces body, hash, signature and kid from the inputs', () => {
      const keyring = Keyring.fromSeed(seed, '2026-01-01T00:00:00.000Z');
      const [sealed] = sealEvents(keyring, stream, head, [draft]);
      expect({
        stream: sealed!.stream,
        revision: sealed!.revision,
        type: sealed!.type,
        bodyHex: Buffer.from(sealed!.body).toString('hex'),
        hash: sealed!.hash,
        signatureHex: Buffer.from(sealed!.sig).toString('hex'),
        kid: sealed!.kid,
      }).toEqual({
        stream,
        revision: expectedBody.revision,
        type: draft.type,
        bodyHex: event.bodyHex,
        hash: event.bodySha256,
        signatureHex: event.signatureHex,
        kid: event.kid,
      });
    });
  });

  it('docs/ledger-format.md carries the third vector, unchanged, as its worked example', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'ledger-format.md'), 'utf8');
    const compact = doc.replace(/\s+/g, '');
    const example = vectors.events[2]!;
    expect(doc).toContain(example.body);
    expect(doc).toContain(example.bodySha256);
    expect(compact).toContain(example.bodyHex);
    expect(compact).toContain(example.signatureHex);
    expect(compact).toContain(example.paeHex.slice(0, 124)); // the 62-byte PAE prefix
    expect(doc).toContain(vectors.ledgerKey.publicKeyHex);
    expect(doc).toContain(vectors.ledgerKey.publicKeyBase64);
    expect(doc).toContain(vectors.ledgerKey.kid);
    expect(doc).toContain(vectors.events[1]!.input.head!.hash);
  });

  it('verifyRecordedEvent accepts each stream of vectors as stored, under the published key only', () => {
    const published = publicKeyFromRaw(Buffer.from(vectors.ledgerKey.publicKeyBase64, 'base64'));
    const cursors = new Map<string, ChainCursor>();
    vectors.events.forEach((event, i) => {
      const body = JSON.parse(event.body) as { stream: string; revision: number; type: string };
      const recorded = {
        position: String(i + 1),
        stream: body.stream,
        revision: body.revision,
        type: body.type,
        body: Buffer.from(event.bodyHex, 'hex'),
        kid: event.kid,
        sig: Buffer.from(event.signatureHex, 'hex'),
      };
      const { cursor } = verifyRecordedEvent(recorded, cursors.get(body.stream) ?? null, (kid) =>
        kid === vectors.ledgerKey.kid ? published : undefined,
      );
      expect(cursor).toEqual({ revision: body.revision, hash: event.bodySha256 });
      cursors.set(body.stream, cursor);
    });
  });
});
