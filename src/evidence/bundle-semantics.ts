/**
 * What the events in a bundle mean, checked without trusting the exporter: the interview
 * states it claims, and every actor signature against the signer's own registered key as the
 * bundle's person events show it at the moment of signing.
 */
import { keyIdOf } from '../crypto/portable/key-id';
import { portableVerifyPort } from '../crypto/portable/portable-verify-port';
import { sha256HexWith, type VerifyPort } from '../crypto/portable/verify-port';
import { interviewStream } from '../domain/interview/events';
import type { Interview } from '../domain/interview/state';
import { recorded, replay, replaySteps, type RecordedEvent } from '../domain/interview/replay';
import { contentDigest, decodeFixedBase64, PUBLIC_KEY_BYTES, SIGNATURE_BYTES, signingMessage } from '../domain/interview/signing';
import type { EventBody } from '../ledger/event-body';
import { fromBase64 } from '../crypto/portable/base64';
import {
  queryFilter,
  type BundleEvent,
  type BundleInterviewClaim,
  type BundleManifest,
  type BundleSubject,
  type ManifestStream,
} from './bundle-format';

export interface ParsedEvent {
  readonly event: BundleEvent;
  readonly body: EventBody;
}

export interface SemanticProblem {
  readonly code: string;
  readonly where: string;
  readonly detail: string;
}

/** The events of one stream, in bundle order, as the one replay (src/domain/interview/replay.ts) reads them. */
export function streamEvents(parsed: readonly ParsedEvent[], stream: string): RecordedEvent[] {
  return parsed.filter((p) => p.event.stream === stream).map(recorded);
}

export function checkInterviewClaims(claims: readonly BundleInterviewClaim[], parsed: readonly ParsedEvent[]): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  for (const claim of claims) {
    const where = `interview ${claim.id}`;
    if (claim.stream !== interviewStream(claim.id)) {
      problems.push({
        code: 'INTERVIEW_MISSING',
        where,
        detail: `the claim names stream ${claim.stream}, not ${interviewStream(claim.id)}`,
      });
      continue;
    }
    let state: Interview;
    try {
      state = replay(streamEvents(parsed, claim.stream));
    } catch (error) {
      problems.push({ code: 'EVENT_DATA', where, detail: `the events of ${claim.stream} cannot be folded: ${(error as Error).message}` });
      continue;
    }
    if (state.status === 'none' || state.id !== claim.id) {
      problems.push({
        code: 'INTERVIEW_MISSING',
        where,
        detail: `the bundle holds no verified events of ${claim.stream} for this interview`,
      });
      continue;
    }
    if (state.version !== claim.version) {
      problems.push({
        code: 'INTERVIEW_VERSION',
        where,
        detail: `events fold to version ${state.version}, the bundle claims ${claim.version} (events missing or added)`,
      });
    }
    if (state.status !== claim.status) {
      problems.push({
        code: 'INTERVIEW_STATUS',
        where,
        detail: `events fold to status ${state.status}, the bundle claims ${claim.status}`,
      });
    }
    let digest: string;
    try {
      digest = contentDigest(state);
    } catch (error) {
      problems.push({ code: 'EVENT_DATA', where, detail: `the content cannot be digested: ${(error as Error).message}` });
      continue;
    }
    if (digest !== claim.contentDigest) {
      problems.push({
        code: 'INTERVIEW_DIGEST',
        where,
        detail: `content at version ${state.version} digests to ${digest}, the bundle claims ${claim.contentDigest}`,
      });
    }
  }
  return problems;
}

/**
 * The interviews listed are the ones the subject names: for an interview subject exactly that
 * interview; for a query at least one, each listed once, each of whose record (replayed to the
 * latest included event) has every filter value of the subject in its basic information.
 * Completeness of a query is not provable offline (docs/ledger-format.md §13.10).
 */
export function checkSubject(
  subject: BundleSubject,
  claims: readonly BundleInterviewClaim[],
  parsed: readonly ParsedEvent[],
): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  if (subject.kind === 'interview') {
    if (claims.length !== 1 || claims[0]!.id !== subject.interviewId) {
      problems.push({
        code: 'SUBJECT_MISMATCH',
        where: 'subject',
        detail: `the subject is interview ${subject.interviewId}; the bundle lists ${claims.map((c) => c.id).join(', ') || 'none'}`,
      });
    }
    return problems;
  }
  if (claims.length === 0) problems.push({ code: 'SUBJECT_MISMATCH', where: 'subject', detail: 'a query bundle lists no interview' });
  const seen = new Set<string>();
  for (const claim of claims) {
    const where = `interview ${claim.id}`;
    if (seen.has(claim.id)) problems.push({ code: 'SUBJECT_MISMATCH', where, detail: 'the interview is listed twice' });
    seen.add(claim.id);
    if (claim.stream !== interviewStream(claim.id)) continue; // INTERVIEW_MISSING
    let state: Interview;
    try {
      state = replay(streamEvents(parsed, claim.stream));
    } catch {
      continue; // EVENT_DATA, reported with the claims
    }
    if (state.status === 'none' || state.id !== claim.id) continue; // INTERVIEW_MISSING
    const basic = state.basic as unknown as Record<string, unknown>;
    for (const [key, value] of queryFilter(subject)) {
      if (basic[key] !== value)
        problems.push({
          code: 'SUBJECT_MISMATCH',
          where,
          detail: `the query selects ${key}=${value}; the record has ${key}=${String(basic[key])}`,
        });
    }
  }
  return problems;
}

