/**
 * C2SP signed notes and tlog checkpoints: known answers (Go's sumdb/note example, and our
 * ledger checkpoint over the three events of test/vectors/ledger-events.json, recomputed here
 * independently with node's SHA-256 and tweetnacl) and strict rejection of everything else.
 */
import { createHash } from 'node:crypto';
import nacl from 'tweetnacl';
import vectors from '../vectors/ledger-events.json';
import {
  checkpointVerifiers,
  CheckpointError,
  formatCheckpoint,
  openCheckpoint,
  parseCheckpoint,
  readCheckpointNote,
  signCheckpoint,
} from '../../src/crypto/checkpoint';
import { privateKeyFromSeed, rawPublicKey } from '../../src/crypto/ed25519';
import { consistencyProof, inclusionProof, rootFromLeafHashes, verifyConsistency, verifyInclusion } from '../../src/crypto/merkle';
import {
  decodeBase64Strict,
  ed25519NoteKeyId,
  ed25519NoteSigner,
  ed25519NoteVerifier,
  ed25519VerifierKey,
  isValidKeyName,
  keyIdHex,
  openNote,
  parseNote,
  parseVerifierKey,
  signNote,
  SignedNoteError,
  type NoteSigner,
} from '../../src/crypto/signed-note';

const sha = (...parts: Uint8Array[]): Buffer => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();
const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code ?? `uncoded ${(error as Error).name}`;
  }
  return 'accepted';
};

