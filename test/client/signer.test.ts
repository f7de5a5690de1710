import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import vm from 'node:vm';
import ts from 'typescript';
import {
  generateKeyPair,
  keyId,
  keyPairFromSeed,
  publicKeyBase64,
  seedOf,
  signInterview,
  verifyInterviewSignature,
} from '../../src/client/signer';
import { canonicalJson } from '../../src/crypto/canonical-json';
import { ed25519Verify, publicKeyFromRaw } from '../../src/crypto/ed25519';
import { keyIdOf } from '../../src/crypto/key-id';
import { pae } from '../../src/crypto/pae';
import { signingMessage, type SignedContent } from '../../src/domain/interview/signing';
import { EVENT_PAYLOAD_TYPE } from '../../src/ledger/event-body';
import type { SigningVectors } from '../../scripts/generate-signing-vectors';

const ROOT = join(__dirname, '..', '..');
const SIGNER = join(ROOT, 'src/client/signer.ts');
const vectors = JSON.parse(readFileSync(join(ROOT, 'test/vectors/signing-message.json'), 'utf8')) as SigningVectors;
const seed = Uint8Array.from(Buffer.from(vectors.signerKey.seedHex, 'hex'));
const ALLOWED_PACKAGES = new Set(['tweetnacl', 'canonicalize']);

type Signer = typeof import('../../src/client/signer');

/** Module specifiers a file loads at run time: value imports only (`import type` is erased). */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const named = clause?.namedBindings;
      const typesOnly =
        clause?.isTypeOnly || (!clause?.name && named && ts.isNamedImports(named) && named.elements.every((e) => e.isTypeOnly));
      if (!typesOnly) found.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      found.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return found;
}

/** Every project file reachable from the signer at run time, and the packages they import. */
function reachable(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>([entry]);
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const specifier of runtimeImports(file)) {
      if (!specifier.startsWith('.')) {
        packages.add(specifier);
        continue;
      }
      const target = `${resolve(dirname(file), specifier)}.ts`;
      if (!files.has(target)) {
        files.add(target);
        queue.push(target);
      }
    }
  }
  return { files: [...files], packages: [...packages] };
}

/**
 * Loads the signer as a bundler would for a web page: the TypeScript transpiled to CommonJS
 * and run in a fresh V8 context that has no Buffer, no process and no node built-ins, only
 * what a page has: TextEncoder and `self.crypto.getRandomValues`.
 */
function browserLikeSandbox() {
  const context = vm.createContext({});
  const inside = <T>(code: string) => vm.runInContext(code, context) as T;
  const SandboxUint8Array = inside<Uint8ArrayConstructor>('Uint8Array');
  const host = new TextEncoder();
  context.TextEncoder = class {
    encode(text: string) {
      return new SandboxUint8Array(host.encode(text));
    }
  };
  context.self = { crypto: { getRandomValues: <T extends Uint8Array>(array: T) => globalThis.crypto.getRandomValues(array) } };
  const cache = new Map<string, { exports: unknown }>();
  const load = (file: string): unknown => {
    const cached = cache.get(file);
    if (cached) return cached.exports;
    const module = { exports: {} as unknown };
    cache.set(file, module);
    const source = readFileSync(file, 'utf8');
    const code = file.endsWith('.ts')
      ? ts.transpileModule(source, {
          compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        }).outputText
      : source;
    const wrapper = inside<(e: unknown, r: unknown, m: unknown) => void>(`(function (exports, require, module) {\n${code}\n})`);
    wrapper(
      module.exports,
      (specifier: string) => {
        if (specifier.startsWith('.')) return load(`${resolve(dirname(file), specifier)}.ts`);
        if (!ALLOWED_PACKAGES.has(specifier)) throw new Error(`${file} requires ${specifier}, which a web page does not have`);
        return load(require.resolve(specifier));
      },
      module,
    );
    return module.exports;
  };
  return {
    signer: load(SIGNER) as Signer,
    /** Another project module, loaded the same way (its imports share the sandbox's module cache). */
    module: <T>(path: string) => load(join(ROOT, path)) as T,
    /** Values must be made inside the sandbox, as a page would make them: its own Uint8Array and Object. */
    bytes: (data: Uint8Array) => new SandboxUint8Array(data),
    json: <T>(value: T) => inside<(text: string) => T>('JSON.parse')(JSON.stringify(value)),
  };
}

