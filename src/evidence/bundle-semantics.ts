/**
 * What the events in a bundle mean, checked without trusting the exporter: the interview
 * states it claims, and every actor signature against the signer's own registered key as the
 * bundle's person events show it at the moment of signing.
 */
import { ed25519Verify, publicKeyFromRaw } from '../crypto/ed25519';
import { evolve, INTERVIEW_EVENT_TYPES, initialState, type Interview, type InterviewEvent } from '../domain/interview/interview';
import { contentDigest, signingMessage } from '../domain/interview/signing';
import type { EventBody } from '../ledger/event-body';
import type { BundleEvent, BundleInterviewClaim } from './bundle-format';

export interface ParsedEvent {
  readonly event: BundleEvent;
  readonly body: EventBody;
}

export interface SemanticProblem {
  readonly code: string;
  readonly where: string;
  readonly detail: string;
}

/** The interview state the events fold to, with the domain's own `evolve`. */
export function foldInterview(events: readonly ParsedEvent[]): Interview {
  let state: Interview = initialState();
  for (const { body } of events) {
    if (INTERVIEW_EVENT_TYPES.has(body.type)) state = evolve(state, { type: body.type, data: body.data } as InterviewEvent, body.meta.at);
  }
  return state;
}

export function checkInterviewClaims(claims: readonly BundleInterviewClaim[], parsed: readonly ParsedEvent[]): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  for (const claim of claims) {
    const where = `interview ${claim.id}`;
    const events = parsed.filter((p) => p.event.stream === claim.stream);
    const state = foldInterview(events);
    if (state.status === 'none' || state.id !== claim.id) {
      problems.push({ code: 'INTERVIEW_MISSING', where, detail: `the bundle holds no verified events of ${claim.stream} for this interview` });
      continue;
    }
    if (state.version !== claim.version) {
      problems.push({ code: 'INTERVIEW_VERSION', where, detail: `events fold to version ${state.version}, the bundle claims ${claim.version} (events missing or added)` });
    }
    if (state.status !== claim.status) {
      problems.push({ code: 'INTERVIEW_STATUS', where, detail: `events fold to status ${state.status}, the bundle claims ${claim.status}` });
    }
    const digest = contentDigest(state);
    if (digest !== claim.contentDigest) {
      problems.push({ code: 'INTERVIEW_DIGEST', where, detail: `content at version ${state.version} digests to ${digest}, the bundle claims ${claim.contentDigest}` });
    }
  }
  return problems;
}

interface KeyRecord {
  readonly publicKey: string;
  readonly registeredAt: string;
  revokedAt?: string;
}

/** Keys by person and kid, from SigningKeyRegistered / SigningKeyRevoked events in the bundle. */
function signerKeys(parsed: readonly ParsedEvent[]): Map<string, Map<string, KeyRecord>> {
  const keys = new Map<string, Map<string, KeyRecord>>();
  for (const { body } of parsed) {
    const d = body.data as Record<string, unknown>;
    if (body.type === 'SigningKeyRegistered') {
      const person = keys.get(String(d.personId)) ?? new Map<string, KeyRecord>();
      person.set(String(d.kid), { publicKey: String(d.publicKey), registeredAt: body.meta.at });
      keys.set(String(d.personId), person);
    } else if (body.type === 'SigningKeyRevoked') {
      const record = keys.get(String(d.personId))?.get(String(d.kid));
      if (record) record.revokedAt = body.meta.at;
    }
  }
  return keys;
}

export function checkActorSignatures(parsed: readonly ParsedEvent[]): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  const keys = signerKeys(parsed);
  const byStream = new Map<string, ParsedEvent[]>();
  for (const p of parsed) byStream.set(p.event.stream, [...(byStream.get(p.event.stream) ?? []), p]);
  for (const events of byStream.values()) {
    let state: Interview = initialState();
    for (const { event, body } of events) {
      if (body.type === 'InterviewSigned') {
        const where = `event ${event.stream}@${event.revision}`;
        const d = body.data as { interviewId: string; version: number; role: string; signerId: string; kid: string; signature: string; contentDigest: string };
        const record = keys.get(d.signerId)?.get(d.kid);
        if (!record) {
          problems.push({ code: 'ACTOR_SIGNATURE_KEY', where, detail: `${d.signerId}'s key ${d.kid} is not registered in the bundle's person events` });
        } else if (record.registeredAt > body.meta.at || (record.revokedAt !== undefined && record.revokedAt <= body.meta.at)) {
          problems.push({ code: 'ACTOR_SIGNATURE_KEY', where, detail: `${d.signerId}'s key ${d.kid} was not valid at ${body.meta.at}` });
        } else {
          const digest = state.status === 'none' ? '' : contentDigest(state);
          if (state.status === 'none' || state.version !== d.version || digest !== d.contentDigest) {
            problems.push({ code: 'ACTOR_SIGNATURE_CONTENT', where, detail: `the signature claims version ${d.version} with digest ${d.contentDigest}, the record was at version ${state.status === 'none' ? 0 : state.version} with digest ${digest}` });
          }
          const message = signingMessage({ interviewId: d.interviewId, version: d.version, contentDigest: d.contentDigest, role: d.role, signerId: d.signerId });
          if (!ed25519Verify(message, Buffer.from(d.signature, 'base64'), publicKeyFromRaw(Buffer.from(record.publicKey, 'base64')))) {
            problems.push({ code: 'ACTOR_SIGNATURE', where, detail: `${d.signerId}'s signature does not verify with key ${d.kid}` });
          }
        }
      }
      if (INTERVIEW_EVENT_TYPES.has(body.type)) state = evolve(state, { type: body.type, data: body.data } as InterviewEvent, body.meta.at);
    }
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
