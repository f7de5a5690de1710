/**
 * Witness cosignatures (C2SP tlog-cosignature, cosignature/v1): the known answer of
 * test/vectors/cosignature.json (computed outside this project from the spec text), reproduced
 * by the witness client (tweetnacl) and independently with node:crypto and a hand-built
 * message; the spec's own example line; strict rejection of everything else.
 */
import { createHash, sign } from 'node:crypto';
import vector from '../vectors/cosignature.json';
import { cosignCheckpoint, formatWitnessSkey, parseWitnessSkey, witnessKeyFromSeed } from '../../src/client/witness';
import { signCheckpoint } from '../../src/crypto/checkpoint';
import {
  checkCosignatures,
  cosignatureLine,
  cosignatureMessage,
  parseCosignatureLine,
  parseWitnessKey,
  parseWitnessKeyList,
} from '../../src/crypto/cosignature';
import { privateKeyFromSeed } from '../../src/crypto/ed25519';
import { cosignatureVerifierWith, parseCosignatureVkeyWith } from '../../src/crypto/portable/cosignature';
import { portableVerifyPort } from '../../src/crypto/portable/portable-verify-port';
import { ed25519NoteSigner, ed25519VerifierKey, openNote, parseNote, parseVerifierKey } from '../../src/crypto/signed-note';

const hex = (h: string) => Buffer.from(h, 'hex');
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code ?? `uncoded ${(error as Error).name}`;
  }
  return 'accepted';
};
const key = witnessKeyFromSeed(vector.name, hex(vector.seedHex));
/** The ledger's signed checkpoint of docs/ledger-format.md §11.8 (test key 0x01 … 0x20). */
const ledgerNote = signCheckpoint(
  {
    origin: 'interview-ledger/ed25519:65b60673d6ed884b',
    size: 3,
    rootHash: Buffer.from('KODbbo/Vf8Q6J2GwGGTB7lZ7IMj01NwXbHPH6OhNy5E=', 'base64'),
  },
  ed25519NoteSigner(
    'interview-ledger/ed25519:65b60673d6ed884b',
    privateKeyFromSeed(Buffer.from(Array.from({ length: 32 }, (_, i) => i + 1))),
  ),
);

describe('cosignature/v1: the known answer', () => {
  it('derives the key ID, vkey and signer key of the vector', () => {
    expect(Buffer.from(key.publicKey).toString('hex')).toBe(vector.publicKeyHex);
    // SHA-256(name || 0x0A || 0x04 || public key)[:4], by hand.
    const id = createHash('sha256')
      .update(Buffer.concat([Buffer.from(vector.name), Buffer.of(0x0a, 0x04), hex(vector.publicKeyHex)]))
      .digest()
      .subarray(0, 4);
    expect(id.toString('hex')).toBe(vector.keyIdHex);
    expect(key.keyId).toBe(id.readUInt32BE(0));
    expect(key.vkey).toBe(vector.vkey);
    expect(formatWitnessSkey(key)).toBe(vector.skey);
    expect(parseWitnessSkey(`${vector.skey}\n`).vkey).toBe(vector.vkey);
    expect(parseWitnessKey(vector.vkey)).toMatchObject({ name: vector.name, keyId: key.keyId, vkey: vector.vkey });
  });

  it('signs exactly "cosignature/v1\\ntime <t>\\n" followed by the note text', () => {
    const message = cosignatureMessage(vector.checkpointText, vector.timestamp);
    expect(Buffer.from(message).toString('hex')).toBe(vector.messageHex);
    expect(Buffer.from(message).toString('utf8')).toBe(`cosignature/v1\ntime ${vector.timestamp}\n${vector.checkpointText}`);
    expect(parseNote(ledgerNote).text).toBe(vector.checkpointText);
  });

  it('produces the vector line with tweetnacl (the witness) and node:crypto (by hand), byte for byte', () => {
    expect(cosignCheckpoint(key, vector.checkpointText, vector.timestamp)).toBe(vector.line);
    const signature = sign(null, hex(vector.messageHex), privateKeyFromSeed(hex(vector.seedHex)));
    expect(signature.toString('hex')).toBe(vector.signatureHex);
    const timestamp = Buffer.alloc(8);
    timestamp.writeBigUInt64BE(BigInt(vector.timestamp));
    const raw = Buffer.concat([hex(vector.keyIdHex), timestamp, signature]);
    expect(raw).toHaveLength(76);
    expect(`\u2014 ${vector.name} ${raw.toString('base64')}\n`).toBe(vector.line);
    expect(cosignatureLine(vector.name, key.keyId, vector.timestamp, signature)).toBe(vector.line);
  });

  it('verifies on both ports, beside the log signature, which an old verifier still opens alone', () => {
    const cosigned = ledgerNote + vector.line;
    const parsed = parseNote(cosigned);
    for (const witness of [parseWitnessKey(vector.vkey), parseCosignatureVkeyWith(portableVerifyPort, vector.vkey)]) {
      const checks = checkCosignatures(parsed.text, parsed.signatures, [witness]);
      expect(checks.map((c) => c.status)).toEqual(['valid']);
      expect(checks[0]!.status === 'valid' && checks[0]!.cosignature.timestamp).toBe(vector.timestamp);
    }
    // A verifier that knows only the ledger key ignores the cosignature (signed-note "Signatures").
    const ledgerKey = parseVerifierKey('interview-ledger/ed25519:65b60673d6ed884b+4f2e83fe+AXm1Vi6P5lT5QHixEuipi6eQH4U65pW+1+DjkQutBJZk');
    const opened = openNote(cosigned, [ledgerKey]);
    expect(opened.unverified.map((s) => s.name)).toEqual([vector.name]);
    // And a cosignature verifier is a note verifier too (as Go's torchwood CosignatureVerifier).
    expect(openNote(cosigned, [parseWitnessKey(vector.vkey)]).verified.map((s) => s.name)).toEqual([vector.name]);
  });
});

