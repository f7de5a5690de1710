import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  consistencyProof,
  emptyRoot,
  inclusionProof,
  leafHash,
  MerkleAccumulator,
  MerkleTreeStore,
  nodeHash,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
  type LeafHashSource,
} from '../../src/crypto/merkle';

/** The exhaustive loops below take seconds each (10^5–10^6 SHA-256 calls); allow for a busy machine. */
const HEAVY = 180_000;

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const hexAll = (list: readonly Uint8Array[]): string[] => list.map(hex);
const b64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

/**
 * The RFC 9162 §2.1.1 definitions, written out literally over the entries (not the leaf
 * hashes) with node's SHA-256 and array slices, so that nothing here shares code with
 * src/crypto/merkle.ts:
 *   MTH({}) = SHA-256();  MTH({d0}) = SHA-256(0x00 || d0);
 *   MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])), k the largest power of 2 < n.
 */
const H = (...parts: Uint8Array[]): Buffer => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();
const split = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};
function naiveMth(d: readonly Uint8Array[]): Buffer {
  if (d.length === 0) return H();
  if (d.length === 1) return H(Uint8Array.of(0), d[0] as Uint8Array);
  const k = split(d.length);
  return H(Uint8Array.of(1), naiveMth(d.slice(0, k)), naiveMth(d.slice(k)));
}
/** PATH(m, D[n]), RFC 9162 §2.1.3.1. */
function naivePath(m: number, d: readonly Uint8Array[]): Buffer[] {
  if (d.length === 1) return [];
  const k = split(d.length);
  return m < k ? [...naivePath(m, d.slice(0, k)), naiveMth(d.slice(k))] : [...naivePath(m - k, d.slice(k)), naiveMth(d.slice(0, k))];
}
/** PROOF(m, D[n]) = SUBPROOF(m, D[n], true), RFC 9162 §2.1.4.1. */
function naiveSubproof(m: number, d: readonly Uint8Array[], b: boolean): Buffer[] {
  if (m === d.length) return b ? [] : [naiveMth(d)];
  const k = split(d.length);
  return m <= k
    ? [...naiveSubproof(m, d.slice(0, k), b), naiveMth(d.slice(k))]
    : [...naiveSubproof(m - k, d.slice(k), false), naiveMth(d.slice(0, k))];
}
/**
 * Sides taken by leaf m on its way up the tree of size n ('L' = left child), from the
 * recursive definition. Verification with another (index, size) recomputes the same hashes,
 * and so succeeds, exactly when this shape is the same.
 */
function pathShape(m: number, n: number): string {
  const sides: string[] = [];
  while (n > 1) {
    const k = split(n);
    if (m < k) {
      sides.push('L');
      n = k;
    } else {
      sides.push('R');
      m -= k;
      n -= k;
    }
  }
  return sides.reverse().join('');
}

/** Deterministic PRNG (mulberry32) so every failure reproduces. */
function prng(seed: number): (bound: number) => number {
  let a = seed >>> 0;
  return (bound) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * bound);
  };
}
function randomEntries(count: number, rand: (bound: number) => number): Uint8Array[] {
  return Array.from({ length: count }, () => Uint8Array.from({ length: rand(48) }, () => rand(256)));
}
function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const out = new Uint8Array(bytes);
  const at = (bit >> 3) % out.length;
  out[at] = (out[at] as number) ^ (1 << (bit & 7));
  return out;
}
function storeOf(hashes: readonly Uint8Array[]): MerkleTreeStore {
  const store = new MerkleTreeStore();
  hashes.forEach((h) => store.append(h));
  return store;
}

