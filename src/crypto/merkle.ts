import { hash } from 'node:crypto';
import { assertBytes } from './assert';
import { nodeVerifyPort } from './node-verify-port';
import {
  assertNumber,
  assertProof,
  half,
  HASH_SIZE,
  isOdd,
  isSize,
  verifyConsistencyWith,
  verifyInclusionWith,
  type VerifyResult,
} from './portable/merkle-verify';
import { sha256 } from './sha256';

/**
 * Merkle tree primitives of Certificate Transparency v2 (RFC 9162 §2.1) with SHA-256.
 *
 * Sizes and indices are JavaScript numbers (non-negative safe integers). Arithmetic avoids the
 * 32-bit bitwise operators so that trees beyond 2^31 leaves are handled correctly.
 *
 * Complexity, n = tree size, H = one SHA-256 call:
 * - `leafHash`, `nodeHash`: 1 H.
 * - `rootFromLeafHashes`, `inclusionProof`, `consistencyProof` over an array or a plain
 *   `LeafHashSource`: O(n) H, O(log n) stack. Over a source with a subtree cache (such as
 *   `MerkleTreeStore`): O(log n) H and O(log n) cache reads, for any prefix size.
 * - `verifyInclusion`, `verifyConsistency`: O(log n) H, O(1) extra memory.
 * - `MerkleAccumulator`: append amortised O(1) H (worst O(log n)), root O(log n) H,
 *   memory O(log n) hashes.
 * - `MerkleTreeStore`: append amortised O(1) H (also in bulk), memory 2n hashes in contiguous buffers.
 */

export { HASH_SIZE, type VerifyResult } from './portable/merkle-verify';

/**
 * Leaf hashes of a log, read on demand so proofs need not hold the whole log in memory.
 *
 * `subtree` is an optional cache: when present it must return the MTH of the complete,
 * aligned subtree covering leaves [index·2^level, (index+1)·2^level), and is only asked for
 * ranges inside `size`. With it, roots and proofs cost O(log n) instead of O(n).
 */
export interface LeafHashSource {
  readonly size: number;
  leaf(index: number): Uint8Array;
  subtree?(level: number, index: number): Uint8Array;
}

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** MTH({}) = HASH(), the root of the empty tree (RFC 9162 §2.1.1). */
const EMPTY_ROOT: Uint8Array = sha256();

/** MTH({}) = SHA-256 of the empty string (RFC 9162 §2.1.1). Returns a fresh copy. */
export function emptyRoot(): Uint8Array {
  return new Uint8Array(EMPTY_ROOT);
}

/** MTH({d(0)}) = HASH(0x00 || d(0)) (RFC 9162 §2.1.1). */
export function leafHash(entry: Uint8Array): Buffer {
  assertBytes(entry, 'leafHash entry');
  return sha256(LEAF_PREFIX, entry);
}

/** Interior node: HASH(0x01 || left || right) (RFC 9162 §2.1.1). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  assertBytes(left, 'nodeHash left', HASH_SIZE);
  assertBytes(right, 'nodeHash right', HASH_SIZE);
  return sha256(NODE_PREFIX, left, right);
}

/**
 * MTH(D[n]) of the first `treeSize` leaves (default: all), RFC 9162 §2.1.1. The empty tree
 * hashes to SHA-256 of the empty string.
 */
export function rootFromLeafHashes(leafHashes: readonly Uint8Array[] | LeafHashSource, treeSize?: number): Uint8Array {
  const source = toSource(leafHashes, 'rootFromLeafHashes');
  const n = treeSize ?? source.size;
  assertSize(n, 'rootFromLeafHashes treeSize');
  assertWithin(n, source.size, 'rootFromLeafHashes treeSize');
  return n === 0 ? emptyRoot() : new Uint8Array(rangeHash(source, 0, n));
}

/**
 * Audit path PATH(m, D[n]) for leaf `index` in the tree of the first `treeSize` leaves
 * (default: all), RFC 9162 §2.1.3.1. Ordered from the leaf's sibling up to the root's child.
 */
