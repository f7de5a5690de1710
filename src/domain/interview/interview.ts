/**
 * The interview aggregate, as the rest of the code base imports it. Each part has its own file:
 * events.ts, commands.ts, state.ts; decide.ts (which rule a command goes to) and evolve.ts;
 * decider.ts (the Decider object); rules/ (one file per rule of the record's life: schedule,
 * edit, steps, attachments, signing, lock, needs, tasks, access); sections/ (one file per
 * section kind with special behaviour). This module only re-exports them.
 */
export {
  CONTENT_EVENT_TYPES,
  INTERVIEW_EVENT_TYPES,
  interviewStream,
  NEED_DECISIONS,
  type AddendumRecord,
  type AttachmentRecord,
  type BasicInfo,
  type BasicInfoChanges,
  type CorrectionRecord,
  type ImprovementPlanAgreed,
  type ImprovementTask,
  type ImprovementTaskCompleted,
  type ImprovementTaskProgressed,
  type InterviewAddendumAdded,
  type InterviewAttachmentAdded,
  type InterviewBasicInfoUpdated,
  type InterviewCorrectionOpened,
  type InterviewEvent,
  type InterviewLocked,
  type InterviewScheduled,
  type InterviewSectionEdited,
  type InterviewSigned,
  type InterviewStepAdvanced,
  type InterviewStepReturned,
  type NeedDecision,
  type NeedEvaluation,
  type PlanTask,
  type SignatureObservation,
  type SignatureRecord,
  type StepTransition,
  type SupportNeedEvaluated,
  type SupportNeedFulfilled,
  type TaskUpdate,
} from './events';
export type {
  AddAddendum,
  AddInterviewAttachment,
  AdvanceStep,
  CarriedGoal,
  CompleteTask,
  EditInterviewSection,
  EvaluateSupportNeed,
  FulfilSupportNeed,
  InterviewCommand,
  OpenCorrection,
  ReportTaskProgress,
  ReturnStep,
  ScheduleInterview,
  SignerKey,
  SignInterview,
  UpdateInterviewBasicInfo,
} from './commands';
export {
  contentOf,
  initialState,
  INTERVIEW_STATUSES,
  type ExistingInterview,
  type Interview,
  type InterviewStatus,
  type WorkflowState,
} from './state';
export { decide } from './decide';
export { evolve } from './evolve';
export { canEdit, canView, partiesOf, partyRoleOf } from './rules/access';
export { countsTowardsLock, pendingSigners, requiredSigners } from './rules/lock';
export { currentStep, qualityFindings, todayOf } from './rules/steps';
