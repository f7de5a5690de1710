import { createHash, randomBytes } from 'node:crypto';
import { sha256Portable, sha256PortableHex, toHex } from '../../src/crypto/sha256-portable';

const nodeHex = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const ascii = (text: string) => new TextEncoder().encode(text);

describe('portable SHA-256 (FIPS 180-4)', () => {
  // Known answers from NIST's SHA-256 examples (FIPS 180-4 appendix / CSRC "SHA256.pdf") and the empty string.
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    [
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
  ])('hashes %p to the published digest', (text, digest) => {
    expect(sha256PortableHex(ascii(text))).toBe(digest);
  });

  it('hashes one million "a" (NIST long message)', () => {
    expect(sha256PortableHex(new Uint8Array(1_000_000).fill(0x61))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('agrees with node:crypto at every length around the block and padding boundaries, and on random data', () => {
    for (let length = 0; length <= 200; length++) {
      const data = randomBytes(length);
      expect([length, sha256PortableHex(data)]).toEqual([length, nodeHex(data)]);
    }
    for (const length of [511, 512, 1000, 4096, 65_537]) {
      const data = randomBytes(length);
      expect(sha256PortableHex(data)).toBe(nodeHex(data));
    }
  });

  it('returns 32 bytes and does not touch its input', () => {
    const data = ascii('interview');
    const copy = data.slice();
    expect(sha256Portable(data)).toHaveLength(32);
    expect(data).toEqual(copy);
  });

  it('rejects what is not bytes', () => {
    expect(() => sha256Portable('abc' as unknown as Uint8Array)).toThrow(/sha256 data: expected Uint8Array/);
  });

  it('writes lowercase hex', () => {
    expect(toHex(new Uint8Array([0, 1, 0xab, 0xff]))).toBe('0001abff');
  });
});
