/**
 * Base64 (RFC 4648 §4, standard alphabet, with padding) on Uint8Array, without Buffer, so that
 * browser clients and the server decode keys and signatures by the same rules.
 *
 * Decoding is strict, unlike Buffer.from(text, 'base64'), which skips characters it does not
 * know and accepts missing padding: a public key or signature has exactly one accepted text
 * form (RFC 4648 §3.5, canonical encoding), so that two different strings can never name the
 * same key or smuggle extra bytes past a length check.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const FORM = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += ALPHABET[a >> 2]!;
    out += ALPHABET[((a & 0x03) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : ALPHABET[((b & 0x0f) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : ALPHABET[c & 0x3f]!;
  }
  return out;
}

/** The bytes `text` encodes, or null when it is not canonical padded base64. */
export function fromBase64(text: string): Uint8Array | null {
  if (typeof text !== 'string' || !FORM.test(text)) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let bits = 0;
  let value = 0;
  let o = 0;
  for (const char of text) {
    if (char === '=') break;
    value = (value << 6) | ALPHABET.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (o < out.length) out[o++] = (value >> bits) & 0xff;
    }
    value &= (1 << bits) - 1;
  }
  // Leftover bits must be zero (RFC 4648 §3.5): "AB==" and "AC==" must not both decode to 0x00.
  if (value !== 0) return null;
  return out;
}
