/**
 * Attachments: files uploaded to a record (named by their SHA-256; the same bytes twice add
 * nothing), by its employee, manager or HR, while it is not locked. Sections refer to them.
 */
import { ForbiddenError, ValidationError } from '../../errors';
import { assertText } from '../../limits';
import type { AddInterviewAttachment } from '../commands';
import type { InterviewEvent } from '../events';
import type { Interview } from '../state';
import { canEdit, visible } from './access';
import { assertNotLocked } from './lock';

const SHA256_HEX = /^[0-9a-f]{64}$/;
const MAX_ATTACHMENTS = 50;

export function addAttachment(command: AddInterviewAttachment, state: Interview): InterviewEvent[] {
  const { meta, data } = command;
  const current = visible(state, data.interviewId, meta);
  if (!canEdit(meta, current.basic)) throw new ForbiddenError('only the employee, the manager and HR may attach files to this interview');
  assertNotLocked(current);
  if (typeof data.sha256 !== 'string' || !SHA256_HEX.test(data.sha256))
    throw new ValidationError('sha256 must be 64 lowercase hex digits', 'sha256', 'INVALID_VALUE');
  if (current.attachments.some((a) => a.sha256 === data.sha256)) return []; // same bytes again: nothing new
  if (current.attachments.length >= MAX_ATTACHMENTS)
    throw new ValidationError(`a record takes at most ${MAX_ATTACHMENTS} attachments`, 'file', 'VALUE_TOO_LARGE');
  if (!Number.isSafeInteger(data.size) || data.size <= 0)
    throw new ValidationError('size must be a positive integer', 'size', 'INVALID_VALUE');
  return [
    {
      type: 'InterviewAttachmentAdded',
      data: {
        interviewId: current.id,
        sha256: data.sha256,
        name: assertText(data.name, 'fileName', 200),
        mediaType: assertText(data.mediaType, 'mediaType', 200),
        size: data.size,
        uploadedBy: meta.actor,
        uploadedAt: meta.now,
      },
    },
  ];
}