/**
 * Actor signatures, checked in log order (the bundle's events are sorted by leaf index): a
 * key counts for a signature when its registration comes before the signature in the log and
 * no revocation does. Log order, not timestamps, is what the server decided on.
 */
export function checkActorSignatures(parsed: readonly ParsedEvent[], port: VerifyPort = portableVerifyPort): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  const keys = new Map<string, { publicKey: string; revoked: boolean }>(); // `${personId} ${kid}`
  const { before, unfoldable } = recordsBeforeEvents(parsed);
  for (const p of parsed) {
    const { event, body } = p;
    const where = `event ${event.stream}@${event.revision}`;
    try {
      const d = body.data as Record<string, unknown>;
      if (body.type === 'SigningKeyRegistered') {
        // A revoked key never comes back (§12.1): registering it again changes nothing.
        const name = `${String(d.personId)} ${String(d.kid)}`;
        if (!keys.has(name)) keys.set(name, { publicKey: String(d.publicKey), revoked: false });
      } else if (body.type === 'SigningKeyRevoked') {
        const record = keys.get(`${String(d.personId)} ${String(d.kid)}`);
        if (record) record.revoked = true;
      } else if (body.type === 'InterviewSigned') {
        const state = before.get(p);
        if (state) problems.push(...checkSignature(where, d as unknown as SignedData, keys, state, port));
        else
          problems.push({
            code: 'EVENT_DATA',
            where,
            detail: `the record before this signature cannot be replayed: an earlier event of ${event.stream} cannot be folded`,
          });
      }
      const error = unfoldable.get(p);
      if (error) throw error;
    } catch (error) {
      // Validly sealed but malformed data must be reported, never crash the verifier.
      problems.push({ code: 'EVENT_DATA', where, detail: `event data cannot be interpreted: ${(error as Error).message}` });
    }
  }
  return problems;
}

/**
 * The record right before each event, by the one replay of its stream's verified events. A
 * stream's replay stops at an event that cannot be folded: that event is in `unfoldable`, and
 * the events after it have no record.
 */
function recordsBeforeEvents(parsed: readonly ParsedEvent[]): { before: Map<ParsedEvent, Interview>; unfoldable: Map<ParsedEvent, Error> } {
  const streams = new Map<string, ParsedEvent[]>();
  for (const p of parsed) {
    const events = streams.get(p.event.stream);
    if (events) events.push(p);
    else streams.set(p.event.stream, [p]);
  }
  const before = new Map<ParsedEvent, Interview>();
  const unfoldable = new Map<ParsedEvent, Error>();
  for (const events of streams.values()) {
    let previous = replay([]);
    let next = 0;
    try {
      for (const step of replaySteps(events.map(recorded))) {
        before.set(events[step.index]!, previous);
        previous = step.state;
        next = step.index + 1;
      }
    } catch (error) {
      // replaySteps threw while folding events[next]: the record before it is still known.
      before.set(events[next]!, previous);
      unfoldable.set(events[next]!, error instanceof Error ? error : new Error(String(error)));
    }
  }
  return { before, unfoldable };
}

interface SignedData {
  interviewId: string;
  version: number;
  role: string;
  signerId: string;
  kid: string;
  signature: string;
  contentDigest: string;
}

