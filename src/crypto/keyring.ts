import { randomBytes, KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createFileOnce } from './create-file-once';
import { privateKeyFromSeed, publicKeyFromRaw, rawPublicKey } from './ed25519';
import { ED25519_PUBLIC_KEY_BYTES, keyIdOf } from './key-id';

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
 * Where several instances publish their ledger public keys and read everyone's (the shared
 * read-model store's `ledger_keys`, src/ledger/ledger-key-directory.ts).
 */
export interface LedgerKeySource {
  /** Every key published so far, by any instance (a retired key with its retiredAt). */
  list(): Promise<readonly LedgerPublicKey[]>;
  /** Publishes `keys`; a key published before stays as it was (a retirement is added to it). */
  publish(keys: readonly LedgerPublicKey[]): Promise<void>;
}

/**
 * The ledger's signing keys, and the one list of "which public keys the ledger has". One key
 * is active and signs; every key ever used stays in the ring as a public key so that events
 * signed before a rotation still verify. With several instances the ring is attached to a
 * shared {@link LedgerKeySource}: it publishes its own keys there and holds the union of its
 * own and everyone's, refreshed when a key id it does not know is met (`resolve`), so a key
 * rotated on one instance verifies on every other.
 */
export class Keyring {
  private readonly publicKeys = new Map<string, KeyObject>();
  private readonly keys: LedgerPublicKey[] = [];
  private source: LedgerKeySource | undefined;
  private refreshing: Promise<void> | null = null;

  private constructor(
    readonly activeKid: string,
    private readonly activeKey: KeyObject,
    own: readonly LedgerPublicKey[],
  ) {
    this.adopt(own);
  }

  /** Every ledger public key this ring knows: its own and, when attached, every instance's. */
  get published(): readonly LedgerPublicKey[] {
    return this.keys;
  }

  /** The active signing key. */
  signingKey(): { kid: string; key: KeyObject } {
    return { kid: this.activeKid, key: this.activeKey };
  }

  publicKey(kid: string): KeyObject | undefined {
    return this.publicKeys.get(kid);
  }

  /**
   * Adds public keys to the ring: a key id not known yet, or the retirement of a known key. A
   * key whose kid is not the key id of its public key (src/crypto/portable/key-id.ts) is not
   * taken. Answers the key ids added.
   */
  adopt(keys: readonly LedgerPublicKey[]): string[] {
    const added: string[] = [];
    for (const key of keys) {
      const known = this.keys.findIndex((k) => k.kid === key.kid);
      if (known >= 0) {
        if (key.retiredAt && !this.keys[known]!.retiredAt) this.keys[known] = { ...this.keys[known]!, retiredAt: key.retiredAt };
        continue;
      }
      const raw = Buffer.from(key.publicKey, 'base64');
      if (key.alg !== 'Ed25519' || raw.length !== ED25519_PUBLIC_KEY_BYTES || keyIdOf(raw) !== key.kid) continue;
      const { kid, alg, publicKey, createdAt, retiredAt } = key;
      this.keys.push(retiredAt ? { kid, alg, publicKey, createdAt, retiredAt } : { kid, alg, publicKey, createdAt });
      this.publicKeys.set(kid, publicKeyFromRaw(raw));
      added.push(kid);
    }
    return added;
  }

  /**
   * Attaches the shared list: publishes this ring's keys there and takes in every instance's.
   * From then on `refresh` and `resolve` read it.
   */
  async attach(source: LedgerKeySource): Promise<void> {
    this.source = source;
    await source.publish(this.keys);
    await this.refresh();
  }

  /** Takes in the keys published since the last look (nothing without an attached source). Calls at once share one read. */
  refresh(): Promise<void> {
    const source = this.source;
    if (!source) return Promise.resolve();
    this.refreshing ??= source
      .list()
      .then((keys) => void this.adopt(keys))
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  /** The public key of `kid`, looking at the shared list once more when the ring does not know it. */
  async resolve(kid: string): Promise<KeyObject | undefined> {
    const known = this.publicKeys.get(kid);
    if (known || !this.source) return known;
    await this.refresh();
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
      // Several processes may start at once on one DATA_DIR: one file wins, every one reads it.
      createFileOnce(path, () => {
        const seed = randomBytes(32);
        const raw = rawPublicKey(privateKeyFromSeed(seed));
        const kid = keyIdOf(raw);
        const created: KeyFile = {
          format: 'interview-ledger-keys/v1',
          active: kid,
          keys: [{ kid, alg: 'Ed25519', publicKey: raw.toString('base64'), seed: seed.toString('base64'), createdAt: now().toISOString() }],
        };
        return JSON.stringify(created, null, 2);
      });
      file = readKeyFile(path);
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
  const tmp = `${path}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(tmp, JSON.stringify(file, null, 2), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}
