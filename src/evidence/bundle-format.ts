/**
 * The evidence bundle: one file that proves what happened to one or more interviews, and that
 * verifies offline. Byte format in docs/ledger-format.md, "Evidence bundles".
 *
 * The file is the RFC 8785 canonical JSON of an `EvidenceBundle`. Every part can be checked
 * on its own (event signatures and chains, inclusion proofs against a signed checkpoint,
 * actor signatures, the claims against the subject), and the whole is sealed by the ledger key.
 * Every object is closed and every base64 text canonical, so changing any byte of the file
 * makes verification fail. The rendering is informative: sealed by its hash, and showing only
 * facts the structured part proves.
 */
import type { LedgerPublicKey } from '../crypto/portable/ledger-public-key';

export const BUNDLE_FORMAT = 'interview-ledger-evidence/v1';
export const BUNDLE_PAYLOAD_TYPE = 'application/vnd.interview-ledger.evidence+json;v=1';

/** What the bundle is about: one interview, or every interview matching a query. */
export type BundleSubject =
  | { readonly kind: 'interview'; readonly interviewId: string }
  | { readonly kind: 'query'; readonly employeeId?: string; readonly department?: string; readonly cycle?: string };

/**
 * The members a query subject may have, in the one order the rendering and the file name list
 * them. Fixed here, never taken from the caller's object or the file's (JCS) member order, so
 * the exporter and the verifier render the same filter the same way.
 */
export const QUERY_FILTER_KEYS = ['employeeId', 'department', 'cycle'] as const;
export type QueryFilterKey = (typeof QUERY_FILTER_KEYS)[number];

/** The filter of a query subject: its non-empty members, in QUERY_FILTER_KEYS order. */
export function queryFilter(subject: BundleSubject): Array<readonly [QueryFilterKey, string]> {
  if (subject.kind !== 'query') return [];
  return QUERY_FILTER_KEYS.flatMap((key) => (subject[key] ? [[key, subject[key]] as const] : []));
}

/** The subject as a bundle seals it: only the members its kind has, empty filter members dropped. */
export function sealedSubject(subject: BundleSubject): BundleSubject {
  if (subject.kind === 'interview') return { kind: 'interview', interviewId: subject.interviewId };
  return { kind: 'query', ...Object.fromEntries(queryFilter(subject)) };
}

/** Why a parsed `subject` is not one the exporter writes, or null: the rendering shows every member it has. */
export function subjectProblem(subject: unknown): string | null {
  if (!subject || typeof subject !== 'object' || Array.isArray(subject)) return 'subject is missing';
  const s = subject as Record<string, unknown>;
  const members = Object.keys(s).filter((k) => k !== 'kind');
  const isText = (value: unknown) => typeof value === 'string' && value !== '';
  if (s.kind === 'interview')
    return members.length === 1 && isText(s.interviewId) ? null : 'an interview subject has exactly a non-empty interviewId';
  if (s.kind === 'query') {
    const known = members.every((k) => (QUERY_FILTER_KEYS as readonly string[]).includes(k) && isText(s[k]));
    return known && members.length > 0
      ? null
      : `a query subject has one or more of ${QUERY_FILTER_KEYS.join(', ')}, each a non-empty string, and nothing else`;
  }
  return `subject kind is ${JSON.stringify(s.kind)}, expected "interview" or "query"`;
}

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
  /** Interview streams and the person streams of their parties (keys, names), each complete from revision 0, in strictly ascending leaf index. */
  readonly events: readonly BundleEvent[];
  readonly interviews: readonly BundleInterviewClaim[];
  /** What the bundle holds; the verifier checks the events against it. */
  readonly manifest: BundleManifest;
  /** Human-readable record and history, informative: sealed by its hash; re-rendering it is a warning-level check of our verifier. */
  readonly rendering: { readonly mediaType: 'text/html; charset=utf-8'; readonly sha256: string; readonly html: string };
  /** Ledger signature over PAE(BUNDLE_PAYLOAD_TYPE, canonical JSON of the bundle without `seal`). */
  readonly seal: { readonly kid: string; readonly sig: string };
}

export type UnsealedBundle = Omit<EvidenceBundle, 'seal'>;
