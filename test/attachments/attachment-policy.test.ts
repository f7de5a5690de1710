import { createHash } from 'node:crypto';
import {
  ATTACHMENT_MEDIA_TYPES,
  checkAttachment,
  DEFAULT_ATTACHMENT_MAX_BYTES,
  FILE_NAME_MAX_CHARS,
} from '../../src/attachments/attachment-policy';
import { ValidationError } from '../../src/domain/errors';

const limits = { maxBytes: DEFAULT_ATTACHMENT_MAX_BYTES };
const bytesOf = (...parts: Array<number[] | string>): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

/** The smallest honest sample of each allowed type: its signature and a little payload. */
const SAMPLES: Record<string, Uint8Array> = {
  'image/png': bytesOf([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], 'IHDR'),
  'image/jpeg': bytesOf([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF\0'),
  'image/gif': bytesOf('GIF89a', [1, 0, 1, 0]),
  'image/webp': bytesOf('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '),
  'application/pdf': bytesOf('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'),
  'text/plain': Buffer.from('绩效面谈记录：问题描述\n第二行\n', 'utf8'),
  'text/csv': Buffer.from('姓名,部门\n张伟,生产部\n', 'utf8'),
  [DOCX]: bytesOf('PK', [3, 4, 20, 0], '[Content_Types].xml'),
  [XLSX]: bytesOf('PK', [3, 4, 20, 0], 'xl/workbook.xml'),
  [PPTX]: bytesOf('PK', [3, 4, 20, 0], 'ppt/presentation.xml'),
};

function rejection(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('checkAttachment', () => {
  it.each(ATTACHMENT_MEDIA_TYPES.map((type) => [type]))('accepts %s whose bytes match, and hashes them', (type) => {
    const bytes = SAMPLES[type]!;
    expect(checkAttachment({ fileName: ' 问题截图 (1).x ', mediaType: type, bytes }, limits)).toEqual({
      sha256: createHash('sha256').update(bytes).digest('hex'),
      name: '问题截图 (1).x',
      mediaType: type,
      size: bytes.length,
    });
  });

  it('covers exactly the ten allowed types', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...ATTACHMENT_MEDIA_TYPES].sort());
    expect(ATTACHMENT_MEDIA_TYPES).toHaveLength(10);
  });

  it('reads the media type without parameters and case', () => {
    const bytes = SAMPLES['text/plain']!;
    expect(checkAttachment({ fileName: 'a.txt', mediaType: 'Text/Plain; charset=UTF-8', bytes }, limits).mediaType).toBe('text/plain');
  });

  it('refuses an empty file', () => {
    const error = rejection(() => checkAttachment({ fileName: 'a.png', mediaType: 'image/png', bytes: new Uint8Array(0) }, limits));
    expect(error).toMatchObject({ code: 'ATTACHMENT_EMPTY', field: 'file' });
  });

  it('refuses a file over the limit and names the limit; accepts one exactly at it', () => {
    const atLimit = new Uint8Array(1024).fill(0x41);
    expect(checkAttachment({ fileName: 'a.txt', mediaType: 'text/plain', bytes: atLimit }, { maxBytes: 1024 }).size).toBe(1024);
    const over = new Uint8Array(1025).fill(0x41);
    const error = rejection(() => checkAttachment({ fileName: 'a.txt', mediaType: 'text/plain', bytes: over }, { maxBytes: 1024 }));
    expect(error).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE', field: 'file' });
    expect(error.message).toContain('1 KiB');
    const defaultLimit = rejection(() =>
      checkAttachment(
        { fileName: 'a.txt', mediaType: 'text/plain', bytes: new Uint8Array(DEFAULT_ATTACHMENT_MAX_BYTES + 1).fill(0x41) },
        limits,
      ),
    );
    expect(defaultLimit.message).toContain('10 MiB');
  });

  it.each([
    ['image/svg+xml'],
    ['application/x-msdownload'],
    ['text/html'],
    ['application/zip'],
    ['application/msword'],
    [''],
    [undefined],
    [42],
  ])('refuses the media type %p and lists the allowed ones', (mediaType) => {
    const error = rejection(() => checkAttachment({ fileName: 'a.png', mediaType, bytes: SAMPLES['image/png']! }, limits));
    expect(error).toMatchObject({ code: 'ATTACHMENT_TYPE_FORBIDDEN', field: 'mediaType' });
    for (const type of ATTACHMENT_MEDIA_TYPES) expect(error.message).toContain(type);
  });

  it.each([
    ['image/png', 'application/pdf', /looks like application\/pdf/],
    ['image/jpeg', 'image/png', /looks like image\/png/],
    ['image/gif', 'image/webp', /looks like image\/webp/],
    ['image/webp', 'image/gif', /looks like image\/gif/],
    ['application/pdf', 'text/plain', /looks like text/],
    [DOCX, 'application/pdf', /looks like application\/pdf/],
    [XLSX, 'image/jpeg', /looks like image\/jpeg/],
    [PPTX, 'text/csv', /looks like text/],
    ['text/plain', 'image/png', /UTF-8 text/],
    ['text/csv', DOCX, /a ZIP archive/],
  ])('refuses %s whose bytes are %s', (declared, actual, message) => {
    const error = rejection(() => checkAttachment({ fileName: 'f', mediaType: declared, bytes: SAMPLES[actual]! }, limits));
    expect(error).toMatchObject({ code: 'ATTACHMENT_TYPE_MISMATCH', field: 'file' });
    expect(error.message).toMatch(message);
  });

  it('refuses text that is not UTF-8 or holds a NUL byte', () => {
    for (const bytes of [
      bytesOf('abc', [0xff, 0xfe], 'def'),
      bytesOf('abc', [0xe4, 0xb8]),
      bytesOf('a', [0], 'b'),
      Buffer.from('第一行\u0000', 'utf8'),
    ]) {
      const error = rejection(() => checkAttachment({ fileName: 'a.csv', mediaType: 'text/csv', bytes }, limits));
      expect(error.code).toBe('ATTACHMENT_TYPE_MISMATCH');
    }
  });

  it('refuses a truncated signature', () => {
    const error = rejection(() =>
      checkAttachment({ fileName: 'a.png', mediaType: 'image/png', bytes: bytesOf([0x89, 0x50, 0x4e, 0x47]) }, limits),
    );
    expect(error.code).toBe('ATTACHMENT_TYPE_MISMATCH');
  });

  it.each([
    ['missing', undefined],
    ['not text', 7],
    ['empty', ''],
    ['blank', '   '],
    ['too long', 'x'.repeat(FILE_NAME_MAX_CHARS + 1)],
    ['a directory part', 'reports/q3.png'],
    ['a Windows directory part', 'C:\\Users\\a\\q3.png'],
    ['a parent reference', '../q3.png'],
    ['a dot', '.'],
    ['two dots', '..'],
    ['a newline', 'a\nb.png'],
    ['a NUL', 'a\u0000.png'],
    ['DEL', 'a\u007f.png'],
    ['a C1 control', 'a\u0085.png'],
    ['a right-to-left override', 'invoice\u202Egnp.exe'],
    ['a lone surrogate', 'a\ud800.png'],
  ])('refuses a file name that is %s', (_label, fileName) => {
    const error = rejection(() => checkAttachment({ fileName, mediaType: 'image/png', bytes: SAMPLES['image/png']! }, limits));
    expect(error).toMatchObject({ code: 'INVALID_FILE_NAME', field: 'fileName' });
  });

  it('counts a name in characters, not UTF-16 units', () => {
    const name = '😀'.repeat(FILE_NAME_MAX_CHARS);
    expect(checkAttachment({ fileName: name, mediaType: 'image/png', bytes: SAMPLES['image/png']! }, limits).name).toBe(name);
  });
});
