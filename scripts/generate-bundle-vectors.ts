/**
 * Generates test/vectors/bundles/: evidence bundles (docs/ledger-format.md §13) for an
 * independent verifier — valid ones, one per path of §12 that a verifier must fold the way the
 * ledger does, and invalid ones, each with the failure codes it must produce — plus
 * `manifest.json`, which lists every file with its expected codes and the ledger keys to pin.
 *
 * Deterministic: a fixed ledger seed (bytes 0x01..0x20, the key of test/vectors/ledger-events.json),
 * fixed signer seeds, fixed ids and times. The events are written here in the shapes of §12 (not by
 * running the server) into one small log, whose checkpoint every bundle's proofs use; the bundles
 * are assembled by the exporter's own `assembleBundle`. Each invalid file is a valid one changed in
 * one way, sealed again by the ledger key where the seal covers the change (what only a key holder
 * can do), so that only the rule under test fails. The generator refuses to write a case on which
 * our verifier disagrees with the expected codes. test/evidence/bundle-vectors.test.ts verifies every
 * file and checks that this script reproduces them byte for byte:
 *
 *   node -r ./test/support/ts-register.js scripts/generate-bundle-vectors.ts
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fromBase64, toBase64 } from '../src/crypto/base64';
import { canonicalJson } from '../src/crypto/canonical-json';
import { signCheckpoint } from '../src/crypto/checkpoint';
import { ed25519Sign, privateKeyFromSeed, rawPublicKey } from '../src/crypto/ed25519';
import { keyIdOf } from '../src/crypto/key-id';
import { Keyring } from '../src/crypto/keyring';
import { inclusionProof, leafHash, rootFromLeafHashes } from '../src/crypto/merkle';
import { pae } from '../src/crypto/pae';
import { sha256Hex } from '../src/crypto/sha256';
import { ed25519NoteSigner } from '../src/crypto/signed-note';
import { replay, type RecordedEvent } from '../src/domain/interview/replay';
import { contentDigest, signingMessage } from '../src/domain/interview/signing';
import { BUNDLE_PAYLOAD_TYPE, type BundleSubject, type EvidenceBundle } from '../src/evidence/bundle-format';
import type { ParsedEvent } from '../src/evidence/bundle-semantics';
import { assembleBundle, type LoggedEvent } from '../src/evidence/export-bundle';
import { renderEvidenceHtml, type RenderedMembers } from '../src/evidence/render-html';
import { verifyBundle } from '../src/evidence/verify-bundle';
import type { EventBody, EventMeta } from '../src/ledger/event-body';
import { sealEvents, type StreamHead } from '../src/ledger/seal';

/** The ledger's seed: the published test key of test/vectors/ledger-events.json. Never use it for a real ledger. */
export const LEDGER_SEED_HEX = Buffer.from(Array.from({ length: 32 }, (_, i) => i + 1)).toString('hex');
/** Signer seeds (published test keys): E1 bytes 0x21..0x40, as test/vectors/signing-message.json; M1 0x41..0x60. */
const SIGNER_SEEDS: Record<string, Buffer> = {
  E1: Buffer.from(Array.from({ length: 32 }, (_, i) => i + 0x21)),
  M1: Buffer.from(Array.from({ length: 32 }, (_, i) => i + 0x41)),
};
const CREATED_AT = '2026-07-10T02:00:00.000Z';
const LEDGER_CREATED_AT = '2026-06-01T00:00:00.000Z';

export interface BundleVectorCase {
  readonly file: string;
  readonly description: string;
  /** True when a verifier must accept the file (no failure). */
  readonly valid: boolean;
  /** The distinct failure codes (§13.7) a verifier must report, sorted; each at least once, no other. */
  readonly failures: readonly string[];
  /** Warnings our verifier reports (§13.6 step 10): implementation checks, optional for other verifiers. */
  readonly warnings: readonly string[];
}

export interface BundleVectorManifest {
  readonly description: string;
  readonly format: 'interview-ledger-bundle-vectors/v1';
  /** Pin these (canonical base64 of the raw 32-byte keys, §13.9) when verifying every file. */
  readonly ledgerKeys: readonly string[];
  readonly ledgerSeedHex: string;
  readonly cases: readonly BundleVectorCase[];
}

// ---- a small ledger ---------------------------------------------------------------------------

interface Appended {
  readonly logged: LoggedEvent;
  readonly body: EventBody;
}

