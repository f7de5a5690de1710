/**
 * Storing an attachment: check it (type, bytes, size, name), put the bytes in the attachment
 * store, record it on the interview. Shared by the HTTP upload route and the GraphQL mutation;
 * each first checks that the caller may see the interview, so that strangers cannot fill the
 * store with orphans.
 *
 * Bytes go in before the event: the ledger never names an object the store lacks. If the
 * append then fails (forbidden, locked, conflict), the stored object is an orphan, which is
 * harmless: it is addressed by its hash, served only through an interview that lists it, and a
 * later upload of the same file reuses it.
 */
import { checkAttachment } from '../attachments/attachment-policy';
import type { CommandMeta } from '../domain/command';
import type { ExistingInterview } from '../domain/interview/interview';
import type { App } from './services';
import { addInterviewAttachment } from './interview-service';

export interface StoredAttachment {
  readonly sha256: string;
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
  readonly interview: ExistingInterview;
}

export async function storeAttachment(
  app: Pick<App, 'attachments' | 'commands' | 'projector' | 'readModels' | 'config'>,
  meta: CommandMeta,
  input: { interviewId: string; fileName: unknown; mediaType: unknown; bytes: Uint8Array },
): Promise<StoredAttachment> {
  const checked = checkAttachment(
    { fileName: input.fileName, mediaType: input.mediaType, bytes: input.bytes },
    { maxBytes: app.config.attachmentMaxBytes },
  );
  await app.attachments.put(checked.sha256, input.bytes);
  const interview = await addInterviewAttachment(app, meta, { interviewId: input.interviewId, ...checked });
  return { ...checked, interview };
}
