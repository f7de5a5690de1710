/**
 * What happened to an interview record: every event of an interview stream, with the records
 * they carry (signatures, addenda, corrections, attachments, step moves, support-need
 * evaluations, plan tasks). The ledger seals these shapes; they never change.
 */
import type { DomainEvent } from '../command';
import type { JsonObject } from '../limits';
import type { FlowDefinition } from '../workflow/flow';
import type { SignatureRole } from './signing';
import type { InterviewTemplate } from './template';

export const interviewStream = (id: string): string => `interview-${id}`;

export type { BasicInfo, BasicInfoChanges } from './basic-info';
import type { BasicInfo, BasicInfoChanges } from './basic-info';

/**
 * Scheduling snapshots the template and flow versions the record runs (so later versions never
 * change it), the first step's due time, and goals carried over from the previous period.
 * Records written before templates were versioned have only `templateId`: a built-in.
 */
export type InterviewScheduled = DomainEvent<
  'InterviewScheduled',
  {
    interviewId: string;
    templateId: string;
    version: 1;
    templateVersion?: number;
    template?: InterviewTemplate;
    flow?: FlowDefinition;
    /** Due time of the first step (UTC). */
    dueAt?: string;
    /** Initial content: the previous period's agreed next-period goals, as goals to review. */
    sections?: Record<string, JsonObject>;
    /** Why this is a second interview of the employee in the cycle (given by HR or an admin). */
    secondInCycleReason?: string;
  } & BasicInfo
>;
export type InterviewBasicInfoUpdated = DomainEvent<
  'InterviewBasicInfoUpdated',
  { interviewId: string; version: number; changes: BasicInfoChanges }
>;
export type InterviewSectionEdited = DomainEvent<
  'InterviewSectionEdited',
  { interviewId: string; version: number; section: string; content: JsonObject }
>;
/** What the server observed when it received a signature (DESIGN.md, "The ledger" 5). */
export interface SignatureObservation {
  /** UTC instant the server accepted the signature. */
  readonly receivedAt: string;
  readonly ip: string;
  /** Absent when the client sent none. */
  readonly userAgent?: string;
}

export interface SignatureRecord {
  readonly interviewId: string;
  readonly version: number;
  readonly role: SignatureRole;
  readonly signerId: string;
  readonly kid: string;
  /** base64 of the 64-byte Ed25519 signature over signingMessage(...) (signing.ts). */
  readonly signature: string;
  readonly contentDigest: string;
  readonly observed: SignatureObservation;
}

export interface AddendumRecord {
  readonly interviewId: string;
  readonly addendumId: string;
  readonly text: string;
  readonly authorId: string;
  readonly at: string;
}

export interface CorrectionRecord {
  readonly interviewId: string;
  readonly reason: string;
  /** The locked version the correction starts from; the corrected record continues at fromVersion + 1. */
  readonly fromVersion: number;
  readonly openedBy: string;
  readonly openedAt: string;
}

export interface AttachmentRecord {
  readonly sha256: string;
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
  readonly uploadedBy: string;
  readonly uploadedAt: string;
}

/** A move between steps of the flow; `transition` counts moves (it identifies a stay in a step). */
export interface StepTransition {
  readonly interviewId: string;
  readonly from: string;
  readonly to: string;
  readonly transition: number;
  readonly by: string;
  readonly at: string;
  /** Due time of the step entered (UTC). */
  readonly dueAt: string;
  /** Moving back needs one. */
  readonly reason?: string;
}

export const NEED_DECISIONS = ['approved', 'partly', 'declined'] as const;
export type NeedDecision = (typeof NEED_DECISIONS)[number];

export interface NeedEvaluation {
  readonly decision: NeedDecision;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

/** An improvement-plan item as agreed: it becomes a task in the owner's list. */
export interface PlanTask {
  readonly taskId: string;
  readonly action: string;
  readonly metric: string;
  readonly target: string;
  readonly deadline: string;
  readonly ownerId: string;
  readonly linkedTo: string;
}

export interface TaskUpdate {
  readonly progress: number;
  readonly note: string;
  readonly by: string;
  readonly at: string;
}

export interface ImprovementTask extends PlanTask {
  readonly status: 'open' | 'done' | 'cancelled';
  readonly progress: number;
  readonly updates: readonly TaskUpdate[];
  readonly agreedAt: string;
  readonly completedAt: string | null;
}

export type InterviewSigned = DomainEvent<'InterviewSigned', SignatureRecord>;
export type InterviewStepAdvanced = DomainEvent<'InterviewStepAdvanced', StepTransition>;
export type InterviewStepReturned = DomainEvent<'InterviewStepReturned', StepTransition & { reason: string }>;
export type InterviewAttachmentAdded = DomainEvent<'InterviewAttachmentAdded', { interviewId: string } & AttachmentRecord>;
export type SupportNeedEvaluated = DomainEvent<
  'SupportNeedEvaluated',
  { interviewId: string; version: number; needId: string; evaluation: NeedEvaluation }
>;
export type SupportNeedFulfilled = DomainEvent<
  'SupportNeedFulfilled',
  { interviewId: string; needId: string; note: string; by: string; at: string }
>;
export type ImprovementPlanAgreed = DomainEvent<
  'ImprovementPlanAgreed',
  { interviewId: string; version: number; tasks: PlanTask[]; cancelled: string[] }
>;
export type ImprovementTaskProgressed = DomainEvent<'ImprovementTaskProgressed', { interviewId: string; taskId: string } & TaskUpdate>;
export type ImprovementTaskCompleted = DomainEvent<
  'ImprovementTaskCompleted',
  { interviewId: string; taskId: string; note: string; by: string; at: string }
>;
export type InterviewLocked = DomainEvent<'InterviewLocked', { interviewId: string; version: number; lockedAt: string }>;
export type InterviewAddendumAdded = DomainEvent<'InterviewAddendumAdded', AddendumRecord>;
export type InterviewCorrectionOpened = DomainEvent<'InterviewCorrectionOpened', CorrectionRecord>;

export type InterviewEvent =
  | InterviewScheduled
  | InterviewBasicInfoUpdated
  | InterviewSectionEdited
  | InterviewSigned
  | InterviewLocked
  | InterviewAddendumAdded
  | InterviewCorrectionOpened
  | InterviewStepAdvanced
  | InterviewStepReturned
  | InterviewAttachmentAdded
  | SupportNeedEvaluated
  | SupportNeedFulfilled
  | ImprovementPlanAgreed
  | ImprovementTaskProgressed
  | ImprovementTaskCompleted;

export const INTERVIEW_EVENT_TYPES: ReadonlySet<string> = new Set<InterviewEvent['type']>([
  'InterviewScheduled',
  'InterviewBasicInfoUpdated',
  'InterviewSectionEdited',
  'InterviewSigned',
  'InterviewLocked',
  'InterviewAddendumAdded',
  'InterviewCorrectionOpened',
  'InterviewStepAdvanced',
  'InterviewStepReturned',
  'InterviewAttachmentAdded',
  'SupportNeedEvaluated',
  'SupportNeedFulfilled',
  'ImprovementPlanAgreed',
  'ImprovementTaskProgressed',
  'ImprovementTaskCompleted',
]);

/** Events that change the content and create a new version; the others record something about a version. */
export const CONTENT_EVENT_TYPES: ReadonlySet<string> = new Set<InterviewEvent['type']>([
  'InterviewScheduled',
  'InterviewBasicInfoUpdated',
  'InterviewSectionEdited',
  'SupportNeedEvaluated',
]);