export function inclusionProof(leafHashes: readonly Uint8Array[] | LeafHashSource, index: number, treeSize?: number): Uint8Array[] {
  const source = toSource(leafHashes, 'inclusionProof');
  const n = treeSize ?? source.size;
  assertSize(n, 'inclusionProof treeSize');
  assertWithin(n, source.size, 'inclusionProof treeSize');
  assertSize(index, 'inclusionProof index');
  if (index >= n) throw new RangeError(`inclusionProof index: ${index} is not below tree size ${n}`);

  // PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n])      for m < k
  //              = PATH(m - k, D[k:n]) : MTH(D[0:k])   for m >= k; collected top-down.
  const topDown: Uint8Array[] = [];
  let start = 0;
  let size = n;
  let m = index;
  while (size > 1) {
    const k = splitPoint(size);
    if (m < k) {
      topDown.push(rangeHash(source, start + k, size - k));
      size = k;
    } else {
      topDown.push(rangeHash(source, start, k));
      start += k;
      size -= k;
      m -= k;
    }
  }
  return topDown.reverse().map(copy);
}

/**
 * Consistency proof PROOF(m, D[n]) between the trees of the first `oldSize` and `newSize`
 * leaves, RFC 9162 §2.1.4.1. Empty when the sizes are equal. The RFC defines proofs only for
 * 0 < m; a proof from the empty tree to a non-empty one is refused, as `verifyConsistency`
 * would reject it.
 */
export function consistencyProof(leafHashes: readonly Uint8Array[] | LeafHashSource, oldSize: number, newSize: number): Uint8Array[] {
  const source = toSource(leafHashes, 'consistencyProof');
  assertSize(oldSize, 'consistencyProof oldSize');
  assertSize(newSize, 'consistencyProof newSize');
  assertWithin(newSize, source.size, 'consistencyProof newSize');
  if (oldSize > newSize) throw new RangeError(`consistencyProof oldSize: ${oldSize} exceeds newSize ${newSize}`);
  if (oldSize === newSize) return [];
  if (oldSize === 0) throw new RangeError('consistencyProof oldSize: must be > 0 (RFC 9162 §2.1.4.1)');

  // SUBPROOF(m, D[n], b): m == n → {} if b else {MTH(D[n])};
  // m <= k → SUBPROOF(m, D[0:k], b) : MTH(D[k:n]);  m > k → SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k]).
  const topDown: Uint8Array[] = [];
  let start = 0;
  let size = newSize;
  let m = oldSize;
  let b = true;
  while (m !== size) {
    const k = splitPoint(size);
    if (m <= k) {
      topDown.push(rangeHash(source, start + k, size - k));
      size = k;
    } else {
      topDown.push(rangeHash(source, start, k));
      start += k;
      size -= k;
      m -= k;
      b = false;
    }
  }
  if (!b) topDown.push(rangeHash(source, start, size));
  return topDown.reverse().map(copy);
}

/**
 * Verifies an inclusion proof by the algorithm of RFC 9162 §2.1.3.2 (the one implementation is
 * ./portable/merkle-verify.ts, with node:crypto's SHA-256 here).
 */
export function verifyInclusion(
  leafHashValue: Uint8Array,
  leafIndex: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): VerifyResult {
  return verifyInclusionWith(nodeVerifyPort, leafHashValue, leafIndex, treeSize, proof, root);
}

/**
 * Verifies a consistency proof by the algorithm of RFC 9162 §2.1.4.2 (the one implementation is
 * ./portable/merkle-verify.ts, with node:crypto's SHA-256 here).
 */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
): VerifyResult {
  return verifyConsistencyWith(nodeVerifyPort, oldSize, newSize, oldRoot, newRoot, proof);
}

/**
 * Incremental Merkle root in O(log n) memory: a compact range [0, n) holding one hash per
 * set bit of n — the roots of the perfect subtrees that make up MTH(D[n]) (RFC 9162 §2.1.1),
 * left to right, largest first. Append is amortised O(1) hashes (worst O(log n)); `root()`
 * folds the peaks right to left, O(log n) hashes.
 */
export class MerkleAccumulator {
  private readonly peaks: Uint8Array[];
  private count: number;

  constructor() {
    this.peaks = [];
    this.count = 0;
  }

  /** Rebuilds an accumulator from `size` and the hashes returned by `peakHashes()`. */
  static restore(size: number, peaks: readonly Uint8Array[]): MerkleAccumulator {
    assertSize(size, 'MerkleAccumulator.restore size');
    assertProof(peaks, 'MerkleAccumulator.restore peaks');
    const expected = popCount(size);
    if (peaks.length !== expected) {
      throw new RangeError(`MerkleAccumulator.restore peaks: size ${size} needs ${expected} hashes, got ${peaks.length}`);
    }
    peaks.forEach((p, i) => assertBytes(p, `MerkleAccumulator.restore peaks[${i}]`, HASH_SIZE));
    const acc = new MerkleAccumulator();
    acc.peaks.push(...peaks.map(copy));
    acc.count = size;
    return acc;
  }

