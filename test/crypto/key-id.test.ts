import { createHash } from 'node:crypto';
import { keyIdOf as serverKeyIdOf } from '../../src/crypto/key-id';
import { KEY_ID_PATTERN, keyIdOf } from '../../src/crypto/portable/key-id';

const hex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));

describe('key id: "ed25519:" || hex(SHA-256(raw public key))[0..16) (docs/ledger-format.md §7)', () => {
  it('names the RFC 8032 §7.1 TEST 1 key as the format document says', () => {
    expect(keyIdOf(hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'))).toBe('ed25519:21fe31dfa154a261');
  });

  it("names the committed vectors' ledger and signer keys as their files say", () => {
    expect(keyIdOf(hex('79b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664'))).toBe('ed25519:65b60673d6ed884b');
    expect(keyIdOf(hex('e7f162a10bec559afea195e4dce84b69568d5d2cb0963eb446c0685e2b17f2f0'))).toBe('ed25519:c945cbf2a5602002');
  });

  it("is the first 16 hex digits of node's SHA-256, for any key", () => {
    for (let i = 0; i < 50; i++) {
      const key = new Uint8Array(32).map((_, j) => (i * 31 + j * 7) & 0xff);
      const id = keyIdOf(key);
      expect(id).toBe(`ed25519:${createHash('sha256').update(key).digest('hex').slice(0, 16)}`);
      expect(id).toMatch(KEY_ID_PATTERN);
    }
  });

  it('is one function: the server path re-exports the portable one', () => {
    expect(serverKeyIdOf).toBe(keyIdOf);
  });

  it('refuses what is not a raw 32-byte key, with a labelled error', () => {
    expect(() => keyIdOf(new Uint8Array(31))).toThrow('key id public key: expected 32 bytes, got 31');
    expect(() => keyIdOf('ab' as unknown as Uint8Array)).toThrow(/key id public key: expected Uint8Array/);
  });
});
