/**
 * The README and the docs link only to files in this repository (relative links that
 * resolve) or to the web; never to a path outside the clone.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const DOCUMENTS = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f)),
];

/** Targets of Markdown links and images, `[text](target)` and `[text]: target`, outside code. */
function linkTargets(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '``');
  const inline = [...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  const reference = [...prose.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]!);
  return [...inline, ...reference];
}

/** GitHub's anchor for a heading. */
const anchor = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

describe.each(DOCUMENTS)('links in %s', (document) => {
  const text = readFileSync(join(ROOT, document), 'utf8');
  const targets = linkTargets(text);

  it('resolve to files in the repository (or to the web)', () => {
    const broken: string[] = [];
    for (const target of targets) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
        if (!/^(https?|mailto):/i.test(target)) broken.push(`${target}: not a web link`);
        continue;
      }
      const [path, fragment] = target.split('#') as [string, string | undefined];
      const file = path === '' ? join(ROOT, document) : resolve(ROOT, dirname(document), decodeURIComponent(path));
      const inside = relative(ROOT, file);
      if (inside.startsWith('..') || resolve(ROOT, inside) !== file) broken.push(`${target}: outside the repository`);
      else if (!existsSync(file)) broken.push(`${target}: no such file`);
      else if (fragment && file.endsWith('.md')) {
        const headings = [
          ...readFileSync(file, 'utf8')
            .replace(/```[\s\S]*?```/g, '')
            .matchAll(/^#{1,6}\s+(.+)$/gm),
        ].map((m) => anchor(m[1]!));
        if (!headings.includes(fragment)) broken.push(`${target}: no heading #${fragment}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('link extraction', () => {
  it('sees inline and reference links, not code', () => {
    expect(
      linkTargets('a [x](../shared/DESIGN.md) b [y](docs/a.md#b "t")\n[r]: https://example.com\n`[z](no.md)`\n```\n[w](no2.md)\n```\n'),
    ).toEqual(['../shared/DESIGN.md', 'docs/a.md#b', 'https://example.com']);
  });
});
