/**
 * What an interview may carry as an attachment: which media types, how large, what names.
 * Pure: the caller hands in the bytes and the declared type and name; nothing is read or
 * stored here. The declared type is checked against the bytes' signature ("magic number"),
 * so that a file served back with that type is what it claims to be.
 */
import { sha256Hex } from '../crypto/sha256';
import { ValidationError } from '../domain/errors';

export const ATTACHMENT_MEDIA_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
] as const;
export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

export const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const FILE_NAME_MAX_CHARS = 200;

export interface AttachmentLimits {
  /** Largest attachment accepted, in bytes. */
  readonly maxBytes: number;
}

/** An attachment that passed the policy: what the ledger event records about it. */
export interface CheckedAttachment {
  /** Lowercase hex SHA-256 of the bytes: the content address. */
  readonly sha256: string;
  readonly name: string;
  readonly mediaType: AttachmentMediaType;
  readonly size: number;
}

export const isAttachmentMediaType = (value: unknown): value is AttachmentMediaType =>
  (ATTACHMENT_MEDIA_TYPES as readonly unknown[]).includes(value);

/** Text types are stored as they came; they must be UTF-8 so that they read back the same everywhere. */
export const isTextMediaType = (type: AttachmentMediaType): boolean => type.startsWith('text/');

/** A human-readable size: 10485760 → "10 MiB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

// Control characters (C0, DEL, C1), lone surrogates, and the bidirectional controls that make
// "invoice\u202Efdp.exe" display as "invoiceexe.pdf".
const FORBIDDEN_NAME_CHARS = /[\p{Cc}\p{Cs}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/**
 * A file name as shown to people and offered on download. Trimmed; 1..200 characters; no path
 * separators (a name with a directory part is refused, not cut down: the caller sent something
 * other than a file name) and no control characters.
 */
export function checkFileName(value: unknown): string {
  const invalid = (why: string) => new ValidationError(`fileName ${why}`, 'fileName', 'INVALID_FILE_NAME');
  if (typeof value !== 'string') throw invalid('is required');
  const name = value.trim();
  const chars = [...name].length;
  if (chars === 0) throw invalid('is required');
  if (chars > FILE_NAME_MAX_CHARS) throw invalid(`is longer than ${FILE_NAME_MAX_CHARS} characters`);
  if (/[/\\]/.test(name)) throw invalid('must be a plain file name, without a directory ("/" or "\\")');
  if (name === '.' || name === '..') throw invalid('must be a file name, not "." or ".."');
  if (FORBIDDEN_NAME_CHARS.test(name)) throw invalid('must not contain control characters');
  return name;
}

/**
 * The declared media type, without parameters and in lowercase ("Text/Plain; charset=utf-8" →
 * "text/plain"), if it is one of the allowed types.
 */
export function checkMediaType(value: unknown): AttachmentMediaType {
  const essence = typeof value === 'string' ? value.split(';', 1)[0]!.trim().toLowerCase() : '';
  if (!isAttachmentMediaType(essence)) {
    const shown = typeof value === 'string' && value.trim() ? `"${essence.slice(0, 100)}" is not allowed` : 'is required';
    throw new ValidationError(
      `the media type ${shown}; allowed: ${ATTACHMENT_MEDIA_TYPES.join(', ')}`,
      'mediaType',
      'ATTACHMENT_TYPE_FORBIDDEN',
    );
  }
  return essence;
}

/** Size limits alone, so that an upload can be refused before (or while) its body is read. */
export function checkAttachmentSize(size: number, limits: AttachmentLimits): void {
  if (!Number.isSafeInteger(limits.maxBytes) || limits.maxBytes < 1)
    throw new RangeError(`attachment limits: maxBytes must be a positive integer, got ${limits.maxBytes}`);
  if (size === 0) throw new ValidationError('the file is empty', 'file', 'ATTACHMENT_EMPTY');
  if (size > limits.maxBytes) throw attachmentTooLarge(limits);
}

export const attachmentTooLarge = (limits: AttachmentLimits): ValidationError =>
  new ValidationError(`the file is larger than the limit of ${formatBytes(limits.maxBytes)}`, 'file', 'ATTACHMENT_TOO_LARGE');

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/** Leading bytes of each binary type. PNG: ISO/IEC 15948 §5.2; JPEG: SOI + marker; OOXML: a ZIP local file header. */
const SIGNATURES: ReadonlyArray<readonly [AttachmentMediaType, (bytes: Uint8Array) => boolean]> = [
  ['image/png', (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  ['image/jpeg', (b) => startsWith(b, [0xff, 0xd8, 0xff])],
  ['image/gif', (b) => startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a'))],
  ['image/webp', (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)],
  ['application/pdf', (b) => startsWith(b, ascii('%PDF-'))],
];
const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8Text(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function matchesType(bytes: Uint8Array, type: AttachmentMediaType): boolean {
  if (isTextMediaType(type)) return isUtf8Text(bytes);
  if (type.startsWith('application/vnd.openxmlformats-officedocument.')) return startsWith(bytes, ZIP_LOCAL_HEADER);
  const signature = SIGNATURES.find(([t]) => t === type);
  return signature !== undefined && signature[1](bytes);
}

/** What the bytes look like, for the error message only. */
function sniff(bytes: Uint8Array): string | null {
  const found = SIGNATURES.find(([, test]) => test(bytes));
  if (found) return found[0];
  if (startsWith(bytes, ZIP_LOCAL_HEADER)) return 'a ZIP archive';
  if (isUtf8Text(bytes)) return 'text';
  return null;
}

/**
 * Checks an uploaded file against the policy and hashes it. Throws ValidationError with
 * ATTACHMENT_EMPTY / ATTACHMENT_TOO_LARGE (field `file`), INVALID_FILE_NAME (`fileName`),
 * ATTACHMENT_TYPE_FORBIDDEN (`mediaType`) or ATTACHMENT_TYPE_MISMATCH (`file`).
 */
export function checkAttachment(
  input: { fileName: unknown; mediaType: unknown; bytes: Uint8Array },
  limits: AttachmentLimits,
): CheckedAttachment {
  if (!(input.bytes instanceof Uint8Array)) throw new TypeError('checkAttachment: bytes must be a Uint8Array');
  checkAttachmentSize(input.bytes.length, limits);
  const name = checkFileName(input.fileName);
  const mediaType = checkMediaType(input.mediaType);
  if (!matchesType(input.bytes, mediaType)) {
    const looksLike = sniff(input.bytes);
    const what = isTextMediaType(mediaType) ? 'UTF-8 text without NUL bytes' : mediaType;
    throw new ValidationError(
      `the file's content is not ${what}${looksLike ? ` (it looks like ${looksLike})` : ''}; declare the type the file really has`,
      'file',
      'ATTACHMENT_TYPE_MISMATCH',
    );
  }
  return { sha256: sha256Hex(input.bytes), name, mediaType, size: input.bytes.length };
}