class VectorLedger {
  readonly keyring = Keyring.fromSeed(Buffer.from(LEDGER_SEED_HEX, 'hex'), LEDGER_CREATED_AT);
  readonly events: Appended[] = [];
  private readonly heads = new Map<string, StreamHead>();
  private commands = 0;

  /** One command's events, appended to `stream` in one append. */
  append(stream: string, actor: string, roles: string[], at: string, drafts: Array<{ type: string; data: unknown }>, ip = '10.0.0.5') {
    const commandId = `cmd-${String(++this.commands).padStart(4, '0')}`;
    const meta: EventMeta = { actor, roles, ip, at, commandId };
    const sealed = sealEvents(
      this.keyring,
      stream,
      this.heads.get(stream) ?? null,
      drafts.map((d, i) => ({ id: `${commandId}.${i}`, type: d.type, data: d.data, meta })),
    );
    for (const s of sealed) {
      this.heads.set(stream, { revision: s.revision, hash: s.hash });
      const logged: LoggedEvent = { leafIndex: this.events.length, ...s };
      this.events.push({ logged, body: JSON.parse(Buffer.from(s.body).toString('utf8')) as EventBody });
    }
  }

  /** The record of an interview as the events so far fold it. */
  record(interviewId: string) {
    const events: RecordedEvent[] = this.events
      .filter((e) => e.body.stream === `interview-${interviewId}`)
      .map((e) => ({ type: e.body.type, data: e.body.data, at: e.body.meta.at }));
    const state = replay(events);
    if (state.status === 'none') throw new Error(`no interview ${interviewId}`);
    return state;
  }

  /** An InterviewSigned by `signerId` with their seed over the current version, as §12.5. */
  signed(interviewId: string, role: 'employee' | 'manager', signerId: string, at: string, ip: string) {
    const state = this.record(interviewId);
    const digest = contentDigest(state);
    const key = privateKeyFromSeed(SIGNER_SEEDS[signerId]!);
    const signature = ed25519Sign(signingMessage({ interviewId, version: state.version, contentDigest: digest, role, signerId }), key);
    return {
      type: 'InterviewSigned',
      data: {
        interviewId,
        version: state.version,
        role,
        signerId,
        kid: keyIdOf(rawPublicKey(key)),
        signature: toBase64(signature),
        contentDigest: digest,
        observed: { receivedAt: at, ip },
      },
    };
  }

  /** A signed checkpoint of the whole log, and a bundle of `interviewIds` with their parties' streams. */
  bundle(subject: BundleSubject, interviewIds: readonly string[], people: readonly string[]): Buffer {
    const leaves = this.events.map((e) => leafHash(e.logged.body));
    const rootHash = rootFromLeafHashes(leaves);
    const origin = `interview-ledger/${this.keyring.activeKid}`;
    const note = signCheckpoint({ origin, size: leaves.length, rootHash }, ed25519NoteSigner(origin, this.keyring.signingKey().key));
    const streams = new Set([...interviewIds.map((id) => `interview-${id}`), ...people.map((p) => `person-${p}`)]);
    return assembleBundle({
      subject,
      interviewIds,
      events: this.events.filter((e) => streams.has(e.body.stream)).map((e) => e.logged),
      checkpoint: { note, size: leaves.length, rootHash },
      inclusionProof: (index) => inclusionProof(leaves, index, leaves.length),
      createdAt: CREATED_AT,
      ledgerKeys: this.keyring.published,
      seal: (message) => ({ kid: this.keyring.activeKid, sig: toBase64(ed25519Sign(message, this.keyring.signingKey().key)) }),
    }).bytes;
  }
}

function person(ledger: VectorLedger, personId: string, name: string, managerId: string | null, at: string) {
  ledger.append(`person-${personId}`, 'HR1', ['hr', 'employee'], at, [
    {
      type: 'PersonRegistered',
      data: {
        personId,
        name,
        department: '生产部',
        position: managerId ? '装配工' : '班组长',
        managerId,
        category: 'production',
        level: 'staff',
        roles: managerId ? ['employee'] : ['manager', 'employee'],
      },
    },
  ]);
}

function signingKey(ledger: VectorLedger, personId: string, at: string) {
  const raw = rawPublicKey(privateKeyFromSeed(SIGNER_SEEDS[personId]!));
  ledger.append(`person-${personId}`, personId, ['employee'], at, [
    { type: 'SigningKeyRegistered', data: { personId, kid: keyIdOf(raw), publicKey: toBase64(raw), registeredAt: at } },
  ]);
}