  get size(): number {
    return this.count;
  }

  /** Appends one leaf hash (see `leafHash`). Returns its index. */
  append(leafHashValue: Uint8Array): number {
    assertBytes(leafHashValue, 'MerkleAccumulator.append leafHash', HASH_SIZE);
    if (this.count >= Number.MAX_SAFE_INTEGER) throw new RangeError('MerkleAccumulator.append: tree is full');
    let h: Uint8Array = copy(leafHashValue);
    // Each trailing 1-bit of count is a peak of the same size as h: merge it in.
    for (let c = this.count; isOdd(c); c = half(c)) h = nodeHash(this.peaks.pop() as Uint8Array, h);
    this.peaks.push(h);
    return this.count++;
  }

  /** MTH of all leaves appended so far. */
  root(): Uint8Array {
    let i = this.peaks.length - 1;
    if (i < 0) return emptyRoot();
    let h = this.peaks[i] as Uint8Array;
    while (--i >= 0) h = nodeHash(this.peaks[i] as Uint8Array, h);
    return copy(h);
  }

  /** Peak hashes, largest subtree first, for persisting the state (see `restore`). */
  peakHashes(): Uint8Array[] {
    return this.peaks.map(copy);
  }
}

/**
 * The subtree cache: every complete aligned subtree hash of a log. Level k holds the MTH of
 * leaves [i·2^k, (i+1)·2^k) for each i with (i+1)·2^k ≤ size (RFC 9162 §2.1.1), level 0 the
 * leaf hashes; one contiguous buffer per level, < 2n hashes in all (64 MiB for 10^6 leaves).
 * As a `LeafHashSource` it lets `rootFromLeafHashes`, `inclusionProof` and `consistencyProof`
 * run in O(log n) hashes for any prefix size. The one such cache: MerkleLog
 * (src/ledger/merkle-log.ts) keeps its tree in it.
 *
 * Built for bulk loading as well as live appends: `appendMany` takes many leaf hashes at once
 * and fills each level in one pass, hashing straight into the parent level's buffer through a
 * reused scratch buffer with one-shot `crypto.hash`, so a million leaves rebuild in about a
 * second. Append is amortised O(1) hashes either way (buffers grow by doubling).
 */
export class MerkleTreeStore implements LeafHashSource {
  private readonly levels: Buffer[] = [];
  private readonly lengths: number[] = [];
  /** 0x01 || left || right: the input of an interior node hash (RFC 9162 §2.1.1). */
  private readonly scratch = Buffer.alloc(1 + 2 * HASH_SIZE);

  /** `expected`: leaves about to be appended, so the buffers are allocated once. */
  constructor(expected = 0) {
    assertSize(expected, 'MerkleTreeStore expected');
    this.scratch.set(NODE_PREFIX, 0);
    for (let level = 0, n = expected; n >= 1; level++, n = half(n)) {
      this.levels[level] = Buffer.allocUnsafe(n * HASH_SIZE);
      this.lengths[level] = 0;
    }
  }

  get size(): number {
    return this.lengths[0] ?? 0;
  }

  /** Appends one leaf hash (see `leafHash`). Returns its index. */
  append(leafHashValue: Uint8Array): number {
    assertBytes(leafHashValue, 'MerkleTreeStore.append leafHash', HASH_SIZE);
    const index = this.size;
    this.appendMany(leafHashValue);
    return index;
  }

  /** Appends leaf hashes given as one buffer of 32-byte hashes, in order. */
  appendMany(leafHashes: Uint8Array): void {
    assertBytes(leafHashes, 'MerkleTreeStore.appendMany leafHashes');
    if (leafHashes.length % HASH_SIZE !== 0) {
      throw new RangeError(
        `MerkleTreeStore.appendMany leafHashes: ${leafHashes.length} bytes is not a whole number of ${HASH_SIZE}-byte hashes`,
      );
    }
    const leaves = this.size;
    const count = leaves + leafHashes.length / HASH_SIZE;
    if (count > Number.MAX_SAFE_INTEGER) throw new RangeError('MerkleTreeStore.append: tree is full');
    this.reserve(0, count).set(leafHashes, leaves * HASH_SIZE);
    this.lengths[0] = count;
    for (let level = 0; ; level++) {
      const done = this.lengths[level + 1] ?? 0;
      const complete = half(this.lengths[level]!);
      if (complete === done) return;
      // Parents [done, complete) of level+1 became complete: hash each pair once, straight
      // into the parent level's buffer (no intermediate buffers: a million-leaf load stays lean).
      const children = this.levels[level]!;
      const parents = this.reserve(level + 1, complete);
      for (let p = done; p < complete; p++) {
        children.copy(this.scratch, 1, 2 * p * HASH_SIZE, (2 * p + 2) * HASH_SIZE);
        // 'binary' (latin1) maps bytes 1:1 to characters: a 32-character string is a cheap heap
        // object, where a 'buffer' digest allocates a backing store per hash (twice as slow).
        parents.write(hash('sha256', this.scratch, 'binary'), p * HASH_SIZE, HASH_SIZE, 'latin1');
      }
      this.lengths[level + 1] = complete;
    }
  }