describe('RFC 9162 Merkle tree: published vectors (transparency-dev/merkle testdata, see test/vectors/rfc9162/SOURCE.md)', () => {
  const DIR = join(__dirname, '..', 'vectors', 'rfc9162');
  const walk = (dir: string): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((name) =>
        statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : name.endsWith('.json') ? [join(dir, name)] : [],
      );
  const load = <T>(kind: string): Array<[string, T]> =>
    walk(join(DIR, kind)).map((file) => [relative(DIR, file), JSON.parse(readFileSync(file, 'utf8')) as T]);

  interface InclusionCase {
    leafIdx: number;
    treeSize: number;
    root: string;
    leafHash: string;
    proof: string[] | null;
    desc: string;
    wantErr: boolean;
  }
  interface ConsistencyCase {
    size1: number;
    size2: number;
    root1: string;
    root2: string;
    proof: string[] | null;
    desc: string;
    wantErr: boolean;
  }
  const inclusion = load<InclusionCase>('inclusion');
  const consistency = load<ConsistencyCase>('consistency');

  it('finds all 98 inclusion and 98 consistency files, with both verdicts represented', () => {
    expect(inclusion).toHaveLength(98);
    expect(consistency).toHaveLength(98);
    for (const cases of [inclusion, consistency]) {
      expect(cases.some(([, c]) => c.wantErr)).toBe(true);
      expect(cases.some(([, c]) => !c.wantErr)).toBe(true);
    }
  });

  // leafIdx 2^64-1 (a uint64 underflow) parses to a non-safe number, which verification rejects.
  it.each(inclusion)('inclusion %s', (_file, c) => {
    const result = verifyInclusion(b64(c.leafHash), c.leafIdx, c.treeSize, (c.proof ?? []).map(b64), b64(c.root));
    expect({ desc: c.desc, ok: result.ok }).toEqual({ desc: c.desc, ok: !c.wantErr });
  });

  it.each(consistency)('consistency %s', (_file, c) => {
    const result = verifyConsistency(c.size1, c.size2, b64(c.root1), b64(c.root2), (c.proof ?? []).map(b64));
    expect({ desc: c.desc, ok: result.ok }).toEqual({ desc: c.desc, ok: !c.wantErr });
  });
});

describe('RFC 9162 Merkle tree: known answers', () => {
  // Leaves and roots of the 8-entry reference tree in transparency-dev/merkle proof/verify_test.go.
  const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) =>
    Buffer.from(h, 'hex'),
  );
  const ROOTS = [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
    '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
    'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
    '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
  ];

  it('empty tree: MTH({}) is SHA-256 of the empty string (§2.1.1)', () => {
    const empty = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(hex(emptyRoot())).toBe(empty);
    expect(hex(rootFromLeafHashes([]))).toBe(empty);
    expect(hex(new MerkleAccumulator().root())).toBe(empty);
    expect(hex(new MerkleTreeStore().root())).toBe(empty);
  });

  it('roots of the prefixes of the reference tree, by every construction', () => {
    const hashes = LEAVES.map(leafHash);
    const store = storeOf(hashes);
    const acc = new MerkleAccumulator();
    hashes.forEach((h, i) => {
      acc.append(h);
      expect(hex(acc.root())).toBe(ROOTS[i]);
      expect(hex(rootFromLeafHashes(hashes.slice(0, i + 1)))).toBe(ROOTS[i]);
      expect(hex(store.root(i + 1))).toBe(ROOTS[i]);
      expect(hex(naiveMth(LEAVES.slice(0, i + 1)))).toBe(ROOTS[i]);
    });
  });

  it('hashes with the 0x00 leaf and 0x01 node prefixes (§2.1.1)', () => {
    const a = Buffer.from('a');
    expect(hex(leafHash(a))).toBe(
      createHash('sha256')
        .update(Buffer.from([0x00, 0x61]))
        .digest('hex'),
    );
    const l = leafHash(a);
    const r = leafHash(Buffer.from('b'));
    expect(hex(nodeHash(l, r))).toBe(
      createHash('sha256')
        .update(Buffer.from([0x01]))
        .update(l)
        .update(r)
        .digest('hex'),
    );
  });
});