const basic = (cycle: string, scheduledAt: string) => ({
  employeeId: 'E1',
  managerId: 'M1',
  participantIds: [],
  department: '生产部',
  position: '装配工',
  cycle,
  scheduledAt,
  location: '3号会议室',
});

/** The company's log: three people, four interviews, each on one path of §12. */
function companyLedger(): VectorLedger {
  const ledger = new VectorLedger();
  person(ledger, 'HR1', '李娜', null, '2026-06-01T01:00:00.000Z');
  person(ledger, 'M1', '王强', null, '2026-06-01T01:01:00.000Z');
  person(ledger, 'E1', '张伟', 'M1', '2026-06-01T01:02:00.000Z');
  signingKey(ledger, 'E1', '2026-06-02T01:00:00.000Z');
  signingKey(ledger, 'M1', '2026-06-02T01:05:00.000Z');

  // iv-1: filled in, signed by both, locked in the same append as the last signature, an addendum.
  ledger.append('interview-iv-1', 'HR1', ['hr', 'employee'], '2026-07-01T01:00:00.000Z', [
    {
      type: 'InterviewScheduled',
      data: { interviewId: 'iv-1', templateId: 'standard-v1', version: 1, ...basic('2026-Q2', '2026-07-02T02:00:00.000Z') },
    },
  ]);
  ledger.append('interview-iv-1', 'E1', ['employee'], '2026-07-02T03:00:00.000Z', [
    {
      type: 'InterviewSectionEdited',
      data: {
        interviewId: 'iv-1',
        version: 2,
        section: 'highlights',
        content: { items: [{ id: 'H1', case: '主动提出换模流程优化建议', data: '换模时间由 45 分钟降到 30 分钟' }] },
      },
    },
  ]);
  ledger.append('interview-iv-1', 'E1', ['employee'], '2026-07-02T04:00:00.000Z', [
    ledger.signed('iv-1', 'employee', 'E1', '2026-07-02T04:00:00.000Z', '10.0.0.21'),
  ]);
  const managerSignature = ledger.signed('iv-1', 'manager', 'M1', '2026-07-02T04:10:00.000Z', '10.0.0.9');
  ledger.append('interview-iv-1', 'M1', ['manager', 'employee'], '2026-07-02T04:10:00.000Z', [
    managerSignature,
    { type: 'InterviewLocked', data: { interviewId: 'iv-1', version: 2, lockedAt: '2026-07-02T04:10:00.000Z' } },
  ]);
  ledger.append('interview-iv-1', 'HR1', ['hr', 'employee'], '2026-07-03T01:00:00.000Z', [
    {
      type: 'InterviewAddendumAdded',
      data: {
        interviewId: 'iv-1',
        addendumId: 'A1',
        text: '员工补充：设备维护记录已上传',
        authorId: 'HR1',
        at: '2026-07-03T01:00:00.000Z',
      },
    },
  ]);

  // iv-2 (§12.2): scheduled with goals carried over from iv-1 and a second-in-cycle reason, which is not basic information.
  ledger.append('interview-iv-2', 'HR1', ['hr', 'employee'], '2026-07-04T01:00:00.000Z', [
    {
      type: 'InterviewScheduled',
      data: {
        interviewId: 'iv-2',
        templateId: 'standard-v1',
        version: 1,
        dueAt: '2026-07-09T10:00:00.000Z',
        sections: {
          goalReview: {
            items: [
              {
                id: 'G1',
                goal: '良品率提升到 99.5%',
                target: '99.5%',
                carriedFrom: { interviewId: 'iv-1', cycle: '2026-Q2', goalId: 'N1' },
              },
            ],
          },
        },
        secondInCycleReason: '转岗后补充面谈',
        ...basic('2026-Q2', '2026-07-06T02:00:00.000Z'),
      },
    },
  ]);

  // iv-3 (§12.6): basic information changed before anyone wrote in the record: still scheduled, version 2.
  ledger.append('interview-iv-3', 'HR1', ['hr', 'employee'], '2026-07-05T01:00:00.000Z', [
    {
      type: 'InterviewScheduled',
      data: { interviewId: 'iv-3', templateId: 'quick-checkin-v1', version: 1, ...basic('2026-Q3', '2026-07-08T02:00:00.000Z') },
    },
  ]);
  ledger.append('interview-iv-3', 'M1', ['manager', 'employee'], '2026-07-05T02:00:00.000Z', [
    {
      type: 'InterviewBasicInfoUpdated',
      data: { interviewId: 'iv-3', version: 2, changes: { scheduledAt: '2026-07-09T02:00:00.000Z', location: '5号会议室' } },
    },
  ]);

  // iv-4 (§12.6): through the staff flow to the signatures, signed by the employee, sent back: in_progress.
  ledger.append('interview-iv-4', 'HR1', ['hr', 'employee'], '2026-07-06T01:00:00.000Z', [
    {
      type: 'InterviewScheduled',
      data: { interviewId: 'iv-4', templateId: 'staff-general', version: 1, ...basic('2026-Q3', '2026-07-07T02:00:00.000Z') },
    },
  ]);
  ledger.append('interview-iv-4', 'E1', ['employee'], '2026-07-06T02:00:00.000Z', [
    {
      type: 'InterviewSectionEdited',
      data: { interviewId: 'iv-4', version: 2, section: 'remarks', content: { text: '本季度无异常' } },
    },
  ]);
  const steps = ['self_assessment', 'manager_review', 'meeting', 'improvement_plan', 'signatures'];
  for (let i = 0; i + 1 < steps.length; i++) {
    const at = `2026-07-06T0${3 + i}:00:00.000Z`;
    const by = i === 0 ? 'E1' : 'M1';
    ledger.append('interview-iv-4', by, by === 'E1' ? ['employee'] : ['manager', 'employee'], at, [
      {
        type: 'InterviewStepAdvanced',
        data: { interviewId: 'iv-4', from: steps[i], to: steps[i + 1], transition: i + 1, by, at, dueAt: '2026-07-10T10:00:00.000Z' },
      },
    ]);
  }
  ledger.append('interview-iv-4', 'E1', ['employee'], '2026-07-07T01:00:00.000Z', [
    ledger.signed('iv-4', 'employee', 'E1', '2026-07-07T01:00:00.000Z', '10.0.0.21'),
  ]);
  ledger.append('interview-iv-4', 'M1', ['manager', 'employee'], '2026-07-07T02:00:00.000Z', [
    {
      type: 'InterviewStepReturned',
      data: {
        interviewId: 'iv-4',
        from: 'signatures',
        to: 'meeting',
        transition: 5,
        by: 'M1',
        at: '2026-07-07T02:00:00.000Z',
        dueAt: '2026-07-09T10:00:00.000Z',
        reason: '补充改进措施后再签',
      },
    },
  ]);
  return ledger;
}

