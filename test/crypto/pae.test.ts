import { pae as serverPae } from '../../src/crypto/pae';
import { pae as portablePae, PAE_VERSION, paeHeader, paeInto, paeSize } from '../../src/crypto/portable/pae';
import { EVENT_PAYLOAD_TYPE } from '../../src/ledger/event-body';

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

/**
 * Every known answer runs through both import paths: the server's (a Buffer) and the portable
 * one the browser client and the domain use (a Uint8Array, viewed as a Buffer for the checks).
 */
describe.each([
  ['src/crypto/pae.ts', serverPae],
  ['src/crypto/portable/pae.ts', (type: string, body: Uint8Array): Buffer => Buffer.from(portablePae(type, body))],
])('pae (DSSE v1 pre-authentication encoding) from %s', (_path, pae) => {
  it('matches the DSSE protocol test vector (secure-systems-lab/dsse protocol.md, "Test Vectors")', () => {
    const out = pae('http://example.com/HelloWorld', utf8('hello world'));
    expect(out.toString('utf8')).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
    expect(out.toString('hex')).toBe(
      '445353457631203239206874' + // "DSSEv1 29 ht"
        '74703a2f2f6578616d706c652e636f6d2f48656c6c6f576f726c64' + // "tp://example.com/HelloWorld"
        '20313120' + // " 11 "
        '68656c6c6f20776f726c64', // "hello world"
    );
  });

  it('counts LEN(body) in bytes, not characters: 4 Chinese characters are 12 UTF-8 bytes', () => {
    const body = utf8('绩效面谈');
    expect(body.length).toBe(12);
    const out = pae('t', body);
    expect(out.toString('utf8')).toBe('DSSEv1 1 t 12 绩效面谈');
    expect(out.subarray(0, 14).toString('ascii')).toBe('DSSEv1 1 t 12 ');
    expect(out.subarray(14).equals(body)).toBe(true);
  });

  it('counts LEN(type) in UTF-8 bytes too', () => {
    const out = pae('类型', utf8('中文'));
    expect(
      out.equals(Buffer.concat([utf8('DSSEv1 6 '), Buffer.from('e7b1bbe59e8b', 'hex'), utf8(' 6 '), Buffer.from('e4b8ade69687', 'hex')])),
    ).toBe(true);
  });

  it('counts a 4-byte character (outside the BMP, two UTF-16 units) as 4 bytes', () => {
    expect(pae('x', utf8('👍')).toString('utf8')).toBe('DSSEv1 1 x 4 👍');
  });

  it('writes lengths in decimal without leading zeros, and an empty body as length 0', () => {
    expect(pae('abc', Buffer.alloc(0)).toString('utf8')).toBe('DSSEv1 3 abc 0 ');
    expect(pae('abc', Buffer.alloc(100, 0x61)).subarray(0, 16).toString('utf8')).toBe('DSSEv1 3 abc 100');
    expect(pae('a'.repeat(1000), Buffer.from('b')).subarray(0, 12).toString('utf8')).toBe('DSSEv1 1000 ');
  });

  it('passes arbitrary (non-UTF-8) body bytes through verbatim', () => {
    const body = Buffer.from([0xff, 0x00, 0xfe, 0x20]);
    const out = pae('t', body);
    expect(out.equals(Buffer.concat([utf8('DSSEv1 1 t 4 '), body]))).toBe(true);
  });

  it('prefixes ledger events with the versioned event payload type (47 bytes)', () => {
    expect(EVENT_PAYLOAD_TYPE).toBe('application/vnd.interview-ledger.event+json;v=1');
    expect(pae(EVENT_PAYLOAD_TYPE, utf8('{}')).toString('utf8')).toBe('DSSEv1 47 application/vnd.interview-ledger.event+json;v=1 2 {}');
  });

  it('binds the type: the same body under another payload type gives other bytes', () => {
    const body = utf8('{"a":1}');
    expect(pae(EVENT_PAYLOAD_TYPE, body).equals(pae('application/vnd.interview-ledger.event+json;v=2', body))).toBe(false);
  });

  it('rejects a non-string type and a non-byte body with labelled errors', () => {
    expect(() => pae(1 as unknown as string, utf8('x'))).toThrow(/pae payloadType: expected string/);
    expect(() => pae('t', 'x' as unknown as Uint8Array)).toThrow(/pae body: expected Uint8Array/);
  });
});

describe('portable pae: the shared layout', () => {
  it('returns a plain Uint8Array (what a browser has), and the server wraps the same bytes', () => {
    const out = portablePae('t', utf8('x'));
    expect(Buffer.isBuffer(out)).toBe(false);
    expect(out).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(out).equals(serverPae('t', utf8('x')))).toBe(true);
  });

  it('splits PAE into a per-type header and LEN(body) SP body', () => {
    expect(PAE_VERSION).toBe('DSSEv1');
    const header = paeHeader(EVENT_PAYLOAD_TYPE);
    expect(Buffer.from(header).toString('utf8')).toBe('DSSEv1 47 application/vnd.interview-ledger.event+json;v=1 ');
    expect(Buffer.from(paeHeader('类型')).toString('hex')).toBe(Buffer.from('DSSEv1 6 类型 ').toString('hex'));
    expect(paeSize(header, 0)).toBe(header.length + 2);
    expect(paeSize(header, 9)).toBe(header.length + 2 + 9);
    expect(paeSize(header, 10)).toBe(header.length + 3 + 10);
  });

  it('writes messages side by side into one buffer, each equal to pae() of its body', () => {
    const header = paeHeader(EVENT_PAYLOAD_TYPE);
    const bodies = [utf8('{}'), utf8(''), utf8('绩效面谈'), Buffer.alloc(1000, 0x61)];
    const sizes = bodies.map((b) => paeSize(header, b.length));
    const out = new Uint8Array(sizes.reduce((a, b) => a + b, 0) + 3).fill(0xee);
    let at = 3;
    for (const [i, body] of bodies.entries()) {
      expect(paeInto(header, body, out, at)).toBe(sizes[i]);
      expect(Buffer.from(out.subarray(at, at + sizes[i]!)).equals(serverPae(EVENT_PAYLOAD_TYPE, body))).toBe(true);
      at += sizes[i]!;
    }
    expect([...out.subarray(0, 3)]).toEqual([0xee, 0xee, 0xee]); // nothing written before the offset
  });

  it('refuses to write past the end of the output, and asserts its inputs', () => {
    const header = paeHeader('t');
    expect(() => paeInto(header, utf8('abc'), new Uint8Array(paeSize(header, 3) - 1), 0)).toThrow(
      'pae out: 16 bytes do not fit at offset 0 of 15',
    );
    expect(() => paeInto(header, utf8('abc'), new Uint8Array(20), -1)).toThrow(RangeError);
    expect(() => paeInto('t' as unknown as Uint8Array, utf8('abc'), new Uint8Array(20), 0)).toThrow(/pae header: expected Uint8Array/);
    expect(() => paeSize(header, 1.5)).toThrow(/pae body length/);
    expect(() => paeHeader(undefined as unknown as string)).toThrow(/pae payloadType: expected string/);
  });
});
