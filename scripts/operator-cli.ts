/**
 * What `npm run backup` and `npm run restore` share: progress bars on stderr (one per phase,
 * cli-progress; nothing off a terminal) and the one line and exit status of a failure.
 */
import { Presets, SingleBar } from 'cli-progress';
import { BackupError } from '../src/server/backup';
import { NoDataError } from '../src/server/data-dir';

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

export function progressBars(): { update: (phase: string, done: number, total: number, unit: string) => void; stop: () => void } {
  let bar: SingleBar | null = null;
  let current = '';
  let started = 0;
  const stop = () => {
    bar?.stop();
    bar = null;
    current = '';
  };
  return {
    stop,
    update(phase, done, total, unit) {
      if (phase !== current) {
        stop();
        current = phase;
        started = performance.now();
        bar = new SingleBar(
          {
            format: `${phase.padEnd(28)} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate} ${unit}/s | ETA {eta_formatted}`,
            hideCursor: true,
            stream: process.stderr,
            formatValue: (v, _o, type) => (type === 'value' || type === 'total' ? fmt(v) : String(v)),
          },
          Presets.shades_classic,
        );
        bar.start(total, 0, { rate: '0' });
      }
      if (bar!.getTotal() !== total) bar!.setTotal(total);
      bar!.update(done, { rate: fmt(done / Math.max(0.001, (performance.now() - started) / 1000)) });
    },
  };
}

/** `<command>: <CODE>: <detail>` on one line; exit 2 when it could not run, 1 when the data is not sound. */
export function operatorFailure(command: string, error: unknown): { line: string; exitCode: number } {
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ');
  if (error instanceof BackupError) return { line: `${command}: ${error.code}: ${message}`, exitCode: error.exitCode };
  if (error instanceof NoDataError) return { line: `${command}: ${message}`, exitCode: 2 };
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Z][A-Z_]+$/.test(code)) return { line: `${command}: ${code}: ${message}`, exitCode: 1 };
  // Bad arguments (parseArgs, --out missing): could not run.
  return { line: `${command}: ${message}`, exitCode: 2 };
}
