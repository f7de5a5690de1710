/**
 * The offline verifier for evidence bundles: no server, no database, only the file (and,
 * ideally, the ledger public key the company publishes). It checks every part and names
 * exactly what fails; it does not stop at the first failure, so a report shows the damage.
 *
 * Checks, in order (codes in brackets):
 *  1. the file is JSON [BUNDLE_NOT_JSON] in RFC 8785 canonical form [BUNDLE_NOT_CANONICAL] of
 *     the v1 shape [BUNDLE_FORMAT];
 *  2. the ledger keys are the pinned ones, when pins are given [LEDGER_KEY_NOT_PINNED];
 *  3. the ledger's seal over the whole bundle [SEAL_UNKNOWN_KEY, SEAL_SIGNATURE];
 *  4. the checkpoint note's signature and its size/root [CHECKPOINT_*];
 *  5. every event: ledger signature on the exact bytes, envelope, hash chain from revision 0
 *     [EVENT_* with the fault of src/ledger/verify-event.ts], its leaf in the Merkle log
 *     [INCLUSION_PROOF, LEAF_INDEX];
 *  6. every interview claim against the state folded from its events [INTERVIEW_*];
 *  7. every actor signature against the signer's registered, unrevoked key [ACTOR_SIGNATURE*],
 *     and the manifest against the verified events [MANIFEST_MISMATCH];
 *  8. the rendering, re-rendered from the events and compared byte for byte [RENDERING_*].
 */
import { canonicalJson } from '../crypto/canonical-json';
import { ed25519Verify, publicKeyFromRaw } from '../crypto/ed25519';
import { keyIdOf } from '../crypto/key-id';
import type { LedgerPublicKey } from '../crypto/keyring';
import { leafHash, verifyInclusion } from '../crypto/merkle';
import { pae } from '../crypto/pae';
import { sha256Hex } from '../crypto/sha256';
import { EventVerificationError, verifyRecordedEvent, type ChainCursor } from '../ledger/verify-event';
import type { EventBody } from '../ledger/event-body';
import { BUNDLE_FORMAT, BUNDLE_PAYLOAD_TYPE, subjectProblem, type BundleEvent, type EvidenceBundle } from './bundle-format';
import { renderEvidenceHtml } from './render-html';
import { checkActorSignatures, checkInterviewClaims, checkManifest, type ParsedEvent } from './bundle-semantics';
import { checkCheckpointNote } from './bundle-checkpoint';
import type { KeyObject } from 'node:crypto';

export interface BundleFailure {
  readonly code: string;
  /** What failed: "bundle", "seal", "checkpoint", "event interview-X@3", "interview X", "rendering". */
  readonly where: string;
  readonly detail: string;
}

export interface BundleReport {
  readonly ok: boolean;
  readonly failures: readonly BundleFailure[];
  readonly subject?: EvidenceBundle['subject'];
  readonly interviews: number;
  readonly events: number;
  readonly checkpointSize?: number;
  /** The ledger keys the verdict rests on, and whether they were pinned by the caller. */
  readonly ledgerKeys: ReadonlyArray<{ readonly kid: string; readonly publicKey: string; readonly pinned: boolean }>;
}

export interface VerifyBundleOptions {
  /** Ledger public keys (raw 32 bytes, base64) the verifier trusts. Without pins the bundle's own keys are used and reported as unpinned. */
  readonly trustedLedgerKeys?: readonly string[];
}

const fail = (failures: BundleFailure[], code: string, where: string, detail: string) => failures.push({ code, where, detail });

