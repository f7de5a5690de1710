/**
 * Exports evidence bundles: every event of the chosen interviews and of the person streams
 * that name and key their parties, each with an inclusion proof under a checkpoint (the one
 * most witnesses cosigned, with their cosignatures, or else one signed now), the claims the verifier will re-derive, a rendering, and the ledger's seal.
 */
import { toBase64 } from '../crypto/base64';
import { ed25519Sign } from '../crypto/ed25519';
import { sha256Hex } from '../crypto/sha256';
import { NotFoundError, ValidationError } from '../domain/errors';
import { interviewStream, partiesOf } from '../domain/interview/interview';
import { personStream } from '../domain/person/person';
import { parseBody } from '../ledger/verify-event';
import { INTERVIEWS, type InterviewDoc } from '../projections/interview.projection';
import type { RecordedEvent } from '../store/event-store';
import type { App } from '../application/services';
import { queryFilter, sealedSubject, type BundleSubject, type EvidenceBundle } from './bundle-format';
import { assembleInWorker } from './bundle-assembler';
export { assembleBundle, finishBundle, prepareBundle, type BundleParts, type LoggedEvent, type UnsealedParts } from './assemble-bundle';

/** A query bundle holds at most this many interviews; narrow the query for more. */
export const MAX_BUNDLE_INTERVIEWS = 500;

export interface ExportedBundle {
  /** The bundle as an object (parsed from `bytes` on first use). */
  readonly bundle: EvidenceBundle;
  /** The file: canonical JSON of the bundle. */
  readonly bytes: Buffer;
  readonly fileName: string;
  readonly sha256: string;
  /** What it holds, without parsing the file: interviews, events, and the checkpoint's size. */
  readonly counts: { readonly interviews: number; readonly events: number; readonly checkpointSize: number };
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

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

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
    // One interview's reads and parsing between two turns of the event loop: a bundle of a
    // whole cycle never holds the requests of everyone else for longer than that.
    await turn();
  }
  for (const id of people) {
    const events = await app.store.readStream(personStream(id));
    if (events.length > 0) streams.set(personStream(id), events);
    await turn();
  }

  // A checkpoint that covers every event we include: the one most witnesses cosigned, with their
  // cosignatures (§11.10), or else one signed now.
  const all = [...streams.values()].flat();
  const last = all.reduce((a, b) => (app.store.comparePositions(a.position, b.position) >= 0 ? a : b));
  await app.merkle.waitFor(last.position);
  const logged = all.map((event) => {
    const leafIndex = app.merkle.leafIndexOfEvent(event.stream, event.revision);
    if (leafIndex === undefined) throw new Error(`event ${event.stream}@${event.revision} is not in the Merkle log`);
    return { ...event, leafIndex };
  });
  const covering = logged.reduce((max, event) => Math.max(max, event.leafIndex + 1), 0);
  // The bundle lists the key of every event in it, also one another instance rotated to.
  for (const kid of new Set(all.map((e) => e.kid))) await app.keyring.resolve(kid);
  const signed = app.merkle.mostCosignedCheckpoint(covering) ?? (await app.merkle.signCheckpoint());
  const checkpoint = { ...signed, note: app.merkle.cosignedNote(signed) };
  const createdAt = app.clock().toISOString();
  const assembled = await assembleInWorker({
    subject,
    interviewIds: ids,
    events: logged,
    checkpoint,
    inclusionProof: (leafIndex) => app.merkle.inclusionProof(leafIndex, checkpoint.size),
    createdAt,
    ledgerKeys: [...app.keyring.published],
    seal: (unsealed) => {
      const { kid, key } = app.keyring.signingKey();
      return { kid, sig: toBase64(ed25519Sign(unsealed, key)) };
    },
  });
  const { bytes } = assembled;
  const label =
    subject.kind === 'interview'
      ? subject.interviewId
      : queryFilter(subject)
          .map(([, value]) => value)
          .join('-');
  return {
    get bundle() {
      return assembled.bundle;
    },
    bytes,
    fileName: `evidence-${label}-${createdAt.replace(/[:.]/g, '')}.json`,
    sha256: sha256Hex(bytes),
    counts: { interviews: ids.length, events: logged.length, checkpointSize: checkpoint.size },
  };
}
