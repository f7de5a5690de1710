/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the canonical UTF-8 bytes of a JSON value.
 *
 * Serialisation is the `canonicalize` package (plain JavaScript, no Buffer, no node: imports:
 * browser-safe), which implements RFC 8785 §3.2: no whitespace, property names sorted by UTF-16
 * code units (§3.2.3), ECMAScript number serialisation (§3.2.2.3), JSON.stringify string
 * escaping (§3.2.2.2). Output is UTF-8 (§3.2.4).
 *
 * Inputs are asserted first. `canonicalize` silently drops `undefined` members and array holes
 * and follows `toJSON`, so bytes a client signed could differ from bytes the server digests;
 * hence everything JCS cannot represent faithfully is refused with a TypeError naming its path:
 * non-finite numbers (§3.2.2.3), undefined, functions, symbols, bigints, holes in sparse
 * arrays, and objects that are not plain (class instances, Date, Map, Buffer, boxed values).
 *
 * The one implementation of canonical JSON: the browser signing client, the domain's signing
 * message and the server (src/crypto/canonical-json.ts) all use it.
 */
import canonicalizeImpl from 'canonicalize';

const utf8 = new TextEncoder();
const serialise = canonicalizeImpl as unknown as (value: unknown) => string | undefined;

/**
 * The RFC 8785 UTF-8 bytes of `value`. `label` starts error messages
 * (`${label}: $.a[1] is not a finite number`).
 */
export function canonicalJson(value: unknown, label = 'canonicalJson'): Uint8Array {
  assertJsonValue(value, '$', label);
  const text = serialise(value);
  if (text === undefined) throw new TypeError(`${label}: value has no JSON form`);
  return utf8.encode(text);
}

function assertJsonValue(value: unknown, path: string, label: string): void {
  if (value === null) return;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${label}: ${path} is not a finite number`);
      return;
    case 'object': {
      if (Array.isArray(value)) {
        // A plain loop, not forEach: holes in sparse arrays would be skipped, and canonicalize
        // would then drop them from the signed bytes.
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) throw new TypeError(`${label}: ${path}[${i}] is a hole in a sparse array`);
          assertJsonValue(value[i], `${path}[${i}]`, label);
        }
        return;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw new TypeError(`${label}: ${path} is not a plain object`);
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        if (item === undefined) throw new TypeError(`${label}: ${path}.${key} is undefined`);
        assertJsonValue(item, `${path}.${key}`, label);
      }
      return;
    }
    default:
      throw new TypeError(`${label}: ${path} has type ${typeof value}, which JSON cannot hold`);
  }
}