describe('RFC 9162 §2.1.5 example: the 7-leaf tree', () => {
  //             hash
  //            /    \
  //           k      l
  //          / \    / \
  //         g   h  i   j
  //        / \ / \ / \ |
  //        a b c d e f d6
  const d = ['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6'].map((s) => Buffer.from(s));
  const [a, b, c, dd, e, f, j] = d.map(leafHash) as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
  const g = nodeHash(a, b);
  const h = nodeHash(c, dd);
  const i = nodeHash(e, f);
  const k = nodeHash(g, h);
  const l = nodeHash(i, j);
  const hashes = d.map(leafHash);
  const store = storeOf(hashes);

  it('the tree hash is HASH(k || l) with l = HASH(i || j) and j = leaf d6', () => {
    expect(hex(store.root())).toBe(hex(nodeHash(k, l)));
    expect(hex(rootFromLeafHashes(hashes))).toBe(hex(naiveMth(d)));
  });

  it.each([
    ['d0', 0, [b, h, l]],
    ['d3', 3, [c, g, l]],
    ['d4', 4, [f, j, k]],
    ['d6', 6, [i, k]],
  ] as const)('audit path for %s is the documented node list', (_name, index, nodes) => {
    expect(hexAll(inclusionProof(hashes, index))).toEqual(hexAll(nodes));
    expect(hexAll(inclusionProof(store, index))).toEqual(hexAll(nodes));
    expect(verifyInclusion(hashes[index] as Uint8Array, index, 7, nodes, nodeHash(k, l))).toEqual({ ok: true });
  });

  const hash0 = nodeHash(g, c); // first 3 leaves
  const hash1 = k; // first 4 leaves
  const hash2 = nodeHash(k, i); // first 6 leaves
  it.each([
    ['hash0 (3 leaves)', 3, hash0, [c, dd, g, l]],
    ['hash1 (4 leaves)', 4, hash1, [l]],
    ['hash2 (6 leaves)', 6, hash2, [i, j, k]],
  ] as const)('consistency proof from %s to hash is the documented node list', (_name, m, oldRoot, nodes) => {
    expect(hex(store.root(m))).toBe(hex(oldRoot));
    expect(hexAll(consistencyProof(hashes, m, 7))).toEqual(hexAll(nodes));
    expect(hexAll(consistencyProof(store, m, 7))).toEqual(hexAll(nodes));
    expect(verifyConsistency(m, 7, oldRoot, nodeHash(k, l), nodes)).toEqual({ ok: true });
  });
});

