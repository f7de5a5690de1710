import { canonicalJson as serverCanonicalJson } from '../../src/crypto/canonical-json';
import { canonicalJson as portableCanonicalJson } from '../../src/crypto/portable/canonical-json';

/** An IEEE-754 binary64 from its 16 hex digits, as RFC 8785 Appendix B lists them. */
const fromBits = (hex: string): number => Buffer.from(hex, 'hex').readDoubleBE(0);

/**
 * Every known answer runs through both import paths: the server's (a Buffer) and the portable
 * one the browser client and the domain use (a Uint8Array, viewed as a Buffer for the checks).
 */
describe.each([
  ['src/crypto/canonical-json.ts', serverCanonicalJson],
  ['src/crypto/portable/canonical-json.ts', (value: unknown): Buffer => Buffer.from(portableCanonicalJson(value))],
])('canonicalJson (RFC 8785, JSON Canonicalization Scheme) from %s', (path, canonicalJson) => {
  /** canonicalJson as text, for readable known answers. */
  const jcs = (value: unknown): string => canonicalJson(value).toString('utf8');

  describe('known answers from RFC 8785', () => {
    it('matches the §3.2.2 / §3.2.4 example: whitespace removed, keys sorted, numbers and strings normalised', () => {
      // RFC 8785 §3.2.2 input, exactly as printed there (parsed, as a JCS implementation would).
      const input = String.raw`{
        "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
        "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
        "literals": [null, true, false]
      }`;
      const out = canonicalJson(JSON.parse(input));
      // RFC 8785 §3.2.3 (text) and §3.2.4 (UTF-8 bytes).
      expect(out.toString('utf8')).toBe(
        String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
      );
      expect(out.toString('hex')).toBe(
        '7b226c69746572616c73223a5b6e756c6c2c747275652c66616c73655d2c226e756d62657273223a5b' +
          '3333333333333333332e333333333333332c31652b33302c342e352c302e3030322c31652d32375d2c' +
          '22737472696e67223a22e282ac245c75303030665c6e4127425c225c5c5c5c5c222f227d',
      );
    });

    it('sorts property names by UTF-16 code units, not code points (RFC 8785 §3.2.3 example)', () => {
      const input = String.raw`{
        "\u20ac": "Euro Sign",
        "\r": "Carriage Return",
        "\ufb33": "Hebrew Letter Dalet With Dagesh",
        "1": "One",
        "\ud83d\ude00": "Emoji: Grinning Face",
        "\u0080": "Control",
        "\u00f6": "Latin Small Letter O With Diaeresis"
      }`;
      // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FB33 although its code point is larger.
      expect(jcs(JSON.parse(input))).toBe(
        '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
          '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
      );
    });

    // RFC 8785 Appendix B: IEEE-754 bit patterns and their ES6 serialisation (§3.2.2.3).
    const appendixB: ReadonlyArray<[string, string]> = [
      ['0000000000000000', '0'],
      ['8000000000000000', '0'], // -0
      ['0000000000000001', '5e-324'],
      ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'],
      ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'],
      ['c340000000000000', '-9007199254740992'],
      ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'],
      ['44b52d02c7e14af6', '1e+23'],
      ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'],
      ['444b1ae4d6e2ef4f', '999999999999999900000'],
      ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
      ['3eb0c6f7a0b5ed8d', '0.000001'],
      ['41b3de4355555553', '333333333.3333332'],
      ['41b3de4355555554', '333333333.33333325'],
      ['41b3de4355555555', '333333333.3333333'],
      ['41b3de4355555556', '333333333.3333334'],
      ['41b3de4355555557', '333333333.33333343'],
      ['becbf647612f3696', '-0.0000033333333333333333'],
      ['43143ff3c1cb0959', '1424953923781206.2'],
    ];
    it.each(appendixB)('serialises binary64 %s as %s (RFC 8785 Appendix B)', (bits, text) => {
      expect(jcs(fromBits(bits))).toBe(text);
      expect(jcs([fromBits(bits)])).toBe(`[${text}]`);
    });
  });

  describe('numbers (RFC 8785 §3.2.2.3, ECMAScript Number::toString)', () => {
    it.each<[number, string]>([
      [1e21, '1e+21'],
      [1e20, '100000000000000000000'],
      [1e-7, '1e-7'],
      [1e-6, '0.000001'],
      [0.1, '0.1'],
      [-0, '0'],
      [4.5, '4.5'],
      [100, '100'],
      [-1.5e-300, '-1.5e-300'],
      [0.1 + 0.2, '0.30000000000000004'],
    ])('%p -> %s', (value, text) => {
      expect(jcs({ n: value })).toBe(`{"n":${text}}`);
    });

    it('parses 1E-7 written with a capital E and serialises it in lower case', () => {
      expect(jcs(JSON.parse('{"n":1E-7,"m":1E21,"z":-0.0}'))).toBe('{"m":1e+21,"n":1e-7,"z":0}');
    });
  });

  describe('strings (RFC 8785 §3.2.2.2)', () => {
    it('escapes exactly the control characters, quote and backslash, with the short forms where JSON has them', () => {
      const controls = Array.from({ length: 0x20 }, (_, c) => String.fromCharCode(c)).join('');
      const shortForms: Record<number, string> = { 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r' };
      const expected = Array.from({ length: 0x20 }, (_, c) => shortForms[c] ?? `\\u${c.toString(16).padStart(4, '0')}`).join('');
      expect(jcs(controls)).toBe(`"${expected}"`);
      expect(jcs('"\\')).toBe('"\\"\\\\"');
    });

    it('does not escape "/", DEL, U+2028 or any other non-control character', () => {
      expect(jcs('a/b\u007f\u2028\u2029')).toBe('"a/b\u007f\u2028\u2029"');
    });

    it('keeps Chinese text (and other non-ASCII) as raw UTF-8, never as \\u escapes', () => {
      const out = canonicalJson({ 绩效: '绩效面谈', emoji: '👍' });
      expect(out.toString('utf8')).toBe('{"emoji":"👍","绩效":"绩效面谈"}');
      // 绩 U+7EE9 = e7 bb a9, 效 U+6548 = e6 95 88, 👍 U+1F44D = f0 9f 91 8d (RFC 3629 §3).
      expect(out.toString('hex')).toContain('22e7bba9e69588223a');
      expect(out.toString('hex')).toContain('22f09f918d22');
      expect(out.includes('\\u')).toBe(false);
    });
  });

  describe('structure', () => {
    it('sorts keys at every depth and keeps array order', () => {
      expect(jcs({ b: [3, 1, { z: 1, a: 2 }], a: { d: null, c: true } })).toBe('{"a":{"c":true,"d":null},"b":[3,1,{"a":2,"z":1}]}');
    });

    it('orders integer-like keys as strings ("10" < "9" < "B" < "_" < "a"), not the way JS objects enumerate them', () => {
      expect(jcs({ a: 1, _: 2, B: 3, 9: 4, 10: 5 })).toBe('{"10":5,"9":4,"B":3,"_":2,"a":1}');
    });

    it('gives the same bytes for the same value whatever the insertion order', () => {
      expect(canonicalJson({ x: 1, y: { p: 1, q: 2 } }).equals(canonicalJson({ y: { q: 2, p: 1 }, x: 1 }))).toBe(true);
    });

    it('serialises empty containers, literals and top-level scalars', () => {
      expect(jcs({ a: [], b: {}, c: null, d: false, e: '' })).toBe('{"a":[],"b":{},"c":null,"d":false,"e":""}');
      expect(jcs('x')).toBe('"x"');
      expect(jcs(null)).toBe('null');
      expect(jcs(true)).toBe('true');
    });

    it('accepts objects without a prototype, as JSON parsers may build them', () => {
      const bare = Object.create(null) as Record<string, unknown>;
      bare.b = 1;
      bare.a = 2;
      expect(jcs(bare)).toBe('{"a":2,"b":1}');
    });

    it('returns bytes that parse back to the same value (a Buffer from the server path)', () => {
      const value = { meta: { at: '2026-01-01T00:00:00.000Z', roles: ['hr'] }, n: 0.5, s: '面谈\n' };
      const out = canonicalJson(value);
      if (path === 'src/crypto/canonical-json.ts') expect(Buffer.isBuffer(out)).toBe(true);
      expect(JSON.parse(out.toString('utf8'))).toEqual(value);
    });
  });

  describe('rejects what has no faithful JSON form (RFC 8785 §3.2.2.3; RFC 8259 §6)', () => {
    class Money {
      constructor(readonly cents: number) {}
    }

    it.each<[string, unknown, RegExp]>([
      ['NaN', NaN, /\$ is not a finite number/],
      ['Infinity', Infinity, /\$ is not a finite number/],
      ['-Infinity', { a: -Infinity }, /\$\.a is not a finite number/],
      ['NaN nested in an array', { a: [1, NaN] }, /\$\.a\[1\] is not a finite number/],
      ['undefined at the top', undefined, /undefined/],
      ['an undefined property', { a: 1, b: undefined }, /\$\.b is undefined/],
      ['undefined in an array', [1, undefined], /\$\[1\] has type undefined/],
      ['a bigint', { n: 10n }, /\$\.n has type bigint/],
      ['a function', { f: () => 1 }, /\$\.f has type function/],
      ['a symbol', { s: Symbol('s') }, /\$\.s has type symbol/],
      ['a class instance', { m: new Money(100) }, /\$\.m is not a plain object/],
      ['a Date (which has toJSON)', { at: new Date(0) }, /\$\.at is not a plain object/],
      ['a Map', new Map([['a', 1]]), /\$ is not a plain object/],
      ['a Buffer', { b: Buffer.from('x') }, /\$\.b is not a plain object/],
      ['a boxed string', { s: new String('x') }, /\$\.s is not a plain object/],
    ])('rejects %s with a TypeError naming the path', (_name, value, message) => {
      expect(() => canonicalJson(value)).toThrow(TypeError);
      expect(() => canonicalJson(value)).toThrow(message);
    });
  });

  describe('sparse arrays', () => {
    it('rejects holes rather than dropping them from the signed bytes', () => {
      // eslint-disable-next-line no-sparse-arrays
      expect(() => canonicalJson([1, , 3])).toThrow('$[1] is a hole');
      // eslint-disable-next-line no-sparse-arrays
      expect(() => canonicalJson({ a: [, 1] })).toThrow(TypeError);
    });
  });
});

describe('portable canonicalJson', () => {
  it('returns a plain Uint8Array and names the caller in its errors', () => {
    expect(Buffer.isBuffer(portableCanonicalJson({ a: 1 }))).toBe(false);
    expect(() => portableCanonicalJson({ a: NaN }, 'signed content')).toThrow('signed content: $.a is not a finite number');
  });
});