describe('cosignature/v1: the spec’s example line', () => {
  it('frames a 4-byte key ID, the 8-byte big-endian timestamp of its message example, a 64-byte signature', () => {
    const c = parseCosignatureLine(vector.specExample.line);
    expect(c).toMatchObject({ name: 'witness.example.com/w1', keyId: 0x8d66cf3f, timestamp: vector.specExample.timestamp });
    expect(c.signature).toHaveLength(64);
    expect(c.line).toBe(`${vector.specExample.line}\n`);
  });
});

describe('cosignature/v1: what is refused', () => {
  const witness = parseWitnessKey(vector.vkey);
  const text = vector.checkpointText;
  const raw = Buffer.from(vector.line.slice(`\u2014 ${vector.name} `.length, -1), 'base64');
  const lineOf = (bytes: Buffer, name = vector.name) => `\u2014 ${name} ${bytes.toString('base64')}\n`;
  const status = (line: string, over = text) => {
    const sig = parseNote(`${over}\n${line}`).signatures[0]!;
    return checkCosignatures(over, [sig], [witness])[0]?.status ?? 'skipped';
  };

  it('a changed signature, timestamp or checkpoint, or another witness under the same name', () => {
    expect(status(vector.line)).toBe('valid');
    const flipped = Buffer.from(raw);
    flipped[75] = flipped[75]! ^ 1;
    expect(status(lineOf(flipped))).toBe('invalid');
    const later = Buffer.from(raw);
    later[11] = later[11]! + 1; // the timestamp is signed
    expect(status(lineOf(later))).toBe('invalid');
    expect(status(vector.line, text.replace('\n3\n', '\n4\n'))).toBe('invalid');
    const other = witnessKeyFromSeed(vector.name, Buffer.alloc(32, 9));
    expect(status(cosignCheckpoint(other, text, vector.timestamp))).toBe('unknown'); // another key ID: not this witness
    const impostor = Buffer.concat([
      raw.subarray(0, 4),
      Buffer.from(cosignCheckpoint(other, text, vector.timestamp).split(' ')[2]!, 'base64').subarray(4),
    ]);
    expect(status(lineOf(impostor))).toBe('invalid'); // claims this witness's key ID
    // The ledger's own line (68 bytes) is not a cosignature and is skipped.
    expect(checkCosignatures(text, parseNote(ledgerNote).signatures, [witness])).toEqual([]);
  });

  it('the same key as a note (0x01) signer is not a cosigner (0x04): other key IDs, other messages', () => {
    const asNoteSigner = ed25519NoteSigner(vector.name, privateKeyFromSeed(hex(vector.seedHex)));
    expect(asNoteSigner.keyId).not.toBe(witness.keyId);
    expect(ed25519VerifierKey(vector.name, key.publicKey)).not.toBe(vector.vkey);
    const forged = Buffer.concat([raw.subarray(0, 4), Buffer.alloc(8), Buffer.from(asNoteSigner.sign(Buffer.from(text)))]);
    expect(status(lineOf(forged))).toBe('invalid');
  });

  it('malformed lines, vkeys and key files', () => {
    expect(code(() => parseCosignatureLine(vector.line))).toBe('accepted');
    expect(code(() => parseCosignatureLine(vector.line.replace('\u2014', '-')))).toBe('MALFORMED_NOTE');
    expect(code(() => parseCosignatureLine(vector.line + vector.line))).toBe('MALFORMED_NOTE');
    expect(code(() => parseCosignatureLine(lineOf(raw.subarray(0, 72))))).toBe('MALFORMED_NOTE'); // not 76 bytes
    expect(code(() => parseCosignatureLine(lineOf(raw, 'has space')))).toBe('MALFORMED_NOTE');
    expect(code(() => parseCosignatureLine(vector.line.replace('==\n', '=\n')))).toBe('MALFORMED_NOTE');
    const huge = Buffer.from(raw);
    huge[4] = 0x80; // a timestamp above 2^53 - 1
    expect(code(() => parseCosignatureLine(lineOf(huge)))).toBe('MALFORMED_NOTE');
    expect(code(() => parseWitnessKey(vector.vkey.replace('0b778da7', '0B778DA7')))).toBe('MALFORMED_KEY');
    expect(code(() => parseWitnessKey(vector.vkey.replace('0b778da7', '0b778da8')))).toBe('MALFORMED_KEY');
    expect(code(() => parseWitnessKey(ed25519VerifierKey(vector.name, key.publicKey)))).toBe('MALFORMED_KEY'); // a 0x01 key
    expect(code(() => parseWitnessKey(`x y+${vector.keyIdHex}+${b64(Buffer.concat([Buffer.of(4), key.publicKey]))}`))).toBe(
      'MALFORMED_KEY',
    );
    expect(code(() => parseWitnessKeyList(`${vector.vkey}, ${vector.vkey}`))).toBe('AMBIGUOUS_KEY');
    expect(parseWitnessKeyList(` ${vector.vkey}\n`).map((v) => v.vkey)).toEqual([vector.vkey]);
    expect(parseWitnessKeyList('')).toEqual([]);
    expect(code(() => parseWitnessSkey(vector.skey.replace('0b778da7', '0b778da8')))).toBe('KEY_INVALID');
    expect(code(() => parseWitnessSkey(vector.vkey))).toBe('KEY_INVALID');
    expect(code(() => cosignatureMessage(text.slice(0, -1), 1))).toBe('MALFORMED_NOTE');
    expect(code(() => cosignatureMessage(text, -1))).toBe('MALFORMED_NOTE');
    expect(code(() => cosignatureMessage(text, 2 ** 53))).toBe('MALFORMED_NOTE');
  });

  it('the portable and node verifiers agree, tweetnacl checking S below the group order', () => {
    const node = parseWitnessKey(vector.vkey);
    const portable = cosignatureVerifierWith(portableVerifyPort, vector.name, key.publicKey);
    const payload = raw.subarray(4);
    const bumped = Buffer.from(payload);
    // S + L: the same signature re-encoded, which RFC 8032 §5.1.7 makes invalid.
    let carry = 0;
    const L = Buffer.from('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010', 'hex');
    for (let i = 0; i < 32; i++) {
      const sum = bumped[8 + 32 + i]! + L[i]! + carry;
      bumped[8 + 32 + i] = sum & 0xff;
      carry = sum >> 8;
    }
    for (const p of [payload, bumped]) {
      expect(portable.verify(Buffer.from(text), p)).toBe(node.verify(Buffer.from(text), p));
    }
    expect(node.verify(Buffer.from(text), payload)).toBe(true);
  });
});
