/**
 * Labelled input assertions shared by the crypto primitives, checked before any work so that a
 * caller's mistake is named ("pae body: expected Uint8Array") instead of surfacing as odd bytes.
 * Portable: `instanceof Uint8Array` also holds for Node's Buffer.
 */
export function assertBytes(value: unknown, label: string, length?: number): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError(`${label}: expected Uint8Array, got ${typeof value}`);
  if (length !== undefined && value.length !== length) {
    throw new RangeError(`${label}: expected ${length} bytes, got ${value.length}`);
  }
}

export function assertString(value: unknown, label: string): asserts value is string {
  if (typeof value !== 'string') throw new TypeError(`${label}: expected string, got ${typeof value}`);
}