describe('RFC 9162 Merkle tree: randomized trees against the literal definition', () => {
  const rand = prng(9162);
  const MAX = 300;
  const entries = randomEntries(MAX, rand);
  const hashes = entries.map(leafHash);
  const store = storeOf(hashes);

  it(`roots of every prefix 0..${MAX}: array, accumulator, store and the naive MTH agree`, () => {
    const acc = new MerkleAccumulator();
    expect(hex(acc.root())).toBe(hex(naiveMth([])));
    for (let n = 1; n <= MAX; n++) {
      acc.append(hashes[n - 1] as Uint8Array);
      const want = hex(naiveMth(entries.slice(0, n)));
      expect(hex(rootFromLeafHashes(hashes.slice(0, n)))).toBe(want);
      expect(hex(rootFromLeafHashes(hashes, n))).toBe(want);
      expect(hex(acc.root())).toBe(want);
      expect(hex(store.root(n))).toBe(want);
      expect(acc.size).toBe(n);
    }
  });

  it('every cached subtree of the store is the MTH of its aligned leaf range', () => {
    for (let level = 0, width = 1; width <= MAX; level++, width *= 2) {
      for (let index = 0; (index + 1) * width <= MAX; index++) {
        expect(hex(store.subtree(level, index))).toBe(hex(naiveMth(entries.slice(index * width, (index + 1) * width))));
      }
      expect(() => store.subtree(level, Math.floor(MAX / width))).toThrow(RangeError);
    }
  });

  it('larger trees (1025, 4099 leaves): all constructions agree', () => {
    for (const n of [1025, 4099]) {
      const big = randomEntries(n, rand);
      const bigHashes = big.map(leafHash);
      const acc = new MerkleAccumulator();
      bigHashes.forEach((x) => acc.append(x));
      const want = hex(naiveMth(big));
      expect(hex(rootFromLeafHashes(bigHashes))).toBe(want);
      expect(hex(acc.root())).toBe(want);
      expect(hex(storeOf(bigHashes).root())).toBe(want);
    }
  });

  it('an accumulator restored from its peaks continues identically', () => {
    const acc = new MerkleAccumulator();
    for (let n = 0; n < 100; n++) {
      const restored = MerkleAccumulator.restore(acc.size, acc.peakHashes());
      expect(hex(restored.root())).toBe(hex(acc.root()));
      acc.append(hashes[n] as Uint8Array);
      restored.append(hashes[n] as Uint8Array);
      expect(hex(restored.root())).toBe(hex(acc.root()));
      expect(acc.peakHashes()).toHaveLength([...(n + 1).toString(2)].filter((bit) => bit === '1').length);
    }
    expect(() => MerkleAccumulator.restore(3, [hashes[0] as Uint8Array])).toThrow(/needs 2 hashes/);
  });

  describe('inclusion proofs', () => {
    /**
     * Checks one genuine proof and its tampered variants, returning the mismatches. Every proof
     * gets a flipped bit, a wrong index and a wrong size; `full` adds the whole battery.
     */
    function inclusionMismatches(
      leaf: Uint8Array,
      m: number,
      n: number,
      proof: Uint8Array[],
      root: Uint8Array,
      full: boolean,
      tally: { sizeAccepted: number; sizeRejected: number },
    ): string[] {
      const out: string[] = [];
      const check = (label: string, got: boolean, want: boolean): void => {
        if (got !== want) out.push(`m=${m} n=${n} ${label}: ok=${got}, want ${want}`);
      };
      check('genuine', verifyInclusion(leaf, m, n, proof, root).ok, true);
      const bit = rand(proof.length + 1); // proof.length stands for the leaf itself
      check(
        `flipped bit in ${bit === proof.length ? 'leaf' : `proof[${bit}]`}`,
        bit === proof.length
          ? verifyInclusion(flipBit(leaf, rand(256)), m, n, proof, root).ok
          : verifyInclusion(
              leaf,
              m,
              n,
              proof.map((p, idx) => (idx === bit ? flipBit(p, rand(256)) : p)),
              root,
            ).ok,
        false,
      );
      // Wrong index: another leaf never has the same path shape, so always rejected.
      const indices = full ? [m - 1, m + 1, m ^ 2, n] : [m + 1 < n ? m + 1 : m - 1 >= 0 ? m - 1 : n];
      for (const wrong of indices) if (wrong !== m) check(`index ${wrong}`, verifyInclusion(leaf, wrong, n, proof, root).ok, false);
      // Wrong size: the proof does not authenticate the size (the signed tree head does);
      // verification must fail exactly when the leaf's path shape changes.
      const sizes = [n + 1, n - 1, 2 * n, Math.floor(n / 2)];
      for (const wrong of full ? sizes : [sizes[m % 4] as number]) {
        if (wrong === n) continue;
        const ok = verifyInclusion(leaf, m, wrong, proof, root).ok;
        check(`size ${wrong}`, ok, m < wrong && pathShape(m, wrong) === pathShape(m, n));
        if (ok) tally.sizeAccepted++;
        else tally.sizeRejected++;
      }
      if (!full) return out;
      check('flipped root', verifyInclusion(leaf, m, n, proof, flipBit(root, rand(256))).ok, false);
      proof.forEach((_, at) =>
        check(
          `flipped proof[${at}]`,
          verifyInclusion(
            leaf,
            m,
            n,
            proof.map((p, idx) => (idx === at ? flipBit(p, rand(256)) : p)),
            root,
          ).ok,
          false,
        ),
      );
      if (proof.length > 0) {
        check('last removed', verifyInclusion(leaf, m, n, proof.slice(0, -1), root).ok, false);
        check('first removed', verifyInclusion(leaf, m, n, proof.slice(1), root).ok, false);
      }
      check('trailing root', verifyInclusion(leaf, m, n, [...proof, root], root).ok, false);
      check('preceding root', verifyInclusion(leaf, m, n, [root, ...proof], root).ok, false);
      return out;
    }

    it(
      `for every leaf of every prefix 1..${MAX}: verify, and fail when tampered`,
      () => {
        // Collected rather than asserted one by one: 45,150 proofs. The full battery runs for
        // n <= 64 and for every 16th and the last leaf beyond; the rest get the three basic tampers.
        const failures: string[] = [];
        const tally = { sizeAccepted: 0, sizeRejected: 0 };
        let verified = 0;
        for (let n = 1; n <= MAX; n++) {
          const root = store.root(n);
          for (let m = 0; m < n; m++) {
            const proof = inclusionProof(store, m, n);
            if (n <= 64) {
              if (hexAll(proof).join() !== hexAll(naivePath(m, entries.slice(0, n))).join())
                failures.push(`m=${m} n=${n}: differs from naive PATH`);
              if (hexAll(inclusionProof(hashes, m, n)).join() !== hexAll(proof).join())
                failures.push(`m=${m} n=${n}: array source differs`);
            }
            failures.push(
              ...inclusionMismatches(hashes[m] as Uint8Array, m, n, proof, root, n <= 64 || m % 16 === 0 || m === n - 1, tally),
            );
            verified++;
          }
        }
        expect(failures.slice(0, 20)).toEqual([]);
        expect(verified).toBe((MAX * (MAX + 1)) / 2);
        expect(tally.sizeRejected).toBeGreaterThan(tally.sizeAccepted);
      },
      HEAVY,
    );

    it('for every leaf of a 1025-leaf tree: match the array-source proof, verify, and fail when tampered', () => {
      const big = randomEntries(1025, rand).map(leafHash);
      const bigStore = storeOf(big);
      const root = naiveMthOfHashes(big);
      const failures: string[] = [];
      const tally = { sizeAccepted: 0, sizeRejected: 0 };
      for (let m = 0; m < big.length; m++) {
        const proof = inclusionProof(bigStore, m);
        if (m % 64 === 0 || m > 1020) expect(hexAll(inclusionProof(big, m))).toEqual(hexAll(proof));
        failures.push(...inclusionMismatches(big[m] as Uint8Array, m, big.length, proof, root, m % 32 === 0, tally));
      }
      expect(failures.slice(0, 20)).toEqual([]);
    });
  });

  describe('consistency proofs', () => {
    /** Tampered variants of a genuine proof; returns those that wrongly verify. */
    function acceptedTampers(m: number, n: number, proof: Uint8Array[], oldRoot: Uint8Array, newRoot: Uint8Array): string[] {
      const accepted: string[] = [];
      const reject = (label: string, om: number, nn: number, r1: Uint8Array, r2: Uint8Array, p: Uint8Array[]): void => {
        if (verifyConsistency(om, nn, r1, r2, p).ok) accepted.push(`m=${m} n=${n}: ${label}`);
      };
      proof.forEach((_, at) =>
        reject(
          `flipped proof[${at}]`,
          m,
          n,
          oldRoot,
          newRoot,
          proof.map((p, idx) => (idx === at ? flipBit(p, rand(256)) : p)),
        ),
      );
      reject('flipped old root', m, n, flipBit(oldRoot, rand(256)), newRoot, proof);
      reject('flipped new root', m, n, oldRoot, flipBit(newRoot, rand(256)), proof);
      reject('trailing new root', m, n, oldRoot, newRoot, [...proof, newRoot]);
      reject('trailing old root', m, n, oldRoot, newRoot, [...proof, oldRoot]);
      reject('preceding old root', m, n, oldRoot, newRoot, [oldRoot, ...proof]);
      if (m === n) return accepted;
      reject('swapped roots', m, n, newRoot, oldRoot, proof);
      reject('swapped sizes and roots', n, m, newRoot, oldRoot, proof);
      reject('truncated', m, n, oldRoot, newRoot, proof.slice(0, -1));
      reject('first element removed', m, n, oldRoot, newRoot, proof.slice(1));
      reject('duplicated first element', m, n, oldRoot, newRoot, [proof[0] as Uint8Array, ...proof]);
      reject('empty proof', m, n, oldRoot, newRoot, []);
      reject('from the empty tree', 0, n, emptyRoot(), newRoot, proof);
      return accepted;
    }

    it(
      'for all 1 <= m <= n <= 64: match the literal PROOF(m, D[n]), verify, and fail when tampered',
      () => {
        const failures: string[] = [];
        let pairs = 0;
        for (let n = 1; n <= 64; n++) {
          const newRoot = store.root(n);
          for (let m = 1; m <= n; m++) {
            const oldRoot = store.root(m);
            const proof = consistencyProof(store, m, n);
            const want = hexAll(naiveSubproof(m, entries.slice(0, n), true)).join();
            if (hexAll(proof).join() !== want) failures.push(`m=${m} n=${n}: differs from naive PROOF`);
            if (hexAll(consistencyProof(hashes, m, n)).join() !== want) failures.push(`m=${m} n=${n}: array source differs`);
            if (!verifyConsistency(m, n, oldRoot, newRoot, proof).ok) failures.push(`m=${m} n=${n}: genuine proof rejected`);
            failures.push(...acceptedTampers(m, n, proof, oldRoot, newRoot));
            pairs++;
          }
        }
        expect(failures.slice(0, 20)).toEqual([]);
        expect(pairs).toBe((64 * 65) / 2);
      },
      HEAVY,
    );

    it(
      'random pairs on a 70,000-leaf tree: match the array-source proof, verify, and fail when tampered',
      () => {
        const big = randomEntries(70_000, rand).map(leafHash);
        const bigStore = storeOf(big);
        const failures: string[] = [];
        for (let t = 0; t < 400; t++) {
          const n = 1 + rand(big.length);
          const m = t % 8 === 0 ? largestPowerOfTwoAtMost(n) : 1 + rand(n);
          const proof = consistencyProof(bigStore, m, n);
          if (t % 40 === 0) expect(hexAll(consistencyProof(big, m, n))).toEqual(hexAll(proof));
          const oldRoot = bigStore.root(m);
          const newRoot = bigStore.root(n);
          if (!verifyConsistency(m, n, oldRoot, newRoot, proof).ok) failures.push(`m=${m} n=${n}: genuine proof rejected`);
          failures.push(...acceptedTampers(m, n, proof, oldRoot, newRoot));
        }
        expect(failures.slice(0, 20)).toEqual([]);
      },
      HEAVY,
    );

    it('edge sizes: equal sizes need an empty proof and equal roots; the empty tree has one root', () => {
      const r = store.root(5);
      expect(consistencyProof(store, 5, 5)).toEqual([]);
      expect(consistencyProof(store, 0, 0)).toEqual([]);
      expect(verifyConsistency(5, 5, r, r, [])).toEqual({ ok: true });
      expect(verifyConsistency(0, 0, emptyRoot(), emptyRoot(), [])).toEqual({ ok: true });
      expect(verifyConsistency(0, 0, r, r, []).ok).toBe(false);
      expect(verifyConsistency(5, 5, r, store.root(4), []).ok).toBe(false);
      expect(verifyConsistency(0, 5, emptyRoot(), r, []).ok).toBe(false);
      expect(() => consistencyProof(store, 0, 5)).toThrow(/oldSize: must be > 0/);
      expect(() => consistencyProof(store, 6, 5)).toThrow(RangeError);
      expect(() => consistencyProof(store, 1, MAX + 1)).toThrow(/exceeds the 300 leaves/);
    });
  });
});

