/**
 * Exports evidence bundles: every event of the chosen interviews and of the person streams
 * that name and key their parties, each with an inclusion proof under a freshly signed
 * checkpoint, the claims the verifier will re-derive, a rendering, and the ledger's seal.
 */
import { toBase64 } from '../crypto/base64';
import { canonicalJson } from '../crypto/canonical-json';
import type { LedgerPublicKey } from '../crypto/keyring';
import { ed25519Sign } from '../crypto/ed25519';
import { pae } from '../crypto/pae';
import { sha256Hex } from '../crypto/sha256';
import { NotFoundError, ValidationError } from '../domain/errors';
import { interviewStream, partiesOf } from '../domain/interview/interview';
import { replay } from '../domain/interview/replay';
import { contentDigest } from '../domain/interview/signing';
import { personStream } from '../domain/person/person';
import { parseBody } from '../ledger/verify-event';
import { INTERVIEWS, type InterviewDoc } from '../projections/interview.projection';
import type { RecordedEvent } from '../store/event-store';
import type { App } from '../application/services';
import {
  BUNDLE_FORMAT,
  BUNDLE_PAYLOAD_TYPE,
  queryFilter,
  sealedSubject,
  type BundleEvent,
  type BundleSubject,
  type EvidenceBundle,
  type UnsealedBundle,
} from './bundle-format';
import { checkInterviewClaims, checkSubject, manifestOf, streamEvents, type ParsedEvent } from './bundle-semantics';
import { renderEvidenceHtml, type RenderedMembers } from './render-html';

/** A query bundle holds at most this many interviews; narrow the query for more. */
export const MAX_BUNDLE_INTERVIEWS = 500;

export interface ExportedBundle {
  readonly bundle: EvidenceBundle;
  /** The file: canonical JSON of the bundle. */
  readonly bytes: Buffer;
  readonly fileName: string;
  readonly sha256: string;
}

async function interviewIds(app: App, subject: BundleSubject): Promise<string[]> {
  if (subject.kind === 'interview') return [subject.interviewId];
  const where = Object.fromEntries(queryFilter(subject));
  if (Object.keys(where).length === 0) throw new ValidationError('name an employee, a department or a cycle', 'filter');
  const docs = await app.readModels.find<InterviewDoc>(INTERVIEWS, {
    where,
    orderBy: { field: 'scheduledAt', direction: 'asc' },
    limit: MAX_BUNDLE_INTERVIEWS + 1,
  });
  if (docs.length > MAX_BUNDLE_INTERVIEWS)
    throw new ValidationError(`more than ${MAX_BUNDLE_INTERVIEWS} interviews match; narrow the query`, 'filter', 'VALUE_TOO_LARGE');
  if (docs.length === 0) throw new NotFoundError('no interview matches the query', 'filter');
  return docs.map((d) => d.id);
}

export async function exportEvidence(
  app: App,
  requested: BundleSubject,
  onProgress?: (done: number, total: number) => void,
): Promise<ExportedBundle> {
  // What is sealed, selected by and rendered from: never the caller's object as given.
  const subject = sealedSubject(requested);
  const ids = await interviewIds(app, subject);
  const streams = new Map<string, RecordedEvent[]>();
  const people = new Set<string>();
  let done = 0;
  for (const id of ids) {
    const events = await app.store.readStream(interviewStream(id));
    if (events.length === 0) throw new NotFoundError(`no interview ${id}`, 'interviewId');
    streams.set(interviewStream(id), events);
    for (const event of events) {
      const body = parseBody(event);
      people.add(body.meta.actor);
      const data = body.data as {
        employeeId?: string;
        managerId?: string;
        participantIds?: string[];
        signerId?: string;
        changes?: { participantIds?: string[] };
      };
      if (body.type === 'InterviewScheduled') partiesOf(data as unknown as Parameters<typeof partiesOf>[0]).forEach((p) => people.add(p));
      if (data.participantIds) data.participantIds.forEach((p) => people.add(p));
      if (data.changes?.participantIds) data.changes.participantIds.forEach((p) => people.add(p));
      if (data.signerId) people.add(data.signerId);
    }
    onProgress?.(++done, ids.length);
  }
  for (const id of people) {
    const events = await app.store.readStream(personStream(id));
    if (events.length > 0) streams.set(personStream(id), events);
  }

  // A checkpoint that covers every event we include, signed now.
  const all = [...streams.values()].flat();
  const last = all.reduce((a, b) => (app.store.comparePositions(a.position, b.position) >= 0 ? a : b));
  await app.merkle.waitFor(last.position);
  const checkpoint = await app.merkle.signCheckpoint();
  const logged = all.map((event) => {
    const leafIndex = app.merkle.leafIndexOfEvent(event.stream, event.revision);
    if (leafIndex === undefined) throw new Error(`event ${event.stream}@${event.revision} is not in the Merkle log`);
    return { ...event, leafIndex };
  });
  const { bundle, bytes } = assembleBundle({
    subject,
    interviewIds: ids,
    events: logged,
    checkpoint,
    inclusionProof: (leafIndex) => app.merkle.inclusionProof(leafIndex, checkpoint.size),
    createdAt: app.clock().toISOString(),
    ledgerKeys: [...app.keyring.published],
    seal: (unsealed) => {
      const { kid, key } = app.keyring.signingKey();
      return { kid, sig: toBase64(ed25519Sign(unsealed, key)) };
    },
  });
  const createdAt = bundle.createdAt;
  const label =
    subject.kind === 'interview'
      ? subject.interviewId
      : queryFilter(subject)
          .map(([, value]) => value)
          .join('-');
  return { bundle, bytes, fileName: `evidence-${label}-${createdAt.replace(/[:.]/g, '')}.json`, sha256: sha256Hex(bytes) };
}

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
export function assembleBundle(parts: BundleParts): { bundle: EvidenceBundle; bytes: Buffer } {
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

  const manifest = manifestOf(parsed, interviews.length);
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
  const seal = parts.seal(pae(BUNDLE_PAYLOAD_TYPE, canonicalJson(unsealed)));
  const bundle: EvidenceBundle = { ...unsealed, seal: { kid: seal.kid, sig: seal.sig } };
  return { bundle, bytes: canonicalJson(bundle) };
}
