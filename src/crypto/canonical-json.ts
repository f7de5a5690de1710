import canonicalizeImpl from 'canonicalize';

/**
 * RFC 8785 JSON Canonicalization Scheme. Returns the canonical UTF-8 bytes.
 *
 * Rejects what JCS cannot represent faithfully (RFC 8785 §3.2.2.3: non-finite numbers;
 * undefined values, functions, symbols and bigints have no JSON form), so that the bytes
 * we sign always parse back to the same value.
 */
export function canonicalJson(value: unknown): Buffer {
  assertJsonValue(value, '$');
  const text = (canonicalizeImpl as unknown as (v: unknown) => string | undefined)(value);
  if (text === undefined) throw new TypeError('canonicalJson: value has no JSON form');
  return Buffer.from(text, 'utf8');
}

function assertJsonValue(value: unknown, path: string): void {
  if (value === null) return;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${path} is not a finite number`);
      return;
    case 'object':
      if (Array.isArray(value)) {
        // A plain loop, not forEach: holes in sparse arrays would be skipped, and canonicalize
        // would then drop them from the signed bytes.
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) throw new TypeError(`canonicalJson: ${path}[${i}] is a hole in a sparse array`);
          assertJsonValue(value[i], `${path}[${i}]`);
        }
        return;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
        throw new TypeError(`canonicalJson: ${path} is not a plain object`);
      }
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        if (item === undefined) throw new TypeError(`canonicalJson: ${path}.${key} is undefined`);
        assertJsonValue(item, `${path}.${key}`);
      }
      return;
    default:
      throw new TypeError(`canonicalJson: ${path} has type ${typeof value}, which JSON cannot hold`);
  }
}
