import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import nacl from 'tweetnacl';
import { ed25519Sign, ed25519Verify, privateKeyFromSeed, publicKeyFromRaw, rawPublicKey } from '../../src/crypto/ed25519';
import { keyIdOf } from '../../src/crypto/key-id';

const hex = (h: string): Buffer => Buffer.from(h, 'hex');

/** RFC 8032 §7.1, "Test Vectors for Ed25519": TEST 1, TEST 2 and TEST 3 (SECRET KEY is the 32-byte seed). */
const RFC8032_VECTORS = [
  {
    name: 'TEST 1 (empty message)',
    seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature:
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155' +
      '5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    name: 'TEST 2 (1-byte message)',
    seed: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    publicKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature:
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da' +
      '085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    name: 'TEST 3 (2-byte message)',
    seed: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    publicKey: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    message: 'af82',
    signature:
      '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac' +
      '18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
];

/** The group order L of edwards25519 (RFC 8032 §5.1). */
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

const leToBigInt = (bytes: Uint8Array): bigint => bytes.reduceRight((acc, b) => (acc << 8n) | BigInt(b), 0n);
const bigIntToLe = (value: bigint, length: number): Buffer => {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = Number((value >> BigInt(8 * i)) & 0xffn);
  return out;
};

/**
 * Runs tweetnacl over many cases in a plain Node process. Inside jest's vm sandbox every
 * `new Float64Array` in tweetnacl's field arithmetic is a slow global lookup (about 7× slower),
 * which would make 50 cases take 15 s; outside it they take about 1 s. Same library, same bytes.
 */
function tweetnaclOutsideJest(
  cases: ReadonlyArray<{ seed: Buffer; message: Buffer; signature: Buffer; flipped: Buffer }>,
): Array<{ publicKey: string; signature: string; acceptsNode: boolean; acceptsFlipped: boolean }> {
  const script = `
    const nacl = require(process.argv[1]);
    const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
    const b = (h) => Buffer.from(h, 'hex');
    const h = (u) => Buffer.from(u).toString('hex');
    process.stdout.write(JSON.stringify(cases.map((c) => {
      const pair = nacl.sign.keyPair.fromSeed(b(c.seed));
      return {
        publicKey: h(pair.publicKey),
        signature: h(nacl.sign.detached(b(c.message), pair.secretKey)),
        acceptsNode: nacl.sign.detached.verify(b(c.message), b(c.signature), pair.publicKey),
        acceptsFlipped: nacl.sign.detached.verify(b(c.message), b(c.flipped), pair.publicKey),
      };
    })));`;
  const input = JSON.stringify(
    cases.map((c) => ({
      seed: c.seed.toString('hex'),
      message: c.message.toString('hex'),
      signature: c.signature.toString('hex'),
      flipped: c.flipped.toString('hex'),
    })),
  );
  return JSON.parse(
    execFileSync(process.execPath, ['-e', script, require.resolve('tweetnacl')], { input, encoding: 'utf8' }),
  ) as ReturnType<typeof tweetnaclOutsideJest>;
}

describe('Ed25519 through node:crypto (RFC 8032)', () => {
  describe.each(RFC8032_VECTORS)('RFC 8032 §7.1 $name', (v) => {
    const key = privateKeyFromSeed(hex(v.seed));

    it('derives the published public key from the seed (§5.1.5)', () => {
      expect(rawPublicKey(key).toString('hex')).toBe(v.publicKey);
    });

    it('produces the published signature, byte for byte (§5.1.6: Ed25519 is deterministic)', () => {
      expect(ed25519Sign(hex(v.message), key).toString('hex')).toBe(v.signature);
    });

    it('accepts the published signature under the raw public key (§5.1.7)', () => {
      expect(ed25519Verify(hex(v.message), hex(v.signature), publicKeyFromRaw(hex(v.publicKey)))).toBe(true);
    });

    it('rejects the published signature over another message', () => {
      expect(ed25519Verify(Buffer.concat([hex(v.message), Buffer.from([0])]), hex(v.signature), publicKeyFromRaw(hex(v.publicKey)))).toBe(
        false,
      );
    });
  });

  it('agrees with the same vectors computed by tweetnacl (independent implementation)', () => {
    for (const v of RFC8032_VECTORS) {
      const pair = nacl.sign.keyPair.fromSeed(hex(v.seed));
      expect(Buffer.from(pair.publicKey).toString('hex')).toBe(v.publicKey);
      expect(Buffer.from(nacl.sign.detached(hex(v.message), pair.secretKey)).toString('hex')).toBe(v.signature);
    }
  });

  describe('node:crypto and tweetnacl are interchangeable (property, 50 random seeds and messages)', () => {
    const cases = Array.from({ length: 50 }, (_, i) => {
      const seed = randomBytes(32);
      // Lengths 0..1023, plus a few around SHA-512's 128-byte block boundary.
      const message = randomBytes(i < 4 ? [0, 127, 128, 129][i]! : randomInt(0, 1024));
      const key = privateKeyFromSeed(seed);
      const signature = ed25519Sign(message, key);
      const flippedBit = randomInt(0, 512);
      const flipped = Buffer.from(signature);
      flipped[flippedBit >> 3]! ^= 1 << (flippedBit & 7);
      return { seed, message, publicKey: rawPublicKey(key), signature, flippedBit, flipped };
    });
    let nacl50: ReturnType<typeof tweetnaclOutsideJest> = [];
    beforeAll(() => {
      nacl50 = tweetnaclOutsideJest(cases);
      expect(nacl50).toHaveLength(cases.length);
    });

    it('derive the same public key and byte-identical signatures', () => {
      cases.forEach((c, i) => {
        const label = `seed ${c.seed.toString('hex')}, message ${c.message.toString('hex')}`;
        expect({ label, publicKey: c.publicKey.toString('hex'), signature: c.signature.toString('hex') }).toEqual({
          label,
          publicKey: nacl50[i]!.publicKey,
          signature: nacl50[i]!.signature,
        });
      });
    });

    it("each accepts the other's signatures", () => {
      cases.forEach((c, i) => {
        const label = `seed ${c.seed.toString('hex')}`;
        expect({ label, naclAcceptsNode: nacl50[i]!.acceptsNode }).toEqual({ label, naclAcceptsNode: true });
        const nodeAcceptsNacl = ed25519Verify(c.message, hex(nacl50[i]!.signature), publicKeyFromRaw(hex(nacl50[i]!.publicKey)));
        expect({ label, nodeAcceptsNacl }).toEqual({ label, nodeAcceptsNacl: true });
      });
    });

    it('both reject a signature with one flipped bit, wherever the bit is (R half or S half)', () => {
      cases.forEach((c, i) => {
        const label = `seed ${c.seed.toString('hex')}, bit ${c.flippedBit}`;
        expect({ label, node: ed25519Verify(c.message, c.flipped, publicKeyFromRaw(c.publicKey)) }).toEqual({ label, node: false });
        expect({ label, nacl: nacl50[i]!.acceptsFlipped }).toEqual({ label, nacl: false });
      });
    });
  });

  describe('rejections', () => {
    const seed = hex(RFC8032_VECTORS[1]!.seed);
    const key = privateKeyFromSeed(seed);
    const publicKey = publicKeyFromRaw(rawPublicKey(key));
    const message = Buffer.from('绩效面谈', 'utf8');
    const sig = ed25519Sign(message, key);

    it('accepts the untouched signature (control)', () => {
      expect(ed25519Verify(message, sig, publicKey)).toBe(true);
    });

    it.each([0, 1, 31, 32, 63])('rejects a flipped low bit in signature byte %i', (index) => {
      const bad = Buffer.from(sig);
      bad[index]! ^= 0x01;
      expect(ed25519Verify(message, bad, publicKey)).toBe(false);
    });

    it.each([0, 63, 65, 128])('returns false (does not throw) for a signature of %i bytes', (length) => {
      const wrong = Buffer.concat([sig, Buffer.alloc(64)]).subarray(0, length);
      expect(ed25519Verify(message, wrong, publicKey)).toBe(false);
    });

    it('returns false for a signature that is not bytes', () => {
      expect(ed25519Verify(message, sig.toString('hex') as unknown as Uint8Array, publicKey)).toBe(false);
    });

    it('rejects a signature under another key', () => {
      const other = publicKeyFromRaw(rawPublicKey(privateKeyFromSeed(hex(RFC8032_VECTORS[2]!.seed))));
      expect(ed25519Verify(message, sig, other)).toBe(false);
    });

    it('rejects a malleated signature whose S was replaced by S + L (RFC 8032 §5.1.7 step 1: S must be < L)', () => {
      const s = leToBigInt(sig.subarray(32));
      const malleated = Buffer.concat([sig.subarray(0, 32), bigIntToLe(s + L, 32)]);
      expect(malleated.equals(sig)).toBe(false);
      expect(ed25519Verify(message, malleated, publicKey)).toBe(false);
    });

    it('refuses seeds and public keys of the wrong size or type, with labelled errors', () => {
      expect(() => privateKeyFromSeed(Buffer.alloc(31))).toThrow('ed25519 seed: expected 32 bytes, got 31');
      expect(() => privateKeyFromSeed('00'.repeat(32) as unknown as Uint8Array)).toThrow(/ed25519 seed: expected Uint8Array/);
      expect(() => publicKeyFromRaw(Buffer.alloc(33))).toThrow('ed25519 public key: expected 32 bytes, got 33');
      expect(() => ed25519Sign('x' as unknown as Uint8Array, key)).toThrow(/ed25519 message: expected Uint8Array/);
    });
  });
});

describe('keyIdOf', () => {
  it('is "ed25519:" + the first 16 hex digits of SHA-256(raw public key) (known answer, RFC 8032 TEST 1 key)', () => {
    // SHA-256(d75a98…511a) = 21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9 (computed with sha256sum).
    expect(keyIdOf(hex(RFC8032_VECTORS[0]!.publicKey))).toBe('ed25519:21fe31dfa154a261');
  });

  it('differs between keys and is stable for one key', () => {
    const ids = RFC8032_VECTORS.map((v) => keyIdOf(hex(v.publicKey)));
    expect(new Set(ids).size).toBe(3);
    expect(keyIdOf(hex(RFC8032_VECTORS[1]!.publicKey))).toBe(ids[1]);
    for (const id of ids) expect(id).toMatch(/^ed25519:[0-9a-f]{16}$/);
  });

  it('refuses anything but a 32-byte key', () => {
    expect(() => keyIdOf(Buffer.alloc(64))).toThrow('key id public key: expected 32 bytes, got 64');
  });
});
