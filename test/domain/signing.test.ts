import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { generateSigningVectors, type SigningVectors } from '../../scripts/generate-signing-vectors';
import { canonicalJson } from '../../src/crypto/canonical-json';
import { ed25519Verify, publicKeyFromRaw } from '../../src/crypto/ed25519';
import { keyIdOf } from '../../src/crypto/key-id';
import { pae } from '../../src/crypto/pae';
import { evolve, initialState, type Interview, type InterviewEvent } from '../../src/domain/interview/interview';
import {
  contentDigest,
  contentDigestOf,
  decodeFixedBase64,
  SIGNATURE_PAYLOAD_TYPE,
  signedContent,
  signedContentBytes,
  signerKeyId,
  signingMessage,
  signingPayload,
  type SignedContent,
} from '../../src/domain/interview/signing';

/**
 * The committed vectors pin the signing message (src/domain/interview/signing.ts). Every
 * field is recomputed with our code and independently: an RFC 8785 serialiser written here,
 * node's SHA-256, PAE built by hand from the DSSE spec, tweetnacl for Ed25519.
 */
const FILE = join(__dirname, '..', 'vectors', 'signing-message.json');
const file = JSON.parse(readFileSync(FILE, 'utf8')) as SigningVectors;

const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const utf8 = (text: string) => Buffer.from(text, 'utf8');

/** RFC 8785 for the values these vectors hold: keys by UTF-16 code units (§3.2.3), JSON.stringify strings, Number#toString numbers. */
function independentJcs(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(independentJcs).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${independentJcs(v)}`).join(',')}}`;
}

const handPae = (type: string, body: Buffer): Buffer => Buffer.concat([utf8(`DSSEv1 ${utf8(type).length} ${type} ${body.length} `), body]);

describe('signing message test vectors (test/vectors/signing-message.json)', () => {
  const seed = Buffer.from(file.signerKey.seedHex, 'hex');
  const pair = nacl.sign.keyPair.fromSeed(seed);

  it('is exactly what scripts/generate-signing-vectors.ts produces (regenerating is a no-op)', () => {
    expect(JSON.parse(JSON.stringify(generateSigningVectors()))).toEqual(file);
  });

  it('uses the documented payload type, a fixed test seed 0x21..0x40, and the key tweetnacl derives from it', () => {
    expect(file.payloadType).toBe('application/vnd.interview-ledger.signature+json;v=1');
    expect(SIGNATURE_PAYLOAD_TYPE).toBe(file.payloadType);
    expect([...seed]).toEqual(Array.from({ length: 32 }, (_, i) => i + 0x21));
    expect(Buffer.from(pair.publicKey).toString('hex')).toBe(file.signerKey.publicKeyHex);
    expect(Buffer.from(pair.publicKey).toString('base64')).toBe(file.signerKey.publicKeyBase64);
    expect(file.signerKey.kid).toBe(`ed25519:${sha256Hex(pair.publicKey).slice(0, 16)}`);
  });

  it('covers each role, and two roles over one digest', () => {
    expect(file.vectors.map((v) => v.input.role)).toEqual(['employee', 'manager', 'participant']);
    expect(file.vectors[0]!.contentDigest).toBe(file.vectors[1]!.contentDigest);
    expect(file.vectors[0]!.messageHex).not.toBe(file.vectors[1]!.messageHex);
  });

  describe.each(file.vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const { content, role, signerId } = v.input;
    const claim = { interviewId: content.interviewId, version: content.version, contentDigest: v.contentDigest, role, signerId };

    it('canonical content: ours, the ledger serialiser and an independent one agree', () => {
      expect(Buffer.from(signedContentBytes(content)).toString('utf8')).toBe(v.contentJcs);
      expect(canonicalJson(content).toString('utf8')).toBe(v.contentJcs);
      expect(independentJcs(content)).toBe(v.contentJcs);
    });

    it('content digest = hex SHA-256 of the canonical content', () => {
      expect(sha256Hex(utf8(v.contentJcs))).toBe(v.contentDigest);
      expect(contentDigestOf(content)).toBe(v.contentDigest);
    });

    it('payload = canonical claim { contentDigest, interviewId, role, signerId, version }', () => {
      expect(v.payload).toBe(
        `{"contentDigest":"${v.contentDigest}","interviewId":"${content.interviewId}","role":"${role}","signerId":"${signerId}","version":${content.version}}`,
      );
      expect(Buffer.from(signingPayload(claim)).toString('utf8')).toBe(v.payload);
    });

    it('message = PAE(payload type, payload), built three ways', () => {
      const expected = handPae(file.payloadType, utf8(v.payload)).toString('hex');
      expect(v.messageHex).toBe(expected);
      expect(Buffer.from(signingMessage(claim)).toString('hex')).toBe(expected);
      expect(pae(SIGNATURE_PAYLOAD_TYPE, utf8(v.payload)).toString('hex')).toBe(expected);
      expect(Buffer.from(v.messageHex, 'hex').subarray(0, 62).toString('utf8')).toBe(
        'DSSEv1 51 application/vnd.interview-ledger.signature+json;v=1 ',
      );
    });

    it('signature: tweetnacl makes the same bytes node signed, and both verify it', () => {
      const message = Buffer.from(v.messageHex, 'hex');
      const signature = Buffer.from(v.signatureHex, 'hex');
      expect(Buffer.from(nacl.sign.detached(message, pair.secretKey)).toString('hex')).toBe(v.signatureHex);
      expect(signature.toString('base64')).toBe(v.signatureBase64);
      expect(nacl.sign.detached.verify(message, signature, pair.publicKey)).toBe(true);
      expect(ed25519Verify(message, signature, publicKeyFromRaw(pair.publicKey))).toBe(true);
    });
  });
});

