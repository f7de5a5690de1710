/**
 * The verifying half of the Merkle tree of Certificate Transparency v2 (RFC 9162 §2.1): leaf
 * and node hashes, inclusion- and consistency-proof verification, through a `VerifyPort`, so the
 * evidence verifier and witnesses check proofs with the same code on the server and in a browser. The building
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

/**
 * Verifies a consistency proof by the algorithm of RFC 9162 §2.1.4.2, step for step, for
 * 0 < oldSize < newSize. Outside that range (which the RFC leaves open) this follows the
 * reference verifier of transparency-dev/merkle, slightly stricter:
 * - oldSize > newSize: rejected;
 * - oldSize == newSize: the proof must be empty and the roots byte-equal (lengths are not
 *   checked: nothing is hashed); for size 0 they must also be MTH({}), the only root an empty
 *   tree can have (RFC 9162 §2.1.1) — the reference verifier accepts any equal pair there;
 * - oldSize == 0 < newSize: rejected, as no proof is defined from the empty tree.
 * Wrong types throw (caller bug); everything else is a verdict. The one implementation: the
 * server (../merkle.ts, node:crypto) and witnesses (src/client/witness.ts) run it.
 */
export function verifyConsistencyWith(
  port: VerifyPort,
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
): VerifyResult {
  assertNumber(oldSize, 'verifyConsistency oldSize');
  assertNumber(newSize, 'verifyConsistency newSize');
  assertBytes(oldRoot, 'verifyConsistency oldRoot');
  assertBytes(newRoot, 'verifyConsistency newRoot');
  assertProof(proof, 'verifyConsistency proof');

  if (!isSize(oldSize)) return fail(`oldSize ${oldSize} is not a non-negative safe integer`);
  if (!isSize(newSize)) return fail(`newSize ${newSize} is not a non-negative safe integer`);
  if (oldSize > newSize) return fail(`oldSize ${oldSize} exceeds newSize ${newSize}`);
  if (oldSize === newSize) {
    if (proof.length !== 0) return fail('proof must be empty when the sizes are equal');
    if (!bytesEqual(oldRoot, newRoot)) return fail('roots differ for equal sizes');
    if (oldSize === 0 && !bytesEqual(oldRoot, port.sha256(new Uint8Array(0)))) return fail('root of the empty tree must be SHA-256("")');
    return { ok: true };
  }
  if (oldSize === 0) return fail('no consistency proof is defined from the empty tree');
  if (oldRoot.length !== HASH_SIZE) return fail(`oldRoot is ${oldRoot.length} bytes, not ${HASH_SIZE}`);
  if (newRoot.length !== HASH_SIZE) return fail(`newRoot is ${newRoot.length} bytes, not ${HASH_SIZE}`);
  const badElement = proof.findIndex((p) => p.length !== HASH_SIZE);
  if (badElement >= 0) return fail(`proof[${badElement}] is ${proof[badElement]?.length} bytes, not ${HASH_SIZE}`);

  // Step 1.
  if (proof.length === 0) return fail('proof is empty');
  // Step 2.
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;
  // Step 3.
  let fn = oldSize - 1;
  let sn = newSize - 1;
  // Step 4.
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // Step 5. `path` is non-empty: either the proof or oldRoot prepended to it.
  let fr: Uint8Array = path[0] as Uint8Array;
  let sr: Uint8Array = fr;
  // Step 6.
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Uint8Array;
    if (sn === 0) return fail('proof is longer than needed');
    if (isOdd(fn) || fn === sn) {
      fr = nodeHashWith(port, c, fr);
      sr = nodeHashWith(port, c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHashWith(port, sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // Step 7.
  if (sn !== 0) return fail('proof is shorter than needed');
  if (!bytesEqual(fr, oldRoot)) return fail('computed old root does not match');
  if (!bytesEqual(sr, newRoot)) return fail('computed new root does not match');
  return { ok: true };
}

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
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
