/** scripts/sign.ts, run as a user would (a child process), against the committed vectors. */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ed25519Verify, publicKeyFromRaw } from '../../src/crypto/ed25519';
import { signingMessage } from '../../src/domain/interview/signing';
import type { SigningVectors } from '../../scripts/generate-signing-vectors';
import { runTs } from '../support/run-ts';

const vectors = JSON.parse(readFileSync(join(__dirname, '..', 'vectors', 'signing-message.json'), 'utf8')) as SigningVectors;
const sign = (...args: string[]) => runTs('scripts/sign.ts', args, {});

describe('npm run sign (scripts/sign.ts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sign-cli-'));
  const vector = vectors.vectors[0]!;
  const { content } = vector.input;

  /** A key file holding the vectors' test seed, so that signatures can be compared byte for byte. */
  const vectorKey = join(dir, 'vector-key.json');
  writeFileSync(
    vectorKey,
    JSON.stringify({
      format: 'interview-ledger-signer-key/v1',
      alg: 'Ed25519',
      kid: vectors.signerKey.kid,
      publicKey: vectors.signerKey.publicKeyBase64,
      seed: Buffer.from(vectors.signerKey.seedHex, 'hex').toString('base64'),
      createdAt: '2026-01-01T00:00:00.000Z',
    }),
  );

  it('keygen writes a private key file, prints what to register, and never overwrites a key', async () => {
    const out = join(dir, 'key.json');
    const made = await sign('keygen', '--out', out);
    expect(made.code).toBe(0);
    const printed = JSON.parse(made.stdout) as { kid: string; publicKey: string };
    const file = JSON.parse(readFileSync(out, 'utf8')) as Record<string, string>;
    expect(file).toMatchObject({
      format: 'interview-ledger-signer-key/v1',
      alg: 'Ed25519',
      kid: printed.kid,
      publicKey: printed.publicKey,
    });
    expect(Buffer.from(file.seed!, 'base64')).toHaveLength(32);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const again = await sign('keygen', '--out', out);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/EEXIST|exists/);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(file);
    const pub = await sign('pubkey', '--key', out);
    expect(JSON.parse(pub.stdout)).toEqual(printed);
  });

  it("signs content from a signingMessage response: the vector's signature, ready for signInterview", async () => {
    const response = join(dir, 'response.json');
    const message = Buffer.from(vector.messageHex, 'hex').toString('base64');
    writeFileSync(response, JSON.stringify({ data: { signingMessage: { content, contentDigest: vector.contentDigest, message } } }));
    const result = await sign(
      'sign',
      '--key',
      vectorKey,
      '--interview',
      content.interviewId,
      '--version',
      String(content.version),
      '--role',
      'employee',
      '--signer',
      'emp-0001',
      '--content',
      response,
    );
    expect(result.stderr).toContain(vector.contentDigest);
    expect(result.code).toBe(0);
    const input = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(input).toEqual({
      interviewId: content.interviewId,
      version: content.version,
      role: 'employee',
      signerId: 'emp-0001',
      kid: vectors.signerKey.kid,
      signature: vector.signatureBase64,
    });
    const verified = ed25519Verify(
      signingMessage({
        interviewId: content.interviewId,
        version: content.version,
        contentDigest: vector.contentDigest,
        role: 'employee',
        signerId: 'emp-0001',
      }),
      Buffer.from(vector.signatureBase64, 'base64'),
      publicKeyFromRaw(Buffer.from(vectors.signerKey.publicKeyBase64, 'base64')),
    );
    expect(verified).toBe(true);
  });

  it("refuses to sign when the server's message does not match the content, or the content is another version", async () => {
    const tampered = join(dir, 'tampered.json');
    const otherMessage = Buffer.from(vectors.vectors[1]!.messageHex, 'hex').toString('base64');
    writeFileSync(tampered, JSON.stringify({ content, message: otherMessage }));
    const mismatch = await sign('sign', '--key', vectorKey, '--role', 'employee', '--signer', 'emp-0001', '--content', tampered);
    expect(mismatch.code).toBe(1);
    expect(mismatch.stdout).toBe('');
    expect(mismatch.stderr).toMatch(/differs/);
    const bare = join(dir, 'content.json');
    writeFileSync(bare, JSON.stringify(content));
    const wrongVersion = await sign(
      'sign',
      '--key',
      vectorKey,
      '--version',
      '9',
      '--role',
      'employee',
      '--signer',
      'emp-0001',
      '--content',
      bare,
    );
    expect(wrongVersion.code).toBe(1);
    expect(wrongVersion.stdout).toBe('');
  });

  it('reports usage errors with exit code 2', async () => {
    const noRole = await sign('sign', '--key', vectorKey, '--signer', 'emp-0001', '--content', 'x.json');
    expect(noRole.code).toBe(2);
    expect(noRole.stderr).toMatch(/--role is required/);
    const badRole = await sign('sign', '--key', vectorKey, '--role', 'boss', '--signer', 'emp-0001', '--content', 'x.json');
    expect(badRole.code).toBe(2);
    expect((await sign('frobnicate')).code).toBe(2);
    expect((await sign('keygen', '--unknown')).code).toBe(2);
  });
});
