/**
 * The README's table of error codes and the typed list the code compiles against
 * (src/domain/error-codes.ts) hold exactly the same codes, each once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODE_LIST, ERROR_CODES, isErrorCode } from '../../src/domain/error-codes';

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

/** The codes in the first column of the table under `## Error codes`. */
function readmeCodes(markdown: string): string[] {
  const start = markdown.indexOf('\n## Error codes\n');
  if (start < 0) throw new Error('README has no "## Error codes" section');
  const rest = markdown.slice(start + 1);
  const next = rest.indexOf('\n## ', 1);
  const section = next < 0 ? rest : rest.slice(0, next);
  return [...section.matchAll(/^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|/gm)].map((m) => m[1]!);
}

describe('error codes', () => {
  const documented = readmeCodes(README);

  it('the README lists every code once, and only codes the API has', () => {
    expect(documented.length).toBeGreaterThan(0);
    expect(documented.filter((c, i) => documented.indexOf(c) !== i)).toEqual([]);
    expect([...documented].sort()).toEqual([...ERROR_CODE_LIST].sort());
  });

  it('every code has a one-line description', () => {
    for (const code of ERROR_CODE_LIST) {
      expect(ERROR_CODES[code].trim().length).toBeGreaterThan(10);
      expect(ERROR_CODES[code]).not.toContain('\n');
    }
  });

  it('finds the table even when a code is added on one side only', () => {
    expect(
      readmeCodes('x\n## Error codes\n\n| code | meaning |\n| --- | --- |\n| `A_B` | x |\n| `C` | y |\n\n## Next\n| `D` | z |\n'),
    ).toEqual(['A_B', 'C']);
    expect(isErrorCode('VERSION_CONFLICT')).toBe(true);
    expect(isErrorCode('NO_SUCH_CODE')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
  });
});