function checkSignature(
  where: string,
  d: SignedData,
  keys: ReadonlyMap<string, { publicKey: string; revoked: boolean }>,
  state: Interview,
  port: VerifyPort,
): SemanticProblem[] {
  const record = keys.get(`${d.signerId} ${d.kid}`);
  if (!record)
    return [
      {
        code: 'ACTOR_SIGNATURE_KEY',
        where,
        detail: `${d.signerId}'s key ${d.kid} is not registered before this signature in the bundle's person events`,
      },
    ];
  if (record.revoked)
    return [{ code: 'ACTOR_SIGNATURE_KEY', where, detail: `${d.signerId}'s key ${d.kid} was revoked before this signature` }];
  const problems: SemanticProblem[] = [];
  const digest = state.status === 'none' ? '' : contentDigest(state);
  if (state.status === 'none' || state.version !== d.version || digest !== d.contentDigest) {
    problems.push({
      code: 'ACTOR_SIGNATURE_CONTENT',
      where,
      detail: `the signature claims version ${d.version} with digest ${d.contentDigest}, the record was at version ${state.status === 'none' ? 0 : state.version} with digest ${digest}`,
    });
  }
  const message = signingMessage({
    interviewId: d.interviewId,
    version: d.version,
    contentDigest: d.contentDigest,
    role: d.role,
    signerId: d.signerId,
  });
  // Canonical base64 only (RFC 4648 §3.5), as everywhere in the format.
  const publicKey = decodeFixedBase64(record.publicKey, PUBLIC_KEY_BYTES);
  const signature = decodeFixedBase64(d.signature, SIGNATURE_BYTES);
  if (!publicKey || keyIdOf(publicKey) !== d.kid) {
    problems.push({
      code: 'ACTOR_SIGNATURE_KEY',
      where,
      detail: `key ${d.kid} of ${d.signerId} is not the canonical base64 of a 32-byte Ed25519 key with that id`,
    });
  } else if (!signature || !port.ed25519Verify(publicKey, message, signature)) {
    problems.push({ code: 'ACTOR_SIGNATURE', where, detail: `${d.signerId}'s signature does not verify with key ${d.kid}` });
  }
  return problems;
}

/** Names of people, from PersonRegistered / PersonProfileUpdated events in the bundle. */
export function namesFromEvents(parsed: readonly ParsedEvent[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const { body } of parsed) {
    const d = body.data as { personId?: string; name?: string; changes?: { name?: string } };
    if (body.type === 'PersonRegistered' && d.personId && d.name) names.set(d.personId, d.name);
    if (body.type === 'PersonProfileUpdated' && d.personId && d.changes?.name) names.set(d.personId, d.changes.name);
  }
  return names;
}

/** The manifest of a set of events (in bundle order): per stream, its count and chain head. */
export function manifestOf(parsed: readonly ParsedEvent[], interviews: number, port: VerifyPort = portableVerifyPort): BundleManifest {
  const streams = new Map<string, ManifestStream>();
  for (const { event } of parsed) {
    const before = streams.get(event.stream);
    streams.set(event.stream, {
      stream: event.stream,
      events: (before?.events ?? 0) + 1,
      headRevision: event.revision,
      headHash: sha256HexWith(port, fromBase64(event.body) ?? new Uint8Array()),
    });
  }
  return { streams: [...streams.values()].sort((a, b) => (a.stream < b.stream ? -1 : 1)), events: parsed.length, interviews };
}

/** Differences between the stated manifest and the verified events. */
export function checkManifest(
  stated: BundleManifest,
  parsed: readonly ParsedEvent[],
  interviews: number,
  port: VerifyPort = portableVerifyPort,
): SemanticProblem[] {
  const actual = manifestOf(parsed, interviews, port);
  const problems: SemanticProblem[] = [];
  if (stated.events !== actual.events || stated.interviews !== actual.interviews) {
    problems.push({
      code: 'MANIFEST_MISMATCH',
      where: 'manifest',
      detail: `states ${stated.events} events and ${stated.interviews} interviews; the bundle verifies ${actual.events} and ${actual.interviews}`,
    });
  }
  // One entry per stream, in the order of their names (UTF-16 code units): one spelling of each manifest.
  if (stated.streams.some((entry, i) => i > 0 && !(stated.streams[i - 1]!.stream < entry.stream))) {
    problems.push({ code: 'MANIFEST_MISMATCH', where: 'manifest', detail: 'the streams are not listed once each in ascending name order' });
  }
  const byName = new Map(actual.streams.map((s) => [s.stream, s]));
  for (const entry of stated.streams) {
    const found = byName.get(entry.stream);
    byName.delete(entry.stream);
    if (!found || found.events !== entry.events || found.headRevision !== entry.headRevision || found.headHash !== entry.headHash) {
      problems.push({
        code: 'MANIFEST_MISMATCH',
        where: `manifest ${entry.stream}`,
        detail: found
          ? `states ${entry.events} events ending at revision ${entry.headRevision}; verified ${found.events} ending at ${found.headRevision} (${found.headHash === entry.headHash ? 'same' : 'other'} head)`
          : 'no verified events of this stream',
      });
    }
  }
  for (const extra of byName.keys())
    problems.push({ code: 'MANIFEST_MISMATCH', where: `manifest ${extra}`, detail: 'events of a stream the manifest does not list' });
  return problems;
}
