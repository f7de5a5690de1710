/**
 * Accepted uploads per person per UTC day: how many files and bytes each person has added to
 * records, which the per-person upload quota reads (src/application/attachment-service.ts).
 * Fed by InterviewAttachmentAdded, so only uploads the ledger recorded count: a refused upload,
 * or the same file again on the same record, adds nothing. Idempotent: each document lists the
 * events it has counted.
 */
import type { InterviewAttachmentAdded } from '../domain/interview/events';
import type { LedgerEvent } from '../ledger/ledger';
import type { Projection, ProjectionTx } from './projection';

export const UPLOAD_USAGE = 'upload_usage';

export interface UploadUsageDoc {
  /** `<personId>/<YYYY-MM-DD>` (uploadUsageId). */
  id: string;
  personId: string;
  day: string;
  files: number;
  bytes: number;
  /** Ids of the events counted, so that applying one twice changes nothing. */
  eventIds: string[];
  [key: string]: unknown;
}

/** The UTC day of an instant, as YYYY-MM-DD. */
export const utcDay = (instant: string | Date): string => new Date(instant).toISOString().slice(0, 10);

export const uploadUsageId = (personId: string, day: string): string => `${personId}/${day}`;

export const uploadUsageProjection: Projection = {
  name: 'upload-usage',
  collections: [UPLOAD_USAGE],
  async apply(event: LedgerEvent, tx: ProjectionTx): Promise<void> {
    if (event.body.type !== 'InterviewAttachmentAdded') return;
    const data = event.body.data as InterviewAttachmentAdded['data'];
    const day = utcDay(data.uploadedAt);
    const id = uploadUsageId(data.uploadedBy, day);
    const current = await tx.get<UploadUsageDoc>(UPLOAD_USAGE, id);
    if (current?.eventIds.includes(event.body.id)) return;
    tx.put(UPLOAD_USAGE, {
      id,
      personId: data.uploadedBy,
      day,
      files: (current?.files ?? 0) + 1,
      bytes: (current?.bytes ?? 0) + data.size,
      eventIds: [...(current?.eventIds ?? []), event.body.id],
    });
  },
};
