import './test-realm';
import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyPairFromSeed, signInterview, verifyInterviewSignature } from '../../../src/client/signer';
import { fromBase64 } from '../../../src/crypto/portable/base64';
import {
  createDeviceKey,
  deviceKeyFromSeed,
  exportKeyFile,
  generateSeed,
  importKeyFile,
  KEY_FILE_FORMAT,
  KeyFileError,
  memoryKeyStorage,
  MIN_PBKDF2_ITERATIONS,
  parseKeyFile,
  PBKDF2_ITERATIONS,
  secretKeyOf,
  type KeyFile,
} from './keystore';

// jsdom's window may lack SubtleCrypto; Node's is the same Web Crypto API the browser has.
const subtle = (globalThis.crypto?.subtle ?? webcrypto.subtle) as SubtleCrypto;
// Fewer rounds in most tests (the import floor still holds); one test uses the default.
const FAST = MIN_PBKDF2_ITERATIONS;

const seed = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const fixedKey = deviceKeyFromSeed('E1001', seed, 'tweetnacl', '2026-01-01T00:00:00.000Z');

const errorCode = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof KeyFileError) return error.code;
    throw error;
  }
  return 'no error';
};

describe('the device key', () => {
  it('is made with WebCrypto Ed25519 where it exists, tweetnacl otherwise, and stored per person', async () => {
    const storage = memoryKeyStorage();
    const key = await createDeviceKey('E1001', storage, { subtle });
    expect(key.kid).toMatch(/^ed25519:[0-9a-f]{16}$/);
    expect(['webcrypto', 'tweetnacl']).toContain(key.source);
    expect(fromBase64(key.publicKey)).toHaveLength(32);
    expect(await storage.get('E1001')).toEqual(key);
    expect(await storage.get('M102')).toBeNull();

    const fallback = await generateSeed(null);
    expect(fallback.source).toBe('tweetnacl');
    expect(fallback.seed).toHaveLength(32);
    const broken = { generateKey: () => Promise.reject(new Error('NotSupportedError')) } as unknown as SubtleCrypto;
    expect((await generateSeed(broken)).source).toBe('tweetnacl');

    // A second key for the same person replaces the first on this device.
    const next = await createDeviceKey('E1001', storage, { subtle: null });
    expect(next.kid).not.toBe(key.kid);
    expect((await storage.get('E1001'))?.kid).toBe(next.kid);
  });

  it('signs through signer.ts: the signature verifies against the registered public key', () => {
    const content = {
      interviewId: 'iv-1',
      version: 3,
      templateId: 't',
      basic: {
        employeeId: 'E1001',
        managerId: 'M102',
        participantIds: [],
        department: '生产部',
        position: '操作工',
        cycle: '2026-Q3',
        scheduledAt: '2026-09-01T02:00:00.000Z',
        location: '',
      },
      sections: {},
    };
    const signed = signInterview({ interviewId: 'iv-1', version: 3, role: 'employee', signerId: 'E1001', content }, secretKeyOf(fixedKey));
    expect(signed.kid).toBe(fixedKey.kid);
    const claim = { interviewId: 'iv-1', version: 3, contentDigest: signed.contentDigest, role: 'employee', signerId: 'E1001' };
    expect(verifyInterviewSignature(claim, signed.signature, fixedKey.publicKey)).toBe(true);
  });
});

