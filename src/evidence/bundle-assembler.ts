/**
 * Runs bundle assembly in one worker thread, so that a bundle of a whole cycle (hundreds of
 * milliseconds of JSON, hashing and rendering) does not hold the event loop that answers
 * everyone else. Bundles are assembled one after another in the worker; the main thread only
 * computes the inclusion proofs beforehand and signs the seal in between (the ledger key stays
 * here). The worker is started on first use; it keeps the process alive only while a bundle is
 * being assembled (a script that exports ends by itself, a waiting export is not cut short). There is one
 * per process: `stopBundleAssembler` (the server's stop) ends it for every server in the process,
 * and a bundle being assembled then fails; the next one starts a new worker.
 *
 * When the sources run as TypeScript (the test runner), the worker registers a transpile-only
 * loader before loading its entry, as the scripts' child processes do.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { NotFoundError, ValidationError } from '../domain/errors';
import type { EvidenceBundle } from './bundle-format';
import type { BundleParts } from './assemble-bundle';
import type { FromWorker, ToWorker } from './assemble-worker';

const RUNS_AS_TYPESCRIPT = __filename.endsWith('.ts');

function startWorker(): Worker {
  const entry = join(__dirname, RUNS_AS_TYPESCRIPT ? 'assemble-worker.ts' : 'assemble-worker.js');
  if (!RUNS_AS_TYPESCRIPT) return new Worker(entry);
  const bootstrap = `
const ts = require('typescript');
const fs = require('node:fs');
require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(outputText, filename);
};
require(${JSON.stringify(entry)});`;
  return new Worker(bootstrap, { eval: true });
}

/** Inclusion proofs computed between two turns of the event loop. */
const PROOFS_PER_SLICE = 64;

type Waiter = { resolve: (msg: FromWorker) => void; reject: (error: Error) => void };

let worker: Worker | null = null;
const waiters = new Map<number, Waiter>();
let nextId = 1;

function theWorker(): Worker {
  if (worker) return worker;
  const started = startWorker();
  started.on('message', (msg: FromWorker) => {
    const waiter = waiters.get(msg.id);
    waiters.delete(msg.id);
    if (waiters.size === 0) started.unref();
    waiter?.resolve(msg);
  });
  started.on('error', (error) => failAll(error));
  started.on('exit', (code) => failAll(new Error(`the bundle assembler stopped (exit ${code})`)));
  // Idle, the worker keeps no process alive; while a bundle is being assembled it does (ask).
  // After the listeners: adding a 'message' listener refs the worker's port again.
  started.unref();
  worker = started;
  return started;
}

/** Stops the worker (a server shutting down); the next bundle starts a new one. */
export async function stopBundleAssembler(): Promise<void> {
  const running = worker;
  worker = null;
  if (running) await running.terminate();
}

function failAll(error: Error): void {
  worker = null;
  for (const waiter of waiters.values()) waiter.reject(error);
  waiters.clear();
}

function ask(msg: ToWorker): Promise<FromWorker> {
  return new Promise((resolve, reject) => {
    waiters.set(msg.id, { resolve, reject });
    const running = theWorker();
    running.ref();
    running.postMessage(msg);
  });
}

/** The worker's refusal as the error it was (coded errors keep their code and field). */
function rethrow(msg: Extract<FromWorker, { kind: 'failed' }>): never {
  if (msg.code === 'NOT_FOUND') throw new NotFoundError(msg.message, msg.field);
  if (msg.name === 'ValidationError') throw new ValidationError(msg.message, msg.field);
  throw new Error(msg.message);
}

export interface AssembledBundle {
  /** The file: canonical JSON of the bundle. */
  readonly bytes: Buffer;
  /** Parsed from the bytes on first use (the server's answer needs only counts). */
  readonly bundle: EvidenceBundle;
}

/** Assembles and seals a bundle in the worker; same result as assembleBundle(parts). */
export async function assembleInWorker(parts: BundleParts): Promise<AssembledBundle> {
  const { inclusionProof, seal, ...rest } = parts;
  // Proofs come from the main thread's tree; computed in slices, so that requests in between are answered.
  const proofs: Array<readonly [number, readonly Uint8Array[]]> = [];
  for (const leaf of new Set(rest.events.map((e) => e.leafIndex))) {
    proofs.push([leaf, inclusionProof(leaf)]);
    if (proofs.length % PROOFS_PER_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  const id = nextId++;
  const prepared = await ask({ id, kind: 'prepare', parts: { ...rest, proofs } });
  if (prepared.kind === 'failed') rethrow(prepared);
  if (prepared.kind !== 'prepared') throw new Error(`the bundle assembler answered ${prepared.kind} to prepare`);
  const sealed = seal(Buffer.from(prepared.message.buffer, prepared.message.byteOffset, prepared.message.byteLength));
  const finished = await ask({ id, kind: 'finish', seal: sealed });
  if (finished.kind === 'failed') rethrow(finished);
  if (finished.kind !== 'finished') throw new Error(`the bundle assembler answered ${finished.kind} to finish`);
  const bytes = Buffer.from(finished.bytes.buffer, finished.bytes.byteOffset, finished.bytes.byteLength);
  let parsed: EvidenceBundle | null = null;
  return {
    bytes,
    get bundle() {
      parsed ??= JSON.parse(bytes.toString('utf8')) as EvidenceBundle;
      return parsed;
    },
  };
}
