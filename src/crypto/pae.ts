import { assertBytes, assertString } from './assert';

/**
 * DSSE pre-authentication encoding (DSSE protocol v1, "Signature definition"):
 *
 *   PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body
 *
 * LEN is the byte length in ASCII decimal without leading zeros; SP is 0x20. Signing PAE
 * instead of the body binds the payload type into the signature (domain separation), so an
 * event signature can never be replayed as a signature over another kind of message.
 */
export function pae(payloadType: string, body: Uint8Array): Buffer {
  assertString(payloadType, 'pae payloadType');
  assertBytes(body, 'pae body');
  const type = Buffer.from(payloadType, 'utf8');
  const head = Buffer.from(`DSSEv1 ${type.length} `, 'ascii');
  const mid = Buffer.from(` ${body.length} `, 'ascii');
  return Buffer.concat([head, type, mid, body]);
}
