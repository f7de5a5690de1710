/**
 * Sign interviews with your own key from a terminal: the same code a browser client runs
 * (src/client/signer.ts), for people and tests without a web front end.
 *
 *   npm run sign -- keygen --out key.json [--force]
 *       Creates an Ed25519 key file (mode 0600; the seed never leaves it) and prints
 *       { kid, publicKey } for registerSigningKey(personId, publicKey).
 *
 *   npm run sign -- pubkey --key key.json
 *       Prints { kid, publicKey } of an existing key file.
 *
 *   npm run sign -- sign --key key.json --role employee --signer E1001 --content content.json
 *                        [--interview ID] [--version N]
 *       content.json is what the signingMessage query returned: the whole GraphQL response,
 *       its `signingMessage` object, or just its `content`. The digest and message are
 *       recomputed from the content; when the file also has the server's `message`, the two
 *       must match byte for byte or nothing is signed. --interview and --version, when given,
 *       must match the content. Prints the signInterview input as JSON on stdout.
 *
 * Errors go to stderr with exit code 1 (2 for usage errors).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fromBase64, toBase64 } from '../src/crypto/base64';
import { generateKeyPair, keyId, keyPairFromSeed, publicKeyBase64, seedOf, signInterview, type SignerKeyPair } from '../src/client/signer';
import { isSignatureRole, SIGNATURE_ROLES, type SignedContent } from '../src/domain/interview/signing';

export const KEY_FILE_FORMAT = 'interview-ledger-signer-key/v1';

const USAGE = `usage:
  npm run sign -- keygen --out <key.json> [--force]
  npm run sign -- pubkey --key <key.json>
  npm run sign -- sign --key <key.json> --role <${SIGNATURE_ROLES.join('|')}> --signer <personId> --content <content.json> [--interview <id>] [--version <n>]`;

class UsageError extends Error {}

interface KeyFile {
  format: typeof KEY_FILE_FORMAT;
  alg: 'Ed25519';
  kid: string;
  publicKey: string;
  /** The 32-byte Ed25519 seed (RFC 8032 private key), base64. Keep this file private. */
  seed: string;
  createdAt: string;
}

function main(argv: string[]): void {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
      key: { type: 'string' },
      interview: { type: 'string' },
      version: { type: 'string' },
      role: { type: 'string' },
      signer: { type: 'string' },
      content: { type: 'string' },
    },
    strict: true,
  });
  switch (command) {
    case 'keygen': {
      if (!values.out) throw new UsageError('keygen needs --out <key.json>');
      const keys = generateKeyPair();
      const file: KeyFile = {
        format: KEY_FILE_FORMAT,
        alg: 'Ed25519',
        kid: keyId(keys),
        publicKey: publicKeyBase64(keys),
        seed: toBase64(seedOf(keys.secretKey)),
        createdAt: new Date().toISOString(),
      };
      // 'wx' refuses to replace an existing key: overwriting one would lose a registered key for good.
      writeFileSync(values.out, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: values.force ? 'w' : 'wx' });
      print({ kid: file.kid, publicKey: file.publicKey });
      return;
    }
    case 'pubkey': {
      const keys = readKey(required(values.key, '--key'));
      print({ kid: keyId(keys), publicKey: publicKeyBase64(keys) });
      return;
    }
    case 'sign': {
      const keys = readKey(required(values.key, '--key'));
      const role = required(values.role, '--role');
      if (!isSignatureRole(role)) throw new UsageError(`--role must be one of ${SIGNATURE_ROLES.join(', ')}`);
      const signerId = required(values.signer, '--signer');
      const { content, message } = readContent(required(values.content, '--content'));
      const interviewId = values.interview ?? content.interviewId;
      const version = values.version === undefined ? content.version : Number(values.version);
      if (!Number.isSafeInteger(version) || version < 1) throw new UsageError('--version must be a positive integer');
      const signed = signInterview(
        { interviewId, version, role, signerId, content, ...(message ? { expectedMessage: message } : {}) },
        keys.secretKey,
      );
      process.stderr.write(
        `signed ${interviewId} version ${version} as ${role}: content digest ${signed.contentDigest}, key ${signed.kid}\n`,
      );
      print({ interviewId, version, role, signerId, kid: signed.kid, signature: signed.signature });
      return;
    }
    default:
      throw new UsageError(command ? `unknown command ${command}` : 'name a command');
  }
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`${flag} is required`);
  return value.trim();
}

function readKey(path: string): SignerKeyPair {
  const file = JSON.parse(readFileSync(path, 'utf8')) as Partial<KeyFile>;
  if (file.format !== KEY_FILE_FORMAT) throw new Error(`${path} is not a ${KEY_FILE_FORMAT} key file`);
  const seed = typeof file.seed === 'string' ? fromBase64(file.seed) : null;
  if (!seed || seed.length !== 32) throw new Error(`${path}: seed must be base64 of 32 bytes`);
  const keys = keyPairFromSeed(seed);
  // A hand-edited file whose public half does not match its seed would register one key and sign with another.
  if (file.publicKey !== publicKeyBase64(keys)) throw new Error(`${path}: publicKey does not belong to the seed`);
  return keys;
}

function readContent(path: string): { content: SignedContent; message?: string } {
  const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const data = json.data as { signingMessage?: unknown } | undefined;
  const holder = (data?.signingMessage ?? json) as Record<string, unknown>;
  const content = (holder.content ?? holder) as SignedContent;
  if (!content || typeof content.interviewId !== 'string' || typeof content.version !== 'number') {
    throw new Error(`${path} holds no signed content (interviewId, version, templateId, basic, sections)`);
  }
  return { content, ...(typeof holder.message === 'string' ? { message: holder.message } : {}) };
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`sign: ${(error as Error).message}${usage ? `\n${USAGE}` : ''}\n`);
    process.exitCode = usage ? 2 : 1;
  }
}
