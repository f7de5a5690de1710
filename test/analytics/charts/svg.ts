/**
 * Just enough of an SVG reader for the chart tests: a well-formedness check (tags balance,
 * attributes quoted, text escaped), the text labels, and the geometry of the shapes ECharts tags
 * as a series' data (`ecmeta_series_index`, `ecmeta_data_index`).
 */

const TAG = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*="[^"<]*")*)\s*(\/?)>/y;
const CDATA = /<!\[CDATA\[[\s\S]*?\]\]>/y;
const TEXT = /^(?:[^<&]|&(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)*$/;

export interface Element {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  /** The element's own text (unescaped) when it holds text only. */
  readonly text: string;
}

const unescape = (s: string): string =>
  s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[e]!;
  });

/** Reads the document, throwing on the first thing that is not well-formed; returns every element. */
export function parseSvg(svg: string): Element[] {
  if (!svg.startsWith('<svg')) throw new Error('does not start with <svg');
  if (!svg.trimEnd().endsWith('</svg>')) throw new Error('does not end with </svg>');
  const elements: Element[] = [];
  const open: { name: string; attrs: Record<string, string>; from: number }[] = [];
  let at = 0;
  while (at < svg.length) {
    const lt = svg.indexOf('<', at);
    const text = svg.slice(at, lt === -1 ? svg.length : lt);
    if (!TEXT.test(text)) throw new Error(`unescaped text at ${at}: ${text.slice(0, 40)}`);
    if (lt === -1) break;
    CDATA.lastIndex = lt;
    if (CDATA.test(svg)) {
      at = CDATA.lastIndex;
      continue;
    }
    TAG.lastIndex = lt;
    const m = TAG.exec(svg);
    if (!m) throw new Error(`malformed tag at ${lt}: ${svg.slice(lt, lt + 60)}`);
    const [, closing, name, attrText, selfClosing] = m as unknown as [string, string, string, string, string];
    if (closing) {
      const top = open.pop();
      if (!top || top.name !== name) throw new Error(`</${name}> closes <${top?.name ?? 'nothing'}>`);
      const inner = svg.slice(top.from, lt);
      elements.push({ name, attrs: top.attrs, text: inner.includes('<') ? '' : unescape(inner) });
    } else {
      const attrs: Record<string, string> = {};
      for (const [, k, v] of attrText.matchAll(/([A-Za-z_][\w:.-]*)="([^"]*)"/g)) {
        if (k! in attrs) throw new Error(`attribute ${k} twice on <${name}>`);
        attrs[k!] = unescape(v!);
      }
      if (selfClosing) elements.push({ name, attrs, text: '' });
      else open.push({ name, attrs, from: TAG.lastIndex });
    }
    at = TAG.lastIndex;
  }
  if (open.length > 0) throw new Error(`<${open[open.length - 1]!.name}> is never closed`);
  if (elements.filter((e) => e.name === 'svg').length !== 1) throw new Error('not one <svg> root');
  return elements;
}

/** The text of every `<text>` element, in document order. */
export function texts(svg: string): string[] {
  return parseSvg(svg)
    .filter((e) => e.name === 'text')
    .map((e) => e.text);
}

export interface Shape extends Element {
  readonly series: number;
  readonly data: number;
}

/** The shapes that draw a series' data (bars, slices, radar polygons, line symbols), in document order. */
export function dataShapes(svg: string): Shape[] {
  return parseSvg(svg)
    .filter((e) => e.attrs['ecmeta_ssr_type'] === 'chart')
    .map((e) => ({ ...e, series: Number(e.attrs['ecmeta_series_index']), data: Number(e.attrs['ecmeta_data_index']) }));
}

export type Point = readonly [number, number];

/** The points a path's `d` passes through (end points only for arcs), for M, L, H, V, A, Z in either case. */
export function pathPoints(d: string): Point[] {
  const tokens = d.match(/[MmLlHhVvAaZz]|-?\d*\.?\d+(?:e-?\d+)?/g) ?? [];
  const points: Point[] = [];
  let x = 0;
  let y = 0;
  let start: Point = [0, 0];
  let command = '';
  for (let i = 0; i < tokens.length;) {
    if (/[A-Za-z]/.test(tokens[i]!)) command = tokens[i++]!;
    const n = () => Number(tokens[i++]);
    const rel = command === command.toLowerCase();
    switch (command.toUpperCase()) {
      case 'M':
      case 'L': {
        const dx = n();
        const dy = n();
        x = rel ? x + dx : dx;
        y = rel ? y + dy : dy;
        if (command.toUpperCase() === 'M') start = [x, y];
        break;
      }
      case 'H':
        x = rel ? x + n() : n();
        break;
      case 'V':
        y = rel ? y + n() : n();
        break;
      case 'A': {
        i += 5;
        const ex = n();
        const ey = n();
        x = rel ? x + ex : ex;
        y = rel ? y + ey : ey;
        break;
      }
      case 'Z':
        [x, y] = start;
        break;
      default:
        throw new Error(`path command ${command} not read here`);
    }
    points.push([x, y]);
  }
  return points;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export function box(points: readonly Point[]): Box {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

/** The bounding box of a bar (a `path` drawn as a rectangle). */
export function barBox(shape: Element): Box {
  if (shape.name !== 'path' || !shape.attrs['d']) throw new Error(`not a path: <${shape.name}>`);
  return box(pathPoints(shape.attrs['d']));
}

/** The bars of one series, by data index. */
export function bars(svg: string, series: number): Box[] {
  const out: Box[] = [];
  for (const s of dataShapes(svg)) if (s.series === series && s.name === 'path') out[s.data] = barBox(s);
  return out;
}

/** The vertices of a `polyline`/`polygon`. */
export function polyPoints(shape: Element): Point[] {
  const n = (shape.attrs['points'] ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  const out: Point[] = [];
  for (let i = 0; i + 1 < n.length; i += 2) out.push([n[i]!, n[i + 1]!]);
  return out;
}

/** Where a symbol (a line's point marker) is drawn: the translation of its `transform` matrix. */
export function symbolCentre(shape: Element): Point {
  const m = /matrix\(([^)]*)\)/.exec(shape.attrs['transform'] ?? '');
  if (!m) throw new Error(`<${shape.name}> has no transform matrix`);
  const [, , , , e, f] = m[1]!.split(',').map(Number);
  return [e!, f!];
}