describe('client signer (src/client/signer.ts)', () => {
  describe('browser safety', () => {
    const { files, packages } = reachable(SIGNER);

    it('loads only these project files, plus tweetnacl and canonicalize, at run time', () => {
      expect(files.map((f) => f.slice(ROOT.length + 1)).sort()).toEqual([
        'src/client/signer.ts',
        'src/crypto/portable/assert.ts',
        'src/crypto/portable/base64.ts',
        'src/crypto/portable/canonical-json.ts',
        'src/crypto/portable/key-id.ts',
        'src/crypto/portable/pae.ts',
        'src/crypto/portable/sha256.ts',
        'src/domain/errors.ts',
        'src/domain/interview/signing.ts',
      ]);
      expect(packages.sort()).toEqual(['canonicalize', 'tweetnacl']);
    });

    it.each(files.map((f) => [f.slice(ROOT.length + 1), f]))(
      '%s mentions no Buffer, process or node: module in its code',
      (_name, file) => {
        const code = ts.transpileModule(readFileSync(file, 'utf8'), {
          compilerOptions: { module: ts.ModuleKind.CommonJS, removeComments: true },
        }).outputText;
        expect(code).not.toMatch(/\bBuffer\b|\bprocess\b|node:/);
      },
    );

    it('signs inside a sandbox with no Buffer, process or node modules, byte for byte as the vectors say', () => {
      const { signer, bytes, json } = browserLikeSandbox();
      const keys = signer.keyPairFromSeed(bytes(seed));
      expect(signer.publicKeyBase64(keys)).toBe(vectors.signerKey.publicKeyBase64);
      expect(signer.keyId(keys)).toBe(vectors.signerKey.kid);
      for (const v of vectors.vectors) {
        const { content, role, signerId } = v.input;
        const signed = signer.signInterview(
          json({ interviewId: content.interviewId, version: content.version, role, signerId, content }),
          keys.secretKey,
        );
        expect(signed).toEqual({ signature: v.signatureBase64, contentDigest: v.contentDigest, kid: vectors.signerKey.kid });
      }
      // Fresh keys come from the page's getRandomValues.
      const fresh = signer.generateKeyPair();
      expect(fresh.publicKey).toHaveLength(32);
      expect(signer.publicKeyBase64(fresh)).not.toBe(vectors.signerKey.publicKeyBase64);
    });

    it("builds PAE, canonical JSON and key ids in the sandbox byte for byte as the server's modules do", () => {
      const { module, bytes, json } = browserLikeSandbox();
      const sandboxPae = module<typeof import('../../src/crypto/portable/pae')>('src/crypto/portable/pae.ts').pae;
      const sandboxJcs = module<typeof import('../../src/crypto/portable/canonical-json')>(
        'src/crypto/portable/canonical-json.ts',
      ).canonicalJson;
      const sandboxKid = module<typeof import('../../src/crypto/portable/key-id')>('src/crypto/portable/key-id.ts').keyIdOf;
      const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
      for (const v of vectors.vectors) {
        const content = v.input.content;
        expect(hex(sandboxJcs(json(content)))).toBe(hex(canonicalJson(content)));
        const payload = Buffer.from(v.payload, 'utf8');
        expect(hex(sandboxPae(vectors.payloadType, bytes(payload)))).toBe(hex(pae(vectors.payloadType, payload)));
        expect(hex(sandboxPae(vectors.payloadType, bytes(payload)))).toBe(v.messageHex);
      }
      expect(hex(sandboxPae(EVENT_PAYLOAD_TYPE, bytes(Buffer.from('{}'))))).toBe(hex(pae(EVENT_PAYLOAD_TYPE, Buffer.from('{}'))));
      expect(sandboxKid(bytes(Buffer.from(vectors.signerKey.publicKeyHex, 'hex')))).toBe(vectors.signerKey.kid);
    });
  });

  describe('keys', () => {
    it("derives the vectors' key from their seed, and keeps the seed in the secret key", () => {
      const keys = keyPairFromSeed(seed);
      expect(publicKeyBase64(keys)).toBe(vectors.signerKey.publicKeyBase64);
      expect(publicKeyBase64(keys.publicKey)).toBe(vectors.signerKey.publicKeyBase64);
      expect(keyId(keys)).toBe(vectors.signerKey.kid);
      expect(seedOf(keys.secretKey)).toEqual(seed);
    });

    it("generates distinct keys whose kid matches the server's key-id", () => {
      const a = generateKeyPair();
      const b = generateKeyPair();
      expect(publicKeyBase64(a)).not.toBe(publicKeyBase64(b));
      expect(keyId(a)).toBe(keyIdOf(a.publicKey));
    });

    it('refuses seeds and secret keys of the wrong size', () => {
      expect(() => keyPairFromSeed(new Uint8Array(31))).toThrow(/32 bytes/);
      expect(() => seedOf(new Uint8Array(32))).toThrow(/64 bytes/);
      expect(() => signInterview({ ...request(0) }, new Uint8Array(32))).toThrow(/64 bytes/);
    });
  });

  const request = (i: number) => {
    const v = vectors.vectors[i]!;
    const { content, role, signerId } = v.input;
    return { interviewId: content.interviewId, version: content.version, role, signerId, content };
  };

  describe('signInterview', () => {
    const keys = keyPairFromSeed(seed);

    it.each(vectors.vectors.map((v, i) => [v.name, i] as const))("%s: the vector's signature, digest and kid", (_name, i) => {
      const v = vectors.vectors[i]!;
      expect(signInterview(request(i), keys.secretKey)).toEqual({
        signature: v.signatureBase64,
        contentDigest: v.contentDigest,
        kid: vectors.signerKey.kid,
      });
    });

    it("produces signatures the server's node:crypto verifier accepts", () => {
      const r = request(0);
      const { signature, contentDigest } = signInterview(r, keys.secretKey);
      const message = signingMessage({ interviewId: r.interviewId, version: r.version, contentDigest, role: r.role, signerId: r.signerId });
      expect(ed25519Verify(message, Buffer.from(signature, 'base64'), publicKeyFromRaw(keys.publicKey))).toBe(true);
    });

    it("signs when the server's message matches the one built from the content, and refuses when it does not", () => {
      const v = vectors.vectors[0]!;
      const serverMessage = Buffer.from(v.messageHex, 'hex').toString('base64');
      expect(signInterview({ ...request(0), expectedMessage: serverMessage }, keys.secretKey).signature).toBe(v.signatureBase64);
      const other = Buffer.from(vectors.vectors[1]!.messageHex, 'hex').toString('base64');
      expect(() => signInterview({ ...request(0), expectedMessage: other }, keys.secretKey)).toThrow(/differs/);
    });

    it('refuses content of another interview or version than the one named', () => {
      const r = request(0);
      expect(() => signInterview({ ...r, version: r.version + 1 }, keys.secretKey)).toThrow(/version/);
      expect(() => signInterview({ ...r, interviewId: 'iv-other' }, keys.secretKey)).toThrow(/iv-other/);
      expect(() => signInterview({ ...r, role: 'boss' as never }, keys.secretKey)).toThrow(/role/);
    });

    it('a different content gives a different digest and signature', () => {
      const r = request(0);
      const changed: SignedContent = { ...r.content, sections: { ...r.content.sections, remarks: { text: '改' } } };
      const signed = signInterview({ ...r, content: changed }, keys.secretKey);
      expect(signed.contentDigest).not.toBe(vectors.vectors[0]!.contentDigest);
      expect(signed.signature).not.toBe(vectors.vectors[0]!.signatureBase64);
    });
  });

  describe('verifyInterviewSignature', () => {
    const v = vectors.vectors[0]!;
    const claim = {
      interviewId: v.input.content.interviewId,
      version: v.input.content.version,
      contentDigest: v.contentDigest,
      role: v.input.role,
      signerId: v.input.signerId,
    };

    it('accepts the vector and rejects any change to claim, signature or key', () => {
      expect(verifyInterviewSignature(claim, v.signatureBase64, vectors.signerKey.publicKeyBase64)).toBe(true);
      expect(verifyInterviewSignature({ ...claim, role: 'manager' }, v.signatureBase64, vectors.signerKey.publicKeyBase64)).toBe(false);
      expect(verifyInterviewSignature(claim, vectors.vectors[1]!.signatureBase64, vectors.signerKey.publicKeyBase64)).toBe(false);
      expect(verifyInterviewSignature(claim, v.signatureBase64, publicKeyBase64(generateKeyPair()))).toBe(false);
      expect(verifyInterviewSignature(claim, 'not base64', vectors.signerKey.publicKeyBase64)).toBe(false);
    });
  });
});