describe('MerkleTreeStore: the subtree cache, appended one by one or in bulk', () => {
  it('holds exactly the MTH of every complete aligned subtree, however the leaves arrive', () => {
    const rand = prng(7);
    const entries = randomEntries(300, rand);
    const leaves = entries.map((e) => leafHash(e));
    for (const expected of [0, 1, 300]) {
      const store = new MerkleTreeStore(expected);
      for (let at = 0; at < leaves.length;) {
        const take = Math.min(leaves.length - at, 1 + rand(40));
        if (take === 1) expect(store.append(leaves[at]!)).toBe(at);
        else store.appendMany(Buffer.concat(leaves.slice(at, at + take)));
        at += take;
        expect(store.size).toBe(at);
        for (let level = 0; 2 ** level <= at; level++) {
          for (let index = 0; (index + 1) * 2 ** level <= at; index++) {
            const span = entries.slice(index * 2 ** level, (index + 1) * 2 ** level);
            expect(hex(store.subtree(level, index))).toBe(hex(naiveMth(span)));
          }
        }
        expect(() => store.subtree(0, at)).toThrow(/no complete subtree/);
        expect(hex(store.root())).toBe(hex(naiveMth(entries.slice(0, at))));
      }
    }
  });

  it('hands out copies, so a caller cannot change the tree', () => {
    const store = storeOf([leafHash(Buffer.from('a')), leafHash(Buffer.from('b'))]);
    const root = hex(store.root());
    store.subtree(1, 0).fill(0);
    store.leaf(0).fill(0);
    expect(hex(store.root())).toBe(root);
  });

  it('rejects bulk input that is not whole hashes', () => {
    expect(() => new MerkleTreeStore().appendMany(new Uint8Array(33))).toThrow(/not a whole number of 32-byte hashes/);
    expect(() => new MerkleTreeStore().appendMany('x' as unknown as Uint8Array)).toThrow(/appendMany leafHashes: expected Uint8Array/);
    expect(() => new MerkleTreeStore(-1)).toThrow(RangeError);
  });
});

