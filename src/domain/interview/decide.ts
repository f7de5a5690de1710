/**
 * The interview's decide: which rule a command goes to. The rules themselves, one file each,
 * are in rules/ (schedule, edit, steps, attachments, signing, lock, needs, tasks).
 */
import type { InterviewCommand } from './commands';
import type { InterviewEvent } from './events';
import { addAttachment } from './rules/attachments';
import { editSection, updateBasicInfo } from './rules/edit';
import { evaluateNeed, fulfilNeed } from './rules/needs';
import { schedule } from './rules/schedule';
import { addAddendum, openCorrection, sign } from './rules/signing';
import { advance, returnStep } from './rules/steps';
import { taskUpdate } from './rules/tasks';
import type { Interview } from './state';

export function decide(command: InterviewCommand, state: Interview): InterviewEvent[] {
  switch (command.type) {
    case 'ScheduleInterview':
      return schedule(command, state);
    case 'UpdateInterviewBasicInfo':
      return updateBasicInfo(command, state);
    case 'EditInterviewSection':
      return editSection(command, state);
    case 'SignInterview':
      return sign(command, state);
    case 'AddAddendum':
      return addAddendum(command, state);
    case 'AdvanceStep':
      return advance(command, state);
    case 'ReturnStep':
      return returnStep(command, state);
    case 'AddInterviewAttachment':
      return addAttachment(command, state);
    case 'EvaluateSupportNeed':
      return evaluateNeed(command, state);
    case 'FulfilSupportNeed':
      return fulfilNeed(command, state);
    case 'ReportTaskProgress':
    case 'CompleteTask':
      return taskUpdate(command, state);
    case 'OpenCorrection':
      return openCorrection(command, state);
  }
}
