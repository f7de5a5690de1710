/**
 * The witness's state on disk (Node only; the witness itself is ./witness.ts): one JSON file
 * with the last checkpoint cosigned of each log. Written atomically — a temporary file in the
 * same directory, fsynced, renamed over the old one, the directory fsynced — so that a crash
 * leaves either the old state or the new one, never a torn file and never a cosignature
 * released without the state that remembers it.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { checkWitnessState, emptyWitnessState, WitnessError, type WitnessKey, type WitnessState } from './witness';

/** The state in `file`, or a fresh one when the file does not exist. Refuses another witness's state. */
export function readWitnessState(file: string, key: WitnessKey): WitnessState {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyWitnessState(key);
    throw new WitnessError('STATE_INVALID', `cannot read the witness state ${file}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new WitnessError('STATE_INVALID', `${file} is not JSON: not a witness state`);
  }
  return checkWitnessState(value, key);
}

/** Replaces `file` with `state`, atomically and durably (mode 0600). */
export function writeWitnessState(file: string, state: WitnessState): void {
  const dir = dirname(file);
  const temp = join(dir, `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(state, null, 2)}\n`);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  // The rename itself is durable once the directory entry is.
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}
