/**
 * Generates test/vectors/signing-message.json: test vectors for the message employees and
 * managers sign (src/domain/interview/signing.ts documents the bytes).
 *
 * Deterministic: a fixed test seed (bytes 0x21..0x40), fixed contents. Each case has its
 * inputs (content, role, signer), the canonical content, its digest, the claim, the message
 * and the Ed25519 signature. test/domain/signing-vectors.test.ts recomputes every field with
 * our code and independently, so a change to the format fails until the file is regenerated
 * on purpose:
 *
 *   node -r ./test/support/ts-register.js scripts/generate-signing-vectors.ts
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ed25519Sign, privateKeyFromSeed, rawPublicKey } from '../src/crypto/ed25519';
import { keyIdOf } from '../src/crypto/key-id';
import {
  contentDigestOf,
  SIGNATURE_PAYLOAD_TYPE,
  signedContentBytes,
  signingMessage,
  signingPayload,
  type SignatureRole,
  type SignedContent,
} from '../src/domain/interview/signing';

/** The vectors' signer seed. A published test key: never register it for a real person. */
export const SIGNER_SEED_HEX = Buffer.from(Array.from({ length: 32 }, (_, i) => i + 0x21)).toString('hex');

export interface SigningVector {
  readonly name: string;
  readonly input: { readonly content: SignedContent; readonly role: SignatureRole; readonly signerId: string };
  /** JCS of the content as text; its UTF-8 bytes are what SHA-256 hashes. */
  readonly contentJcs: string;
  readonly contentDigest: string;
  /** JCS of the claim as text: the PAE body. */
  readonly payload: string;
  readonly messageHex: string;
  readonly signatureHex: string;
  readonly signatureBase64: string;
}

export interface SigningVectors {
  readonly description: string;
  readonly format: string;
  readonly payloadType: string;
  readonly signerKey: {
    readonly alg: 'Ed25519';
    readonly seedHex: string;
    readonly publicKeyHex: string;
    readonly publicKeyBase64: string;
    readonly kid: string;
  };
  readonly vectors: readonly SigningVector[];
}

const CONTENT_V3: SignedContent = {
  interviewId: 'iv-2026-0001',
  version: 3,
  templateId: 'standard-v1',
  basic: {
    employeeId: 'emp-0001',
    managerId: 'mgr-0001',
    participantIds: ['hr-0001'],
    department: '研发中心',
    position: '高级工程师',
    cycle: '2026-H1',
    scheduledAt: '2026-07-01T01:30:00.000Z',
    location: '3F 会议室 A',
  },
  sections: {
    goalReview: {
      summary: '完成了上半年全部目标 👍',
      score: 4.5,
      goals: [
        { title: '交付 v2.0', achieved: true, ratio: 1 },
        { title: 'Reduce p99 latency', achieved: false, ratio: 0.85 },
      ],
      reviewer: null,
    },
    remarks: { text: 'line 1\nline 2 "quoted" \\ done' },
  },
};

const CONTENT_V1: SignedContent = {
  interviewId: 'iv-2026-0002',
  version: 1,
  templateId: 'quick-checkin-v1',
  basic: {
    employeeId: 'emp-0002',
    managerId: 'mgr-0001',
    participantIds: [],
    department: '生产部',
    position: '装配工',
    cycle: '2026-Q3',
    scheduledAt: '2026-09-15T06:00:00.000Z',
    location: '',
  },
  sections: {},
};

const CASES: ReadonlyArray<{ name: string; content: SignedContent; role: SignatureRole; signerId: string }> = [
  {
    name: 'the employee signs version 3 (Chinese text, an emoji, escapes, a fractional number, null)',
    content: CONTENT_V3,
    role: 'employee',
    signerId: 'emp-0001',
  },
  {
    name: 'the manager signs the same version: same digest, different claim and message',
    content: CONTENT_V3,
    role: 'manager',
    signerId: 'mgr-0001',
  },
  {
    name: 'a participant signs a version 1 with no sections, no participants and an empty location',
    content: CONTENT_V1,
    role: 'participant',
    signerId: 'hr-0001',
  },
];

/** Builds the vectors with the production code: signing.ts for the bytes, node:crypto for Ed25519. */
export function generateSigningVectors(): SigningVectors {
  const seed = Buffer.from(SIGNER_SEED_HEX, 'hex');
  const privateKey = privateKeyFromSeed(seed);
  const publicKey = rawPublicKey(privateKey);
  const vectors = CASES.map(({ name, content, role, signerId }): SigningVector => {
    const contentDigest = contentDigestOf(content);
    const claim = { interviewId: content.interviewId, version: content.version, contentDigest, role, signerId };
    const message = signingMessage(claim);
    const signature = ed25519Sign(message, privateKey);
    return {
      name,
      input: { content, role, signerId },
      contentJcs: Buffer.from(signedContentBytes(content)).toString('utf8'),
      contentDigest,
      payload: Buffer.from(signingPayload(claim)).toString('utf8'),
      messageHex: Buffer.from(message).toString('hex'),
      signatureHex: signature.toString('hex'),
      signatureBase64: signature.toString('base64'),
    };
  });
  return {
    description:
      'Test vectors for the message a person signs to sign an interview: content digest (RFC 8785 + SHA-256), claim, DSSE PAE, Ed25519. ' +
      'Generated by scripts/generate-signing-vectors.ts; specified in src/domain/interview/signing.ts. The seed is a public test key.',
    format: 'interview-ledger-signing-vectors/v1',
    payloadType: SIGNATURE_PAYLOAD_TYPE,
    signerKey: {
      alg: 'Ed25519',
      seedHex: SIGNER_SEED_HEX,
      publicKeyHex: publicKey.toString('hex'),
      publicKeyBase64: publicKey.toString('base64'),
      kid: keyIdOf(publicKey),
    },
    vectors,
  };
}

/** The repository root: the nearest directory above this file with a package.json (works from src and dist). */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('generate-signing-vectors: no package.json above ' + __dirname);
    dir = parent;
  }
  return dir;
}

if (require.main === module) {
  const out = resolve(repoRoot(), 'test/vectors/signing-message.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(generateSigningVectors(), null, 2)}\n`);
  process.stdout.write(`wrote ${out}\n`);
}
