import { randomBytes } from 'node:crypto';
import { fromBase64, toBase64 } from '../../src/crypto/base64';

describe('portable base64 (RFC 4648 §4)', () => {
  // RFC 4648 §10 test vectors.
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('encodes %p as %p and decodes it back', (text, encoded) => {
    const bytes = new TextEncoder().encode(text);
    expect(toBase64(bytes)).toBe(encoded);
    expect(fromBase64(encoded)).toEqual(bytes);
  });

  it('agrees with Buffer for random data of every length up to 100', () => {
    for (let length = 0; length <= 100; length++) {
      const bytes = randomBytes(length);
      const encoded = bytes.toString('base64');
      expect(toBase64(bytes)).toBe(encoded);
      expect(Buffer.from(fromBase64(encoded)!)).toEqual(bytes);
    }
  });

  it.each([
    ['missing padding', 'Zg'],
    ['too much padding', 'Zm8=='],
    ['padding in the middle', 'Zg==Zm9v'],
    ['a character outside the alphabet', 'Zm9*'],
    ['the URL-safe alphabet', 'Zm9-'],
    ['whitespace', 'Zm9v '],
    ['a line break', 'Zm9v\nYmFy'],
    ['non-zero leftover bits (non-canonical)', 'Zh=='],
    ['non-zero leftover bits with one pad', 'Zm9='],
    ['a length that is not a multiple of 4', 'Zm9vY'],
  ])('rejects %s (%p), which Buffer would quietly accept', (_case, text) => {
    expect(fromBase64(text)).toBeNull();
  });

  it('rejects what is not a string', () => {
    expect(fromBase64(42 as unknown as string)).toBeNull();
  });
});
