/**
 * What people ask of an interview record: every command the interview decider takes. The
 * actor, IP, user agent, clock and calendar travel in `meta`, so `decide` stays pure.
 */
import type { CommandMeta } from '../command';
import type { FlowDefinition } from '../workflow/flow';
import type { BasicInfoChanges } from './events';
import type { SignatureRole } from './signing';
import type { InterviewTemplate } from './template';

export type ScheduleInterview = {
  type: 'ScheduleInterview';
  data: {
    interviewId: string;
    templateId: string;
    employeeId: string;
    managerId: string;
    participantIds?: string[];
    department: string;
    position: string;
    cycle: string;
    scheduledAt: string;
    location?: string;
    /** The template version to snapshot (resolved by the application); a built-in by templateId when absent. */
    template?: InterviewTemplate;
    /** The flow to run; the template's default built-in flow when absent. */
    flow?: FlowDefinition;
    /** The previous period's agreed next-period goals (application: the employee's last signed record). */
    carriedGoals?: CarriedGoal[];
    /** From the directory, never from the caller: the employee's manager of record, then theirs, up the chain. */
    reportingLine: { managerChain: readonly string[] };
    /** Interviews the employee already has in this cycle (application: from the read model). */
    sameCycleInterviewIds?: readonly string[];
    /** Why a second interview in the cycle (HR and admins only; required then). */
    reason?: string;
  };
  meta: CommandMeta;
};

export interface CarriedGoal {
  readonly interviewId: string;
  readonly cycle: string;
  readonly goalId: string;
  readonly goal: string;
  readonly target: string;
}
export type UpdateInterviewBasicInfo = {
  type: 'UpdateInterviewBasicInfo';
  data: { interviewId: string; expectedVersion: number; changes: BasicInfoChanges };
  meta: CommandMeta;
};
export type EditInterviewSection = {
  type: 'EditInterviewSection';
  data: { interviewId: string; expectedVersion: number; section: string; content: unknown };
  meta: CommandMeta;
};
/**
 * The signer's key as the person stream holds it when the command runs. The application
 * service folds the signer's person events from the ledger (not the read model, which may
 * lag behind a revocation) and puts the key here, so that `decide` stays pure.
 */
export interface SignerKey {
  readonly kid: string;
  /** base64 of the raw 32-byte Ed25519 public key. */
  readonly publicKey: string;
  readonly status: 'active' | 'revoked';
}

export type SignInterview = {
  type: 'SignInterview';
  data: {
    interviewId: string;
    version: number;
    role: SignatureRole;
    /** Must be the actor: people sign for themselves. */
    signerId: string;
    kid: string;
    /** base64 of the 64-byte signature over signingMessage({ interviewId, version, contentDigest, role, signerId }). */
    signature: string;
    /** null when the signer has no key with this kid. */
    signerKey: SignerKey | null;
  };
  meta: CommandMeta;
};
export type AddAddendum = { type: 'AddAddendum'; data: { interviewId: string; text: string }; meta: CommandMeta };
export type OpenCorrection = { type: 'OpenCorrection'; data: { interviewId: string; reason: string }; meta: CommandMeta };

/** Completes the current step; `step` names it, so a repeated submission cannot skip the next one. */
export type AdvanceStep = { type: 'AdvanceStep'; data: { interviewId: string; step: string }; meta: CommandMeta };
export type ReturnStep = { type: 'ReturnStep'; data: { interviewId: string; toStep: string; reason: string }; meta: CommandMeta };
export type AddInterviewAttachment = {
  type: 'AddInterviewAttachment';
  data: { interviewId: string; sha256: string; name: string; mediaType: string; size: number };
  meta: CommandMeta;
};
export type EvaluateSupportNeed = {
  type: 'EvaluateSupportNeed';
  data: { interviewId: string; expectedVersion: number; needId: string; decision: string; reason: string };
  meta: CommandMeta;
};
export type FulfilSupportNeed = {
  type: 'FulfilSupportNeed';
  data: { interviewId: string; needId: string; note: string };
  meta: CommandMeta;
};
export type ReportTaskProgress = {
  type: 'ReportTaskProgress';
  data: { interviewId: string; taskId: string; progress: number; note?: string };
  meta: CommandMeta;
};
export type CompleteTask = { type: 'CompleteTask'; data: { interviewId: string; taskId: string; note?: string }; meta: CommandMeta };

export type InterviewCommand =
  | ScheduleInterview
  | UpdateInterviewBasicInfo
  | EditInterviewSection
  | SignInterview
  | AddAddendum
  | OpenCorrection
  | AdvanceStep
  | ReturnStep
  | AddInterviewAttachment
  | EvaluateSupportNeed
  | FulfilSupportNeed
  | ReportTaskProgress
  | CompleteTask;