describe('RFC 9162 Merkle tree: a 1,000,000-leaf log', () => {
  const N = 1_000_000;
  const store = new MerkleTreeStore();
  const acc = new MerkleAccumulator();
  beforeAll(() => {
    // Distinct 32-byte stand-ins for leaf hashes: the tree never looks inside them, and
    // skipping 10^6 leaf hashes halves the set-up time.
    const h = new Uint8Array(32);
    const view = new DataView(h.buffer);
    for (let i = 0; i < N; i++) {
      view.setUint32(0, i);
      store.append(h);
      acc.append(h);
    }
  }, HEAVY);
  let reads = 0;
  const counted: LeafHashSource = {
    get size() {
      return store.size;
    },
    leaf: (i) => (reads++, store.leaf(i)),
    subtree: (level, i) => (reads++, store.subtree(level, i)),
  };
  const rand = prng(20);
  const LOG2_N = 20; // ceil(log2(10^6))

  it('store and accumulator agree on the root; the accumulator holds one hash per set bit of n', () => {
    expect(hex(store.root())).toBe(hex(acc.root()));
    expect(acc.peakHashes()).toHaveLength(7); // 1_000_000 = 0b11110100001001000000
  });

  it('roots of prefixes, inclusion and consistency proofs read O(log n) stored hashes', () => {
    let maxReads = 0;
    const measure = <T>(f: () => T): T => {
      reads = 0;
      const out = f();
      maxReads = Math.max(maxReads, reads);
      return out;
    };
    for (let t = 0; t < 200; t++) {
      const n = 1 + rand(N);
      const m = 1 + rand(n);
      const leafIndex = rand(n);
      const newRoot = measure(() => rootFromLeafHashes(counted, n));
      const oldRoot = measure(() => rootFromLeafHashes(counted, m));
      const path = measure(() => inclusionProof(counted, leafIndex, n));
      expect(verifyInclusion(store.leaf(leafIndex), leafIndex, n, path, newRoot)).toEqual({ ok: true });
      const proof = measure(() => consistencyProof(counted, m, n));
      expect(verifyConsistency(m, n, oldRoot, newRoot, proof)).toEqual({ ok: true });
    }
    expect(maxReads).toBeLessThanOrEqual(2 * LOG2_N + 2);
  });
});

