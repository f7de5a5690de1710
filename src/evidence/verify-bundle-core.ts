/**
 * The offline verifier for evidence bundles, portable: no node: module, no Buffer; SHA-256 and
 * Ed25519 come from the `VerifyPort` it is given, so the server and the browser run this one
 * copy of the checks (./verify-bundle.ts and ./verify-bundle-browser.ts call it).
 *
 * The offline verifier for evidence bundles: no server, no database, only the file (and,
 * ideally, the ledger public key the company publishes). It checks every part and names
 * exactly what fails; it does not stop at the first failure, so a report shows the damage.
 *
 * Checks, in order (codes in brackets):
 *  1. the file is JSON [BUNDLE_NOT_JSON] of the v1 shape, with no member the format does not
 *     define [BUNDLE_FORMAT], every base64 text canonical [BUNDLE_BASE64], in RFC 8785
 *     canonical form [BUNDLE_NOT_CANONICAL];
 *  2. the ledger keys are the pinned ones, when pins are given [LEDGER_KEY_NOT_PINNED];
 *  3. the ledger's seal over the whole bundle [SEAL_UNKNOWN_KEY, SEAL_SIGNATURE];
 *  4. the checkpoint note's signature and its size/root [CHECKPOINT_*], and the cosignatures of
 *     the pinned witnesses [WITNESS_KEY_INVALID, WITNESS_COSIGNATURE, WITNESS_COSIGNATURE_MISSING];
 *  5. every event: ledger signature on the exact bytes, envelope, hash chain from revision 0
 *     [EVENT_* with the fault of src/ledger/verify-event.ts], in log order (strictly ascending
 *     leaf index) with its leaf in the Merkle log [LEAF_INDEX, INCLUSION_PROOF];
 *  6. every interview claim against the state folded from its events [INTERVIEW_*], and the
 *     claims against the subject [SUBJECT_MISMATCH];
 *  7. every actor signature against the signer's registered, unrevoked key [ACTOR_SIGNATURE*],
 *     and the manifest against the verified events [MANIFEST_MISMATCH];
 *  8. the rendering: sealed by its hash [RENDERING_DIGEST]. The HTML is informative: every fact
 *     it shows is proven by the structured part. Re-rendering it and comparing bytes is an
 *     implementation check of this verifier, reported as a warning [RENDERING_MISMATCH] that
 *     does not change the verdict (docs/ledger-format.md §13.8).
 */
import { fromBase64 } from '../crypto/portable/base64';
import { canonicalJson } from '../crypto/portable/canonical-json';
import { keyIdOf } from '../crypto/portable/key-id';
import type { LedgerPublicKey } from '../crypto/portable/ledger-public-key';
import { leafHashWith, verifyInclusionWith } from '../crypto/portable/merkle-verify';
import { pae } from '../crypto/portable/pae';
import { bytesEqual, sha256HexWith, utf8, type VerifyPort } from '../crypto/portable/verify-port';
import type { ChainCursor } from '../ledger/event-checks';
import type { EventBody } from '../ledger/event-body';
import { EventVerificationError, verifyEventWith, type EventCrypto } from '../ledger/verify-event-core';
import { BUNDLE_FORMAT, BUNDLE_PAYLOAD_TYPE, subjectProblem, type BundleEvent, type EvidenceBundle } from './bundle-format';
import { renderEvidenceHtml } from './render-html';
import { checkActorSignatures, checkInterviewClaims, checkManifest, checkSubject, type ParsedEvent } from './bundle-semantics';
import { checkCheckpointNote, checkWitnessCosignatures, type WitnessCosignatureReport } from './bundle-checkpoint';

export interface BundleFailure {
  readonly code: string;
  /** What failed: "bundle", "ledger key K", "seal", "checkpoint", "event interview-X@3", "subject", "interview X", "manifest", "rendering". */
  readonly where: string;
  readonly detail: string;
}

export interface BundleReport {
  /** True if and only if there is no failure; warnings do not count. */
  readonly ok: boolean;
  readonly failures: readonly BundleFailure[];
  /** Implementation checks beyond the format's verdict (§13.8): reported, never failing the bundle. */
  readonly warnings: readonly BundleFailure[];
  readonly subject?: EvidenceBundle['subject'];
  readonly interviews: number;
  readonly events: number;
  readonly checkpointSize?: number;
  /** The ledger keys the verdict rests on, and whether they were pinned by the caller. */
  readonly ledgerKeys: ReadonlyArray<{ readonly kid: string; readonly publicKey: string; readonly pinned: boolean }>;
  /** The checkpoint's witness cosignatures: by pinned witness keys (checked), or listed unverified. */
  readonly witnesses: readonly WitnessCosignatureReport[];
}

