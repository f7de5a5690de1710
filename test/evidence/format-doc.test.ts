/**
 * Keeps docs/ledger-format.md §12–13 (signing messages, evidence bundles) honest against the
 * code: the failure codes it lists are exactly those the bundle verifier can emit, the payload
 * types and format strings are the code's constants, the documented bundle fields are the
 * interfaces' members, and the worked signing example is the committed vector — and checks
 * out on its own (digest, PAE and Ed25519 recomputed from the doc's text with node:crypto).
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SIGNATURE_PAYLOAD_TYPE } from '../../src/domain/interview/signing';
import { BUNDLE_FORMAT, BUNDLE_PAYLOAD_TYPE, QUERY_FILTER_KEYS } from '../../src/evidence/bundle-format';
import { renderEvidenceHtml } from '../../src/evidence/render-html';
import { EVENT_PAYLOAD_TYPE } from '../../src/ledger/event-body';

const ROOT = join(__dirname, '..', '..');
const read = (...path: string[]) => readFileSync(join(ROOT, ...path), 'utf8');
const doc = read('docs', 'ledger-format.md');

/** The body of the section whose heading starts with `heading`, up to the next heading of the same or a higher level. */
function section(heading: string): string {
  const lines = doc.split('\n');
  const start = lines.findIndex((line) => line.startsWith(heading));
  if (start < 0) throw new Error(`docs/ledger-format.md has no heading "${heading}"`);
  const level = /^#+/.exec(heading)![0].length;
  const end = lines.findIndex((line, i) => i > start && /^#+ /.test(line) && /^#+/.exec(line)![0].length <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** First cells of the table rows in `text` that hold one backticked name. */
function firstColumn(text: string): string[] {
  return [...text.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!);
}

/** Fenced code blocks of `text`, with their info string. */
function codeBlocks(text: string): Array<{ info: string; body: string }> {
  return [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ info: m[1]!, body: m[2]! }));
}

/** Member names of `interface name { … }` in a source file: only its own lines, two-space indented. */
function interfaceMembers(source: string, name: string): Map<string, string> {
  const match = new RegExp(`export interface ${name} \\{\\n([\\s\\S]*?)\\n\\}`).exec(source);
  if (!match) throw new Error(`no interface ${name}`);
  const members = new Map<string, string>();
  for (const m of match[1]!.matchAll(/^ {2}readonly (\w+)\??: (.*)$/gm)) members.set(m[1]!, m[2]!);
  return members;
}