describe('signing.ts', () => {
  const vector = file.vectors[0]!;
  const content = vector.input.content;
  const claim = {
    interviewId: content.interviewId,
    version: content.version,
    contentDigest: vector.contentDigest,
    role: 'employee',
    signerId: 'emp-0001',
  };

  it('binds every claim field: changing any one changes the message', () => {
    const base = Buffer.from(signingMessage(claim)).toString('hex');
    const variants = [
      { ...claim, interviewId: 'iv-2026-0009' },
      { ...claim, version: 4 },
      { ...claim, contentDigest: 'f'.repeat(64) },
      { ...claim, role: 'manager' },
      { ...claim, signerId: 'emp-0002' },
    ];
    for (const variant of variants) expect(Buffer.from(signingMessage(variant)).toString('hex')).not.toBe(base);
  });

  it.each([
    ['an empty interviewId', { interviewId: '' }, /interviewId/],
    ['a version of 0', { version: 0 }, /version/],
    ['a fractional version', { version: 1.5 }, /version/],
    ['an uppercase digest', { contentDigest: 'F'.repeat(64) }, /contentDigest/],
    ['a short digest', { contentDigest: 'ab' }, /contentDigest/],
    ['an empty role', { role: '' }, /role/],
    ['a missing signer', { signerId: undefined }, /signerId/],
  ])('refuses to build a message from a claim with %s', (_case, change, error) => {
    expect(() => signingMessage({ ...claim, ...change } as typeof claim)).toThrow(error);
  });

  it('digests a state exactly as the content built from it, ignoring state beyond the documented fields', () => {
    const events: InterviewEvent[] = [
      {
        type: 'InterviewScheduled',
        data: { interviewId: content.interviewId, templateId: content.templateId, version: 1, ...content.basic },
      },
      {
        type: 'InterviewSectionEdited',
        data: { interviewId: content.interviewId, version: 2, section: 'goalReview', content: content.sections.goalReview! },
      },
      {
        type: 'InterviewSectionEdited',
        data: { interviewId: content.interviewId, version: 3, section: 'remarks', content: content.sections.remarks! },
      },
    ];
    const state = events.reduce((s: Interview, e) => evolve(s, e, '2026-07-01T00:00:00.000Z'), initialState());
    if (state.status === 'none') throw new Error('no state');
    expect(signedContent(state)).toEqual(content);
    expect(contentDigest(state)).toBe(vector.contentDigest);
    // Signatures, addenda and times are not content: the digest does not move with them.
    expect(contentDigest({ ...state, updatedAt: '2030-01-01T00:00:00.000Z', lockedAt: '2030-01-01T00:00:00.000Z' } as typeof state)).toBe(
      vector.contentDigest,
    );
    expect(Object.keys(signedContent({ ...state, basic: { ...state.basic, extra: 1 } as typeof state.basic }).basic)).not.toContain(
      'extra',
    );
  });

  it.each([
    ['an undefined member', { note: undefined }],
    ['a sparse array', { items: [1, , 3] }], // eslint-disable-line no-sparse-arrays
    ['a Date', { at: new Date(0) }],
    ['NaN', { score: Number.NaN }],
  ])('refuses content holding %s rather than digest bytes a signer never saw', (_case, section) => {
    const bad = { ...content, sections: { remarks: section } } as unknown as SignedContent;
    expect(() => contentDigestOf(bad)).toThrow(TypeError);
  });

  it('computes kids as src/crypto/key-id.ts does', () => {
    for (let i = 0; i < 20; i++) {
      const key = nacl.randomBytes(32);
      expect(signerKeyId(key)).toBe(keyIdOf(key));
    }
    expect(() => signerKeyId(new Uint8Array(31))).toThrow(/32 bytes/);
  });

  it('decodes base64 only when it is canonical and of the exact length', () => {
    const sig = Buffer.from(vector.signatureHex, 'hex');
    expect(Buffer.from(decodeFixedBase64(sig.toString('base64'), 64)!)).toEqual(sig);
    expect(decodeFixedBase64(sig.toString('base64'), 32)).toBeNull();
    expect(decodeFixedBase64(sig.toString('base64').replace(/=+$/, ''), 64)).toBeNull();
    expect(decodeFixedBase64(sig.toString('base64url'), 64)).toBeNull();
    expect(decodeFixedBase64(42, 64)).toBeNull();
  });
});
