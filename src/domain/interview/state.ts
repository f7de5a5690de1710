/**
 * The interview record as the decider sees it: a union on `status` (none, or one of the
 * statuses below), its workflow position, and the content a version consists of. `evolve`
 * builds it; the rules read it.
 */
import type { JsonObject } from '../limits';
import type { FlowDefinition } from '../workflow/flow';
import type {
  AddendumRecord,
  AttachmentRecord,
  BasicInfo,
  CorrectionRecord,
  ImprovementTask,
  SignatureRecord,
  StepTransition,
} from './events';
import type { InterviewTemplate } from './template';

/**
 * - `scheduled`: no section written yet; `in_progress`: being filled in;
 * - `awaiting_signatures`: someone signed the current version, required signatures are missing
 *   (an edit creates a new version and goes back to `in_progress`: older signatures stay in the
 *   history but no longer count);
 * - `locked`: every required role signed the current version; content is frozen, only addenda
 *   and a correction remain possible;
 * - `correction`: HR or an admin reopened a locked record; edits create new versions that the
 *   parties must sign again, which locks it again.
 */
export const INTERVIEW_STATUSES = ['scheduled', 'in_progress', 'awaiting_signatures', 'locked', 'correction'] as const;
export type InterviewStatus = (typeof INTERVIEW_STATUSES)[number];

export type Interview =
  | { readonly status: 'none' }
  | {
      readonly status: InterviewStatus;
      readonly id: string;
      readonly templateId: string;
      readonly version: number;
      readonly basic: BasicInfo;
      readonly sections: Readonly<Record<string, JsonObject>>;
      readonly createdAt: string;
      readonly updatedAt: string;
      /** Every signature ever given, oldest first; those of older versions stay as history. */
      readonly signatures: readonly SignatureRecord[];
      readonly addenda: readonly AddendumRecord[];
      readonly corrections: readonly CorrectionRecord[];
      /** When the current lock was set; null while not locked. */
      readonly lockedAt: string | null;
      readonly template: InterviewTemplate;
      readonly flow: FlowDefinition;
      readonly workflow: WorkflowState;
      readonly attachments: readonly AttachmentRecord[];
      /** Highest item number used per `section.list` (ids are never reused). */
      readonly idCounters: Readonly<Record<string, number>>;
      /** Improvement tasks from the agreed plan, in plan order; cancelled ones stay. */
      readonly tasks: readonly ImprovementTask[];
      /** Version whose plan was last agreed; null before. */
      readonly planAgreedVersion: number | null;
      readonly fulfilledNeeds: Readonly<Record<string, { note: string; by: string; at: string }>>;
    };

export interface WorkflowState {
  readonly step: string;
  readonly stepIndex: number;
  readonly enteredAt: string;
  readonly dueAt: string;
  /** Moves so far; identifies the current stay in the step (reminder ids use it). */
  readonly transitions: number;
  readonly history: readonly StepTransition[];
}

export type ExistingInterview = Exclude<Interview, { status: 'none' }>;

export const initialState = (): Interview => ({ status: 'none' });

/** The content of a record at its current version: what versions snapshot and signatures will cover. */
export function contentOf(state: ExistingInterview): { basic: BasicInfo; sections: Readonly<Record<string, JsonObject>> } {
  return { basic: state.basic, sections: state.sections };
}
