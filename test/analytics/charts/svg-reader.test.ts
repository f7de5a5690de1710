import { barBox, parseSvg, pathPoints, texts } from './svg';

// The chart tests lean on this reader; it has to refuse what a browser's XML parser would refuse.
describe('the test SVG reader', () => {
  it('reads a document: text unescaped, CDATA skipped', () => {
    const svg = '<svg a="1"><text x="1">&lt;b&gt; &amp; 面谈</text><style><![CDATA[ a < b ]]></style><path d="M0 0"/></svg>';
    expect(texts(svg)).toEqual(['<b> & 面谈']);
  });

  it.each([
    ['an attribute broken by a double quote', '<svg><text style="font-family:"Noto Sans"">x</text></svg>'],
    ['raw markup in text', '<svg><text><script>x</script></text></svg>'.replace('<script>x</script>', '<script>')],
    ['a bare ampersand', '<svg><text>a & b</text></svg>'],
    ['an unclosed element', '<svg><g><text>x</text></svg>'],
    ['a crossed close', '<svg><g><text>x</g></text></svg>'],
    ['a duplicate attribute', '<svg><text x="1" x="2">x</text></svg>'],
    ['something other than svg', '<html></html>'],
  ])('refuses %s', (_, svg) => {
    expect(() => parseSvg(svg)).toThrow();
  });

  it('reads the box of a bar drawn with relative moves', () => {
    expect(barBox({ name: 'path', attrs: { d: 'M124.9 320l155.3 0l0 -127.5l-155.2 0Z' }, text: '' })).toEqual({
      x: 124.9,
      y: 192.5,
      width: expect.closeTo(155.3, 5),
      height: 127.5,
    });
    expect(pathPoints('M10 10A5 5 0 0 1 20 20L30 30Z')).toEqual([
      [10, 10],
      [20, 20],
      [30, 30],
      [10, 10],
    ]);
  });
});
