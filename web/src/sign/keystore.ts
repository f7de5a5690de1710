/**
 * The person's own signing key on this device: made here, kept here (IndexedDB), exported as a
 * password-protected file and imported on another device. The server only ever sees the public
 * half (registerSigningKey); signing goes through src/client/signer.ts, the same message
 * builder the server checks against.
 *
 * ## Design
 *
 * - **Generation.** WebCrypto Ed25519 where `crypto.subtle.generateKey({ name: 'Ed25519' })`
 *   works (a secure context in a browser that has it), generated *extractable*: the key must
 *   leave WebCrypto twice, to be exported to a key file and to sign through signer.ts (tweetnacl,
 *   which takes the 32-byte seed; WebCrypto is missing on plain-http pages, so signing cannot
 *   depend on it). The seed is read from the JWK (`d`) and checked: tweetnacl's public key of
 *   that seed must equal WebCrypto's (`x`). Otherwise tweetnacl's `generateKeyPair()` (the
 *   platform's crypto.getRandomValues). `source` records which.
 * - **Storage.** One key per person id on this device, in IndexedDB database
 *   `interview-ledger.signing-keys`, store `keys` (key path `personId`), through the small
 *   `KeyStorage` interface (tests use the in-memory one). IndexedDB is per origin and per browser
 *   profile; the seed is stored as is, protected by the profile like a browser's other secrets.
 *   A new key for the same person (after a loss or revocation) replaces the old one here.
 * - **Key file** (`KEY_FILE_FORMAT`, version 1), JSON:
 *
 *       { "format": "interview-ledger.signing-key", "version": 1,
 *         "personId", "kid", "publicKey" (base64), "createdAt", "exportedAt",
 *         "kdf": { "name": "PBKDF2", "hash": "SHA-256", "iterations": 600000, "salt": base64(16 bytes) },
 *         "cipher": { "name": "AES-GCM", "iv": base64(12 bytes), "tagLength": 128 },
 *         "ciphertext": base64(AES-GCM(key, iv, aad, JSON { "seed": base64(32 bytes) })) }
 *
 *   The AES-256 key is PBKDF2-HMAC-SHA-256(password, salt, iterations); the additional data is
 *   the RFC 8785 JSON of every other member but `exportedAt`, so changing the person, kid,
 *   public key or parameters makes decryption fail. Import refuses fewer than 310,000 or more
 *   than 10,000,000 iterations, a wrong password (`WRONG_PASSWORD`: AES-GCM's tag does not
 *   verify), and a seed whose public key is not the file's. Export and import need WebCrypto
 *   (PBKDF2, AES-GCM): on a page without it they say so (`NO_WEBCRYPTO`).
 */
import { keyId, keyPairFromSeed, publicKeyBase64, seedOf, generateKeyPair, SEED_BYTES } from '../../../src/client/signer';
import { fromBase64, toBase64 } from '../../../src/crypto/portable/base64';
import { canonicalJson } from '../../../src/crypto/portable/canonical-json';

export const KEY_FILE_FORMAT = 'interview-ledger.signing-key';
export const KEY_FILE_VERSION = 1;
export const PBKDF2_ITERATIONS = 600_000;
export const MIN_PBKDF2_ITERATIONS = 310_000;
export const MAX_PBKDF2_ITERATIONS = 10_000_000;
export const MIN_PASSWORD_CHARS = 8;

/** A key kept on this device. */
export interface DeviceKey {
  readonly personId: string;
  readonly kid: string;
  /** base64 of the raw 32-byte public key, as registerSigningKey takes it. */
  readonly publicKey: string;
  /** base64 of the 32-byte Ed25519 seed (RFC 8032 private key). Never leaves the device unencrypted. */
  readonly seed: string;
  readonly createdAt: string;
  readonly source: 'webcrypto' | 'tweetnacl' | 'imported';
}

export interface KeyFile {
  readonly format: typeof KEY_FILE_FORMAT;
  readonly version: typeof KEY_FILE_VERSION;
  readonly personId: string;
  readonly kid: string;
  readonly publicKey: string;
  readonly createdAt: string;
  readonly exportedAt: string;
  readonly kdf: { readonly name: 'PBKDF2'; readonly hash: 'SHA-256'; readonly iterations: number; readonly salt: string };
  readonly cipher: { readonly name: 'AES-GCM'; readonly iv: string; readonly tagLength: 128 };
  readonly ciphertext: string;
}