export interface VerifyBundleOptions {
  /** Ledger public keys (raw 32 bytes, base64) the verifier trusts. Without pins the bundle's own keys are used and reported as unpinned. */
  readonly trustedLedgerKeys?: readonly string[];
  /**
   * Witness keys (vkeys `<name>+<key ID>+<base64(0x04 || key)>`) whose cosignatures the
   * checkpoint must carry (§11.10). Without them, cosignatures are listed but not checked.
   */
  readonly trustedWitnessKeys?: readonly string[];
  /** How many distinct pinned witnesses must have cosigned; default: all of them. */
  readonly witnessThreshold?: number;
}

const fail = (failures: BundleFailure[], code: string, where: string, detail: string) => failures.push({ code, where, detail });
const warn = (warnings: BundleFailure[], code: string, where: string, detail: string) => warnings.push({ code, where, detail });

/** Canonical base64 (RFC 4648 §3.5) decoded; the shape check has made sure every such text is. */
const bytesOf = (text: string): Uint8Array => fromBase64(text) ?? new Uint8Array();

// As Buffer#toString('utf8'): invalid UTF-8 becomes U+FFFD, a BOM is kept (and then is not JSON).
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Verifies an evidence bundle's bytes with `port`'s SHA-256 and Ed25519: every check of the
 * format, in the order above, naming each failure. The one implementation, for the server
 * (./verify-bundle.ts, node:crypto) and the browser (./verify-bundle-browser.ts, tweetnacl).
 */