describe('docs/ledger-format.md, signing messages and evidence bundles', () => {
  describe('failure codes (§13.7)', () => {
    const evidenceDir = join(ROOT, 'src', 'evidence');
    const sources = readdirSync(evidenceDir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => ({ file: f, text: readFileSync(join(evidenceDir, f), 'utf8') }));
    const eventFaults = (() => {
      const union = /export type EventFault =([^;]*);/.exec(read('src', 'ledger', 'event-checks.ts'));
      if (!union) throw new Error('no EventFault union in src/ledger/event-checks.ts');
      return [...union[1]!.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]!);
    })();

    /** Codes the verifier emits: literals passed to fail(…) or set as a problem's `code`, plus EVENT_<fault>. */
    function emittedCodes(): Set<string> {
      const codes = new Set<string>();
      for (const { text } of sources) {
        for (const m of text.matchAll(/fail\(\s*failures,\s*'([A-Z][A-Z0-9_]*)'/g)) codes.add(m[1]!);
        for (const m of text.matchAll(/warn\(\s*warnings,\s*'([A-Z][A-Z0-9_]*)'/g)) codes.add(m[1]!);
        for (const m of text.matchAll(/code:\s*'([A-Z][A-Z0-9_]*)'/g)) codes.add(m[1]!);
      }
      const verifier = sources.find((s) => s.file === 'verify-bundle-core.ts')!.text;
      expect(verifier).toContain('fail(failures, `EVENT_${error.fault}`');
      for (const fault of eventFaults) codes.add(`EVENT_${fault}`);
      return codes;
    }

    const documented = firstColumn(section('### 13.7'));

    it('lists exactly the codes src/evidence/*.ts emits, each once', () => {
      expect(eventFaults.length).toBeGreaterThanOrEqual(7);
      expect(new Set(documented).size).toBe(documented.length);
      expect([...documented].sort()).toEqual([...emittedCodes()].sort());
    });

    it('misses no code emitted another way: every upper-case literal in src/evidence is a documented code or a known non-failure', () => {
      // Error codes of the export path (GraphQL extensions.code), not verifier failures.
      const notFailures = new Set(['VALUE_TOO_LARGE', 'NOT_FOUND']);
      for (const { file, text } of sources) {
        for (const m of text.matchAll(/'([A-Z][A-Z0-9]*_[A-Z0-9_]+)'/g)) {
          const literal = m[1]!;
          if (!notFailures.has(literal))
            expect({ file, literal, documented: documented.includes(literal) }).toEqual({ file, literal, documented: true });
        }
      }
    });

    it('marks exactly the codes the verifier reports as warnings as such', () => {
      const warned = new Set<string>();
      for (const { text } of sources) for (const m of text.matchAll(/warn\(\s*warnings,\s*'([A-Z][A-Z0-9_]*)'/g)) warned.add(m[1]!);
      expect(warned.size).toBeGreaterThan(0);
      const rows = [...section('### 13.7').matchAll(/^\| `([^`]+)` \|[^|]*\| (.*) \|$/gm)];
      for (const [, code, meaning] of rows) {
        expect({ code, warning: meaning!.startsWith('**Warning**') }).toEqual({ code, warning: warned.has(code!) });
      }
    });

    it('names every code in the verification steps (§13.6) too', () => {
      const steps = section('### 13.6');
      for (const code of documented) expect({ code, inSteps: steps.includes(`\`${code}\``) }).toEqual({ code, inSteps: true });
    });
  });

  describe('constants', () => {
    it('uses exactly the payload types of the code, with their byte lengths right', () => {
      const constants = [EVENT_PAYLOAD_TYPE, SIGNATURE_PAYLOAD_TYPE, BUNDLE_PAYLOAD_TYPE];
      const inDoc = new Set([...doc.matchAll(/application\/vnd\.interview-ledger\.[A-Za-z0-9.+-]+;v=\d+/g)].map((m) => m[0]));
      expect([...inDoc].sort()).toEqual([...constants].sort());
      expect(section('## 12.')).toContain(`payloadType = "${SIGNATURE_PAYLOAD_TYPE}"`);
      expect(section('## 13.')).toContain(`payloadType = "${BUNDLE_PAYLOAD_TYPE}"`);
      // "payloadType = "<type>"   ; N bytes" and "DSSEv1 N <type>" state the right lengths.
      const stated = [
        ...[...doc.matchAll(/payloadType = "([^"]+)" *; (\d+) bytes/g)].map((m) => [m[1]!, Number(m[2])] as const),
        ...[...doc.matchAll(/DSSEv1 (\d+) (application\/\S+)/g)].map((m) => [m[2]!, Number(m[1])] as const),
      ];
      expect(stated.length).toBeGreaterThanOrEqual(5);
      for (const [type, length] of stated) expect({ type, length }).toEqual({ type, length: Buffer.byteLength(type, 'utf8') });
    });

    it('names the bundle format and media type of the code', () => {
      const bundleDoc = section('## 13.');
      expect(bundleDoc).toContain(`\`${BUNDLE_FORMAT}\``);
      expect(read('src', 'evidence', 'bundle-format.ts')).toContain("mediaType: 'text/html; charset=utf-8'");
      expect(bundleDoc).toContain('`text/html; charset=utf-8`');
    });
  });

  describe('bundle fields (§13.2)', () => {
    const source = read('src', 'evidence', 'bundle-format.ts');
    const fields = firstColumn(section('### 13.2'));
    const documentedUnder = (prefix: string) =>
      fields
        .filter((f) => f.startsWith(prefix))
        .map((f) => f.slice(prefix.length))
        .filter((f) => !/[.[]/.test(f))
        .sort();

    it('documents every member of EvidenceBundle, BundleEvent and BundleInterviewClaim, and no other', () => {
      const bundle = interfaceMembers(source, 'EvidenceBundle');
      expect(documentedUnder('')).toEqual([...bundle.keys()].sort());
      expect(documentedUnder('events[].')).toEqual([...interfaceMembers(source, 'BundleEvent').keys()].sort());
      expect(documentedUnder('interviews[].')).toEqual([...interfaceMembers(source, 'BundleInterviewClaim').keys()].sort());
      // Members typed inline, e.g. `checkpoint: { readonly note: string; … }`.
      for (const [name, type] of bundle) {
        const inline = [...type.matchAll(/readonly (\w+)\??:/g)].map((m) => m[1]!);
        if (inline.length > 0) expect({ name, members: documentedUnder(`${name}.`) }).toEqual({ name, members: inline.sort() });
      }
    });
  });

  describe('the rendering (§13.8)', () => {
    const text = section('### 13.8').replace(/\s+/g, ' ');

    it('states the filter order of the code, and its example is what the code renders', () => {
      expect(text).toContain(`always in the order ${QUERY_FILTER_KEYS.map((k) => `\`${k}\``).join(', ')}`);
      const example = /e\.g\. `([^`]+)`/.exec(text)![1]!;
      const filter = Object.fromEntries(example.split(', ').map((pair) => pair.split('=') as [string, string]));
      // Members in reverse, as no caller writes them: the page must not care.
      const subject = { kind: 'query' as const, ...Object.fromEntries(Object.entries(filter).reverse()) };
      const html = renderEvidenceHtml(
        { createdAt: '2026-07-01T00:00:00.000Z', subject, checkpoint: { note: '', size: 0, rootHash: '' }, ledgerKeys: [], interviews: [] },
        [],
      );
      expect(html).toContain(`范围 Subject: ${example} · `);
    });
  });

  describe('the worked signing example (§12.8)', () => {
    const vectors = JSON.parse(read('test', 'vectors', 'signing-message.json')) as {
      payloadType: string;
      signerKey: { seedHex: string; publicKeyHex: string; publicKeyBase64: string; kid: string };
      vectors: Array<{
        input: { content: unknown; role: string; signerId: string };
        contentJcs: string;
        contentDigest: string;
        payload: string;
        messageHex: string;
        signatureHex: string;
        signatureBase64: string;
      }>;
    };
    const example = vectors.vectors[0]!;
    const text = section('### 12.8');
    const compact = text.replace(/\s+/g, '');
    const blocks = codeBlocks(text);

    it('is the first vector of test/vectors/signing-message.json, unchanged', () => {
      expect(vectors.payloadType).toBe(SIGNATURE_PAYLOAD_TYPE);
      const json = blocks.filter((b) => b.info === 'json');
      expect(json).toHaveLength(1);
      expect(JSON.parse(json[0]!.body)).toEqual(example.input.content);
      const plain = blocks.map((b) => b.body.trim());
      expect(plain).toContain(example.contentJcs);
      expect(plain).toContain(example.payload);
      expect(text).toContain(example.contentDigest);
      expect(text).toContain(`\`${example.input.signerId}\``);
      expect(text).toContain(`\`${example.input.role}\``);
      expect(compact).toContain(example.messageHex);
      expect(compact).toContain(example.signatureHex);
      expect(text).toContain(example.signatureBase64);
      expect(text).toContain(vectors.signerKey.seedHex);
      expect(text).toContain(vectors.signerKey.publicKeyHex);
      expect(text).toContain(vectors.signerKey.publicKeyBase64);
      expect(text).toContain(vectors.signerKey.kid);
      expect(text).toContain(`${Buffer.byteLength(example.contentJcs, 'utf8')} bytes`);
      expect(text).toContain(`${Buffer.byteLength(example.payload, 'utf8')} bytes`);
      expect(text).toContain(`${example.messageHex.length / 2} bytes`);
    });

    it('checks out from the text of the doc alone', () => {
      const jcsLine = blocks.map((b) => b.body.trim()).find((b) => b.startsWith('{"basic":'))!;
      const claimLine = blocks.map((b) => b.body.trim()).find((b) => b.startsWith('{"contentDigest":'))!;
      const hexBlocks = blocks.map((b) => b.body.replace(/\s+/g, '')).filter((b) => /^[0-9a-f]+$/.test(b));
      const [messageHex, signatureHex] = hexBlocks;
      const publicKeyHex = /public key ([0-9a-f]{64})/.exec(text)![1]!;

      // §12.3: the digest is SHA-256 of the JCS line, and the claim names it.
      const digest = createHash('sha256').update(jcsLine, 'utf8').digest('hex');
      expect(text).toContain(`Content digest: \`${digest}\``);
      expect(JSON.parse(claimLine)).toEqual({
        contentDigest: digest,
        interviewId: 'iv-2026-0001',
        role: 'employee',
        signerId: 'emp-0001',
        version: 3,
      });
      // §12.5: the message is PAE(type, claim), built by hand.
      const claim = Buffer.from(claimLine, 'utf8');
      const type = Buffer.from(SIGNATURE_PAYLOAD_TYPE, 'utf8');
      const pae = Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${claim.length} `), claim]);
      expect(messageHex).toBe(pae.toString('hex'));
      // §7 key id of the public key, and Ed25519 over the message (node:crypto, not our wrappers).
      const raw = Buffer.from(publicKeyHex, 'hex');
      expect(text).toContain(`ed25519:${createHash('sha256').update(raw).digest('hex').slice(0, 16)}`);
      const key = createPublicKey({
        key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]),
        format: 'der',
        type: 'spki',
      });
      expect(verify(null, pae, key, Buffer.from(signatureHex!, 'hex'))).toBe(true);
      expect(text).toContain(Buffer.from(signatureHex!, 'hex').toString('base64'));
    });
  });
});
