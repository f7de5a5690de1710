/**
 * The evidence-bundle test vectors of test/vectors/bundles/ (docs/ledger-format.md §13.12): every
 * file verifies to exactly the codes the manifest lists, the generator reproduces the folder byte
 * for byte, and the interview claims of the valid files are what §12.2 and §12.6 of the document
 * say, folded here independently of src/domain (own fold from the document's tables, the
 * `canonicalize` package for JCS, node's SHA-256).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import canonicalizeImpl from 'canonicalize';
import { generateBundleVectors, VECTOR_DIR, type BundleVectorManifest } from '../../scripts/generate-bundle-vectors';
import { verifyBundle } from '../../src/evidence/verify-bundle';

const ROOT = join(__dirname, '..', '..');
const DIR = join(ROOT, VECTOR_DIR);
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as BundleVectorManifest;
const file = (name: string) => readFileSync(join(DIR, name));
const canonicalize = canonicalizeImpl as unknown as (value: unknown) => string | undefined;
const distinct = (codes: readonly string[]) => [...new Set(codes)].sort();

describe('evidence-bundle test vectors', () => {
  it('lists every file of the folder once, valid and invalid ones', () => {
    const names = manifest.cases.map((c) => c.file);
    expect(new Set(names).size).toBe(names.length);
    expect(
      readdirSync(DIR)
        .filter((f) => f !== 'manifest.json')
        .sort(),
    ).toEqual([...names].sort());
    expect(manifest.cases.filter((c) => c.valid).length).toBeGreaterThanOrEqual(5);
    expect(manifest.cases.filter((c) => !c.valid).length).toBeGreaterThanOrEqual(10);
    for (const c of manifest.cases) expect({ file: c.file, valid: c.valid }).toEqual({ file: c.file, valid: c.failures.length === 0 });
  });

  it.each(manifest.cases.map((c) => [c.file, c] as const))('%s verifies to exactly the codes the manifest lists', (name, c) => {
    const report = verifyBundle(file(name), { trustedLedgerKeys: manifest.ledgerKeys });
    expect({
      ok: report.ok,
      failures: distinct(report.failures.map((f) => f.code)),
      warnings: distinct(report.warnings.map((w) => w.code)),
    }).toEqual({
      ok: c.valid,
      failures: c.failures,
      warnings: c.warnings,
    });
  });

  it('is exactly what scripts/generate-bundle-vectors.ts produces (regenerating is a no-op)', () => {
    const { manifest: generated, files } = generateBundleVectors();
    expect(`${JSON.stringify(generated, null, 2)}\n`).toBe(readFileSync(join(DIR, 'manifest.json'), 'utf8'));
    expect([...files.keys()].sort()).toEqual(manifest.cases.map((c) => c.file).sort());
    for (const [name, bytes] of files) expect({ name, same: bytes.equals(file(name)) }).toEqual({ name, same: true });
  });

  it('holds the three paths of §12 that a reader of an older document got wrong, as valid files', () => {
    const valid = new Set(manifest.cases.filter((c) => c.valid).map((c) => c.file));
    for (const name of [
      'valid-scheduled-carried-goals.json',
      'valid-basic-info-keeps-scheduled.json',
      'valid-returned-from-signatures.json',
    ])
      expect({ name, valid: valid.has(name) }).toEqual({ name, valid: true });
  });

  describe('the claims of the valid files, folded from the document alone (§12.2, §12.6)', () => {
    type Body = { stream: string; type: string; data: any };
    const BASIC = ['employeeId', 'managerId', 'participantIds', 'department', 'position', 'cycle', 'scheduledAt', 'location'];

    /** §12.2 and the status table of §12.6, as written there. */
    function fold(events: readonly Body[]) {
      let record: {
        id: string;
        version: number;
        templateId: string;
        basic: any;
        sections: any;
        status: string;
        corrected: boolean;
      } | null = null;
      for (const { type, data } of events) {
        if (type === 'InterviewScheduled') {
          const basic = Object.fromEntries(BASIC.map((k) => [k, data[k]]));
          record = {
            id: data.interviewId,
            version: 1,
            templateId: data.templateId,
            basic,
            sections: data.sections ?? {},
            status: 'scheduled',
            corrected: false,
          };
          continue;
        }
        if (!record) continue;
        const edited = () => (record!.corrected ? 'correction' : Object.keys(record!.sections).length > 0 ? 'in_progress' : 'scheduled');
        if (type === 'InterviewBasicInfoUpdated') {
          record.version = data.version;
          record.basic = { ...record.basic, ...data.changes };
          record.status = record.status === 'scheduled' ? 'scheduled' : edited();
        } else if (type === 'InterviewSectionEdited') {
          record.version = data.version;
          record.sections = { ...record.sections, [data.section]: data.content };
          record.status = edited();
        } else if (type === 'InterviewSigned') record.status = 'awaiting_signatures';
        else if (type === 'InterviewLocked') record.status = 'locked';
        else if (type === 'InterviewCorrectionOpened') {
          record.status = 'correction';
          record.corrected = true;
        } else if (type === 'InterviewStepReturned' && record.status === 'awaiting_signatures') record.status = 'in_progress';
      }
      if (!record) throw new Error('no InterviewScheduled');
      const content = {
        interviewId: record.id,
        version: record.version,
        templateId: record.templateId,
        basic: record.basic,
        sections: record.sections,
      };
      return {
        version: record.version,
        status: record.status,
        contentDigest: createHash('sha256').update(canonicalize(content)!, 'utf8').digest('hex'),
      };
    }

    it.each(manifest.cases.filter((c) => c.valid).map((c) => [c.file] as const))('%s', (name) => {
      const bundle = JSON.parse(file(name).toString('utf8')) as {
        events: Array<{ stream: string; body: string }>;
        interviews: Array<{ stream: string; version: number; status: string; contentDigest: string }>;
      };
      const bodies = bundle.events.map((e) => JSON.parse(Buffer.from(e.body, 'base64').toString('utf8')) as Body);
      for (const claim of bundle.interviews) {
        const { version, status, contentDigest } = claim;
        expect(fold(bodies.filter((b) => b.stream === claim.stream))).toEqual({ version, status, contentDigest });
      }
    });
  });

  it('is referenced from the document, with the manifest and the generator', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'ledger-format.md'), 'utf8');
    expect(doc).toContain(`${VECTOR_DIR}/`);
    expect(doc).toContain(`${VECTOR_DIR}/manifest.json`);
    expect(doc).toContain('scripts/generate-bundle-vectors.ts');
    for (const c of manifest.cases) expect({ file: c.file, inDoc: doc.includes(c.file) }).toEqual({ file: c.file, inDoc: true });
  });
});