export type KeyFileErrorCode =
  | 'NO_WEBCRYPTO'
  | 'WEAK_PASSWORD'
  | 'NOT_A_KEY_FILE'
  | 'UNSUPPORTED_VERSION'
  | 'BAD_PARAMETERS'
  | 'WRONG_PASSWORD'
  | 'KEY_MISMATCH'
  | 'OTHER_PERSON';

/** Why a key file could not be written or read; `code` names it (the page shows `sign.keyError.<code>`). */
export class KeyFileError extends Error {
  constructor(
    readonly code: KeyFileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KeyFileError';
  }
}

// ---- storage ------------------------------------------------------------------------------

/** Where device keys live: IndexedDB in the browser, a Map in tests. */
export interface KeyStorage {
  get(personId: string): Promise<DeviceKey | null>;
  put(key: DeviceKey): Promise<void>;
  delete(personId: string): Promise<void>;
}

export function memoryKeyStorage(): KeyStorage {
  const keys = new Map<string, DeviceKey>();
  return {
    get: async (personId) => keys.get(personId) ?? null,
    put: async (key) => void keys.set(key.personId, key),
    delete: async (personId) => void keys.delete(personId),
  };
}

export const IDB_NAME = 'interview-ledger.signing-keys';
const IDB_STORE = 'keys';

const request = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });

/** The device's keys in IndexedDB (one database, one object store keyed by person id). */
export function indexedDbKeyStorage(factory: IDBFactory = indexedDB): KeyStorage {
  let opened: Promise<IDBDatabase> | null = null;
  const db = () =>
    (opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = factory.open(IDB_NAME, 1);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(IDB_STORE)) req.result.createObjectStore(IDB_STORE, { keyPath: 'personId' });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => {
        opened = null;
        reject(req.error ?? new Error('IndexedDB could not be opened'));
      };
    }));
  const run = async <T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>) => {
    const tx = (await db()).transaction(IDB_STORE, mode);
    const result = await request(act(tx.objectStore(IDB_STORE)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
    return result;
  };
  return {
    get: async (personId) => ((await run('readonly', (s) => s.get(personId))) as DeviceKey | undefined) ?? null,
    put: async (key) => void (await run('readwrite', (s) => s.put(key))),
    delete: async (personId) => void (await run('readwrite', (s) => s.delete(personId))),
  };
}

let defaultStorage: KeyStorage | null = null;
/** The storage the pages use: IndexedDB when the browser has it, else memory (the key lasts for this page). */
export function deviceKeyStorage(): KeyStorage {
  return (defaultStorage ??= typeof indexedDB !== 'undefined' ? indexedDbKeyStorage() : memoryKeyStorage());
}
/** For tests: the storage the pages use. */
export function setDeviceKeyStorage(storage: KeyStorage | null): void {
  defaultStorage = storage;
}

// ---- generation ---------------------------------------------------------------------------

const subtleOf = (): SubtleCrypto | null => (typeof globalThis.crypto !== 'undefined' && globalThis.crypto.subtle) || null;

const fromBase64Url = (text: unknown): Uint8Array | null => {
  if (typeof text !== 'string') return null;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  return fromBase64(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
};

const equalBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

/** A fresh seed: from WebCrypto's Ed25519 when it works, else from tweetnacl. */
export async function generateSeed(subtle: SubtleCrypto | null = subtleOf()): Promise<{ seed: Uint8Array; source: DeviceKey['source'] }> {
  if (subtle) {
    try {
      const pair = (await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
      const jwk = await subtle.exportKey('jwk', pair.privateKey);
      const seed = fromBase64Url(jwk.d);
      const x = fromBase64Url(jwk.x);
      if (seed && x && seed.length === SEED_BYTES && equalBytes(keyPairFromSeed(seed).publicKey, x)) return { seed, source: 'webcrypto' };
    } catch {
      // No Ed25519 in this browser's WebCrypto: tweetnacl below.
    }
  }
  return { seed: seedOf(generateKeyPair().secretKey), source: 'tweetnacl' };
}

export function deviceKeyFromSeed(personId: string, seed: Uint8Array, source: DeviceKey['source'], createdAt: string): DeviceKey {
  const pair = keyPairFromSeed(seed);
  return { personId, kid: keyId(pair), publicKey: publicKeyBase64(pair), seed: toBase64(seed), createdAt, source };
}

/** Makes a new key for the person and keeps it on this device (replacing any earlier one). */
export async function createDeviceKey(
  personId: string,
  storage: KeyStorage = deviceKeyStorage(),
  options: { subtle?: SubtleCrypto | null; now?: () => Date } = {},
): Promise<DeviceKey> {
  const { seed, source } = await generateSeed(options.subtle === undefined ? subtleOf() : options.subtle);
  const key = deviceKeyFromSeed(personId, seed, source, (options.now?.() ?? new Date()).toISOString());
  await storage.put(key);
  return key;
}

/** tweetnacl's 64-byte secret key of a device key, for signer.ts's signInterview. */
export function secretKeyOf(key: DeviceKey): Uint8Array {
  const seed = fromBase64(key.seed);
  if (!seed || seed.length !== SEED_BYTES) throw new KeyFileError('KEY_MISMATCH', 'the stored key is damaged');
  const pair = keyPairFromSeed(seed);
  if (publicKeyBase64(pair) !== key.publicKey) throw new KeyFileError('KEY_MISMATCH', 'the stored key is damaged');
  return pair.secretKey;
}

// ---- key file -----------------------------------------------------------------------------

/** A view, not its .buffer: WebCrypto takes any BufferSource, and a view passes across realms (jsdom in tests). */
const asBuffer = (bytes: Uint8Array): BufferSource => bytes.slice() as unknown as BufferSource;

/** The bytes AES-GCM authenticates beside the ciphertext: everything of the file but exportedAt and the ciphertext. */
function additionalData(file: Omit<KeyFile, 'ciphertext' | 'exportedAt'>): Uint8Array {
  const { format, version, personId, kid, publicKey, createdAt, kdf, cipher } = file;
  return canonicalJson({ format, version, personId, kid, publicKey, createdAt, kdf, cipher }, 'key file header');
}

async function deriveKey(
  subtle: SubtleCrypto,
  password: string,
  salt: Uint8Array,
  iterations: number,
  usage: KeyUsage,
): Promise<CryptoKey> {
  const base = await subtle.importKey('raw', asBuffer(new TextEncoder().encode(password)), 'PBKDF2', false, ['deriveKey']);
  return subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: asBuffer(salt), iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage],
  );
}

const requireSubtle = (subtle: SubtleCrypto | null): SubtleCrypto => {
  if (!subtle) throw new KeyFileError('NO_WEBCRYPTO', 'this page has no WebCrypto (open the console over https or on localhost)');
  return subtle;
};

/** The key as a password-protected file (JSON text). */
export async function exportKeyFile(
  key: DeviceKey,
  password: string,
  options: { subtle?: SubtleCrypto | null; iterations?: number; now?: () => Date } = {},
): Promise<string> {
  const subtle = requireSubtle(options.subtle === undefined ? subtleOf() : options.subtle);
  if (password.length < MIN_PASSWORD_CHARS)
    throw new KeyFileError('WEAK_PASSWORD', `the password needs at least ${MIN_PASSWORD_CHARS} characters`);
  secretKeyOf(key); // refuses a damaged key before writing it anywhere
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const iterations = options.iterations ?? PBKDF2_ITERATIONS;
  const header = {
    format: KEY_FILE_FORMAT,
    version: KEY_FILE_VERSION,
    personId: key.personId,
    kid: key.kid,
    publicKey: key.publicKey,
    createdAt: key.createdAt,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
    cipher: { name: 'AES-GCM', iv: toBase64(iv), tagLength: 128 },
  } as const;
  const aes = await deriveKey(subtle, password, salt, iterations, 'encrypt');
  const plaintext = new TextEncoder().encode(JSON.stringify({ seed: key.seed }));
  const ciphertext = new Uint8Array(
    await subtle.encrypt(
      { name: 'AES-GCM', iv: asBuffer(iv), additionalData: asBuffer(additionalData(header)), tagLength: 128 },
      aes,
      asBuffer(plaintext),
    ),
  );
  const file: KeyFile = { ...header, exportedAt: (options.now?.() ?? new Date()).toISOString(), ciphertext: toBase64(ciphertext) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** Reads the file's shape, refusing anything that is not a version-1 key file. */
export function parseKeyFile(text: string): KeyFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new KeyFileError('NOT_A_KEY_FILE', 'the file is not JSON');
  }
  if (!isObject(value) || value.format !== KEY_FILE_FORMAT) throw new KeyFileError('NOT_A_KEY_FILE', 'the file is not a signing key file');
  if (value.version !== KEY_FILE_VERSION)
    throw new KeyFileError('UNSUPPORTED_VERSION', `key file version ${String(value.version)} is not supported`);
  const { kdf, cipher } = value;
  const strings = [value.personId, value.kid, value.publicKey, value.createdAt, value.ciphertext];
  if (!strings.every(isString) || !isObject(kdf) || !isObject(cipher))
    throw new KeyFileError('NOT_A_KEY_FILE', 'the key file lacks a member');
  const iterations = kdf.iterations;
  if (
    kdf.name !== 'PBKDF2' ||
    kdf.hash !== 'SHA-256' ||
    typeof iterations !== 'number' ||
    !Number.isSafeInteger(iterations) ||
    iterations < MIN_PBKDF2_ITERATIONS ||
    iterations > MAX_PBKDF2_ITERATIONS ||
    !isString(kdf.salt) ||
    (fromBase64(kdf.salt)?.length ?? 0) < 16 ||
    cipher.name !== 'AES-GCM' ||
    cipher.tagLength !== 128 ||
    !isString(cipher.iv) ||
    fromBase64(cipher.iv)?.length !== 12 ||
    !fromBase64(value.ciphertext as string)
  ) {
    throw new KeyFileError('BAD_PARAMETERS', 'the key file names parameters this console does not accept');
  }
  return value as unknown as KeyFile;
}

/** Opens a key file with its password: the device key it holds (not stored yet). */
export async function importKeyFile(
  text: string,
  password: string,
  options: { subtle?: SubtleCrypto | null; personId?: string } = {},
): Promise<DeviceKey> {
  const subtle = requireSubtle(options.subtle === undefined ? subtleOf() : options.subtle);
  const file = parseKeyFile(text);
  if (options.personId !== undefined && file.personId !== options.personId) {
    throw new KeyFileError('OTHER_PERSON', `the key file is ${file.personId}'s, not ${options.personId}'s`);
  }
  const aes = await deriveKey(subtle, password, fromBase64(file.kdf.salt)!, file.kdf.iterations, 'decrypt');
  let plaintext: ArrayBuffer | Uint8Array;
  try {
    plaintext = await subtle.decrypt(
      { name: 'AES-GCM', iv: asBuffer(fromBase64(file.cipher.iv)!), additionalData: asBuffer(additionalData(file)), tagLength: 128 },
      aes,
      asBuffer(fromBase64(file.ciphertext)!),
    );
  } catch {
    throw new KeyFileError('WRONG_PASSWORD', 'the password is wrong, or the file was changed');
  }
  let seed: Uint8Array | null = null;
  try {
    const inner = JSON.parse(new TextDecoder().decode(plaintext)) as unknown;
    seed = isObject(inner) && typeof inner.seed === 'string' ? fromBase64(inner.seed) : null;
  } catch {
    seed = null;
  }
  if (!seed || seed.length !== SEED_BYTES) throw new KeyFileError('KEY_MISMATCH', 'the key file holds no valid key');
  const key = deviceKeyFromSeed(file.personId, seed, 'imported', file.createdAt);
  if (key.publicKey !== file.publicKey || key.kid !== file.kid)
    throw new KeyFileError('KEY_MISMATCH', 'the key in the file is not the one it names');
  return key;
}

/** A file name for the download: the person and the kid's hex digits. */
export const keyFileName = (key: Pick<DeviceKey, 'personId' | 'kid'>) =>
  `signing-key-${key.personId}-${key.kid.replace(/^ed25519:/, '')}.json`;