// ---- changes that make a valid bundle invalid -------------------------------------------------

type Bundle = { -readonly [K in keyof EvidenceBundle]: any };
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The same bytes to a lenient decoder: the lowest bit of the last digit, unused, set. */
export function lowBitFlipped(text: string): string {
  const i = text.replace(/=+$/, '').length - 1;
  const flipped = text.slice(0, i) + ALPHABET[ALPHABET.indexOf(text[i]!) ^ 1] + text.slice(i + 1);
  if (fromBase64(flipped) !== null || !Buffer.from(flipped, 'base64').equals(Buffer.from(text, 'base64')))
    throw new Error(`${text} has no unused bits to flip`);
  return flipped;
}

/** The verified events of a parsed bundle, as the renderer takes them (every event of a vector is valid). */
function parsedEvents(bundle: Bundle): ParsedEvent[] {
  return (bundle.events as EvidenceBundle['events']).map((event) => ({
    event,
    body: JSON.parse(Buffer.from(fromBase64(event.body)!).toString('utf8')) as EventBody,
  }));
}

/** Renders and hashes the page again from the (changed) members, then seals: only the changed rule fails. */
function rerendered(bundle: Bundle, ledger: VectorLedger): Bundle {
  const html = renderEvidenceHtml(JSON.parse(canonicalJson(bundle).toString('utf8')) as RenderedMembers, parsedEvents(bundle));
  bundle.rendering = { ...bundle.rendering, html, sha256: sha256Hex(Buffer.from(html, 'utf8')) };
  return resealed(bundle, ledger);
}

function resealed(bundle: Bundle, ledger: VectorLedger): Bundle {
  const { seal: _seal, ...unsealed } = bundle;
  const sig = ed25519Sign(pae(BUNDLE_PAYLOAD_TYPE, canonicalJson(unsealed)), ledger.keyring.signingKey().key);
  bundle.seal = { kid: ledger.keyring.activeKid, sig: toBase64(sig) };
  return bundle;
}