describe('the key file', () => {
  it('round-trips with the password, and its format is versioned with its parameters in it', async () => {
    const text = await exportKeyFile(fixedKey, 'correct horse battery', { subtle, iterations: FAST });
    const file = JSON.parse(text) as KeyFile;
    expect(file).toMatchObject({
      format: KEY_FILE_FORMAT,
      version: 1,
      personId: 'E1001',
      kid: fixedKey.kid,
      publicKey: fixedKey.publicKey,
      createdAt: fixedKey.createdAt,
      kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: FAST },
      cipher: { name: 'AES-GCM', tagLength: 128 },
    });
    expect(fromBase64(file.kdf.salt)).toHaveLength(16);
    expect(fromBase64(file.cipher.iv)).toHaveLength(12);
    // The seed is not in the file in the clear.
    expect(text).not.toContain(fixedKey.seed);
    expect(Object.keys(file).sort()).toEqual(
      ['format', 'version', 'personId', 'kid', 'publicKey', 'createdAt', 'exportedAt', 'kdf', 'cipher', 'ciphertext'].sort(),
    );

    const back = await importKeyFile(text, 'correct horse battery', { subtle, personId: 'E1001' });
    expect(back).toEqual({ ...fixedKey, source: 'imported' });
    expect(keyPairFromSeed(fromBase64(back.seed)!).secretKey).toEqual(secretKeyOf(fixedKey));

    // Two exports of one key differ (fresh salt and iv).
    const again = JSON.parse(await exportKeyFile(fixedKey, 'correct horse battery', { subtle, iterations: FAST })) as KeyFile;
    expect(again.kdf.salt).not.toBe(file.kdf.salt);
    expect(again.ciphertext).not.toBe(file.ciphertext);
  });

  it('uses at least 310,000 PBKDF2 rounds by default', async () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(310_000);
    const text = await exportKeyFile(fixedKey, 'correct horse battery', { subtle });
    expect(parseKeyFile(text).kdf.iterations).toBe(PBKDF2_ITERATIONS);
    expect((await importKeyFile(text, 'correct horse battery', { subtle })).kid).toBe(fixedKey.kid);
  });

  it('refuses a wrong password with WRONG_PASSWORD', async () => {
    const text = await exportKeyFile(fixedKey, 'correct horse battery', { subtle, iterations: FAST });
    expect(await errorCode(importKeyFile(text, 'correct horse batterz', { subtle }))).toBe('WRONG_PASSWORD');
    expect(await errorCode(importKeyFile(text, '', { subtle }))).toBe('WRONG_PASSWORD');
  });

  it('refuses a file whose header was changed (authenticated with the ciphertext)', async () => {
    const file = JSON.parse(await exportKeyFile(fixedKey, 'correct horse battery', { subtle, iterations: FAST })) as KeyFile;
    const other = deviceKeyFromSeed('E1001', new Uint8Array(32).fill(7), 'tweetnacl', fixedKey.createdAt);
    for (const changed of [
      { ...file, personId: 'E1002' },
      { ...file, kid: other.kid, publicKey: other.publicKey },
      { ...file, createdAt: '2020-01-01T00:00:00.000Z' },
    ]) {
      expect(await errorCode(importKeyFile(JSON.stringify(changed), 'correct horse battery', { subtle }))).toBe('WRONG_PASSWORD');
    }
    // exportedAt is informative only.
    const relabelled = { ...file, exportedAt: '2030-01-01T00:00:00.000Z' };
    expect((await importKeyFile(JSON.stringify(relabelled), 'correct horse battery', { subtle })).kid).toBe(fixedKey.kid);
  });

  it('refuses what is not a version-1 key file, weak parameters, another person and a short password', async () => {
    const text = await exportKeyFile(fixedKey, 'correct horse battery', { subtle, iterations: FAST });
    const file = JSON.parse(text) as KeyFile;
    const code = (value: unknown) => errorCode(importKeyFile(typeof value === 'string' ? value : JSON.stringify(value), 'x', { subtle }));
    expect(await code('not json')).toBe('NOT_A_KEY_FILE');
    expect(await code({ hello: 1 })).toBe('NOT_A_KEY_FILE');
    expect(await code({ ...file, version: 2 })).toBe('UNSUPPORTED_VERSION');
    expect(await code({ ...file, kdf: { ...file.kdf, iterations: 1000 } })).toBe('BAD_PARAMETERS');
    expect(await code({ ...file, kdf: { ...file.kdf, hash: 'SHA-1' } })).toBe('BAD_PARAMETERS');
    expect(await code({ ...file, cipher: { ...file.cipher, iv: 'AAAA' } })).toBe('BAD_PARAMETERS');
    expect(await code({ ...file, ciphertext: undefined })).toBe('NOT_A_KEY_FILE');
    expect(await errorCode(importKeyFile(text, 'correct horse battery', { subtle, personId: 'M102' }))).toBe('OTHER_PERSON');
    expect(await errorCode(exportKeyFile(fixedKey, 'short', { subtle }))).toBe('WEAK_PASSWORD');
    expect(await errorCode(exportKeyFile(fixedKey, 'correct horse battery', { subtle: null }))).toBe('NO_WEBCRYPTO');
    expect(await errorCode(importKeyFile(text, 'correct horse battery', { subtle: null }))).toBe('NO_WEBCRYPTO');
  });
});
