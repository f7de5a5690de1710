import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ed25519Sign, ed25519Verify, privateKeyFromSeed, rawPublicKey } from '../../src/crypto/ed25519';
import { keyIdOf } from '../../src/crypto/key-id';
import { Keyring } from '../../src/crypto/keyring';

interface KeyFileJson {
  format: string;
  active: string;
  keys: Array<{ kid: string; alg: string; publicKey: string; seed?: string; createdAt: string; retiredAt?: string }>;
}

const T0 = new Date('2026-01-01T00:00:00.000Z');
const T1 = new Date('2026-06-30T12:00:00.000Z');
const T2 = new Date('2026-12-31T23:59:59.000Z');
const at = (date: Date) => (): Date => date;

const message = Buffer.from('绩效面谈 ledger event', 'utf8');
const signWith = (ring: Keyring): Buffer => ed25519Sign(message, ring.signingKey().key);
const verifiesUnder = (ring: Keyring, kid: string, sig: Uint8Array): boolean => {
  const key = ring.publicKey(kid);
  return key !== undefined && ed25519Verify(message, sig, key);
};

describe('Keyring', () => {
  let dir: string;
  let path: string;
  const readKeyFile = (): KeyFileJson => JSON.parse(readFileSync(path, 'utf8')) as KeyFileJson;
  const modeOf = (file: string): number => statSync(file).mode & 0o777;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keyring-'));
    path = join(dir, 'nested', 'ledger-keys.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('first start', () => {
    it('creates the key file (and its directory) readable by the owner only, mode 0600', () => {
      expect(existsSync(path)).toBe(false);
      Keyring.loadOrCreate(path, at(T0));
      expect(existsSync(path)).toBe(true);
      expect(modeOf(path)).toBe(0o600);
      expect(readdirSync(join(dir, 'nested'))).toEqual(['ledger-keys.json']); // no temp file left behind
    });

    it('writes one active Ed25519 key whose kid, public key and seed agree', () => {
      const ring = Keyring.loadOrCreate(path, at(T0));
      const file = readKeyFile();
      expect(file.format).toBe('interview-ledger-keys/v1');
      expect(file.active).toBe(ring.activeKid);
      expect(file.keys).toHaveLength(1);
      const entry = file.keys[0]!;
      expect(entry).toMatchObject({ kid: ring.activeKid, alg: 'Ed25519', createdAt: T0.toISOString() });
      expect(entry.retiredAt).toBeUndefined();
      const seed = Buffer.from(entry.seed!, 'base64');
      expect(seed).toHaveLength(32);
      const raw = rawPublicKey(privateKeyFromSeed(seed));
      expect(entry.publicKey).toBe(raw.toString('base64'));
      expect(ring.activeKid).toBe(keyIdOf(raw));
      expect(ring.published).toEqual([{ kid: ring.activeKid, alg: 'Ed25519', publicKey: entry.publicKey, createdAt: T0.toISOString() }]);
    });

    it('makes a different key in a different place (fresh randomness)', () => {
      const first = Keyring.loadOrCreate(path, at(T0));
      const second = Keyring.loadOrCreate(join(dir, 'other', 'ledger-keys.json'), at(T0));
      expect(second.activeKid).not.toBe(first.activeKid);
    });
  });

  describe('reload', () => {
    it('keeps the same active key: same kid, byte-identical signatures, file untouched', () => {
      const first = Keyring.loadOrCreate(path, at(T0));
      const before = readFileSync(path);
      const again = Keyring.loadOrCreate(path, at(T1));
      expect(again.activeKid).toBe(first.activeKid);
      expect(signWith(again).equals(signWith(first))).toBe(true);
      expect(readFileSync(path).equals(before)).toBe(true);
      expect(verifiesUnder(again, first.activeKid, signWith(first))).toBe(true);
    });

    it('refuses a file of an unknown format', () => {
      const foreign = join(dir, 'foreign-keys.json');
      writeFileSync(foreign, JSON.stringify({ format: 'something-else', active: 'x', keys: [] }));
      expect(() => Keyring.loadOrCreate(foreign, at(T0))).toThrow(/unknown format/);
    });

    it('refuses a file whose active key has no private seed', () => {
      Keyring.loadOrCreate(path, at(T0));
      const file = readKeyFile();
      const { seed: _seed, ...publicOnly } = file.keys[0]!;
      writeFileSync(path, JSON.stringify({ ...file, keys: [publicOnly] }));
      expect(() => Keyring.loadOrCreate(path, at(T0))).toThrow(`active key ${file.active} has no private seed`);
    });
  });

  describe('rotate', () => {
    it('makes a new active key and keeps the old kid verifiable', () => {
      const old = Keyring.loadOrCreate(path, at(T0));
      const oldSig = signWith(old);
      const rotated = Keyring.rotate(path, at(T1));
      expect(rotated.activeKid).not.toBe(old.activeKid);
      expect(rotated.publicKey(old.activeKid)).toBeDefined();
      expect(verifiesUnder(rotated, old.activeKid, oldSig)).toBe(true);
      expect(verifiesUnder(rotated, rotated.activeKid, signWith(rotated))).toBe(true);
      // The new key signs differently and is not mistaken for the old one.
      expect(verifiesUnder(rotated, old.activeKid, signWith(rotated))).toBe(false);
    });

    it("destroys the retired key's seed in the file, marks it retired, and stays at mode 0600", () => {
      const old = Keyring.loadOrCreate(path, at(T0));
      const oldSeed = readKeyFile().keys[0]!.seed!;
      const rotated = Keyring.rotate(path, at(T1));
      const text = readFileSync(path, 'utf8');
      const file = JSON.parse(text) as KeyFileJson;
      expect(file.active).toBe(rotated.activeKid);
      const retired = file.keys.find((k) => k.kid === old.activeKid)!;
      expect(retired).toEqual({
        kid: old.activeKid,
        alg: 'Ed25519',
        publicKey: rawPublicKey(old.signingKey().key).toString('base64'),
        createdAt: T0.toISOString(),
        retiredAt: T1.toISOString(),
      });
      expect(text).not.toContain(oldSeed);
      const active = file.keys.find((k) => k.kid === rotated.activeKid)!;
      expect(active.seed).toBeDefined();
      expect(active.createdAt).toBe(T1.toISOString());
      expect(active.retiredAt).toBeUndefined();
      expect(modeOf(path)).toBe(0o600);
      expect(readdirSync(join(dir, 'nested'))).toEqual(['ledger-keys.json']);
    });

    it('is what a restart loads afterwards', () => {
      Keyring.loadOrCreate(path, at(T0));
      const rotated = Keyring.rotate(path, at(T1));
      const restarted = Keyring.loadOrCreate(path, at(T2));
      expect(restarted.activeKid).toBe(rotated.activeKid);
      expect(signWith(restarted).equals(signWith(rotated))).toBe(true);
    });

    it('keeps every generation verifiable across two rotations, with only the active seed on disk', () => {
      const k0 = Keyring.loadOrCreate(path, at(T0));
      const k1 = Keyring.rotate(path, at(T1));
      const k2 = Keyring.rotate(path, at(T2));
      expect(new Set([k0.activeKid, k1.activeKid, k2.activeKid]).size).toBe(3);
      expect(verifiesUnder(k2, k0.activeKid, signWith(k0))).toBe(true);
      expect(verifiesUnder(k2, k1.activeKid, signWith(k1))).toBe(true);
      const file = readKeyFile();
      expect(file.keys.map((k) => [k.kid, k.seed !== undefined, k.retiredAt ?? null])).toEqual([
        [k0.activeKid, false, T1.toISOString()],
        [k1.activeKid, false, T2.toISOString()],
        [k2.activeKid, true, null],
      ]);
      expect(k2.published.map((k) => k.kid)).toEqual([k0.activeKid, k1.activeKid, k2.activeKid]);
    });
  });

  describe('configured seed (LEDGER_SIGNING_KEY)', () => {
    const seed = Buffer.from(Array.from({ length: 32 }, (_, i) => 0xa0 + i));
    const configuredKid = keyIdOf(rawPublicKey(privateKeyFromSeed(seed)));

    it('is the active key and is never written: no key file appears', () => {
      const ring = Keyring.loadOrCreate(path, at(T0), seed);
      expect(ring.activeKid).toBe(configuredKid);
      expect(signWith(ring).equals(ed25519Sign(message, privateKeyFromSeed(seed)))).toBe(true);
      expect(existsSync(path)).toBe(false);
      expect(existsSync(join(dir, 'nested'))).toBe(false);
    });

    it('leaves an existing key file untouched and keeps its keys verifiable', () => {
      const fromFile = Keyring.loadOrCreate(path, at(T0));
      const before = readFileSync(path);
      const ring = Keyring.loadOrCreate(path, at(T1), seed);
      expect(ring.activeKid).toBe(configuredKid);
      expect(readFileSync(path).equals(before)).toBe(true);
      expect(readFileSync(path, 'utf8')).not.toContain(seed.toString('base64'));
      expect(verifiesUnder(ring, fromFile.activeKid, signWith(fromFile))).toBe(true);
      expect(ring.published.map((k) => k.kid)).toEqual([fromFile.activeKid, configuredKid]);
    });

    it("gives the same kid as Keyring.fromSeed, which lists the seed's key once even when also passed as extra", () => {
      const ring = Keyring.fromSeed(seed, T0.toISOString());
      expect(ring.activeKid).toBe(configuredKid);
      const again = Keyring.fromSeed(seed, T1.toISOString(), ring.published);
      expect(again.published).toEqual([
        {
          kid: configuredKid,
          alg: 'Ed25519',
          publicKey: rawPublicKey(privateKeyFromSeed(seed)).toString('base64'),
          createdAt: T1.toISOString(),
        },
      ]);
    });

    it('does not know kids it was never given', () => {
      expect(Keyring.fromSeed(seed, T0.toISOString()).publicKey('ed25519:0000000000000000')).toBeUndefined();
    });
  });
});