interface Case {
  readonly file: string;
  readonly description: string;
  readonly failures: readonly string[];
  readonly warnings?: readonly string[];
  readonly bytes: Buffer;
}

export function generateBundleVectors(): { manifest: BundleVectorManifest; files: Map<string, Buffer> } {
  const company = companyLedger();
  const parties = ['E1', 'M1', 'HR1'];
  const locked = company.bundle({ kind: 'interview', interviewId: 'iv-1' }, ['iv-1'], parties);
  const query = company.bundle({ kind: 'query', employeeId: 'E1', cycle: '2026-Q3' }, ['iv-3', 'iv-4'], parties);
  const from = (bytes: Buffer, change: (b: Bundle) => Bundle | void): Buffer => {
    const bundle = JSON.parse(bytes.toString('utf8')) as Bundle;
    return canonicalJson(change(bundle) ?? bundle);
  };

  const cases: Case[] = [
    {
      file: 'valid-locked.json',
      description: 'iv-1 filled in, signed by employee and manager, locked in the same append as the last signature, then an addendum.',
      failures: [],
      bytes: locked,
    },
    {
      file: 'valid-scheduled-carried-goals.json',
      description:
        '§12.2: InterviewScheduled carries goals from the previous period (data.sections.goalReview) and a secondInCycleReason. ' +
        'The content at version 1 has those sections; the reason is not basic information; the status is scheduled.',
      failures: [],
      bytes: company.bundle({ kind: 'interview', interviewId: 'iv-2' }, ['iv-2'], parties),
    },
    {
      file: 'valid-basic-info-keeps-scheduled.json',
      description: '§12.6: InterviewBasicInfoUpdated on a record nobody wrote in yet: version 2, still scheduled.',
      failures: [],
      bytes: company.bundle({ kind: 'interview', interviewId: 'iv-3' }, ['iv-3'], parties),
    },
    {
      file: 'valid-returned-from-signatures.json',
      description:
        '§12.6: a record at the signing step, signed by the employee (awaiting_signatures), sent back by InterviewStepReturned: ' +
        'in_progress, same version.',
      failures: [],
      bytes: company.bundle({ kind: 'interview', interviewId: 'iv-4' }, ['iv-4'], parties),
    },
    {
      file: 'valid-query.json',
      description: 'A query bundle (employeeId E1, cycle 2026-Q3) listing iv-3 and iv-4; both match the filter.',
      failures: [],
      bytes: query,
    },
    {
      file: 'valid-rendering-differs.json',
      description:
        '§13.8: the HTML is informative. A page that is not what our renderer makes of the events, hashed and sealed by the ledger: ' +
        'it verifies; our verifier warns (RENDERING_MISMATCH), which other verifiers may skip.',
      failures: [],
      warnings: ['RENDERING_MISMATCH'],
      bytes: from(locked, (b) => {
        b.rendering.html = b.rendering.html.replace('10.0.0.21', '10.0.0.66');
        b.rendering.sha256 = sha256Hex(Buffer.from(b.rendering.html, 'utf8'));
        return resealed(b, company);
      }),
    },
    {
      file: 'invalid-seal-base64.json',
      description: 'seal.sig with the unused low bit of its last digit set: the same bytes to a lenient decoder.',
      failures: ['BUNDLE_BASE64'],
      bytes: from(locked, (b) => void (b.seal.sig = lowBitFlipped(b.seal.sig))),
    },
    {
      file: 'invalid-event-sig-base64.json',
      description: "An event's sig with the unused low bit of its last digit set, sealed again.",
      failures: ['BUNDLE_BASE64'],
      bytes: from(locked, (b) => {
        b.events[0].sig = lowBitFlipped(b.events[0].sig);
        return resealed(b, company);
      }),
    },
    {
      file: 'invalid-ledger-key-base64.json',
      description: "The ledger key's publicKey with the unused low bit of its last digit set, sealed again.",
      failures: ['BUNDLE_BASE64'],
      bytes: from(locked, (b) => {
        b.ledgerKeys[0].publicKey = lowBitFlipped(b.ledgerKeys[0].publicKey);
        return resealed(b, company);
      }),
    },
    {
      file: 'invalid-proof-base64.json',
      description: 'A proof hash with the unused low bit of its last digit set, sealed again.',
      failures: ['BUNDLE_BASE64'],
      bytes: from(locked, (b) => {
        b.events[0].proof[0] = lowBitFlipped(b.events[0].proof[0]);
        return resealed(b, company);
      }),
    },
    {
      file: 'invalid-seal-extra-member.json',
      description: 'An unknown member in seal (which nothing signs).',
      failures: ['BUNDLE_FORMAT'],
      bytes: from(locked, (b) => void (b.seal.note = 'approved by legal')),
    },
    {
      file: 'invalid-event-extra-member.json',
      description: 'An unknown member in an event, sealed again: version 1 has no extension point.',
      failures: ['BUNDLE_FORMAT'],
      bytes: from(locked, (b) => {
        b.events[0].comment = 'x';
        return resealed(b, company);
      }),
    },
    {
      file: 'invalid-not-canonical.json',
      description: 'The valid file pretty-printed: the same value, not its RFC 8785 form.',
      failures: ['BUNDLE_NOT_CANONICAL'],
      bytes: Buffer.from(JSON.stringify(JSON.parse(locked.toString('utf8')), null, 1), 'utf8'),
    },
    {
      file: 'invalid-claim-not-sealed.json',
      description: 'The claimed status changed and not sealed again.',
      failures: ['INTERVIEW_STATUS', 'SEAL_SIGNATURE'],
      bytes: from(locked, (b) => void (b.interviews[0].status = 'in_progress')),
    },
    {
      file: 'invalid-subject-interview.json',
      description: 'The subject names interview iv-9; the bundle lists iv-1. Rendered and sealed again.',
      failures: ['SUBJECT_MISMATCH'],
      bytes: from(locked, (b) => {
        b.subject.interviewId = 'iv-9';
        return rerendered(b, company);
      }),
    },
    {
      file: 'invalid-subject-query.json',
      description: 'A query for employeeId E2 listing interviews of E1. Rendered and sealed again.',
      failures: ['SUBJECT_MISMATCH'],
      bytes: from(query, (b) => {
        b.subject.employeeId = 'E2';
        return rerendered(b, company);
      }),
    },
    {
      file: 'invalid-event-order.json',
      description:
        'Two neighbouring events of different streams swapped (every chain still holds), sealed again: the array is not in leaf-index order.',
      failures: ['LEAF_INDEX'],
      bytes: from(locked, (b) => {
        [b.events[0], b.events[1]] = [b.events[1], b.events[0]];
        return resealed(b, company);
      }),
    },
    {
      file: 'invalid-manifest-order.json',
      description: 'manifest.streams in reverse name order, sealed again: one spelling of each manifest.',
      failures: ['MANIFEST_MISMATCH'],
      bytes: from(locked, (b) => {
        b.manifest.streams.reverse();
        return resealed(b, company);
      }),
    },
    {
      file: 'invalid-event-body.json',
      description:
        "A byte of HR1's PersonRegistered body changed (the name), canonically re-encoded, sealed again: the ledger signature and the leaf " +
        'fail, the event is left out, so the manifest no longer matches.',
      failures: ['EVENT_BAD_SIGNATURE', 'INCLUSION_PROOF', 'MANIFEST_MISMATCH'],
      warnings: ['RENDERING_MISMATCH'],
      bytes: from(locked, (b) => {
        const body = Buffer.from(fromBase64(b.events[0].body)!).toString('utf8');
        if (!body.includes('李娜')) throw new Error('the first event is not HR1');
        b.events[0].body = toBase64(Buffer.from(body.replace('李娜', '李琳'), 'utf8'));
        return resealed(b, company);
      }),
    },
    {
      file: 'invalid-claim-stream.json',
      description: 'The claim for iv-1 names the stream person-E1 instead of interview-iv-1. Rendered and sealed again.',
      failures: ['INTERVIEW_MISSING'],
      bytes: from(locked, (b) => {
        b.interviews[0].stream = 'person-E1';
        return rerendered(b, company);
      }),
    },
    {
      file: 'invalid-rendering-digest.json',
      description: 'The HTML changed and sealed again, its digest not updated.',
      failures: ['RENDERING_DIGEST'],
      warnings: ['RENDERING_MISMATCH'],
      bytes: from(locked, (b) => {
        b.rendering.html = b.rendering.html.replace('10.0.0.21', '10.0.0.66');
        return resealed(b, company);
      }),
    },
    {
      file: 'invalid-revoked-key-registered-again.json',
      description:
        "A log the ledger's rules forbid (DUPLICATE_KEY): E1's key revoked, registered again, then used to sign. A revoked key never comes back.",
      failures: ['ACTOR_SIGNATURE_KEY'],
      bytes: revokedKeyBundle(),
    },
  ];

  const ledgerKeys = company.keyring.published.map((k) => k.publicKey);
  for (const c of cases) {
    const report = verifyBundle(c.bytes, { trustedLedgerKeys: ledgerKeys });
    const got = [...new Set(report.failures.map((f) => f.code))].sort();
    const warned = [...new Set(report.warnings.map((f) => f.code))].sort();
    const expected = { failures: [...c.failures].sort(), warnings: [...(c.warnings ?? [])].sort() };
    if (JSON.stringify({ failures: got, warnings: warned }) !== JSON.stringify(expected))
      throw new Error(
        `${c.file}: our verifier reports ${JSON.stringify({ got, warned, detail: report.failures })}, the case expects ${JSON.stringify(expected)}`,
      );
  }
  const manifest: BundleVectorManifest = {
    description:
      'Evidence-bundle test vectors (docs/ledger-format.md §13.12). Verify each file with the ledger keys below pinned: a valid file has no failure; ' +
      'an invalid one has exactly the listed failure codes (each at least once). Warnings are our implementation checks, optional for other verifiers. ' +
      'Generated by scripts/generate-bundle-vectors.ts. The seeds are public test keys.',
    format: 'interview-ledger-bundle-vectors/v1',
    ledgerKeys,
    ledgerSeedHex: LEDGER_SEED_HEX,
    cases: cases.map((c) => ({
      file: c.file,
      description: c.description,
      valid: c.failures.length === 0,
      failures: [...c.failures].sort(),
      warnings: [...(c.warnings ?? [])].sort(),
    })),
  };
  return { manifest, files: new Map(cases.map((c) => [c.file, c.bytes])) };
}

