import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { keyId as clientKeyId } from '../../src/client/signer';
import * as serverAssert from '../../src/crypto/assert';
import * as serverBase64 from '../../src/crypto/base64';
import { canonicalJson as serverCanonicalJson } from '../../src/crypto/canonical-json';
import { keyIdOf as serverKeyIdOf } from '../../src/crypto/key-id';
import { pae as serverPae } from '../../src/crypto/pae';
import * as assert from '../../src/crypto/portable/assert';
import * as base64 from '../../src/crypto/portable/base64';
import { canonicalJson } from '../../src/crypto/portable/canonical-json';
import { keyIdOf } from '../../src/crypto/portable/key-id';
import { pae } from '../../src/crypto/portable/pae';
import * as sha256 from '../../src/crypto/portable/sha256';
import * as sha256Portable from '../../src/crypto/sha256-portable';
import {
  SIGNATURE_PAYLOAD_TYPE,
  signedContentBytes,
  signerKeyId,
  signingMessage,
  signingPayload,
  type SignedContent,
} from '../../src/domain/interview/signing';
import { EVENT_PAYLOAD_TYPE } from '../../src/ledger/event-body';

/**
 * One implementation of each primitive (src/crypto/portable/): the browser signing client, the
 * domain and the server reach the same functions, and so the same bytes.
 */
const ROOT = join(__dirname, '..', '..');
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('portable primitives: one implementation each', () => {
  it('old server paths re-export the very same functions', () => {
    expect(serverKeyIdOf).toBe(keyIdOf);
    expect(signerKeyId).toBe(keyIdOf);
    expect(sha256Portable.sha256Portable).toBe(sha256.sha256Portable);
    expect(sha256Portable.toHex).toBe(sha256.toHex);
    expect(serverBase64.fromBase64).toBe(base64.fromBase64);
    expect(serverBase64.toBase64).toBe(base64.toBase64);
    expect(serverAssert.assertBytes).toBe(assert.assertBytes);
  });

  const content: SignedContent = {
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
    sections: { remarks: { text: '👍 "quoted" \\ \u000f', score: 4.5, none: null, list: [1e21, 0.1, -0] } },
  };
  const claim = { interviewId: 'iv-2026-0001', version: 3, contentDigest: 'ab'.repeat(32), role: 'employee', signerId: 'emp-0001' };

  it('canonical JSON: the domain, the portable module and the server give the same bytes', () => {
    const server = hex(serverCanonicalJson(content));
    expect(hex(signedContentBytes(content))).toBe(server);
    expect(hex(canonicalJson(content))).toBe(server);
    const { contentDigest, interviewId, role, signerId, version } = claim;
    expect(hex(signingPayload(claim))).toBe(hex(serverCanonicalJson({ contentDigest, interviewId, role, signerId, version })));
  });

  it("PAE: the domain's signing message is the server's PAE of the same payload, and the portable one agrees", () => {
    const payload = signingPayload(claim);
    expect(hex(signingMessage(claim))).toBe(hex(serverPae(SIGNATURE_PAYLOAD_TYPE, payload)));
    for (const type of [SIGNATURE_PAYLOAD_TYPE, EVENT_PAYLOAD_TYPE, '类型', '']) {
      for (const body of [payload, new Uint8Array(0), new Uint8Array(300).fill(0xff)])
        expect(hex(pae(type, body))).toBe(hex(serverPae(type, body)));
    }
  });

  it('key id: the client, the domain and the server name a key alike', () => {
    const key = new Uint8Array(32).map((_, i) => i * 9);
    expect(clientKeyId(key)).toBe(serverKeyIdOf(key));
    expect(signerKeyId(key)).toBe(serverKeyIdOf(key));
  });

  /** Code without comments, as it runs. */
  const code = (file: string): string =>
    ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, removeComments: true },
    }).outputText;
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
    });
  const all = sources(join(ROOT, 'src')).map((file) => ({ file: relative(ROOT, file), code: code(file) }));
  const holders = (pattern: RegExp): string[] => all.filter((f) => pattern.test(f.code)).map((f) => f.file);

  it('no second copy hides elsewhere in src: the PAE tag, the canonicalize package, the key id format, the SPKI prefix', () => {
    expect(holders(/DSSEv1/)).toEqual(['src/crypto/portable/pae.ts']);
    expect(holders(/require\("canonicalize"\)/)).toEqual(['src/crypto/portable/canonical-json.ts']);
    expect(holders(/`ed25519:\$\{/)).toEqual(['src/crypto/portable/key-id.ts']);
    expect(holders(/302a300506032b6570032100/)).toEqual(['src/crypto/ed25519.ts']);
  });

  it.each(sources(join(ROOT, 'src/crypto/portable')).map((f) => [relative(ROOT, f), f]))(
    '%s runs in a browser: no Buffer, process or node: module',
    (_name, file) => {
      expect(code(file)).not.toMatch(/\bBuffer\b|\bprocess\b|node:/);
    },
  );
});
