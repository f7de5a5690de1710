/**
 * The training data of the text model: the tuning parts of the evaluation set (tune, tune2 of
 * test/analytics/eval-set.jsonl; the held-out parts are never read here) and every labelled
 * file in test/analytics/corpus/ (*.jsonl, in name order). Their hash (trainingHash) is stored
 * in the weights file, so a test can tell that the weights were trained on the committed data.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const TRAINING_SPLITS = ['tune', 'tune2'] as const;

export interface TrainingItem {
  readonly id: string;
  readonly split: string;
  readonly role: string;
  readonly section: string;
  readonly text: string;
  readonly stress: boolean;
  readonly overtime: boolean;
  readonly sentiment: 'pos' | 'neu' | 'neg';
}

export interface TrainingSource {
  /** Relative to the repository. */
  readonly file: string;
  /** The training lines of the file (for eval-set.jsonl only its tune and tune2 lines). */
  readonly lines: readonly string[];
}

/** The repository's root (from scripts/ under ts-node or jest, and from dist/scripts). */
export function repoRoot(): string {
  const candidates = [join(__dirname, '..'), join(__dirname, '..', '..')];
  const root = candidates.find((d) => existsSync(join(d, 'test', 'analytics', 'eval-set.jsonl')));
  if (!root) throw new Error(`no test/analytics/eval-set.jsonl under ${candidates.join(' or ')}`);
  return root;
}

const nonEmpty = (text: string) => text.split('\n').filter((l) => l.trim().length > 0);

/** The training files and their training lines, in a fixed order. */
export function trainingSources(root = repoRoot()): TrainingSource[] {
  const evalLines = nonEmpty(readFileSync(join(root, 'test', 'analytics', 'eval-set.jsonl'), 'utf8')).filter((l) =>
    (TRAINING_SPLITS as readonly string[]).includes((JSON.parse(l) as { split: string }).split),
  );
  const dir = join(root, 'test', 'analytics', 'corpus');
  const corpus = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.jsonl'))
        .sort()
        .map((f) => ({ file: `test/analytics/corpus/${f}`, lines: nonEmpty(readFileSync(join(dir, f), 'utf8')) }))
    : [];
  return [{ file: 'test/analytics/eval-set.jsonl#tune,tune2', lines: evalLines }, ...corpus];
}

/** SHA-256 over each source's name and its training lines (each followed by a line feed). */
export function trainingHash(sources: readonly TrainingSource[]): string {
  const hash = createHash('sha256');
  for (const s of sources) {
    hash.update(`${s.file}\n`);
    for (const l of s.lines) hash.update(`${l}\n`);
  }
  return hash.digest('hex');
}

export function trainingItems(sources: readonly TrainingSource[]): TrainingItem[] {
  const items = sources.flatMap((s) => s.lines.map((l) => JSON.parse(l) as TrainingItem));
  const ids = new Set<string>();
  for (const i of items) {
    if (ids.has(i.id)) throw new Error(`training id ${i.id} appears twice`);
    ids.add(i.id);
    if (
      typeof i.text !== 'string' ||
      typeof i.stress !== 'boolean' ||
      typeof i.overtime !== 'boolean' ||
      !['pos', 'neu', 'neg'].includes(i.sentiment)
    ) {
      throw new Error(`training item ${i.id} is malformed`);
    }
  }
  return items;
}