describe('RFC 9162 Merkle tree: input assertions', () => {
  const h = leafHash(Buffer.from('x'));

  it('rejects non-byte inputs and wrong hash lengths with labelled errors', () => {
    expect(() => leafHash('x' as unknown as Uint8Array)).toThrow(/leafHash entry: expected Uint8Array/);
    expect(() => nodeHash(h.subarray(1), h)).toThrow(/nodeHash left: expected 32 bytes, got 31/);
    expect(() => verifyInclusion(h, 0, 1, null as unknown as Uint8Array[], h)).toThrow(/verifyInclusion proof: expected an array/);
    expect(() => verifyInclusion(h, '0' as unknown as number, 1, [], h)).toThrow(/verifyInclusion leafIndex: expected number/);
    expect(() => verifyConsistency(1, 2, h, h, ['ab' as unknown as Uint8Array])).toThrow(/verifyConsistency proof\[0\]/);
    expect(() => new MerkleTreeStore().append(h.subarray(0, 16))).toThrow(/MerkleTreeStore.append leafHash: expected 32 bytes/);
    expect(() => new MerkleAccumulator().append(new Uint8Array(33))).toThrow(RangeError);
  });

  it('rejects impossible indices and sizes when building proofs', () => {
    expect(() => inclusionProof([h], 1)).toThrow(/inclusionProof index: 1 is not below tree size 1/);
    expect(() => inclusionProof([h], -1)).toThrow(/inclusionProof index: expected a non-negative safe integer/);
    expect(() => inclusionProof([h, h], 0, 3)).toThrow(/inclusionProof treeSize: 3 exceeds the 2 leaves/);
    expect(() => rootFromLeafHashes([h, new Uint8Array(3)])).toThrow(/leaf hash 1: expected 32 bytes/);
  });

  it('returns a verdict, not a throw, for malformed proof data', () => {
    expect(verifyInclusion(h, 0, 0, [], h)).toEqual({ ok: false, reason: 'leafIndex 0 is not below treeSize 0' });
    expect(verifyInclusion(h, 2 ** 64 - 1, 1, [], h).ok).toBe(false);
    expect(verifyInclusion(h, 0.5, 1, [], h).ok).toBe(false);
    expect(verifyInclusion(h.subarray(0, 9), 0, 1, [], h).ok).toBe(false);
    expect(verifyInclusion(h, 0, 2, [new Uint8Array(0)], h)).toEqual({ ok: false, reason: 'proof[0] is 0 bytes, not 32' });
    expect(verifyConsistency(2, 1, h, h, []).ok).toBe(false);
    expect(verifyConsistency(1, 2, h, h, []).ok).toBe(false);
  });

  it('says why: the RFC length checks (sn reaching 0 early or late) name the fault', () => {
    const hashes = ['a', 'b', 'c', 'd', 'e'].map((x) => leafHash(Buffer.from(x)));
    const root5 = rootFromLeafHashes(hashes);
    const path = inclusionProof(hashes, 1);
    expect(verifyInclusion(hashes[1] as Uint8Array, 1, 5, [...path, root5], root5)).toEqual({
      ok: false,
      reason: 'proof is longer than the path to the root',
    });
    expect(verifyInclusion(hashes[1] as Uint8Array, 1, 5, path.slice(0, -1), root5)).toEqual({
      ok: false,
      reason: 'proof is shorter than the path to the root',
    });
    const root3 = rootFromLeafHashes(hashes, 3);
    const proof = consistencyProof(hashes, 3, 5);
    expect(verifyConsistency(3, 5, root3, root5, [...proof, root5])).toEqual({ ok: false, reason: 'proof is longer than needed' });
    expect(verifyConsistency(3, 5, root3, root5, proof.slice(0, -1))).toEqual({ ok: false, reason: 'proof is shorter than needed' });
    expect(verifyConsistency(3, 5, root5, root3, proof)).toEqual({ ok: false, reason: 'computed old root does not match' });
  });

  it('returns proofs that do not alias the store', () => {
    const store = storeOf([h, leafHash(Buffer.from('y')), leafHash(Buffer.from('z'))]);
    const proof = inclusionProof(store, 0);
    const before = hexAll(proof);
    proof.forEach((p) => p.fill(0));
    expect(hexAll(inclusionProof(store, 0))).toEqual(before);
  });
});

function naiveMthOfHashes(hashes: readonly Uint8Array[]): Buffer {
  if (hashes.length === 1) return Buffer.from(hashes[0] as Uint8Array);
  const k = split(hashes.length);
  return H(Uint8Array.of(1), naiveMthOfHashes(hashes.slice(0, k)), naiveMthOfHashes(hashes.slice(k)));
}

function largestPowerOfTwoAtMost(n: number): number {
  let k = 1;
  while (k * 2 <= n) k *= 2;
  return k;
}
