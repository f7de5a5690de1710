/**
 * One verifier, two crypto ports: every bundle the evidence tests produce — the exports of
 * bundle.test.ts and bundle-filters.test.ts, each of their tampered copies, and every test
 * vector — is verified here a second time by the browser entry (verifyBundleInBrowser:
 * tweetnacl and the portable SHA-256), with `globalThis.Buffer` deleted for the call, and its
 * report must equal the node:crypto one field for field (ok, failures with code, where and
 * detail, warnings, and the rest). Deleting Buffer proves the browser path uses none, even
 * through a global; the dependency rule portable-verifier-is-portable proves it imports no
 * node: module.
 *
 * How: `verifyBundle` (src/evidence/verify-bundle.ts) is wrapped for this file's module
 * registry, and the three suites are loaded into it, so they run here once more with every
 * call cross-checked.
 */
import type { BundleReport, VerifyBundleOptions } from '../../src/evidence/verify-bundle';

interface Seen {
  readonly ok: boolean;
  readonly codes: readonly string[];
}
const seen: Seen[] = [];
const calls = new Map<string, number>();
let skipped = 0;

jest.mock('../../src/evidence/verify-bundle', () => {
  const actual = jest.requireActual('../../src/evidence/verify-bundle') as typeof import('../../src/evidence/verify-bundle');
  const browser = jest.requireActual(
    '../../src/evidence/verify-bundle-browser',
  ) as typeof import('../../src/evidence/verify-bundle-browser');
  return {
    ...actual,
    verifyBundle(bytes: Uint8Array, options: VerifyBundleOptions = {}): BundleReport {
      const node = actual.verifyBundle(bytes, options);
      // Every call is cross-checked, except inside one test's long runs of tampered copies (the
      // single-byte flips of bundle.test.ts: hundreds of them): there the first 25 and every 15th.
      const test = expect.getState().currentTestName ?? '';
      const n = (calls.get(test) ?? 0) + 1;
      calls.set(test, n);
      if (n > 25 && n % 15 !== 0) {
        skipped++;
        return node;
      }
      // A plain Uint8Array copy made before Buffer goes: the browser gets bytes from a File, not a Buffer.
      const plain = new Uint8Array(bytes);
      const pins = options.trustedLedgerKeys ? [...options.trustedLedgerKeys] : undefined;
      const saved = globalThis.Buffer;
      let portable: BundleReport;
      try {
        delete (globalThis as { Buffer?: unknown }).Buffer;
        portable = browser.verifyBundleInBrowser(plain, pins ? { trustedLedgerKeys: pins } : {});
      } finally {
        globalThis.Buffer = saved;
      }
      expect(portable).toEqual(node);
      seen.push({ ok: node.ok, codes: [...node.failures, ...node.warnings].map((f) => f.code) });
      return node;
    },
  };
});

// Tampered bundles are verified once per port, tweetnacl being slower than OpenSSL.
jest.setTimeout(300_000);

describe('both crypto ports give the same report', () => {
  require('./bundle.test');
  require('./bundle-filters.test');
  require('./bundle-vectors.test');

  afterAll(() => {
    // The cross-check ran over valid bundles and over every failure the tamper tests and vectors produce.
    const codes = new Set(seen.flatMap((s) => s.codes));
    // How much was cross-checked (printed, so a reader of the run sees the sampling).
    console.log(`cross-checked ${seen.length} bundles with both ports (${skipped} further tampered copies with node:crypto only)`);
    expect(seen.filter((s) => s.ok).length).toBeGreaterThan(0);
    expect(seen.filter((s) => !s.ok).length).toBeGreaterThan(50);
    expect([...codes].sort()).toEqual(
      expect.arrayContaining([
        'ACTOR_SIGNATURE',
        'BUNDLE_BASE64',
        'BUNDLE_FORMAT',
        'BUNDLE_NOT_CANONICAL',
        'BUNDLE_NOT_JSON',
        'CHECKPOINT_ROOT',
        'EVENT_BAD_SIGNATURE',
        'EVENT_CHAIN_REVISION',
        'INCLUSION_PROOF',
        'INTERVIEW_MISSING',
        'INTERVIEW_STATUS',
        'INTERVIEW_VERSION',
        'LEAF_INDEX',
        'LEDGER_KEY_NOT_PINNED',
        'MANIFEST_MISMATCH',
        'RENDERING_MISMATCH',
        'SEAL_SIGNATURE',
        'SEAL_UNKNOWN_KEY',
        'SUBJECT_MISMATCH',
      ]),
    );
  });
});

describe('the two ports agree on the primitives', () => {
  const { nodeVerifyPort } = require('../../src/crypto/node-verify-port') as typeof import('../../src/crypto/node-verify-port');
  const { portableVerifyPort } =
    require('../../src/crypto/portable/portable-verify-port') as typeof import('../../src/crypto/portable/portable-verify-port');
  const { generateKeyPairSync, sign } = require('node:crypto') as typeof import('node:crypto');
  const { rawPublicKey } = require('../../src/crypto/ed25519') as typeof import('../../src/crypto/ed25519');

  it('hash alike and refuse a re-encoded signature (S + L) alike', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const raw = new Uint8Array(rawPublicKey(publicKey));
    const message = new TextEncoder().encode('evidence');
    const signature = new Uint8Array(sign(null, message, privateKey));
    for (const port of [nodeVerifyPort, portableVerifyPort]) {
      expect(port.ed25519Verify(raw, message, signature)).toBe(true);
      expect(port.ed25519Verify(raw, message.subarray(1), signature)).toBe(false);
      expect(port.ed25519Verify(raw.subarray(1), message, signature)).toBe(false);
      expect(port.ed25519Verify(raw, message, signature.subarray(1))).toBe(false);
    }
    // S + L: the same point equation holds, RFC 8032 §5.1.7 (and OpenSSL) refuse S ≥ L.
    const L = [0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14];
    const malleated = new Uint8Array(signature);
    let carry = 0;
    for (let i = 0; i < 32; i++) {
      const sum = malleated[32 + i]! + (L[i] ?? (i === 31 ? 0x10 : 0)) + carry;
      malleated[32 + i] = sum & 0xff;
      carry = sum >> 8;
    }
    if (carry === 0) {
      expect(nodeVerifyPort.ed25519Verify(raw, message, malleated)).toBe(false);
      expect(portableVerifyPort.ed25519Verify(raw, message, malleated)).toBe(false);
    }
    for (const size of [0, 1, 55, 56, 63, 64, 65, 1000]) {
      const bytes = new Uint8Array(size).map((_, i) => (i * 31 + 7) & 0xff);
      expect(Buffer.from(portableVerifyPort.sha256(bytes)).toString('hex')).toBe(Buffer.from(nodeVerifyPort.sha256(bytes)).toString('hex'));
    }
  });
});
