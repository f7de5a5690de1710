/**
 * The attachment policy as the console checks it before uploading: the server's list of media
 * types and its default size limit (src/attachments/attachment-policy.ts cannot be imported
 * here: it hashes with node:crypto). A component test keeps these equal to the server's.
 * The server checks again (and its ATTACHMENT_MAX_BYTES may differ): its refusal is shown too.
 */
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

export const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** Browsers leave `type` empty for some files: guess from the extension. */
const BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

export function mediaTypeOf(file: { name: string; type: string }): string {
  const declared = file.type.split(';', 1)[0]!.trim().toLowerCase();
  if (declared) return declared;
  const ext = file.name.toLowerCase().split('.').pop() ?? '';
  return BY_EXTENSION[ext] ?? '';
}

export type AttachmentProblem = 'ATTACHMENT_TYPE_FORBIDDEN' | 'ATTACHMENT_TOO_LARGE' | 'ATTACHMENT_EMPTY';

/** What the server would refuse about this file before reading it, or null. */
export function attachmentProblem(
  file: { name: string; type: string; size: number },
  maxBytes = DEFAULT_ATTACHMENT_MAX_BYTES,
): AttachmentProblem | null {
  if (file.size === 0) return 'ATTACHMENT_EMPTY';
  if (file.size > maxBytes) return 'ATTACHMENT_TOO_LARGE';
  if (!(ATTACHMENT_MEDIA_TYPES as readonly string[]).includes(mediaTypeOf(file))) return 'ATTACHMENT_TYPE_FORBIDDEN';
  return null;
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${bytes} B`;
}
