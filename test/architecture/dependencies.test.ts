/**
 * The direction of dependencies (.dependency-cruiser.cjs): domain ← application ← graphql/http
 * ← server, no cycles. dependency-cruiser runs as `npm run deps` does, over src, with one test
 * per rule so that a failure names the rule and lists every import that breaks it. A fixture
 * tree that breaks every rule proves that each rule can fail.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
// The configuration is CommonJS, as dependency-cruiser reads it.
const rules = (require(CONFIG) as { forbidden: Array<{ name: string; comment: string }> }).forbidden;

interface Violation {
  readonly type: string;
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string; readonly severity: string };
  readonly dependencyTypes?: readonly string[];
  readonly cycle?: ReadonlyArray<{ readonly name: string; readonly dependencyTypes: readonly string[] }>;
  readonly via?: ReadonlyArray<{ readonly name: string }>;
}

interface CruiseResult {
  readonly summary: {
    readonly violations: readonly Violation[];
    readonly totalCruised: number;
    readonly ruleSetUsed: { readonly forbidden: ReadonlyArray<{ readonly name: string }> };
  };
}

/** Runs the CLI (its API is ESM only, which jest's CommonJS runtime cannot load) and parses its JSON report. */
function cruise(cwd: string): Promise<CruiseResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CLI, 'src', '--config', CONFIG, '--output-type', 'json', '--no-progress'],
      { cwd, maxBuffer: 64 * 1024 * 1024 },
      // Exit status 1..n is the number of errors: the report is on stdout either way.
      (error, stdout, stderr) => {
        if (!stdout) return reject(new Error(`dependency-cruiser printed nothing: ${stderr || error?.message}`));
        try {
          resolve(JSON.parse(stdout) as CruiseResult);
        } catch {
          reject(new Error(`dependency-cruiser did not print JSON: ${stderr || stdout.slice(0, 500)}`));
        }
      },
    );
  });
}

/** "(type-only)" after a module: the import that reaches it is `import type` (it still ties the two together). */
const typeOnly = (types: readonly string[] | undefined) => (types?.includes('type-only') ? ' (type-only)' : '');

/** One line per violation: the import, and for a cycle or a reachability rule the whole path. */
function lineOf(v: Violation): string {
  if (v.cycle) return `${v.from} → ${v.cycle.map((step) => `${step.name}${typeOnly(step.dependencyTypes)}`).join(' → ')}`;
  if (v.via && v.via.length > 0) return `${v.from} → ${v.via.map((step) => step.name).join(' → ')}`;
  return `${v.from} → ${v.to}${typeOnly(v.dependencyTypes)}`;
}

/** dependency-cruiser reports a cycle once per module on it; one line per distinct cycle is enough. */
function linesOf(violations: readonly Violation[]): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const v of violations) {
    const key = v.cycle ? [v.from, ...v.cycle.map((s) => s.name)].sort().join('|') : `${v.from}|${v.to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push(lineOf(v));
  }
  return lines.sort();
}

describe('dependency direction in src (npm run deps)', () => {
  let result: CruiseResult;
  beforeAll(async () => {
    result = await cruise(ROOT);
  }, 60_000);

  it('cruises the whole tree with the configured rules', () => {
    expect(result.summary.totalCruised).toBeGreaterThan(50);
    expect(result.summary.ruleSetUsed.forbidden.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'domain-is-pure',
        'portable-verifier-is-portable',
        'application-is-below-the-adapters',
        'server-is-the-composition-root',
        'no-circular',
      ]),
    );
  });

  for (const rule of rules) {
    it(`${rule.name}: ${rule.comment}`, () => {
      const broken = linesOf(result.summary.violations.filter((v) => v.rule.name === rule.name));
      // On failure, jest prints the list: every offending import, one per line.
      expect(broken).toEqual([]);
    });
  }
});

describe('the dependency rules can fail', () => {
  it('each rule catches the fixture tree that breaks it', async () => {
    const { summary } = await cruise(join(__dirname, 'fixture'));
    const byRule = (name: string) => linesOf(summary.violations.filter((v) => v.rule.name === name));
    expect(byRule('domain-is-pure')).toEqual(['src/domain/rule.ts → src/server/main.ts']);
    expect(byRule('domain-crypto-does-no-io')).toEqual(['src/domain/rule.ts → src/crypto/keys-on-disk.ts → fs']);
    expect(byRule('application-is-below-the-adapters')).toEqual(['src/application/use-case.ts → src/graphql/resolver.ts']);
    expect(byRule('server-is-the-composition-root')).toEqual(['src/domain/rule.ts → src/server/main.ts']);
    expect(byRule('http-is-below-graphql')).toEqual(['src/http/token.ts → src/graphql/resolver.ts']);
    expect(byRule('graphql-and-routes-apart')).toEqual(['src/graphql/resolver.ts → src/attachments/attachment-routes.ts']);
    expect(byRule('routes-and-graphql-apart')).toEqual(['src/attachments/attachment-routes.ts → src/graphql/resolver.ts (type-only)']);
    expect(byRule('portable-verifier-is-portable')).toEqual([
      'src/evidence/verify-bundle-core.ts → src/crypto/node-hash.ts',
      'src/evidence/verify-bundle-core.ts → src/crypto/node-hash.ts → crypto',
    ]);
    expect(byRule('no-circular')).toHaveLength(2);
    expect(new Set(summary.violations.map((v) => v.rule.name))).toEqual(new Set(rules.map((r) => r.name)));
  }, 60_000);
});