describe('signed notes: the Go sumdb/note example (golang.org/x/mod/sumdb/note, note_test.go)', () => {
  const VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
  // "PRIVATE+KEY+PeterNeumann+c74f20a3+" + base64(0x01 || 32-byte seed)
  const SEED = Buffer.from('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz', 'base64').subarray(1);
  const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
  const NOTE = `${TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;
  const key = privateKeyFromSeed(SEED);

  it('derives the same key ID and verifier key', () => {
    expect(keyIdHex(ed25519NoteKeyId('PeterNeumann', rawPublicKey(key)))).toBe('c74f20a3');
    expect(ed25519VerifierKey('PeterNeumann', rawPublicKey(key))).toBe(VKEY);
    const parsed = parseVerifierKey(VKEY);
    expect(parsed).toMatchObject({ name: 'PeterNeumann', keyId: 0xc74f20a3 });
    expect(parsed.publicKey.equals(rawPublicKey(key))).toBe(true);
  });

  it('signs the note byte for byte as Go does', () => {
    expect(signNote(TEXT, [ed25519NoteSigner('PeterNeumann', key)])).toBe(NOTE);
  });

  it('opens the note with the verifier key, and as bytes', () => {
    const opened = openNote(NOTE, [parseVerifierKey(VKEY)]);
    expect(opened.text).toBe(TEXT);
    expect(opened.verified.map((s) => s.name)).toEqual(['PeterNeumann']);
    expect(opened.unverified).toEqual([]);
    expect(openNote(Buffer.from(NOTE, 'utf8'), [parseVerifierKey(VKEY)]).text).toBe(TEXT);
  });

  it('rejects every one-byte change and every truncation of the verifier key', () => {
    const bytes = Buffer.from(VKEY, 'utf8');
    for (let i = 0; i < bytes.length; i++) {
      const mangled = Buffer.from(bytes);
      mangled[i] = mangled[i]! + 1;
      expect(code(() => parseVerifierKey(mangled.toString('latin1')))).toBe('MALFORMED_KEY');
      expect(code(() => parseVerifierKey(VKEY.slice(0, i)))).toBe('MALFORMED_KEY');
      expect(code(() => parseVerifierKey(VKEY.slice(i + 1)))).toBe('MALFORMED_KEY');
    }
    // A well-formed key whose ID does not match its name and key.
    expect(code(() => parseVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'))).toBe('MALFORMED_KEY');
    expect(code(() => parseVerifierKey(`${VKEY}+`))).toBe('MALFORMED_KEY');
  });

  it('rejects the note when any byte of the text changes', () => {
    const verifier = parseVerifierKey(VKEY);
    for (let i = 0; i < TEXT.length; i++) {
      const changed = TEXT.slice(0, i) + String.fromCharCode(TEXT.charCodeAt(i) ^ 0x20) + NOTE.slice(i + 1);
      if (changed === NOTE) continue;
      expect(code(() => openNote(changed, [verifier]))).toMatch(/^(INVALID_SIGNATURE|MALFORMED_NOTE)$/);
    }
  });
});

describe('a ledger checkpoint: known answer over the three events of test/vectors/ledger-events.json', () => {
  const seed = Buffer.from(vectors.ledgerKey.seedHex, 'hex');
  const publicKey = Buffer.from(vectors.ledgerKey.publicKeyHex, 'hex');
  const origin = `interview-ledger/${vectors.ledgerKey.kid}`;
  const signer = ed25519NoteSigner(origin, privateKeyFromSeed(seed));
  const bodies = vectors.events.map((e) => Buffer.from(e.bodyHex, 'hex'));

  // Pinned: a change to any byte rule of docs/ledger-format.md §11 changes one of these.
  const LEAF_HASHES = [
    '38dafc8c93a7a83043381a8ea5a93f88cd8f425705f5d93e18b582939b40de04',
    'cc78226406b2d55ba906ad8ee8aa302e2a9e7bebba2d4d1e565458e54d71623f',
    '47a8106e3234add5b7ec545aaeb64812e51140eb003809c6dced3c68ce236b76',
  ];
  const ROOT = 'KODbbo/Vf8Q6J2GwGGTB7lZ7IMj01NwXbHPH6OhNy5E=';
  const KEY_ID = '4f2e83fe';
  const VKEY = 'interview-ledger/ed25519:65b60673d6ed884b+4f2e83fe+AXm1Vi6P5lT5QHixEuipi6eQH4U65pW+1+DjkQutBJZk';
  const TEXT = `interview-ledger/ed25519:65b60673d6ed884b\n3\n${ROOT}\n`;
  const NOTE =
    `${TEXT}\n— interview-ledger/ed25519:65b60673d6ed884b ` +
    'Ty6D/nDXJSCn8oOHl8emiPIEZIuIu48yUta20l7BlKBbVqHQo1kj9+yX2UyokqjlWIWs0nzXInXy8fdLTctuK7O+cg4=\n';

  it('computes leaf hashes and the root by the RFC 9162 §2.1.1 definitions', () => {
    const leaves = bodies.map((b) => sha(Uint8Array.of(0), b));
    expect(leaves.map((l) => l.toString('hex'))).toEqual(LEAF_HASHES);
    // MTH(D[3]) = H(0x01 || MTH(D[0:2]) || MTH(D[2:3])), split k = 2.
    const root = sha(Uint8Array.of(1), sha(Uint8Array.of(1), leaves[0]!, leaves[1]!), leaves[2]!);
    expect(root.toString('base64')).toBe(ROOT);
  });

  it('gives the documented inclusion and consistency proofs, and they verify', () => {
    const leaves = LEAF_HASHES.map((h) => Buffer.from(h, 'hex'));
    const root = Buffer.from(ROOT, 'base64');
    const path = inclusionProof(leaves, 0, 3);
    expect(path.map((h) => Buffer.from(h).toString('base64'))).toEqual([
      'zHgiZAay1VupBq2O6KowLiqee+u6LU0eVlRY5U1xYj8=',
      'R6gQbjI0rdW37FRarrZIEuURQOsAOAnG3O08aM4ja3Y=',
    ]);
    expect(verifyInclusion(leaves[0]!, 0, 3, path, root)).toEqual({ ok: true });
    const root2 = rootFromLeafHashes(leaves, 2);
    expect(Buffer.from(root2).toString('base64')).toBe('HPludVTbMngi5pVG+B5oAao+u0CwQpAyD19VrZllarM=');
    const proof = consistencyProof(leaves, 2, 3);
    expect(proof.map((h) => Buffer.from(h).toString('base64'))).toEqual(['R6gQbjI0rdW37FRarrZIEuURQOsAOAnG3O08aM4ja3Y=']);
    expect(verifyConsistency(2, 3, root2, root, proof)).toEqual({ ok: true });
  });

  it('derives the key ID from SHA-256(name || 0x0A || 0x01 || public key) and the verifier key', () => {
    const id = sha(Buffer.from(origin, 'utf8'), Uint8Array.of(0x0a, 0x01), publicKey).subarray(0, 4).toString('hex');
    expect(id).toBe(KEY_ID);
    expect(keyIdHex(signer.keyId)).toBe(KEY_ID);
    expect(ed25519VerifierKey(origin, publicKey)).toBe(VKEY);
    expect(`${origin}+${id}+${Buffer.concat([Uint8Array.of(1), publicKey]).toString('base64')}`).toBe(VKEY);
  });

  it('formats, signs and opens the checkpoint; tweetnacl produces the same signature', () => {
    const checkpoint = { origin, size: 3, rootHash: Buffer.from(ROOT, 'base64') };
    expect(formatCheckpoint(checkpoint)).toBe(TEXT);
    expect(signCheckpoint(checkpoint, signer)).toBe(NOTE);
    const naclSig = nacl.sign.detached(Buffer.from(TEXT, 'utf8'), nacl.sign.keyPair.fromSeed(seed).secretKey);
    const line = Buffer.concat([Buffer.from(KEY_ID, 'hex'), naclSig]).toString('base64');
    expect(NOTE.endsWith(` ${line}\n`)).toBe(true);

    const opened = openCheckpoint(NOTE, [parseVerifierKey(VKEY)], { origin });
    expect(opened.checkpoint.origin).toBe(origin);
    expect(opened.checkpoint.size).toBe(3);
    expect(Buffer.from(opened.checkpoint.rootHash).toString('base64')).toBe(ROOT);
    expect(openCheckpoint(NOTE, checkpointVerifiers(origin, [vectors.ledgerKey.publicKeyBase64, publicKey])).checkpoint.size).toBe(3);
    expect(readCheckpointNote(NOTE).size).toBe(3);
  });

  describe('strict rejection', () => {
    const verifiers = [parseVerifierKey(VKEY)];
    const open = (note: string) => code(() => openCheckpoint(note, verifiers, { origin }));
    /** A validly signed note over arbitrary text: isolates the checkpoint-text rules. */
    const signed = (text: string) => signNote(text, [signer]);

    it('accepts the untouched note (the cases below can fail)', () => {
      expect(open(NOTE)).toBe('accepted');
    });

    it('rejects a flipped byte anywhere in the text', () => {
      for (let i = 0; i < TEXT.length; i++) {
        const flipped = NOTE.slice(0, i) + String.fromCharCode(NOTE.charCodeAt(i) ^ 0x01) + NOTE.slice(i + 1);
        expect([i, open(flipped)]).toEqual([i, expect.stringMatching(/^(INVALID_SIGNATURE|MALFORMED_NOTE|MALFORMED_CHECKPOINT)$/)]);
      }
    });

    it('rejects a flipped bit anywhere in the signature bytes', () => {
      const [head, b64] = NOTE.slice(0, -1).split(/ (?=[^ ]+$)/) as [string, string];
      const raw = Buffer.from(b64, 'base64');
      for (let i = 0; i < raw.length; i++) {
        const bad = Buffer.from(raw);
        bad[i] = bad[i]! ^ 0x40;
        // Bytes 0-3 are the key ID: a changed ID is an unknown key, so no known signature remains.
        const expected = i < 4 ? 'UNVERIFIED_NOTE' : 'INVALID_SIGNATURE';
        expect([i, open(`${head} ${bad.toString('base64')}\n`)]).toEqual([i, expected]);
      }
    });

    it('rejects a signature by another key, and a note with no known signature', () => {
      const other = ed25519NoteSigner(origin, privateKeyFromSeed(Buffer.alloc(32, 9)));
      const byOther = signNote(TEXT, [other]);
      expect(open(byOther)).toBe('UNVERIFIED_NOTE');
      // Another key that claims our key ID under our name: a known key, so it must verify.
      const impostor: NoteSigner = { name: origin, keyId: signer.keyId, sign: (t) => other.sign(t) };
      expect(open(signNote(TEXT, [impostor]))).toBe('INVALID_SIGNATURE');
      // Our key under another name is another key.
      expect(open(signNote(TEXT, [ed25519NoteSigner('someone-else', privateKeyFromSeed(seed))]))).toBe('UNVERIFIED_NOTE');
      // No verifiers at all.
      expect(code(() => openCheckpoint(NOTE, []))).toBe('UNVERIFIED_NOTE');
    });

    it('ignores unknown signatures beside a valid one, but a bad known one rejects the note', () => {
      const other = ed25519NoteSigner('witness.example/w1', privateKeyFromSeed(Buffer.alloc(32, 9)));
      const both = signNote(TEXT, [other, signer]);
      const opened = openCheckpoint(both, verifiers, { origin });
      expect(opened.note.unverified.map((s) => s.name)).toEqual(['witness.example/w1']);
      expect(opened.note.verified.map((s) => s.name)).toEqual([origin]);
      const impostor: NoteSigner = { name: origin, keyId: signer.keyId, sign: (t) => other.sign(t) };
      expect(open(signNote(TEXT, [impostor, signer]))).toBe('INVALID_SIGNATURE');
    });

    it('rejects extra and missing lines', () => {
      expect(open(signed(`${TEXT}extension\n`))).toBe('MALFORMED_CHECKPOINT');
      expect(code(() => openCheckpoint(signed(`${TEXT}extension\n`), verifiers, { origin, allowExtensions: true }))).toBe('accepted');
      expect(code(() => parseCheckpoint(`${TEXT}\n`, { allowExtensions: true }))).toBe('MALFORMED_CHECKPOINT'); // empty extension line
      expect(open(signed(`${origin}\n3\n`))).toBe('MALFORMED_CHECKPOINT');
      expect(open(signed(`${origin}\n`))).toBe('MALFORMED_CHECKPOINT');
      expect(open(signed(`\n3\n${ROOT}\n`))).toBe('MALFORMED_CHECKPOINT'); // empty origin
      expect(code(() => parseCheckpoint(TEXT.slice(0, -1)))).toBe('MALFORMED_CHECKPOINT'); // no final newline
      // Note syntax: no blank line, two blank lines, a trailing blank line, no final newline,
      // a line that is not a signature, CRLF line ends, a signature line without the em dash.
      expect(open(NOTE.replace('\n\n', '\n'))).toBe('MALFORMED_NOTE');
      expect(open(NOTE.replace('\n\n', '\n\n\n'))).toMatch(/^(INVALID_SIGNATURE|MALFORMED_NOTE|MALFORMED_CHECKPOINT)$/);
      expect(open(`${NOTE}\n`)).toBe('MALFORMED_NOTE');
      expect(open(NOTE.slice(0, -1))).toBe('MALFORMED_NOTE');
      expect(open(`${NOTE}not a signature\n`)).toBe('MALFORMED_NOTE');
      expect(open(NOTE.replace(/\n/g, '\r\n'))).toBe('MALFORMED_NOTE');
      expect(open(NOTE.replace('— ', '- '))).toBe('MALFORMED_NOTE');
      expect(open(NOTE.replace(`— ${origin} `, `— ${origin}  `))).toBe('MALFORMED_NOTE');
    });

    it('rejects non-canonical tree sizes', () => {
      for (const size of ['007', '03', '+3', '-3', ' 3', '3 ', '3.0', '0x3', '1e3', '', '٣', '9007199254740993']) {
        expect([size, open(signed(`${origin}\n${size}\n${ROOT}\n`))]).toEqual([size, 'MALFORMED_CHECKPOINT']);
      }
      expect(parseCheckpoint(`${origin}\n0\n${sha().toString('base64')}\n`).size).toBe(0);
      expect(parseCheckpoint(`${origin}\n9007199254740991\n${ROOT}\n`).size).toBe(Number.MAX_SAFE_INTEGER);
    });

    it('rejects bad base64 and wrong root lengths', () => {
      const root = Buffer.from(ROOT, 'base64');
      const cases = [
        ROOT.slice(0, -1), // padding missing
        `${ROOT.slice(0, -2)}F=`, // non-zero unused bits: a second spelling of another value
        ` ${ROOT}`,
        ROOT.replace(/\+/g, '-').replace(/\//g, '_'), // base64url
        Buffer.concat([root, Uint8Array.of(0)]).toString('base64'), // 33 bytes
        root.subarray(0, 31).toString('base64'), // 31 bytes
        '',
      ];
      for (const line of cases) expect([line, open(signed(`${origin}\n3\n${line}\n`))]).toEqual([line, 'MALFORMED_CHECKPOINT']);
      const [head, b64] = NOTE.slice(0, -1).split(/ (?=[^ ]+$)/) as [string, string];
      expect(open(`${head} ${b64.slice(0, -1)}\n`)).toBe('MALFORMED_NOTE'); // signature base64 without padding
      expect(open(`${head} ${Buffer.from(b64, 'base64').subarray(0, 4).toString('base64')}\n`)).toBe('MALFORMED_NOTE'); // key ID only
    });

    it('rejects control characters and invalid UTF-8', () => {
      expect(open(NOTE.replace('interview', 'inter\tview'))).toBe('MALFORMED_NOTE');
      expect(open(`\u0000${NOTE}`)).toBe('MALFORMED_NOTE');
      expect(open(NOTE.replace('interview', 'inter\ud800view'))).toBe('MALFORMED_NOTE');
      const bytes = Buffer.from(NOTE, 'utf8');
      bytes[1] = 0xff;
      expect(code(() => openCheckpoint(bytes, verifiers))).toBe('MALFORMED_NOTE');
    });

    it('rejects another origin than the expected one', () => {
      const elsewhere = 'example.com/another-log';
      const note = signCheckpoint(
        { origin: elsewhere, size: 3, rootHash: Buffer.from(ROOT, 'base64') },
        ed25519NoteSigner(elsewhere, privateKeyFromSeed(seed)),
      );
      expect(code(() => openCheckpoint(note, [ed25519NoteVerifier(elsewhere, publicKey)], { origin }))).toBe('MALFORMED_CHECKPOINT');
      expect(code(() => openCheckpoint(note, [ed25519NoteVerifier(elsewhere, publicKey)]))).toBe('accepted');
    });

    it('rejects two known keys with the same name and key ID', () => {
      const twin = { ...verifiers[0]!, verify: () => true };
      expect(code(() => openCheckpoint(NOTE, [verifiers[0]!, twin]))).toBe('AMBIGUOUS_KEY');
    });

    it('refuses to sign what it could not parse back', () => {
      const rootHash = Buffer.from(ROOT, 'base64');
      expect(code(() => signCheckpoint({ origin: 'has space', size: 3, rootHash }, signer))).toBe('MALFORMED_CHECKPOINT');
      expect(code(() => signCheckpoint({ origin: 'a+b', size: 3, rootHash }, signer))).toBe('MALFORMED_CHECKPOINT');
      expect(code(() => signCheckpoint({ origin: 'another', size: 3, rootHash }, signer))).toBe('MALFORMED_CHECKPOINT'); // signer not named after origin
      expect(code(() => formatCheckpoint({ origin, size: -1, rootHash }))).toBe('MALFORMED_CHECKPOINT');
      expect(code(() => formatCheckpoint({ origin, size: 1.5, rootHash }))).toBe('MALFORMED_CHECKPOINT');
      expect(code(() => formatCheckpoint({ origin, size: 3, rootHash, extensions: [''] }))).toBe('MALFORMED_CHECKPOINT');
      expect(() => formatCheckpoint({ origin, size: 3, rootHash: rootHash.subarray(1) })).toThrow(RangeError);
      expect(code(() => signNote('no final newline', [signer]))).toBe('MALFORMED_NOTE');
      expect(code(() => signNote('', [signer]))).toBe('MALFORMED_NOTE');
      expect(code(() => signNote('tab\there\n', [signer]))).toBe('MALFORMED_NOTE');
      expect(code(() => signNote(TEXT, []))).toBe('MALFORMED_NOTE');
      expect(code(() => ed25519NoteSigner('bad name', privateKeyFromSeed(seed)))).toBe('MALFORMED_KEY');
      expect(new CheckpointError('x').code).toBe('MALFORMED_CHECKPOINT');
      expect(new SignedNoteError('MALFORMED_NOTE', 'x').code).toBe('MALFORMED_NOTE');
    });
  });
});

describe('note primitives', () => {
  it('decodes only canonical RFC 4648 §4 base64', () => {
    expect(decodeBase64Strict('')?.length).toBe(0);
    expect(decodeBase64Strict('AA==')?.toString('hex')).toBe('00');
    expect(decodeBase64Strict('AAA=')?.toString('hex')).toBe('0000');
    expect(decodeBase64Strict('AAAA')?.toString('hex')).toBe('000000');
    for (const bad of ['A', 'AA', 'AAA', 'AB==', 'AAB=', 'AA=A', 'AA==AA==', 'A A=', 'AA-_', '====', 'AA==\n']) {
      expect([bad, decodeBase64Strict(bad)]).toEqual([bad, null]);
    }
  });

  it('knows which key names are valid', () => {
    for (const good of ['PeterNeumann', 'example.com/log42', 'interview-ledger/ed25519:65b60673d6ed884b', '账本/1'])
      expect(isValidKeyName(good)).toBe(true);
    for (const bad of ['', 'a b', 'a+b', 'a\tb', 'a\u00a0b', 'a\u3000b', 'a\u2028b', 'a\u0085b', 'a\nb', 'a\ud800b', 42])
      expect(isValidKeyName(bad)).toBe(false);
  });

  it('parses the signature lines of a note without verifying them', () => {
    const signer = ed25519NoteSigner('k1', privateKeyFromSeed(Buffer.alloc(32, 1)));
    const note = signNote('hello\n\nworld\n', [signer]);
    const parsed = parseNote(note);
    expect(parsed.text).toBe('hello\n\nworld\n'); // the text may hold blank lines; the last one splits
    expect(parsed.signatures).toHaveLength(1);
    expect(parsed.signatures[0]).toMatchObject({ name: 'k1', keyId: signer.keyId });
    expect(parsed.signatures[0]!.signature).toHaveLength(64);
    expect(openNote(note, [ed25519NoteVerifier('k1', rawPublicKey(privateKeyFromSeed(Buffer.alloc(32, 1))))]).text).toBe(
      'hello\n\nworld\n',
    );
  });
});