export function verifyBundleWith(port: VerifyPort, bytes: Uint8Array, options: VerifyBundleOptions = {}): BundleReport {
  const sha256Hex = (data: Uint8Array) => sha256HexWith(port, data);
  const failures: BundleFailure[] = [];
  const warnings: BundleFailure[] = [];
  const empty = (): BundleReport => ({ ok: false, failures, warnings, interviews: 0, events: 0, ledgerKeys: [], witnesses: [] });

  // 1. Shape and canonical form: any byte change either breaks JSON, changes a value (caught
  //    below) or leaves a non-canonical encoding (caught here).
  let bundle: EvidenceBundle;
  try {
    bundle = JSON.parse(decoder.decode(bytes)) as EvidenceBundle;
  } catch {
    fail(failures, 'BUNDLE_NOT_JSON', 'bundle', 'the file is not JSON');
    return empty();
  }
  const shape = shapeProblem(bundle);
  if (shape) {
    fail(failures, 'BUNDLE_FORMAT', 'bundle', shape);
    return empty();
  }
  const encodings = base64Problems(bundle);
  if (encodings.length > 0) {
    for (const where of encodings)
      fail(failures, 'BUNDLE_BASE64', where, 'not canonical base64 (RFC 4648 §4 with padding, unused bits zero)');
    return empty();
  }
  if (!bytesEqual(canonicalJson(bundle), bytes)) {
    fail(failures, 'BUNDLE_NOT_CANONICAL', 'bundle', 'the file is not the RFC 8785 canonical form of its content (bytes were changed)');
  }

  // 2. Ledger keys: pinned by the caller, or taken from the bundle and reported as such.
  const pins = new Set(options.trustedLedgerKeys ?? []);
  const keys = new Map<string, Uint8Array>();
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
    const raw = bytesOf(key.publicKey);
    if (raw.length !== 32 || keyIdOf(raw) !== key.kid) {
      fail(failures, 'BUNDLE_FORMAT', `ledger key ${key.kid}`, 'not a 32-byte Ed25519 public key with that key id');
      continue;
    }
    keys.set(key.kid, raw);
  }
  const keyFor = (kid: string) => keys.get(kid);

  // 3. The seal over everything else.
  const { seal, ...unsealed } = bundle;
  const sealKey = keyFor(seal.kid);
  if (!sealKey) fail(failures, 'SEAL_UNKNOWN_KEY', 'seal', `sealed by ${seal.kid}, which is not a (trusted) ledger key`);
  else if (!port.ed25519Verify(sealKey, pae(BUNDLE_PAYLOAD_TYPE, canonicalJson(unsealed)), bytesOf(seal.sig))) {
    fail(failures, 'SEAL_SIGNATURE', 'seal', 'the ledger seal does not match the bundle content');
  }

  // 4. The checkpoint: a signed note by a ledger key, agreeing with the size and root it states.
  const checkpoint = checkCheckpointNote(
    bundle.checkpoint,
    bundle.ledgerKeys.filter((k) => keys.has(k.kid)),
    port,
  );
  for (const problem of checkpoint.problems) fail(failures, problem.code, 'checkpoint', problem.detail);
  const witnessed = checkWitnessCosignatures(bundle.checkpoint.note, options.trustedWitnessKeys ?? [], options.witnessThreshold, port);
  for (const problem of witnessed.problems) fail(failures, problem.code, problem.where, problem.detail);
  const root = bytesOf(bundle.checkpoint.rootHash);

  // 5. Events: signatures, chains from revision 0, inclusion under the checkpoint.
  const eventCrypto: EventCrypto<Uint8Array> = {
    keyFor,
    verify: (message, signature, key) => port.ed25519Verify(key, message, signature),
    sha256Hex,
  };
  const parsed: ParsedEvent[] = [];
  const cursors = new Map<string, ChainCursor | null>();
  let previousLeaf = -1;
  for (const event of bundle.events) {
    const where = `event ${event.stream}@${event.revision}`;
    const body = bytesOf(event.body);
    const sig = bytesOf(event.sig);
    const previous = cursors.has(event.stream) ? cursors.get(event.stream)! : null;
    try {
      const verified = verifyEventWith(
        eventCrypto,
        { position: String(event.leafIndex), stream: event.stream, revision: event.revision, type: event.type, body, kid: event.kid, sig },
        previous,
      );
      cursors.set(event.stream, verified.cursor);
      parsed.push({ event, body: verified.body });
    } catch (error) {
      if (!(error instanceof EventVerificationError)) throw error;
      fail(failures, `EVENT_${error.fault}`, where, error.message);
      cursors.set(event.stream, { revision: event.revision, hash: sha256Hex(body) });
    }
    // The array is the log's order: the actor-signature rule (step 9) reads key events in it.
    if (event.leafIndex <= previousLeaf)
      fail(
        failures,
        'LEAF_INDEX',
        where,
        `leaf index ${event.leafIndex} does not follow ${previousLeaf}: events must be in ascending leaf index`,
      );
    previousLeaf = Math.max(previousLeaf, event.leafIndex);
    if (!(event.leafIndex < bundle.checkpoint.size)) {
      fail(failures, 'LEAF_INDEX', where, `leaf index ${event.leafIndex} is outside the checkpoint's ${bundle.checkpoint.size} entries`);
      continue;
    }
    const verdict = verifyInclusionWith(
      port,
      leafHashWith(port, body),
      event.leafIndex,
      bundle.checkpoint.size,
      event.proof.map(bytesOf),
      root,
    );
    if (!verdict.ok) fail(failures, 'INCLUSION_PROOF', where, `not included in the log under the checkpoint: ${verdict.reason}`);
  }

  // 6–7. What the events mean: the claimed interview states and the actors' signatures.
  for (const problem of checkInterviewClaims(bundle.interviews, parsed)) fail(failures, problem.code, problem.where, problem.detail);
  for (const problem of checkSubject(bundle.subject, bundle.interviews, parsed))
    fail(failures, problem.code, problem.where, problem.detail);
  for (const problem of checkActorSignatures(parsed, port)) fail(failures, problem.code, problem.where, problem.detail);
  for (const problem of checkManifest(bundle.manifest, parsed, bundle.interviews.length, port))
    fail(failures, problem.code, problem.where, problem.detail);

  // 8. The rendering: sealed by its hash; re-rendering is this implementation's extra check.
  if (sha256Hex(utf8(bundle.rendering.html)) !== bundle.rendering.sha256) {
    fail(failures, 'RENDERING_DIGEST', 'rendering', 'the HTML does not hash to the digest stated in the bundle');
  }
  let expected: string | null = null;
  try {
    expected = renderEvidenceHtml(bundle, parsed);
  } catch (error) {
    warn(warnings, 'RENDERING_MISMATCH', 'rendering', `this verifier cannot render the events: ${(error as Error).message}`);
  }
  if (expected !== null && expected !== bundle.rendering.html) {
    warn(warnings, 'RENDERING_MISMATCH', 'rendering', 'the HTML differs from what this verifier renders from the verified events');
  }

  return {
    ok: failures.length === 0,
    failures,
    warnings,
    subject: bundle.subject,
    interviews: bundle.interviews.length,
    events: bundle.events.length,
    checkpointSize: bundle.checkpoint.size,
    ledgerKeys,
    witnesses: witnessed.witnesses,
  };
}

