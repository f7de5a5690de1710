/**
 * Generates test/vectors/ledger-events.json: ledger-format test vectors (docs/ledger-format.md).
 *
 * Deterministic: a fixed test seed (bytes 0x01..0x20), fixed ids and times; two events in one
 * stream, then one in another. test/ledger/ledger-vectors.test.ts recomputes every field with
 * our code and independently, so a change to the byte format fails until the file is
 * regenerated on purpose:
 *
 *   node -r ./test/support/ts-register.js scripts/generate-ledger-vectors.ts
 *   (or: npm run build && node dist/scripts/generate-ledger-vectors.js)
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Keyring } from '../src/crypto/keyring';
import { pae } from '../src/crypto/pae';
import { rawPublicKey } from '../src/crypto/ed25519';
import { EVENT_PAYLOAD_TYPE, type EventDraft } from '../src/ledger/event-body';
import { sealEvents, type StreamHead } from '../src/ledger/seal';

/** The vectors' signing seed. A published test key: never use it for a real ledger. */
export const VECTOR_SEED_HEX = Buffer.from(Array.from({ length: 32 }, (_, i) => i + 1)).toString('hex');

export interface EventVectorInput {
  readonly stream: string;
  /** The stream's head before this event; null for the stream's first event. */
  readonly head: StreamHead | null;
  readonly draft: EventDraft;
}

export interface EventVector {
  readonly name: string;
  readonly input: EventVectorInput;
  /** The canonical body as text; its UTF-8 bytes are `bodyHex`. */
  readonly body: string;
  readonly bodyHex: string;
  readonly bodySha256: string;
  readonly paeHex: string;
  readonly signatureHex: string;
  readonly kid: string;
}

export interface LedgerVectors {
  readonly description: string;
  readonly format: string;
  readonly payloadType: string;
  readonly ledgerKey: {
    readonly alg: 'Ed25519';
    readonly seedHex: string;
    readonly publicKeyHex: string;
    readonly publicKeyBase64: string;
    readonly kid: string;
  };
  readonly events: readonly EventVector[];
}

const INTERVIEW_STREAM = 'interview-iv-2026-0001';
const PERSON_STREAM = 'person-emp-0001';

const DRAFTS: ReadonlyArray<{ name: string; stream: string; draft: EventDraft }> = [
  {
    name: 'first event of an interview stream (revision 0, prev null)',
    stream: INTERVIEW_STREAM,
    draft: {
      id: 'cmd-0001.0',
      type: 'InterviewScheduled',
      data: {
        interviewId: 'iv-2026-0001',
        templateId: 'standard-v1',
        version: 1,
        employeeId: 'emp-0001',
        managerId: 'mgr-0001',
        participantIds: [],
        department: '研发中心',
        position: '高级工程师',
        cycle: '2026-H1',
        scheduledAt: '2026-07-01T01:30:00.000Z',
        location: '3F 会议室 A',
      },
      meta: { actor: 'hr-0001', roles: ['hr'], ip: '203.0.113.7', at: '2026-06-20T02:00:00.000Z', commandId: 'cmd-0001' },
    },
  },
  {
    name: 'second event of the same stream (revision 1, prev = SHA-256 of the first body), with userAgent',
    stream: INTERVIEW_STREAM,
    draft: {
      id: 'cmd-0002.0',
      type: 'InterviewSectionEdited',
      data: {
        interviewId: 'iv-2026-0001',
        version: 2,
        section: 'goalReview',
        content: {
          summary: '完成了上半年全部目标 👍',
          score: 4.5,
          goals: [
            { title: '交付 v2.0', achieved: true, ratio: 1 },
            { title: 'Reduce p99 latency', achieved: false, ratio: 0.85 },
          ],
          notes: 'line 1\nline 2 "quoted" \\ done',
          reviewer: null,
        },
      },
      meta: {
        actor: 'emp-0001',
        roles: ['employee'],
        ip: '198.51.100.23',
        userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) 面谈客户端/1.0',
        at: '2026-07-01T02:15:30.250Z',
        commandId: 'cmd-0002',
      },
    },
  },
  {
    name: 'first event of another stream (revision 0, prev null again: chains are per stream)',
    stream: PERSON_STREAM,
    draft: {
      id: 'cmd-0003.0',
      type: 'PersonRegistered',
      data: {
        personId: 'emp-0001',
        name: '张三',
        department: '研发中心',
        position: '高级工程师',
        managerId: 'mgr-0001',
        category: 'rnd',
        level: 'staff',
        roles: ['employee'],
      },
      meta: { actor: 'admin-0001', roles: ['admin', 'hr'], ip: '2001:db8::1', at: '2026-06-01T00:00:00.000Z', commandId: 'cmd-0003' },
    },
  },
];

/** Builds the vectors with the production sealing code, one event at a time. */
export function generateLedgerVectors(): LedgerVectors {
  const keyring = Keyring.fromSeed(Buffer.from(VECTOR_SEED_HEX, 'hex'), '2026-01-01T00:00:00.000Z');
  const { kid, key } = keyring.signingKey();
  const publicKey = rawPublicKey(key);
  const heads = new Map<string, StreamHead>();
  const events = DRAFTS.map(({ name, stream, draft }): EventVector => {
    const head = heads.get(stream) ?? null;
    const [sealed] = sealEvents(keyring, stream, head, [draft]);
    heads.set(stream, { revision: sealed!.revision, hash: sealed!.hash });
    const body = Buffer.from(sealed!.body);
    return {
      name,
      input: { stream, head, draft },
      body: body.toString('utf8'),
      bodyHex: body.toString('hex'),
      bodySha256: sealed!.hash,
      paeHex: pae(EVENT_PAYLOAD_TYPE, body).toString('hex'),
      signatureHex: Buffer.from(sealed!.sig).toString('hex'),
      kid: sealed!.kid,
    };
  });
  return {
    description:
      'Ledger event test vectors: canonical body (RFC 8785), SHA-256 chain, DSSE PAE and Ed25519 signature. ' +
      'Generated by scripts/generate-ledger-vectors.ts; specified in docs/ledger-format.md. The seed is a public test key.',
    format: 'interview-ledger-event-vectors/v1',
    payloadType: EVENT_PAYLOAD_TYPE,
    ledgerKey: {
      alg: 'Ed25519',
      seedHex: VECTOR_SEED_HEX,
      publicKeyHex: publicKey.toString('hex'),
      publicKeyBase64: publicKey.toString('base64'),
      kid,
    },
    events,
  };
}

/** The repository root: the nearest directory above this file with a package.json (works from src and dist). */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('generate-ledger-vectors: no package.json above ' + __dirname);
    dir = parent;
  }
  return dir;
}

if (require.main === module) {
  const out = resolve(repoRoot(), 'test/vectors/ledger-events.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(generateLedgerVectors(), null, 2)}\n`);
  process.stdout.write(`wrote ${out}\n`);
}