  leaf(index: number): Uint8Array {
    return this.subtree(0, index);
  }

  /** MTH of leaves [index·2^level, (index+1)·2^level), a copy. */
  subtree(level: number, index: number): Uint8Array {
    assertSize(level, 'MerkleTreeStore.subtree level');
    assertSize(index, 'MerkleTreeStore.subtree index');
    const length = this.lengths[level] ?? 0;
    if (index >= length) throw new RangeError(`MerkleTreeStore.subtree: no complete subtree ${index} at level ${level}`);
    return copy(this.levels[level]!.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE));
  }

  /** MTH of the first `treeSize` leaves (default: all). */
  root(treeSize?: number): Uint8Array {
    return rootFromLeafHashes(this, treeSize);
  }

  /** The buffer of `level`, with room for `count` hashes. */
  private reserve(level: number, count: number): Buffer {
    const length = this.lengths[level] ?? 0;
    let buf = this.levels[level];
    if (buf === undefined || buf.length < count * HASH_SIZE) {
      // Doubling keeps live appends amortised O(1) copies.
      const grown = Buffer.allocUnsafe(Math.max(count * HASH_SIZE, 2 * (buf?.length ?? 0), 64 * HASH_SIZE));
      buf?.copy(grown, 0, 0, length * HASH_SIZE);
      buf = grown;
      this.levels[level] = buf;
      this.lengths[level] = length;
    }
    return buf;
  }
}

/**
 * MTH(D[start:start+n]) for n ≥ 1 (RFC 9162 §2.1.1). Every range reached from a prefix
 * [0, size) is aligned: a complete left part [s, s+2^j) always has s divisible by 2^j, so the
 * subtree cache applies to it, and only the right border is recomputed (O(log n)).
 */
function rangeHash(source: LeafHashSource, start: number, n: number): Uint8Array {
  if (n === 1) return readLeaf(source, start);
  if (source.subtree !== undefined && isPowerOfTwo(n) && start % n === 0) {
    const level = log2(n);
    const h = source.subtree(level, start / n);
    assertBytes(h, `subtree(${level}, ${start / n})`, HASH_SIZE);
    return h;
  }
  const k = splitPoint(n);
  return nodeHash(rangeHash(source, start, k), rangeHash(source, start + k, n - k));
}

function readLeaf(source: LeafHashSource, index: number): Uint8Array {
  const h = source.leaf(index);
  assertBytes(h, `leaf hash ${index}`, HASH_SIZE);
  return h;
}

function toSource(leafHashes: readonly Uint8Array[] | LeafHashSource, label: string): LeafHashSource {
  if (Array.isArray(leafHashes)) {
    const hashes: readonly Uint8Array[] = leafHashes;
    return { size: hashes.length, leaf: (i) => hashes[i] as Uint8Array };
  }
  const source = leafHashes as LeafHashSource;
  if (typeof source !== 'object' || source === null || typeof source.leaf !== 'function') {
    throw new TypeError(`${label} leafHashes: expected an array of hashes or a LeafHashSource`);
  }
  assertSize(source.size, `${label} source size`);
  return source;
}

/** The largest power of two strictly below n, for n ≥ 2 (the split k of RFC 9162 §2.1.1). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

function log2(powerOfTwo: number): number {
  let level = 0;
  for (let k = 1; k < powerOfTwo; k *= 2) level++;
  return level;
}

function popCount(n: number): number {
  let count = 0;
  for (let c = n; c > 0; c = half(c)) if (isOdd(c)) count++;
  return count;
}

const copy = (h: Uint8Array): Uint8Array => new Uint8Array(h);

function assertSize(value: unknown, label: string): asserts value is number {
  assertNumber(value, label);
  if (!isSize(value)) throw new RangeError(`${label}: expected a non-negative safe integer, got ${value}`);
}

function assertWithin(n: number, available: number, label: string): void {
  if (n > available) throw new RangeError(`${label}: ${n} exceeds the ${available} leaves available`);
}
