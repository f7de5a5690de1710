import { runTs } from '../support/run-ts';

describe('the bundle assembler worker', () => {
  it('does not keep a process alive once the work is done (a script that exports exits by itself)', async () => {
    const result = await runTs('test/evidence/fixture-assembler-exit.ts', [], {});
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^refused: /);
    expect(result.code).toBe(0);
  }, 60_000);
});
