/**
 * Storing an attachment: check it (type, bytes, size, name) and the uploader's daily quota,
 * stage the bytes in the attachment store, let the command decide, then commit or discard
 * them. Shared by the HTTP upload route and the GraphQL mutation; each first checks that the
 * caller may see the interview.
 *
 * Refused uploads leave nothing behind. Every refusal that needs no record (type, size, name,
 * quota) comes before a byte is written; the bytes are then staged (written and fsynced to
 * the store's staging area, which no read sees) and the AddInterviewAttachment command runs.
 * If it is refused (locked, forbidden, a conflict) the staged bytes are discarded; once the
 * event is appended they are committed (an atomic rename, or one document update) before
 * read models are waited for, so that no client learns of the attachment before its bytes
 * can be served.
 *
 * Crash safety: a process that dies after the append and before the commit leaves an event
 * that names bytes that are staged, not committed. Each staged upload carries its interview's
 * id, so `settleStagedAttachments` (run when the server starts) reads that interview's stream:
 * bytes the ledger names are committed, whatever their age; bytes it does not name are
 * discarded once older than STAGED_GRACE_MS (younger ones may belong to an upload in flight on
 * another instance). Staging before the append also means the ledger never names bytes that
 * were never durably written. Nothing committed is ever deleted: an object in the store is
 * always one that some record names.
 */
import { checkAttachment } from '../attachments/attachment-policy';
import type { StagedAttachment } from '../attachments/attachment-store';
import type { CommandMeta } from '../domain/command';
import { RuleError } from '../domain/errors';
import { interviewStream, type ExistingInterview } from '../domain/interview/interview';
import { UPLOAD_USAGE, uploadUsageId, utcDay, type UploadUsageDoc } from '../projections/upload-usage.projection';
import type { App } from './services';
import { settle } from './interview-service';
import { interviewDecider } from './deciders';

/** Staged bytes no record names are kept this long (ms) before a sweep discards them. */
export const STAGED_GRACE_MS = 15 * 60_000;

export interface StoredAttachment {
  readonly sha256: string;
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
  readonly interview: ExistingInterview;
}

type Services = Pick<App, 'attachments' | 'commands' | 'projector' | 'readModels' | 'config' | 'log' | 'meters'>;

export async function storeAttachment(
  app: Services,
  meta: CommandMeta,
  input: { interviewId: string; fileName: unknown; mediaType: unknown; bytes: Uint8Array },
): Promise<StoredAttachment> {
  const checked = checkAttachment(
    { fileName: input.fileName, mediaType: input.mediaType, bytes: input.bytes },
    { maxBytes: app.config.attachmentMaxBytes },
  );
  await assertWithinQuota(app, meta, checked.size);
  const staged = await app.attachments.stage(checked.sha256, input.bytes, input.interviewId);
  let result;
  try {
    result = await app.commands.handle(interviewStream(input.interviewId), interviewDecider, {
      type: 'AddInterviewAttachment',
      data: { interviewId: input.interviewId, ...checked },
      meta,
    });
  } catch (error) {
    await discardQuietly(app, staged);
    throw error;
  }
  // No event: the record lists these bytes already, so the object is committed already.
  if (result.events.length === 0) await discardQuietly(app, staged);
  else {
    await staged.commit();
    app.meters.attachmentBytes('stored', checked.size);
  }
  await settle(app, result.position);
  if (result.state.status === 'none') throw new Error('interview vanished after its own command');
  return { ...checked, interview: result.state };
}

async function discardQuietly(app: Pick<App, 'log'>, staged: StagedAttachment): Promise<void> {
  // A staged upload that cannot be removed now is removed by the next sweep.
  await staged
    .discard()
    .catch((error: unknown) =>
      app.log.warn({ component: 'attachments', sha256: staged.sha256, err: error }, 'could not discard a staged upload'),
    );
}

/**
 * The per-person daily quota: files and bytes recorded today (UTC) by the uploader, plus this
 * one. Read from the upload-usage read model, which the command waits for, so one person's
 * uploads one after another are counted exactly; uploads at the very same moment may pass it
 * by the few in flight.
 */
async function assertWithinQuota(app: Services, meta: CommandMeta, size: number): Promise<void> {
  const quota = app.config.uploadQuota;
  if (quota.files === 0 && quota.bytes === 0) return;
  const day = utcDay(meta.now);
  const usage = await app.readModels.get<UploadUsageDoc>(UPLOAD_USAGE, uploadUsageId(meta.actor, day));
  const files = usage?.files ?? 0;
  const bytes = usage?.bytes ?? 0;
  const overFiles = quota.files > 0 && files + 1 > quota.files;
  const overBytes = quota.bytes > 0 && bytes + size > quota.bytes;
  if (overFiles || overBytes) {
    throw new RuleError(
      'UPLOAD_QUOTA_EXCEEDED',
      overFiles
        ? `you have uploaded ${files} files today (UTC), the most allowed per day: try again tomorrow`
        : `this file (${size} bytes) would take your uploads today (UTC) past ${quota.bytes} bytes (${bytes} so far): try again tomorrow`,
      'file',
      { day, files, bytes, maxFiles: quota.files, maxBytes: quota.bytes },
    );
  }
}

export interface SettleResult {
  /** Staged uploads the ledger names, now committed. */
  readonly committed: number;
  /** Staged uploads no record names, older than the grace period, now removed. */
  readonly discarded: number;
  /** Staged uploads left for a later sweep (young, or failed to settle). */
  readonly kept: number;
}

/**
 * Settles what a crash (or a failed commit or discard) left in the staging area: commits the bytes
 * that their interview's stream names, discards those it does not once older than
 * `graceMs`. Reads the ledger, not the read models, which may lag behind it.
 */
export async function settleStagedAttachments(
  app: Pick<App, 'attachments' | 'ledger' | 'log'>,
  options: { graceMs?: number; now?: Date } = {},
): Promise<SettleResult> {
  // Staging times are the files' (or documents') real times: compared with the real clock.
  const now = (options.now ?? new Date()).getTime();
  const graceMs = options.graceMs ?? STAGED_GRACE_MS;
  let committed = 0;
  let discarded = 0;
  let kept = 0;
  const named = new Map<string, Set<string>>();
  for (const staged of await app.attachments.listStaged()) {
    try {
      let hashes = named.get(staged.interviewId);
      if (!hashes) {
        const events = await app.ledger.readStream(interviewStream(staged.interviewId));
        hashes = new Set(
          events
            .filter((event) => event.body.type === 'InterviewAttachmentAdded')
            .map((event) => String((event.body.data as { sha256?: unknown }).sha256)),
        );
        named.set(staged.interviewId, hashes);
      }
      if (hashes.has(staged.sha256)) {
        await staged.commit();
        committed++;
      } else if (now - staged.stagedAt.getTime() > graceMs) {
        await staged.discard();
        discarded++;
      } else kept++;
    } catch (error) {
      app.log.warn(
        { component: 'attachments', sha256: staged.sha256, interviewId: staged.interviewId, err: error },
        'could not settle a staged upload',
      );
      kept++;
    }
  }
  return { committed, discarded, kept };
}
