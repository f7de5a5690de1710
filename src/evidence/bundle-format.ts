/**
 * The evidence bundle: one file that proves what happened to one or more interviews, and that
 * verifies offline. Byte format in docs/ledger-format.md, "Evidence bundles".
 *
 * The file is the RFC 8785 canonical JSON of an `EvidenceBundle`. Every part can be checked
 * on its own (event signatures and chains, inclusion proofs against a signed checkpoint,
 * actor signatures, the re-derived rendering), and the whole is sealed by the ledger key, so
 * changing any byte of the file makes verification fail.
 */
import type { LedgerPublicKey } from '../crypto/keyring';

export const BUNDLE_FORMAT = 'interview-ledger-evidence/v1';
export const BUNDLE_PAYLOAD_TYPE = 'application/vnd.interview-ledger.evidence+json;v=1';

/** What the bundle is about: one interview, or every interview matching a query. */
export type BundleSubject =
  | { readonly kind: 'interview'; readonly interviewId: string }
  | { readonly kind: 'query'; readonly employeeId?: string; readonly department?: string; readonly cycle?: string };

/** A ledger event exactly as stored, with its place in the global Merkle log. */
export interface BundleEvent {
  /** Index of this event's leaf in the global Merkle log (commit order). */
  readonly leafIndex: number;
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly kid: string;
  /** Canonical body bytes, base64. */
  readonly body: string;
  /** Ledger Ed25519 signature over PAE(event payload type, body), base64. */
  readonly sig: string;
  /** RFC 9162 inclusion proof of leafHash(body) under the checkpoint, base64 hashes. */
  readonly proof: readonly string[];
}

/** What the exporter claims about each interview; the verifier re-derives and compares. */
export interface BundleInterviewClaim {
  readonly id: string;
  readonly stream: string;
  readonly version: number;
  readonly status: string;
  /** Hex SHA-256 of the canonical content at `version` (what actors sign). */
  readonly contentDigest: string;
}

/** One stream in the bundle: how many events and where its chain ends. */
export interface ManifestStream {
  readonly stream: string;
  readonly events: number;
  /** Revision and hex body hash of the stream's last included event (its chain head). */
  readonly headRevision: number;
  readonly headHash: string;
}

/** The table of contents: every stream the bundle holds, with its head. */
export interface BundleManifest {
  readonly streams: readonly ManifestStream[];
  readonly events: number;
  readonly interviews: number;
}

export interface EvidenceBundle {
  readonly format: typeof BUNDLE_FORMAT;
  readonly createdAt: string;
  readonly subject: BundleSubject;
  /** Ledger public keys (active and retired). Pin them when verifying. */
  readonly ledgerKeys: readonly LedgerPublicKey[];
  /** A signed tlog checkpoint (C2SP signed note) covering every event in the bundle. */
  readonly checkpoint: { readonly note: string; readonly size: number; readonly rootHash: string };
  /** Interview streams and the person streams of their parties (keys, names), each complete from revision 0. */
  readonly events: readonly BundleEvent[];
  readonly interviews: readonly BundleInterviewClaim[];
  /** What the bundle holds; the verifier checks the events against it. */
  readonly manifest: BundleManifest;
  /** Human-readable record and history; the verifier re-renders it from the events and compares bytes. */
  readonly rendering: { readonly mediaType: 'text/html; charset=utf-8'; readonly sha256: string; readonly html: string };
  /** Ledger signature over PAE(BUNDLE_PAYLOAD_TYPE, canonical JSON of the bundle without `seal`). */
  readonly seal: { readonly kid: string; readonly sig: string };
}

export type UnsealedBundle = Omit<EvidenceBundle, 'seal'>;
