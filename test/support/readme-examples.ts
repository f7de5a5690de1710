/**
 * The README's executable examples: every ```graphql block is preceded by an annotation
 *
 *     <!-- example: as=M102 save=interview:scheduleInterview.id -->
 *
 * and may be followed by a ```json block with the answer it gets (or the part that matters).
 * The block's first line says the same for readers (HTML comments do not render):
 * `# as 孙建华 (M102), the manager`.
 *
 * - `as=ID`: who sends it, with the roles the demo directory gives that person (what the
 *   tokens printed by `npm start` and `npm run token` carry); `roles=a,b` overrides them.
 * - `save=name:path,…`: keeps a value of the answer's `data` for later blocks, which use it as
 *   the GraphQL variable `$name`.
 * - `sign=ROLE`: the block's `$input` is what `npm run sign -- sign --role ROLE` prints for
 *   the signingMessage answer saved as `signing`, signed with the caller's key (the one
 *   registered with `$publicKey`, which the runner generates per person like `npm run sign -- keygen`).
 *
 * The expected answer matches as a pattern: objects by the keys shown, arrays by containing an
 * element matching each one shown (`[]` only an empty array), the string "…" anything present.
 */
export interface ReadmeExample {
  /** 1-based line of the ```graphql fence, for messages. */
  readonly line: number;
  readonly query: string;
  readonly as: string;
  readonly roles?: readonly string[];
  readonly save: ReadonlyArray<readonly [name: string, path: string]>;
  readonly sign?: string;
  readonly expected?: unknown;
}

export interface ReadmeBlock {
  readonly lang: string;
  readonly line: number;
  readonly body: string;
  /** The text between the previous fence (or the start) and this one. */
  readonly before: string;
}

/** Fenced code blocks of a Markdown document, in order. */
export function fencedBlocks(markdown: string): ReadmeBlock[] {
  const lines = markdown.split('\n');
  const blocks: ReadmeBlock[] = [];
  let open: { lang: string; line: number; body: string[] } | null = null;
  let prose: string[] = [];
  lines.forEach((text, i) => {
    const fence = /^```\s*([\w-]*)\s*$/.exec(text);
    if (open) {
      if (fence && fence[1] === '') {
        blocks.push({ lang: open.lang, line: open.line, body: open.body.join('\n'), before: prose.join('\n') });
        open = null;
        prose = [];
      } else open.body.push(text);
    } else if (fence) open = { lang: fence[1] ?? '', line: i + 1, body: [] };
    else prose.push(text);
  });
  if (open) throw new Error(`README: the fence at line ${(open as { line: number }).line} is never closed`);
  return blocks;
}

const ANNOTATION = /<!--\s*example:([^>]*?)-->\s*$/;

/** The annotated GraphQL examples; throws on a graphql block without an annotation. */
export function readmeExamples(markdown: string): ReadmeExample[] {
  const blocks = fencedBlocks(markdown);
  const examples: ReadmeExample[] = [];
  blocks.forEach((block, i) => {
    if (block.lang !== 'graphql') return;
    const note = ANNOTATION.exec(block.before.trimEnd());
    if (!note) throw new Error(`README line ${block.line}: a graphql block without an <!-- example: as=… --> annotation right before it`);
    const fields = new Map<string, string>();
    for (const part of note[1]!.trim().split(/\s+/).filter(Boolean)) {
      const eq = part.indexOf('=');
      if (eq < 1) throw new Error(`README line ${block.line}: annotation part "${part}" is not key=value`);
      fields.set(part.slice(0, eq), part.slice(eq + 1));
    }
    const unknown = [...fields.keys()].filter((k) => !['as', 'roles', 'save', 'sign'].includes(k));
    if (unknown.length) throw new Error(`README line ${block.line}: unknown annotation keys ${unknown.join(', ')}`);
    const as = fields.get('as');
    if (!as) throw new Error(`README line ${block.line}: the annotation names no caller (as=…)`);
    const caller = /^#\s*as\b.*\(([^)]+)\)/.exec(block.body.split('\n')[0] ?? '');
    if (caller?.[1] !== as)
      throw new Error(`README line ${block.line}: the block's first line must say who sends it, "# as <name> (${as})"`);
    const next = blocks[i + 1];
    const answer = next && next.lang === 'json' && next.before.trim() === '' ? next : undefined;
    let expected: unknown;
    if (answer) {
      try {
        expected = JSON.parse(answer.body);
      } catch (error) {
        throw new Error(`README line ${answer.line}: the expected answer is not JSON: ${(error as Error).message}`);
      }
    }
    const roles = fields.get('roles');
    const sign = fields.get('sign');
    examples.push({
      line: block.line,
      query: block.body,
      as,
      ...(roles ? { roles: roles.split(',') } : {}),
      save: (fields.get('save') ?? '')
        .split(',')
        .filter(Boolean)
        .map((s) => {
          const [name, path] = s.split(':');
          if (!name || !path) throw new Error(`README line ${block.line}: save "${s}" is not name:path`);
          return [name, path] as const;
        }),
      ...(sign ? { sign } : {}),
      ...(answer ? { expected } : {}),
    });
  });
  return examples;
}

/** The value at a dotted path (`a.b.0.c`), or undefined. */
export function at(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value);
}

/** Where `actual` fails the pattern `expected` (see the file comment), or null when it fits. */
export function mismatch(expected: unknown, actual: unknown, path = '$'): string | null {
  if (expected === '…') return actual === undefined || actual === null ? `${path}: expected a value, got ${JSON.stringify(actual)}` : null;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected an array, got ${JSON.stringify(actual)}`;
    if (expected.length === 0) return actual.length === 0 ? null : `${path}: expected [], got ${actual.length} elements`;
    for (const [i, e] of expected.entries()) {
      if (!actual.some((a) => mismatch(e, a) === null)) {
        const nearest = actual.length
          ? mismatch(e, actual[Math.min(i, actual.length - 1)], `${path}[${Math.min(i, actual.length - 1)}]`)
          : 'the array is empty';
        return `${path}: no element matches ${JSON.stringify(e)} (${nearest})`;
      }
    }
    return null;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
      return `${path}: expected an object, got ${JSON.stringify(actual)}`;
    for (const [key, e] of Object.entries(expected)) {
      const why = mismatch(e, (actual as Record<string, unknown>)[key], `${path}.${key}`);
      if (why) return why;
    }
    return null;
  }
  return Object.is(expected, actual) ? null : `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}
