import { randomBytes, KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { privateKeyFromSeed, publicKeyFromRaw, rawPublicKey } from './ed25519';
import { keyIdOf } from './key-id';

/** A ledger public key as published to verifiers. */
export type { LedgerPublicKey } from './portable/ledger-public-key';
import type { LedgerPublicKey } from './portable/ledger-public-key';

interface KeyFileEntry extends LedgerPublicKey {
  /** Raw 32-byte seed, base64; absent for retired keys whose private half was destroyed. */
  readonly seed?: string;
}

interface KeyFile {
  readonly format: 'interview-ledger-keys/v1';
  readonly active: string;
  readonly keys: KeyFileEntry[];
}

/**
 * The ledger's signing keys. One key is active and signs; every key ever used stays in the
 * ring as a public key so that events signed before a rotation still verify.
 */
export class Keyring {
  private readonly publicKeys = new Map<string, KeyObject>();

  private constructor(
    readonly activeKid: string,
    private readonly activeKey: KeyObject,
    readonly published: readonly LedgerPublicKey[],
  ) {
    for (const key of published) this.publicKeys.set(key.kid, publicKeyFromRaw(Buffer.from(key.publicKey, 'base64')));
  }

  /** The active signing key. */
  signingKey(): { kid: string; key: KeyObject } {
    return { kid: this.activeKid, key: this.activeKey };
  }

  publicKey(kid: string): KeyObject | undefined {
    return this.publicKeys.get(kid);
  }

  /** Builds a ring from a seed, e.g. read from configuration. Extra public keys stay verifiable. */
  static fromSeed(seed: Uint8Array, createdAt: string, extra: readonly LedgerPublicKey[] = []): Keyring {
    const key = privateKeyFromSeed(seed);
    const raw = rawPublicKey(key);
    const kid = keyIdOf(raw);
    const published = [
      ...extra.filter((k) => k.kid !== kid),
      { kid, alg: 'Ed25519' as const, publicKey: raw.toString('base64'), createdAt },
    ];
    return new Keyring(kid, key, published);
  }

  /**
   * Loads the key file at `path`, creating it (mode 0600) with a fresh key on first start.
   * When `configuredSeed` is given it becomes the active key and is never written to disk.
   */
  static loadOrCreate(path: string, now: () => Date, configuredSeed?: Uint8Array): Keyring {
    let file = existsSync(path) ? readKeyFile(path) : undefined;
    if (configuredSeed) {
      return Keyring.fromSeed(configuredSeed, now().toISOString(), file?.keys.map(toPublic) ?? []);
    }
    if (!file) {
      const seed = randomBytes(32);
      const raw = rawPublicKey(privateKeyFromSeed(seed));
      const kid = keyIdOf(raw);
      file = {
        format: 'interview-ledger-keys/v1',
        active: kid,
        keys: [{ kid, alg: 'Ed25519', publicKey: raw.toString('base64'), seed: seed.toString('base64'), createdAt: now().toISOString() }],
      };
      writeKeyFile(path, file);
    }
    const active = file.keys.find((k) => k.kid === file!.active);
    if (!active?.seed) throw new Error(`ledger key file ${path}: active key ${file.active} has no private seed`);
    return new Keyring(active.kid, privateKeyFromSeed(Buffer.from(active.seed, 'base64')), file.keys.map(toPublic));
  }

  /**
   * Rotates: a new key becomes active, the old one is retired and its private seed destroyed.
   * Returns the new ring.
   */
  static rotate(path: string, now: () => Date): Keyring {
    const file = readKeyFile(path);
    const at = now().toISOString();
    const seed = randomBytes(32);
    const raw = rawPublicKey(privateKeyFromSeed(seed));
    const kid = keyIdOf(raw);
    const keys: KeyFileEntry[] = file.keys.map((k) => (k.kid === file.active ? { ...toPublic(k), retiredAt: at } : k));
    keys.push({ kid, alg: 'Ed25519', publicKey: raw.toString('base64'), seed: seed.toString('base64'), createdAt: at });
    writeKeyFile(path, { format: 'interview-ledger-keys/v1', active: kid, keys });
    return Keyring.loadOrCreate(path, now);
  }
}

function toPublic(entry: KeyFileEntry): LedgerPublicKey {
  const { kid, alg, publicKey, createdAt, retiredAt } = entry;
  return retiredAt ? { kid, alg, publicKey, createdAt, retiredAt } : { kid, alg, publicKey, createdAt };
}

function readKeyFile(path: string): KeyFile {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as KeyFile;
  if (parsed.format !== 'interview-ledger-keys/v1' || !Array.isArray(parsed.keys)) {
    throw new Error(`ledger key file ${path}: unknown format`);
  }
  return parsed;
}

function writeKeyFile(path: string, file: KeyFile): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify(file, null, 2), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}
