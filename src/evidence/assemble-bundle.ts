/**
 * Assembling an evidence bundle from its parts: the events with their leaves and proofs, the
 * claims the verifier will re-derive (through the one replay), the manifest, the informative
 * rendering, and the seal. Pure apart from the `seal` and `inclusionProof` callbacks, so that it
 * runs in a worker thread (assemble-worker.ts) as well as inline.
 */
import { toBase64 } from '../crypto/base64';
import { canonicalJson } from '../crypto/canonical-json';
import { nodeVerifyPort } from '../crypto/node-verify-port';
import type { LedgerPublicKey } from '../crypto/keyring';
import { pae } from '../crypto/pae';
import { sha256Hex } from '../crypto/sha256';
import { NotFoundError } from '../domain/errors';
import { interviewStream } from '../domain/interview/interview';
import { replay } from '../domain/interview/replay';
import { contentDigest } from '../domain/interview/signing';
import { parseBody } from '../ledger/verify-event';
import {
  BUNDLE_FORMAT,
  BUNDLE_PAYLOAD_TYPE,
  type BundleEvent,
  type BundleSubject,
  type EvidenceBundle,
  type UnsealedBundle,
} from './bundle-format';
import { checkInterviewClaims, checkSubject, manifestOf, streamEvents, type ParsedEvent } from './bundle-semantics';
import { renderEvidenceHtml, type RenderedMembers } from './render-html';

/** A ledger event as the bundle takes it: stored bytes and its place in the Merkle log. */
export interface LoggedEvent {
  readonly leafIndex: number;
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly kid: string;
  readonly body: Uint8Array;
  readonly sig: Uint8Array;
}

export interface BundleParts {
  /** As sealed (see sealedSubject). */
  readonly subject: BundleSubject;
  readonly interviewIds: readonly string[];
  /** Every event to include, in any order: the bundle lists them by leaf index. */
  readonly events: readonly LoggedEvent[];
  readonly checkpoint: { readonly note: string; readonly size: number; readonly rootHash: Uint8Array };
  /** RFC 9162 PATH(leafIndex, D[checkpoint.size]). */
  readonly inclusionProof: (leafIndex: number) => readonly Uint8Array[];
  readonly createdAt: string;
  readonly ledgerKeys: readonly LedgerPublicKey[];
  /** The ledger's seal over PAE(BUNDLE_PAYLOAD_TYPE, JCS(unsealed)): receives the PAE bytes. */
  readonly seal: (message: Buffer) => { readonly kid: string; readonly sig: string };
}

/**
 * The bundle of a set of logged events: pure, so that the exporter and the test-vector
 * generator (scripts/generate-bundle-vectors.ts) build files by the same code. It holds itself
 * to the verifier's reading of the events and refuses to seal anything else.
 */
/** The parts of a bundle before its seal: everything but the closure that signs. */
export type UnsealedParts = Omit<BundleParts, 'seal'>;

/**
 * The whole bundle: assembled, then sealed by `parts.seal`. The exporter runs the two halves
 * (prepareBundle, finishBundle) in a worker thread, so that a bundle of hundreds of interviews
 * does not hold the server's event loop; the vector generator runs them inline.
 */
export function assembleBundle(parts: BundleParts): { bundle: EvidenceBundle; bytes: Buffer } {
  const prepared = prepareBundle(parts);
  return finishBundle(prepared.unsealed, parts.seal(prepared.message));
}

/** Everything but the seal: the unsealed bundle and the PAE message the ledger key signs. */
export function prepareBundle(parts: UnsealedParts): { unsealed: UnsealedBundle; message: Buffer } {
  const { subject, checkpoint, createdAt } = parts;
  const logged = [...parts.events].sort((a, b) => a.leafIndex - b.leafIndex);
  const events: BundleEvent[] = logged.map((event) => ({
    leafIndex: event.leafIndex,
    stream: event.stream,
    revision: event.revision,
    type: event.type,
    kid: event.kid,
    body: toBase64(event.body),
    sig: toBase64(event.sig),
    proof: parts.inclusionProof(event.leafIndex).map((h) => toBase64(h)),
  }));
  const parsed: ParsedEvent[] = events.map((event, i) => ({
    event,
    body: parseBody({ ...logged[i]!, position: String(event.leafIndex), body: logged[i]!.body, sig: logged[i]!.sig }),
  }));
  const interviews = parts.interviewIds.map((id) => {
    const stream = interviewStream(id);
    const state = replay(streamEvents(parsed, stream));
    if (state.status === 'none') throw new NotFoundError(`no interview ${id}`, 'interviewId');
    return { id, stream, version: state.version, status: state.status, contentDigest: contentDigest(state) };
  });
  // The exporter holds itself to the verifier's reading of the events.
  const problems = [...checkInterviewClaims(interviews, parsed), ...checkSubject(subject, interviews, parsed)];
  if (problems.length > 0) throw new Error(`evidence export is inconsistent: ${problems.map((p) => p.detail).join('; ')}`);

  const manifest = manifestOf(parsed, interviews.length, nodeVerifyPort);
  const rendered: RenderedMembers = {
    createdAt,
    subject,
    ledgerKeys: parts.ledgerKeys,
    checkpoint: { note: checkpoint.note, size: checkpoint.size, rootHash: toBase64(checkpoint.rootHash) },
    interviews,
  };
  // Rendered from these members as the file will hold them (canonical JSON, parsed back), which
  // is exactly what the verifier renders from: no object's member order can reach the page.
  const html = renderEvidenceHtml(JSON.parse(canonicalJson(rendered).toString('utf8')) as RenderedMembers, parsed);
  const unsealed: UnsealedBundle = {
    format: BUNDLE_FORMAT,
    ...rendered,
    events,
    manifest,
    rendering: { mediaType: 'text/html; charset=utf-8', sha256: sha256Hex(Buffer.from(html, 'utf8')), html },
  };
  return { unsealed, message: pae(BUNDLE_PAYLOAD_TYPE, canonicalJson(unsealed)) };
}

/** The sealed bundle and the file's bytes (canonical JSON). */
export function finishBundle(
  unsealed: UnsealedBundle,
  seal: { readonly kid: string; readonly sig: string },
): { bundle: EvidenceBundle; bytes: Buffer } {
  const bundle: EvidenceBundle = { ...unsealed, seal: { kid: seal.kid, sig: seal.sig } };
  return { bundle, bytes: canonicalJson(bundle) };
}