export function verifyBundle(bytes: Uint8Array, options: VerifyBundleOptions = {}): BundleReport {
  const failures: BundleFailure[] = [];
  const empty = (): BundleReport => ({ ok: false, failures, interviews: 0, events: 0, ledgerKeys: [] });

  // 1. Shape and canonical form: any byte change either breaks JSON, changes a value (caught
  //    below) or leaves a non-canonical encoding (caught here).
  let bundle: EvidenceBundle;
  try {
    bundle = JSON.parse(Buffer.from(bytes).toString('utf8')) as EvidenceBundle;
  } catch {
    fail(failures, 'BUNDLE_NOT_JSON', 'bundle', 'the file is not JSON');
    return empty();
  }
  const shape = shapeProblem(bundle);
  if (shape) {
    fail(failures, 'BUNDLE_FORMAT', 'bundle', shape);
    return empty();
  }
  if (!canonicalJson(bundle).equals(Buffer.from(bytes))) {
    fail(failures, 'BUNDLE_NOT_CANONICAL', 'bundle', 'the file is not the RFC 8785 canonical form of its content (bytes were changed)');
  }

  // 2. Ledger keys: pinned by the caller, or taken from the bundle and reported as such.
  const pins = new Set(options.trustedLedgerKeys ?? []);
  const keys = new Map<string, KeyObject>();
  const ledgerKeys = bundle.ledgerKeys.map((k) => ({ kid: k.kid, publicKey: k.publicKey, pinned: pins.has(k.publicKey) }));
  for (const key of bundle.ledgerKeys) {
    if (pins.size > 0 && !pins.has(key.publicKey)) {
      fail(
        failures,
        'LEDGER_KEY_NOT_PINNED',
        `ledger key ${key.kid}`,
        'this ledger key is not one of the trusted keys given to the verifier',
      );
      continue;
    }
    const raw = Buffer.from(key.publicKey, 'base64');
    if (raw.length !== 32 || keyIdOf(raw) !== key.kid) {
      fail(failures, 'BUNDLE_FORMAT', `ledger key ${key.kid}`, 'not a 32-byte Ed25519 public key with that key id');
      continue;
    }
    keys.set(key.kid, publicKeyFromRaw(raw));
  }
  const keyFor = (kid: string) => keys.get(kid);

  // 3. The seal over everything else.
  const { seal, ...unsealed } = bundle;
  const sealKey = keyFor(seal.kid);
  if (!sealKey) fail(failures, 'SEAL_UNKNOWN_KEY', 'seal', `sealed by ${seal.kid}, which is not a (trusted) ledger key`);
  else if (!ed25519Verify(pae(BUNDLE_PAYLOAD_TYPE, canonicalJson(unsealed)), Buffer.from(seal.sig, 'base64'), sealKey)) {
    fail(failures, 'SEAL_SIGNATURE', 'seal', 'the ledger seal does not match the bundle content');
  }

  // 4. The checkpoint: a signed note by a ledger key, agreeing with the size and root it states.
  const checkpoint = checkCheckpointNote(
    bundle.checkpoint,
    bundle.ledgerKeys.filter((k) => keys.has(k.kid)),
  );
  for (const problem of checkpoint.problems) fail(failures, problem.code, 'checkpoint', problem.detail);
  const root = Buffer.from(bundle.checkpoint.rootHash, 'base64');

  // 5. Events: signatures, chains from revision 0, inclusion under the checkpoint.
  const parsed: ParsedEvent[] = [];
  const cursors = new Map<string, ChainCursor | null>();
  const leafIndexes = new Set<number>();
  for (const event of bundle.events) {
    const where = `event ${event.stream}@${event.revision}`;
    const body = Buffer.from(event.body, 'base64');
    const sig = Buffer.from(event.sig, 'base64');
    const previous = cursors.has(event.stream) ? cursors.get(event.stream)! : null;
    try {
      const verified = verifyRecordedEvent(
        { position: String(event.leafIndex), stream: event.stream, revision: event.revision, type: event.type, body, kid: event.kid, sig },
        previous,
        keyFor,
      );
      cursors.set(event.stream, verified.cursor);
      parsed.push({ event, body: verified.body });
    } catch (error) {
      if (!(error instanceof EventVerificationError)) throw error;
      fail(failures, `EVENT_${error.fault}`, where, error.message);
      cursors.set(event.stream, { revision: event.revision, hash: sha256Hex(body) });
    }
    if (leafIndexes.has(event.leafIndex)) fail(failures, 'LEAF_INDEX', where, `leaf index ${event.leafIndex} appears twice`);
    leafIndexes.add(event.leafIndex);
    if (!(event.leafIndex < bundle.checkpoint.size)) {
      fail(failures, 'LEAF_INDEX', where, `leaf index ${event.leafIndex} is outside the checkpoint's ${bundle.checkpoint.size} entries`);
      continue;
    }
    const verdict = verifyInclusion(
      leafHash(body),
      event.leafIndex,
      bundle.checkpoint.size,
      event.proof.map((p) => Buffer.from(p, 'base64')),
      root,
    );
    if (!verdict.ok) fail(failures, 'INCLUSION_PROOF', where, `not included in the log under the checkpoint: ${verdict.reason}`);
  }

  // 6–7. What the events mean: the claimed interview states and the actors' signatures.
  for (const problem of checkInterviewClaims(bundle.interviews, parsed)) fail(failures, problem.code, problem.where, problem.detail);
  for (const problem of checkActorSignatures(parsed)) fail(failures, problem.code, problem.where, problem.detail);
  for (const problem of checkManifest(bundle.manifest, parsed, bundle.interviews.length))
    fail(failures, problem.code, problem.where, problem.detail);

  // 8. The rendering: hashed as stated, and exactly what the events render to.
  if (sha256Hex(Buffer.from(bundle.rendering.html, 'utf8')) !== bundle.rendering.sha256) {
    fail(failures, 'RENDERING_DIGEST', 'rendering', 'the HTML does not hash to the digest stated in the bundle');
  }
  let expected: string | null = null;
  try {
    expected = renderEvidenceHtml(bundle, parsed);
  } catch (error) {
    fail(failures, 'EVENT_DATA', 'rendering', `the events cannot be rendered: ${(error as Error).message}`);
  }
  if (expected !== null && expected !== bundle.rendering.html) {
    fail(failures, 'RENDERING_MISMATCH', 'rendering', 'the HTML differs from what the verified events render to');
  }

  return {
    ok: failures.length === 0,
    failures,
    subject: bundle.subject,
    interviews: bundle.interviews.length,
    events: bundle.events.length,
    checkpointSize: bundle.checkpoint.size,
    ledgerKeys,
  };
}