/** A log the ledger's rules forbid: E1's key revoked, registered again, then used to sign (§12.1). */
function revokedKeyBundle(): Buffer {
  const ledger = new VectorLedger();
  person(ledger, 'M1', '王强', null, '2026-06-01T01:01:00.000Z');
  person(ledger, 'E1', '张伟', 'M1', '2026-06-01T01:02:00.000Z');
  signingKey(ledger, 'E1', '2026-06-02T01:00:00.000Z');
  const raw = rawPublicKey(privateKeyFromSeed(SIGNER_SEEDS.E1!));
  const kid = keyIdOf(raw);
  ledger.append('person-E1', 'E1', ['employee'], '2026-06-03T01:00:00.000Z', [
    { type: 'SigningKeyRevoked', data: { personId: 'E1', kid, reason: '笔记本丢失', revokedAt: '2026-06-03T01:00:00.000Z' } },
  ]);
  signingKey(ledger, 'E1', '2026-06-04T01:00:00.000Z');
  ledger.append('interview-iv-1', 'M1', ['manager', 'employee'], '2026-07-01T01:00:00.000Z', [
    {
      type: 'InterviewScheduled',
      data: { interviewId: 'iv-1', templateId: 'standard-v1', version: 1, ...basic('2026-Q2', '2026-07-02T02:00:00.000Z') },
    },
  ]);
  ledger.append('interview-iv-1', 'E1', ['employee'], '2026-07-02T04:00:00.000Z', [
    ledger.signed('iv-1', 'employee', 'E1', '2026-07-02T04:00:00.000Z', '10.0.0.21'),
  ]);
  return ledger.bundle({ kind: 'interview', interviewId: 'iv-1' }, ['iv-1'], ['E1', 'M1']);
}

/** The repository root: the nearest directory above this file with a package.json (works from src and dist). */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('generate-bundle-vectors: no package.json above ' + __dirname);
    dir = parent;
  }
  return dir;
}

export const VECTOR_DIR = 'test/vectors/bundles';

if (require.main === module) {
  const out = resolve(repoRoot(), VECTOR_DIR);
  const { manifest, files } = generateBundleVectors();
  if (existsSync(out)) for (const f of readdirSync(out)) rmSync(join(out, f));
  mkdirSync(out, { recursive: true });
  for (const [name, bytes] of files) writeFileSync(join(out, name), bytes);
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  process.stdout.write(`wrote ${files.size} bundles and manifest.json to ${out}\n`);
}
