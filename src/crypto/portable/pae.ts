/**
 * DSSE pre-authentication encoding, DSSE protocol v1 ("Signature definition", PAE):
 *
 *   PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body
 *
 * LEN is the byte length in ASCII decimal without leading zeros; SP is 0x20; `type` is
 * UTF-8. Signing PAE instead of the body binds the payload type into the signature (domain
 * separation), so an event signature can never be replayed as a signature over another kind of
 * message, nor a person's interview signature as a ledger one.
 *
 * The one implementation of PAE: the browser signing client, the domain's signing message, the
 * ledger's seal and both ledger verifiers (including its signature workers, which receive
 * messages built here) all use it. Portable: Uint8Array and TextEncoder only.
 */
import { assertBytes, assertString } from './assert';

/** The PAE version tag that starts every message (DSSE protocol v1). */
export const PAE_VERSION = 'DSSEv1';

const SP = 0x20;
const utf8 = new TextEncoder();

/**
 * The part of PAE(type, body) that does not depend on the body: "DSSEv1" SP LEN(type) SP type SP.
 * For encoding many messages of one payload type (see `paeSize` and `paeInto`).
 */
export function paeHeader(payloadType: string): Uint8Array {
  assertString(payloadType, 'pae payloadType');
  const type = utf8.encode(payloadType);
  const lead = utf8.encode(`${PAE_VERSION} ${type.length} `);
  const header = new Uint8Array(lead.length + type.length + 1);
  header.set(lead, 0);
  header.set(type, lead.length);
  header[header.length - 1] = SP;
  return header;
}

/** Byte length of the PAE message of a body of `bodyLength` bytes after `header`. */
export function paeSize(header: Uint8Array, bodyLength: number): number {
  assertBytes(header, 'pae header');
  if (!Number.isSafeInteger(bodyLength) || bodyLength < 0)
    throw new RangeError(`pae body length: expected a non-negative integer, got ${bodyLength}`);
  return header.length + String(bodyLength).length + 1 + bodyLength;
}

/**
 * Writes PAE(type, body) at `out[offset]`, where `header` is `paeHeader(type)`, and returns the
 * number of bytes written (`paeSize(header, body.length)`). `out` must have room for them.
 */
export function paeInto(header: Uint8Array, body: Uint8Array, out: Uint8Array, offset: number): number {
  assertBytes(header, 'pae header');
  assertBytes(body, 'pae body');
  assertBytes(out, 'pae out');
  const size = paeSize(header, body.length);
  if (!Number.isSafeInteger(offset) || offset < 0 || offset + size > out.length) {
    throw new RangeError(`pae out: ${size} bytes do not fit at offset ${offset} of ${out.length}`);
  }
  out.set(header, offset);
  let at = offset + header.length;
  // LEN(body): ASCII decimal digits, which String(n) gives for a safe integer (no leading zeros, no exponent).
  const len = String(body.length);
  for (let i = 0; i < len.length; i++) out[at++] = len.charCodeAt(i);
  out[at++] = SP;
  out.set(body, at);
  return size;
}

/** Headers of the payload types seen so far: a program uses a handful, and signs or verifies many messages of each. */
const headers = new Map<string, Uint8Array>();

/** PAE(payloadType, body): the bytes a DSSE signature signs. */
export function pae(payloadType: string, body: Uint8Array): Uint8Array {
  let header = headers.get(payloadType);
  if (header === undefined) {
    header = paeHeader(payloadType);
    if (headers.size < 64) headers.set(payloadType, header);
  }
  assertBytes(body, 'pae body');
  const out = new Uint8Array(paeSize(header, body.length));
  paeInto(header, body, out, 0);
  return out;
}