/** A structural problem that makes further checks meaningless, or null. */
function shapeProblem(b: unknown): string | null {
  if (b === null || typeof b !== 'object' || Array.isArray(b)) return 'the bundle is not an object';
  const x = b as Partial<EvidenceBundle>;
  if (x.format !== BUNDLE_FORMAT) return `format is ${JSON.stringify(x.format)}, expected ${BUNDLE_FORMAT}`;
  if (typeof x.createdAt !== 'string') return 'createdAt is missing';
  const subject = subjectProblem(x.subject);
  if (subject) return subject;
  if (!Array.isArray(x.ledgerKeys) || !x.ledgerKeys.every((k) => k && typeof k.kid === 'string' && typeof k.publicKey === 'string'))
    return 'ledgerKeys is malformed';
  const c = x.checkpoint;
  if (!c || typeof c.note !== 'string' || !Number.isSafeInteger(c.size) || c.size < 0 || typeof c.rootHash !== 'string')
    return 'checkpoint is malformed';
  if (!Array.isArray(x.events) || !x.events.every(isBundleEvent)) return 'events is malformed';
  if (
    !Array.isArray(x.interviews) ||
    !x.interviews.every(
      (i) =>
        i &&
        typeof i.id === 'string' &&
        typeof i.stream === 'string' &&
        Number.isInteger(i.version) &&
        typeof i.status === 'string' &&
        typeof i.contentDigest === 'string',
    )
  ) {
    return 'interviews is malformed';
  }
  const m = x.manifest;
  if (
    !m ||
    !Number.isSafeInteger(m.events) ||
    !Number.isSafeInteger(m.interviews) ||
    !Array.isArray(m.streams) ||
    !m.streams.every(
      (e) =>
        e &&
        typeof e.stream === 'string' &&
        Number.isSafeInteger(e.events) &&
        Number.isSafeInteger(e.headRevision) &&
        typeof e.headHash === 'string',
    )
  ) {
    return 'manifest is malformed';
  }
  const r = x.rendering;
  if (!r || typeof r.html !== 'string' || typeof r.sha256 !== 'string') return 'rendering is malformed';
  if (!x.seal || typeof x.seal.kid !== 'string' || typeof x.seal.sig !== 'string') return 'seal is missing';
  return null;
}

function isBundleEvent(e: unknown): e is BundleEvent {
  if (!e || typeof e !== 'object') return false;
  const x = e as BundleEvent;
  return (
    Number.isSafeInteger(x.leafIndex) &&
    x.leafIndex >= 0 &&
    typeof x.stream === 'string' &&
    Number.isInteger(x.revision) &&
    typeof x.type === 'string' &&
    typeof x.kid === 'string' &&
    typeof x.body === 'string' &&
    typeof x.sig === 'string' &&
    Array.isArray(x.proof) &&
    x.proof.every((p) => typeof p === 'string')
  );
}

export type { LedgerPublicKey, EventBody };
