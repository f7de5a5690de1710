/**
 * The verifying half of the Merkle tree of Certificate Transparency v2 (RFC 9162 §2.1): leaf
 * and node hashes and inclusion-proof verification, through a `VerifyPort`, so the evidence
 * verifier checks inclusion with the same code on the server and in a browser. The building
 * half (roots, proofs, the accumulator and the subtree store) is ../merkle.ts, which uses this
 * module's verifier too.
 */
import { assertBytes } from './assert';
import { bytesEqual, concatBytes, type VerifyPort } from './verify-port';

/** Output size of the tree hash, SHA-256 (RFC 9162 §2.1). */
export const HASH_SIZE = 32;

/** Result of a proof verification. Malformed or tampered proofs yield `ok: false`, never a throw. */
export type VerifyResult = { ok: true } | { ok: false; reason: string };

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** MTH({d(0)}) = HASH(0x00 || d(0)) (RFC 9162 §2.1.1). */
export function leafHashWith(port: VerifyPort, entry: Uint8Array): Uint8Array {
  assertBytes(entry, 'leafHash entry');
  return port.sha256(concatBytes(LEAF_PREFIX, entry));
}

/** Interior node: HASH(0x01 || left || right) (RFC 9162 §2.1.1). */
export function nodeHashWith(port: VerifyPort, left: Uint8Array, right: Uint8Array): Uint8Array {
  assertBytes(left, 'nodeHash left', HASH_SIZE);
  assertBytes(right, 'nodeHash right', HASH_SIZE);
  return port.sha256(concatBytes(NODE_PREFIX, left, right));
}

/**
 * Verifies an inclusion proof by the algorithm of RFC 9162 §2.1.3.2, step for step.
 * Hashes must be 32 bytes; `leafIndex` and `treeSize` must be safe integers with
 * leafIndex < treeSize. Wrong types throw (caller bug); everything else is a verdict.
 */
export function verifyInclusionWith(
  port: VerifyPort,
  leafHashValue: Uint8Array,
  leafIndex: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): VerifyResult {
  assertBytes(leafHashValue, 'verifyInclusion leafHash');
  assertBytes(root, 'verifyInclusion root');
  assertProof(proof, 'verifyInclusion proof');
  assertNumber(leafIndex, 'verifyInclusion leafIndex');
  assertNumber(treeSize, 'verifyInclusion treeSize');

  if (!isSize(treeSize)) return fail(`treeSize ${treeSize} is not a non-negative safe integer`);
  if (!isSize(leafIndex)) return fail(`leafIndex ${leafIndex} is not a non-negative safe integer`);
  // Step 1.
  if (leafIndex >= treeSize) return fail(`leafIndex ${leafIndex} is not below treeSize ${treeSize}`);
  if (leafHashValue.length !== HASH_SIZE) return fail(`leafHash is ${leafHashValue.length} bytes, not ${HASH_SIZE}`);
  if (root.length !== HASH_SIZE) return fail(`root is ${root.length} bytes, not ${HASH_SIZE}`);
  const badElement = proof.findIndex((p) => p.length !== HASH_SIZE);
  if (badElement >= 0) return fail(`proof[${badElement}] is ${proof[badElement]?.length} bytes, not ${HASH_SIZE}`);

  // Steps 2–3.
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Uint8Array = leafHashValue;
  // Step 4.
  for (const p of proof) {
    if (sn === 0) return fail('proof is longer than the path to the root');
    if (isOdd(fn) || fn === sn) {
      r = nodeHashWith(port, p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHashWith(port, r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // Step 5.
  if (sn !== 0) return fail('proof is shorter than the path to the root');
  if (!bytesEqual(r, root)) return fail('computed root does not match');
  return { ok: true };
}

export const isOdd = (n: number): boolean => n % 2 === 1;
export const half = (n: number): number => Math.floor(n / 2);
export const isSize = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;
export const fail = (reason: string): VerifyResult => ({ ok: false, reason });

export function assertNumber(value: unknown, label: string): asserts value is number {
  if (typeof value !== 'number') throw new TypeError(`${label}: expected number, got ${typeof value}`);
}

export function assertProof(proof: unknown, label: string): asserts proof is readonly Uint8Array[] {
  if (!Array.isArray(proof)) throw new TypeError(`${label}: expected an array of hashes`);
  proof.forEach((p, i) => assertBytes(p, `${label}[${i}]`));
}
