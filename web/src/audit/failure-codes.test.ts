/**
 * Every code the evidence-bundle verifier can emit has a Chinese and English description and a
 * family: the codes are read from the verifier's source (fail/warn calls and `code:` members,
 * and the event faults it prefixes with EVENT_), and every test vector's failures and warnings
 * are described. Also: verifying makes no request (withoutNetwork).
 */
import './jsdom-realm.test-shim';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyBundleInBrowser } from '../../../src/evidence/verify-bundle-browser';
import { describeFailure, FAILURE_CODES, FAILURE_FAMILIES } from './failure-codes';
import { NetworkAttempted, withoutNetwork } from './no-network';
import { parseKeys, verifyBytes } from './VerifyPanel';

const ROOT = join(__dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

function codesInSource(): Set<string> {
  const codes = new Set<string>();
  for (const file of [
    'src/evidence/verify-bundle-core.ts',
    'src/evidence/bundle-semantics.ts',
    'src/evidence/bundle-checkpoint.ts',
    'src/evidence/bundle-format.ts',
  ]) {
    const text = read(file);
    for (const m of text.matchAll(/(?:fail|warn)\(\s*(?:failures|warnings|problems)?,?\s*'([A-Z][A-Z0-9_]+)'/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/code:\s*'([A-Z][A-Z0-9_]+)'/g)) codes.add(m[1]!);
  }
  const faults = /export type EventFault =([^;]+);/.exec(read('src/ledger/event-checks.ts'))![1]!;
  for (const m of faults.matchAll(/'([A-Z_]+)'/g)) codes.add(`EVENT_${m[1]}`);
  return codes;
}

const VECTORS = join(ROOT, 'test', 'vectors', 'bundles');
const manifest = JSON.parse(readFileSync(join(VECTORS, 'manifest.json'), 'utf8')) as {
  ledgerKeys: string[];
  cases: Array<{ file: string; valid: boolean; failures: string[]; warnings: string[] }>;
};

describe('failure-code descriptions', () => {
  it('describes every code the verifier source can emit, in both languages, with its family', () => {
    const codes = codesInSource();
    expect(codes.size).toBeGreaterThanOrEqual(30);
    expect([...codes].filter((code) => !(code in FAILURE_CODES))).toEqual([]);
    for (const code of codes) {
      const zh = describeFailure(code, 'zh-CN');
      const en = describeFailure(code, 'en');
      expect(zh.known && en.known).toBe(true);
      expect(zh.text).toMatch(/[\u4e00-\u9fff]/);
      expect(zh.familyText).toBe(FAILURE_FAMILIES[zh.family!].zh);
      expect(en.text).not.toBe(zh.text);
    }
    // No stale entries either: each described code is one the verifier emits.
    expect(Object.keys(FAILURE_CODES).filter((code) => !codes.has(code))).toEqual([]);
  });

  it('still shows an unknown code, with its family when its prefix names one', () => {
    expect(describeFailure('EVENT_SOMETHING_NEW', 'zh-CN')).toMatchObject({ known: false, family: 'event' });
    expect(describeFailure('WHATEVER', 'en')).toMatchObject({ known: false, family: null, text: 'Unknown verification code WHATEVER.' });
  });

  it('describes every failure and warning of the test vectors, which verify as their manifest says', () => {
    expect(readdirSync(VECTORS).filter((f) => f !== 'manifest.json').length).toBe(manifest.cases.length);
    for (const c of manifest.cases) {
      const bytes = new Uint8Array(readFileSync(join(VECTORS, c.file)));
      const { report, requests } = verifyBytes(bytes, manifest.ledgerKeys);
      expect({ file: c.file, ok: report.ok }).toEqual({ file: c.file, ok: c.valid });
      expect(requests).toBe(0);
      for (const code of c.failures) expect(report.failures.map((f) => f.code)).toContain(code);
      for (const f of [...report.failures, ...report.warnings]) expect(describeFailure(f.code, 'zh-CN').known).toBe(true);
    }
  });

  it('reports unpinned keys without pins, and parses pasted keys', () => {
    const bytes = new Uint8Array(readFileSync(join(VECTORS, 'valid-locked.json')));
    const report = verifyBundleInBrowser(bytes);
    expect(report.ledgerKeys.every((k) => !k.pinned)).toBe(true);
    expect(parseKeys(' a,b\n c ;d ')).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('withoutNetwork', () => {
  it('blocks fetch during the call and restores it after', () => {
    const original = globalThis.fetch;
    expect(() => withoutNetwork(() => fetch('http://example.invalid/'))).toThrow(NetworkAttempted);
    expect(globalThis.fetch).toBe(original);
    expect(withoutNetwork(() => 7)).toEqual({ result: 7, requests: 0 });
  });
});
