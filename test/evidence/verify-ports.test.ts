/**
 * One verifier, two crypto ports. Every evidence-bundle test vector (test/vectors/bundles/,
 * valid and invalid, with the ledger keys pinned and unpinned) and a spread of tampered copies
 * of a valid one — single-byte flips at evenly spaced offsets and edits of each signed part —
 * are verified by the server's entry (verifyBundle: node:crypto) and by the browser entry
 * (verifyBundleInBrowser: tweetnacl and the portable SHA-256) with `globalThis.Buffer`
 * deleted for the call; the two reports must be equal field for field (ok, failures with code,
 * where and detail, warnings, and the rest). Deleting Buffer proves the browser path uses none,
 * even through a global; the dependency rule portable-verifier-is-portable proves it imports no
 * node: module.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VECTOR_DIR, type BundleVectorManifest } from '../../scripts/generate-bundle-vectors';
import { nodeVerifyPort } from '../../src/crypto/node-verify-port';
import { portableVerifyPort } from '../../src/crypto/portable/portable-verify-port';
import { rawPublicKey } from '../../src/crypto/ed25519';
import { verifyBundle, type BundleReport, type VerifyBundleOptions } from '../../src/evidence/verify-bundle';
import { verifyBundleInBrowser } from '../../src/evidence/verify-bundle-browser';

const DIR = join(__dirname, '..', '..', VECTOR_DIR);
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as BundleVectorManifest;
const vector = (name: string) => readFileSync(join(DIR, name));

const seenCodes = new Set<string>();

/** Both reports of the same bytes; the browser's made from a plain Uint8Array with Buffer gone. */
function bothPorts(bytes: Uint8Array, options: VerifyBundleOptions = {}): { node: BundleReport; browser: BundleReport } {
  const node = verifyBundle(bytes, options);
  const plain = new Uint8Array(bytes);
  const pins = options.trustedLedgerKeys ? [...options.trustedLedgerKeys] : undefined;
  const saved = globalThis.Buffer;
  let browser: BundleReport;
  try {
    delete (globalThis as { Buffer?: unknown }).Buffer;
    browser = verifyBundleInBrowser(plain, pins ? { trustedLedgerKeys: pins } : {});
  } finally {
    globalThis.Buffer = saved;
  }
  for (const f of [...node.failures, ...node.warnings]) seenCodes.add(f.code);
  return { node, browser };
}

describe('both crypto ports give the same report', () => {
  it.each(manifest.cases.map((c) => [c.file] as const))('%s, pinned and unpinned', (name) => {
    // Unpinned once, for the valid files (the pins change only the ledger-key check).
    const unpinned = name.startsWith('valid-locked') ? [{}] : [];
    for (const options of [{ trustedLedgerKeys: manifest.ledgerKeys }, ...unpinned]) {
      const { node, browser } = bothPorts(vector(name), options);
      expect(browser).toEqual(node);
    }
  });

  const valid = manifest.cases.find((c) => c.file === 'valid-locked.json')!;
  const base = vector(valid.file);

  it('on single-byte flips spread over a valid bundle', () => {
    let failed = 0;
    const flips = 24;
    for (let k = 0; k < flips; k++) {
      const at = Math.floor(((k + 0.5) * base.length) / flips);
      const copy = new Uint8Array(base);
      copy[at] = copy[at]! ^ 0x01;
      const { node, browser } = bothPorts(copy, { trustedLedgerKeys: manifest.ledgerKeys });
      expect({ at, report: browser }).toEqual({ at, report: node });
      if (!node.ok) failed++;
    }
    // A flip in a JSON string's letter (a name shown in the rendering, say) fails the seal at least.
    expect(failed).toBe(flips);
  });

  it('on edits of each signed part (seal, checkpoint, an event, a proof, an actor signature)', () => {
    const json = JSON.parse(base.toString('utf8')) as Record<string, unknown>;
    const flipBase64 = (value: string) => {
      const i = Math.floor(value.length / 2);
      return value.slice(0, i) + (value[i] === 'A' ? 'B' : 'A') + value.slice(i + 1);
    };
    // Every base64 string at any depth, edited one at a time.
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      if (typeof value === 'string' && /^[A-Za-z0-9+/]{40,}={0,2}$/.test(value)) paths.push(path);
      else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    };
    walk(json, []);
    expect(paths.length).toBeGreaterThan(10);
    const step = Math.max(1, Math.floor(paths.length / 16));
    for (let p = 0; p < paths.length; p += step) {
      const path = paths[p]!;
      const copy = structuredClone(json);
      let at: Record<string | number, unknown> = copy;
      for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
      const last = path[path.length - 1]!;
      at[last] = flipBase64(at[last] as string);
      const { node, browser } = bothPorts(new TextEncoder().encode(JSON.stringify(copy)), { trustedLedgerKeys: manifest.ledgerKeys });
      expect({ path: path.join('.'), report: browser }).toEqual({ path: path.join('.'), report: node });
      expect({ path: path.join('.'), ok: node.ok }).toEqual({ path: path.join('.'), ok: false });
    }
  });

  afterAll(() => {
    // The comparison covered failures of every layer: parse, format, seal, checkpoint, events, proofs, claims.
    expect([...seenCodes]).toEqual(
      expect.arrayContaining([
        'ACTOR_SIGNATURE_CONTENT',
        'ACTOR_SIGNATURE_KEY',
        'BUNDLE_BASE64',
        'BUNDLE_FORMAT',
        'BUNDLE_NOT_CANONICAL',
        'BUNDLE_NOT_JSON',
        'CHECKPOINT_ROOT',
        'CHECKPOINT_SIGNATURE',
        'EVENT_BAD_SIGNATURE',
        'EVENT_BODY_NOT_JSON',
        'EVENT_CHAIN_PREV',
        'EVENT_CHAIN_REVISION',
        'EVENT_ENVELOPE_MISMATCH',
        'EVENT_UNKNOWN_KEY',
        'INCLUSION_PROOF',
        'INTERVIEW_MISSING',
        'INTERVIEW_STATUS',
        'LEAF_INDEX',
        'MANIFEST_MISMATCH',
        'RENDERING_DIGEST',
        'RENDERING_MISMATCH',
        'SEAL_SIGNATURE',
        'SEAL_UNKNOWN_KEY',
        'SUBJECT_MISMATCH',
      ]),
    );
  });
});

describe('the two ports agree on the primitives', () => {
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