/** Whether `value` is a plain object whose members are all required ones and allowed optional ones. */
function closed(value: unknown, required: readonly string[], optional: readonly string[] = []): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const members = Object.keys(value);
  return required.every((k) => members.includes(k)) && members.every((k) => required.includes(k) || optional.includes(k));
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * A structural problem that makes further checks meaningless, or null. Every object of the
 * format is closed: a member it does not define is refused, since nothing would check it (the
 * seal does not cover `seal`, and the other members are checked only as far as they are known).
 */
function shapeProblem(b: unknown): string | null {
  const top = ['format', 'createdAt', 'subject', 'ledgerKeys', 'checkpoint', 'events', 'interviews', 'manifest', 'rendering', 'seal'];
  if (b === null || typeof b !== 'object' || Array.isArray(b)) return 'the bundle is not an object';
  const x = b as Record<string, unknown>;
  if (x.format !== BUNDLE_FORMAT) return `format is ${JSON.stringify(x.format)}, expected ${BUNDLE_FORMAT}`;
  if (!closed(x, top)) return `the bundle has exactly the members ${top.join(', ')}`;
  if (!isString(x.createdAt)) return 'createdAt is missing';
  const subject = subjectProblem(x.subject);
  if (subject) return subject;
  if (
    !Array.isArray(x.ledgerKeys) ||
    !x.ledgerKeys.every(
      (k) =>
        closed(k, ['kid', 'alg', 'publicKey', 'createdAt'], ['retiredAt']) &&
        isString(k.kid) &&
        k.alg === 'Ed25519' &&
        isString(k.publicKey) &&
        isString(k.createdAt) &&
        (k.retiredAt === undefined || isString(k.retiredAt)),
    )
  )
    return 'ledgerKeys is malformed';
  const c = x.checkpoint;
  if (!closed(c, ['note', 'size', 'rootHash']) || !isString(c.note) || !isCount(c.size) || !isString(c.rootHash))
    return 'checkpoint is malformed';
  if (!Array.isArray(x.events) || !x.events.every(isBundleEvent)) return 'events is malformed';
  if (
    !Array.isArray(x.interviews) ||
    !x.interviews.every(
      (i) =>
        closed(i, ['id', 'stream', 'version', 'status', 'contentDigest']) &&
        isString(i.id) &&
        isString(i.stream) &&
        Number.isSafeInteger(i.version) &&
        isString(i.status) &&
        isString(i.contentDigest),
    )
  ) {
    return 'interviews is malformed';
  }
  const m = x.manifest;
  if (
    !closed(m, ['streams', 'events', 'interviews']) ||
    !isCount(m.events) ||
    !isCount(m.interviews) ||
    !Array.isArray(m.streams) ||
    !m.streams.every(
      (e) =>
        closed(e, ['stream', 'events', 'headRevision', 'headHash']) &&
        isString(e.stream) &&
        isCount(e.events) &&
        isCount(e.headRevision) &&
        isString(e.headHash),
    )
  ) {
    return 'manifest is malformed';
  }
  const r = x.rendering;
  if (!closed(r, ['html', 'mediaType', 'sha256']) || !isString(r.html) || r.mediaType !== 'text/html; charset=utf-8' || !isString(r.sha256))
    return 'rendering is malformed';
  if (!closed(x.seal, ['kid', 'sig']) || !isString(x.seal.kid) || !isString(x.seal.sig))
    return 'seal has exactly the string members kid and sig';
  return null;
}

function isBundleEvent(e: unknown): e is BundleEvent {
  return (
    closed(e, ['leafIndex', 'stream', 'revision', 'type', 'kid', 'body', 'sig', 'proof']) &&
    isCount(e.leafIndex) &&
    isString(e.stream) &&
    Number.isSafeInteger(e.revision) &&
    isString(e.type) &&
    isString(e.kid) &&
    isString(e.body) &&
    isString(e.sig) &&
    Array.isArray(e.proof) &&
    e.proof.every(isString)
  );
}

/** Where the bundle has base64 text that is not canonical (RFC 4648 §3.5), in file order of the checks. */
function base64Problems(bundle: EvidenceBundle): string[] {
  const bad = (text: string) => fromBase64(text) === null;
  const where: string[] = [];
  for (const key of bundle.ledgerKeys) if (bad(key.publicKey)) where.push(`ledger key ${key.kid}`);
  if (bad(bundle.checkpoint.rootHash)) where.push('checkpoint');
  for (const event of bundle.events) {
    if (bad(event.body) || bad(event.sig) || event.proof.some(bad)) where.push(`event ${event.stream}@${event.revision}`);
  }
  if (bad(bundle.seal.sig)) where.push('seal');
  return where;
}

export type { LedgerPublicKey, EventBody };
