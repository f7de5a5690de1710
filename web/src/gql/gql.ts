/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query HrDirectory {\n    people {\n      id\n      name\n      department\n    }\n  }\n": typeof types.HrDirectoryDocument,
    "\n  query HrCycles {\n    dashboard {\n      completionTrend {\n        name\n        data\n      }\n    }\n  }\n": typeof types.HrCyclesDocument,
    "\n  query HrCompletion($cycle: String!, $department: String) {\n    dashboard {\n      completion(cycle: $cycle, department: $department) {\n        name\n        data\n      }\n    }\n    tasks(overdueOnly: true, first: 150, department: $department) {\n      id\n      kind\n      interviewId\n      assigneeId\n      subject\n      title\n      titleEn\n      dueAt\n      overdue\n      employeeId\n      managerId\n      department\n      cycle\n    }\n  }\n": typeof types.HrCompletionDocument,
    "\n  query HrSupportNeeds($cycle: String, $department: String, $status: String, $openOnly: Boolean!) {\n    dashboard {\n      supportNeeds(cycle: $cycle, department: $department) {\n        name\n        data\n      }\n    }\n    supportNeeds(first: 150, department: $department, status: $status, openOnly: $openOnly) {\n      id\n      interviewId\n      needId\n      type\n      need\n      status\n      evaluation\n      fulfilment\n      employeeId\n      managerId\n      department\n      cycle\n    }\n  }\n": typeof types.HrSupportNeedsDocument,
    "\n  mutation HrFulfilNeed($interviewId: ID!, $needId: String!, $note: String!) {\n    fulfilSupportNeed(interviewId: $interviewId, needId: $needId, note: $note) {\n      id\n      version\n    }\n  }\n": typeof types.HrFulfilNeedDocument,
    "\n  query HrReminderPolicy {\n    reminderPolicy\n  }\n": typeof types.HrReminderPolicyDocument,
    "\n  mutation HrSetReminderPolicy($policy: JSONObject!) {\n    setReminderPolicy(policy: $policy)\n  }\n": typeof types.HrSetReminderPolicyDocument,
    "\n  query HrCorrectionRecords($filter: InterviewFilter, $first: Int!) {\n    interviews(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          version\n          status\n          cycle\n          department\n          employeeId\n          managerId\n          lockedAt\n          requiredSignatures\n          workflow {\n            step\n            pendingActorIds\n          }\n          corrections {\n            reason\n            fromVersion\n            openedBy\n            openedAt\n          }\n        }\n      }\n    }\n  }\n": typeof types.HrCorrectionRecordsDocument,
    "\n  mutation HrOpenCorrection($interviewId: ID!, $reason: String!) {\n    openCorrection(interviewId: $interviewId, reason: $reason) {\n      id\n      version\n      status\n      requiredSignatures\n      workflow {\n        step\n        pendingActorIds\n      }\n      corrections {\n        reason\n        fromVersion\n        openedBy\n        openedAt\n      }\n    }\n  }\n": typeof types.HrOpenCorrectionDocument,
    "\n  subscription HrInterviewChanged {\n    interviewChanged {\n      interviewId\n      version\n    }\n  }\n": typeof types.HrInterviewChangedDocument,
    "\n  query Dashboards($cycle: String!, $department: String) {\n    dashboard {\n      completion(cycle: $cycle, department: $department) {\n        name\n        data\n      }\n      progress(cycle: $cycle, department: $department) {\n        name\n        data\n      }\n      completionTrend(department: $department) {\n        name\n        data\n      }\n      themes(cycle: $cycle, department: $department) {\n        name\n        data\n      }\n      sentiment(department: $department) {\n        name\n        data\n      }\n      goalPressure(cycle: $cycle, department: $department) {\n        name\n        data\n      }\n      supportNeeds(cycle: $cycle, department: $department) {\n        name\n        data\n      }\n    }\n  }\n": typeof types.DashboardsDocument,
    "\n  query DashboardRadar($employeeId: ID!, $cycle: String!) {\n    dashboard {\n      radar(employeeId: $employeeId, cycle: $cycle) {\n        name\n        data\n      }\n    }\n  }\n": typeof types.DashboardRadarDocument,
    "\n  query MyTasks {\n    myTasks(first: 100) {\n      id\n      kind\n      interviewId\n      subject\n      title\n      titleEn\n      status\n      dueAt\n      overdue\n      progress\n      cycle\n    }\n  }\n": typeof types.MyTasksDocument,
    "\n  subscription TaskChanges {\n    interviewChanged {\n      interviewId\n      version\n    }\n  }\n": typeof types.TaskChangesDocument,
    "\n  subscription NewNotification {\n    notificationAdded {\n      id\n    }\n  }\n": typeof types.NewNotificationDocument,
    "\n  query Viewer {\n    me {\n      id\n      name\n      department\n      position\n      roles\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  query TeamInterviews($filter: InterviewFilter, $first: Int!) {\n    interviews(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          version\n          status\n          cycle\n          employeeId\n          employee {\n            id\n            name\n          }\n          workflow {\n            step\n            label\n            labelEn\n            stepIndex\n            dueAt\n            overdue\n            pendingActorIds\n          }\n        }\n      }\n    }\n  }\n": typeof types.TeamInterviewsDocument,
    "\n  subscription TeamInterviewChanged {\n    interviewChanged {\n      interviewId\n      version\n      eventType\n    }\n  }\n": typeof types.TeamInterviewChangedDocument,
    "\n  mutation TeamReturnStep($interviewId: ID!, $toStep: String!, $reason: String!) {\n    returnStep(interviewId: $interviewId, toStep: $toStep, reason: $reason) {\n      id\n      version\n      status\n      workflow {\n        step\n        label\n        labelEn\n        pendingActorIds\n        dueAt\n        overdue\n      }\n    }\n  }\n": typeof types.TeamReturnStepDocument,
    "\n  query TeamRecordNeeds($id: ID!) {\n    interview(id: $id) {\n      id\n      version\n      status\n      employee {\n        id\n        name\n      }\n      workflow {\n        step\n        label\n        labelEn\n        stepIndex\n      }\n      flow {\n        id\n        steps {\n          key\n          label\n          labelEn\n          evaluatesNeeds\n        }\n      }\n    }\n    supportNeeds(openOnly: false, first: 200) {\n      id\n      interviewId\n      needId\n      type\n      need\n      status\n      evaluation\n      fulfilment\n    }\n  }\n": typeof types.TeamRecordNeedsDocument,
    "\n  mutation TeamEvaluateNeed($input: EvaluateSupportNeedInput!) {\n    evaluateSupportNeed(input: $input) {\n      id\n      version\n    }\n  }\n": typeof types.TeamEvaluateNeedDocument,
    "\n  query TeamTasks {\n    tasks(first: 100) {\n      id\n      kind\n      interviewId\n      assigneeId\n      subject\n      title\n      titleEn\n      status\n      dueAt\n      overdue\n      progress\n      employeeId\n      cycle\n    }\n    interviews(first: 50) {\n      edges {\n        node {\n          id\n          employee {\n            id\n            name\n          }\n          manager {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.TeamTasksDocument,
    "\n  mutation TeamReportProgress($interviewId: ID!, $taskId: String!, $progress: Int!, $note: String) {\n    reportTaskProgress(interviewId: $interviewId, taskId: $taskId, progress: $progress, note: $note) {\n      id\n      version\n    }\n  }\n": typeof types.TeamReportProgressDocument,
    "\n  mutation TeamCompleteTask($interviewId: ID!, $taskId: String!, $note: String) {\n    completeTask(interviewId: $interviewId, taskId: $taskId, note: $note) {\n      id\n      version\n    }\n  }\n": typeof types.TeamCompleteTaskDocument,
};
const documents: Documents = {
    "\n  query HrDirectory {\n    people {\n      id\n      name\n      department\n    }\n  }\n": types.HrDirectoryDocument,
    "\n  query HrCycles {\n    dashboard {\n      completionTrend {\n        name\n        data\n      }\n    }\n  }\n": types.HrCyclesDocument,
    "\n  query HrCompletion($cycle: String!, $department: String) {\n    dashboard {\n      completion(cycle: $cycle, department: $department) {\n        name\n        data\n      }\n    }\n    tasks(overdueOnly: true, first: 150, department: $department) {\n      id\n      kind\n      interviewId\n      assigneeId\n      subject\n      title\n      titleEn\n      dueAt\n      overdue\n      employeeId\n      managerId\n      department\n      cycle\n    }\n  }\n": types.HrCompletionDocument,
    "\n  query HrSupportNeeds($cycle: String, $department: String, $status: String, $openOnly: Boolean!) {\n    dashboard {\n      supportNeeds(cycle: $cycle, department: $department) {\n        name\n        data\n      }\n    }\n    supportNeeds(first: 150, department: $department, status: $status, openOnly: $openOnly) {\n      id\n      interviewId\n      needId\n      type\n      need\n      status\n      evaluation\n      fulfilment\n      employeeId\n      managerId\n      department\n      cycle\n    }\n  }\n": types.HrSupportNeedsDocument,
    "\n  mutation HrFulfilNeed($interviewId: ID!, $needId: String!, $note: String!) {\n    fulfilSupportNeed(interviewId: $interviewId, needId: $needId, note: $note) {\n      id\n      version\n    }\n  }\n": types.HrFulfilNeedDocument,
    "\n  query HrReminderPolicy {\n    reminderPolicy\n  }\n": types.HrReminderPolicyDocument,
    "\n  mutation HrSetReminderPolicy($policy: JSONObject!) {\n    setReminderPolicy(policy: $policy)\n  }\n": types.HrSetReminderPolicyDocument,
    "\n  query HrCorrectionRecords($filter: InterviewFilter, $first: Int!) {\n    interviews(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          version\n          status\n          cycle\n          department\n          employeeId\n          managerId\n          lockedAt\n          requiredSignatures\n          workflow {\n            step\n            pendingActorIds\n          }\n          corrections {\n            reason\n            fromVersion\n            openedBy\n            openedAt\n          }\n        }\n      }\n    }\n  }\n": types.HrCorrectionRecordsDocument,
    "\n  mutation HrOpenCorrection($interviewId: ID!, $reason: String!) {\n    openCorrection(interviewId: $interviewId, reason: $reason) {\n      id\n      version\n      status\n      requiredSignatures\n      workflow {\n        step\n        pendingActorIds\n      }\n      corrections {\n        reason\n        fromVersion\n        openedBy\n        openedAt\n      }\n    }\n  }\n": types.HrOpenCorrectionDocument,
    "\n  subscription HrInterviewChanged {\n    interviewChanged {\n      interviewId\n      version\n    }\n  }\n": types.HrInterviewChangedDocument,
    "\n  query Dashboards($cycle: String!, $department: String) {\n    dashboard {\n      completion(cycle: $cycle, department: $department) {\n        name\n        data\n      }\n      progress(cycle: $cycle, department: $department) {\n        name\n        data\n      }\n      completionTrend(department: $department) {\n        name\n        data\n      }\n      themes(cycle: $cycle, department: $department) {\n        name\n        data\n      }\n      sentiment(department: $department) {\n        name\n        data\n      }\n      goalPressure(cycle: $cycle, department: $department) {\n        name\n        data\n      }\n      supportNeeds(cycle: $cycle, department: $department) {\n        name\n        data\n      }\n    }\n  }\n": types.DashboardsDocument,
    "\n  query DashboardRadar($employeeId: ID!, $cycle: String!) {\n    dashboard {\n      radar(employeeId: $employeeId, cycle: $cycle) {\n        name\n        data\n      }\n    }\n  }\n": types.DashboardRadarDocument,
    "\n  query MyTasks {\n    myTasks(first: 100) {\n      id\n      kind\n      interviewId\n      subject\n      title\n      titleEn\n      status\n      dueAt\n      overdue\n      progress\n      cycle\n    }\n  }\n": types.MyTasksDocument,
    "\n  subscription TaskChanges {\n    interviewChanged {\n      interviewId\n      version\n    }\n  }\n": types.TaskChangesDocument,
    "\n  subscription NewNotification {\n    notificationAdded {\n      id\n    }\n  }\n": types.NewNotificationDocument,
    "\n  query Viewer {\n    me {\n      id\n      name\n      department\n      position\n      roles\n    }\n  }\n": types.ViewerDocument,
    "\n  query TeamInterviews($filter: InterviewFilter, $first: Int!) {\n    interviews(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          version\n          status\n          cycle\n          employeeId\n          employee {\n            id\n            name\n          }\n          workflow {\n            step\n            label\n            labelEn\n            stepIndex\n            dueAt\n            overdue\n            pendingActorIds\n          }\n        }\n      }\n    }\n  }\n": types.TeamInterviewsDocument,
    "\n  subscription TeamInterviewChanged {\n    interviewChanged {\n      interviewId\n      version\n      eventType\n    }\n  }\n": types.TeamInterviewChangedDocument,
    "\n  mutation TeamReturnStep($interviewId: ID!, $toStep: String!, $reason: String!) {\n    returnStep(interviewId: $interviewId, toStep: $toStep, reason: $reason) {\n      id\n      version\n      status\n      workflow {\n        step\n        label\n        labelEn\n        pendingActorIds\n        dueAt\n        overdue\n      }\n    }\n  }\n": types.TeamReturnStepDocument,
    "\n  query TeamRecordNeeds($id: ID!) {\n    interview(id: $id) {\n      id\n      version\n      status\n      employee {\n        id\n        name\n      }\n      workflow {\n        step\n        label\n        labelEn\n        stepIndex\n      }\n      flow {\n        id\n        steps {\n          key\n          label\n          labelEn\n          evaluatesNeeds\n        }\n      }\n    }\n    supportNeeds(openOnly: false, first: 200) {\n      id\n      interviewId\n      needId\n      type\n      need\n      status\n      evaluation\n      fulfilment\n    }\n  }\n": types.TeamRecordNeedsDocument,
    "\n  mutation TeamEvaluateNeed($input: EvaluateSupportNeedInput!) {\n    evaluateSupportNeed(input: $input) {\n      id\n      version\n    }\n  }\n": types.TeamEvaluateNeedDocument,
    "\n  query TeamTasks {\n    tasks(first: 100) {\n      id\n      kind\n      interviewId\n      assigneeId\n      subject\n      title\n      titleEn\n      status\n      dueAt\n      overdue\n      progress\n      employeeId\n      cycle\n    }\n    interviews(first: 50) {\n      edges {\n        node {\n          id\n          employee {\n            id\n            name\n          }\n          manager {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.TeamTasksDocument,
    "\n  mutation TeamReportProgress($interviewId: ID!, $taskId: String!, $progress: Int!, $note: String) {\n    reportTaskProgress(interviewId: $interviewId, taskId: $taskId, progress: $progress, note: $note) {\n      id\n      version\n    }\n  }\n": types.TeamReportProgressDocument,
    "\n  mutation TeamCompleteTask($interviewId: ID!, $taskId: String!, $note: String) {\n    completeTask(interviewId: $interviewId, taskId: $taskId, note: $note) {\n      id\n      version\n    }\n  }\n": types.TeamCompleteTaskDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HrDirectory {\n    people {\n      id\n      name\n      department\n    }\n  }\n"): (typeof documents)["\n  query HrDirectory {\n    people {\n      id\n      name\n      department\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HrCycles {\n    dashboard {\n      completionTrend {\n        name\n        data\n      }\n    }\n  }\n"): (typeof documents)["\n  query HrCycles {\n    dashboard {\n      completionTrend {\n        name\n        data\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HrCompletion($cycle: String!, $department: String) {\n    dashboard {\n      completion(cycle: $cycle, department: $department) {\n        name\n        data\n      }\n    }\n    tasks(overdueOnly: true, first: 150, department: $department) {\n      id\n      kind\n      interviewId\n      assigneeId\n      subject\n      title\n      titleEn\n      dueAt\n      overdue\n      employeeId\n      managerId\n      department\n      cycle\n    }\n  }\n"): (typeof documents)["\n  query HrCompletion($cycle: String!, $department: String) {\n    dashboard {\n      completion(cycle: $cycle, department: $department) {\n        name\n        data\n      }\n    }\n    tasks(overdueOnly: true, first: 150, department: $department) {\n      id\n      kind\n      interviewId\n      assigneeId\n      subject\n      title\n      titleEn\n      dueAt\n      overdue\n      employeeId\n      managerId\n      department\n      cycle\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HrSupportNeeds($cycle: String, $department: String, $status: String, $openOnly: Boolean!) {\n    dashboard {\n      supportNeeds(cycle: $cycle, department: $department) {\n        name\n        data\n      }\n    }\n    supportNeeds(first: 150, department: $department, status: $status, openOnly: $openOnly) {\n      id\n      interviewId\n      needId\n      type\n      need\n      status\n      evaluation\n      fulfilment\n      employeeId\n      managerId\n      department\n      cycle\n    }\n  }\n"): (typeof documents)["\n  query HrSupportNeeds($cycle: String, $department: String, $status: String, $openOnly: Boolean!) {\n    dashboard {\n      supportNeeds(cycle: $cycle, department: $department) {\n        name\n        data\n      }\n    }\n    supportNeeds(first: 150, department: $department, status: $status, openOnly: $openOnly) {\n      id\n      interviewId\n      needId\n      type\n      need\n      status\n      evaluation\n      fulfilment\n      employeeId\n      managerId\n      department\n      cycle\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HrFulfilNeed($interviewId: ID!, $needId: String!, $note: String!) {\n    fulfilSupportNeed(interviewId: $interviewId, needId: $needId, note: $note) {\n      id\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation HrFulfilNeed($interviewId: ID!, $needId: String!, $note: String!) {\n    fulfilSupportNeed(interviewId: $interviewId, needId: $needId, note: $note) {\n      id\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HrReminderPolicy {\n    reminderPolicy\n  }\n"): (typeof documents)["\n  query HrReminderPolicy {\n    reminderPolicy\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HrSetReminderPolicy($policy: JSONObject!) {\n    setReminderPolicy(policy: $policy)\n  }\n"): (typeof documents)["\n  mutation HrSetReminderPolicy($policy: JSONObject!) {\n    setReminderPolicy(policy: $policy)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HrCorrectionRecords($filter: InterviewFilter, $first: Int!) {\n    interviews(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          version\n          status\n          cycle\n          department\n          employeeId\n          managerId\n          lockedAt\n          requiredSignatures\n          workflow {\n            step\n            pendingActorIds\n          }\n          corrections {\n            reason\n            fromVersion\n            openedBy\n            openedAt\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query HrCorrectionRecords($filter: InterviewFilter, $first: Int!) {\n    interviews(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          version\n          status\n          cycle\n          department\n          employeeId\n          managerId\n          lockedAt\n          requiredSignatures\n          workflow {\n            step\n            pendingActorIds\n          }\n          corrections {\n            reason\n            fromVersion\n            openedBy\n            openedAt\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HrOpenCorrection($interviewId: ID!, $reason: String!) {\n    openCorrection(interviewId: $interviewId, reason: $reason) {\n      id\n      version\n      status\n      requiredSignatures\n      workflow {\n        step\n        pendingActorIds\n      }\n      corrections {\n        reason\n        fromVersion\n        openedBy\n        openedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation HrOpenCorrection($interviewId: ID!, $reason: String!) {\n    openCorrection(interviewId: $interviewId, reason: $reason) {\n      id\n      version\n      status\n      requiredSignatures\n      workflow {\n        step\n        pendingActorIds\n      }\n      corrections {\n        reason\n        fromVersion\n        openedBy\n        openedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription HrInterviewChanged {\n    interviewChanged {\n      interviewId\n      version\n    }\n  }\n"): (typeof documents)["\n  subscription HrInterviewChanged {\n    interviewChanged {\n      interviewId\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboards($cycle: String!, $department: String) {\n    dashboard {\n      completion(cycle: $cycle, department: $department) {\n        name\n        data\n      }\n      progress(cycle: $cycle, department: $department) {\n        name\n        data\n      }\n      completionTrend(department: $department) {\n        name\n        data\n      }\n      themes(cycle: $cycle, department: $department) {\n        name\n        data\n      }\n      sentiment(department: $department) {\n        name\n        data\n      }\n      goalPressure(cycle: $cycle, department: $department) {\n        name\n        data\n      }\n      supportNeeds(cycle: $cycle, department: $department) {\n        name\n        data\n      }\n    }\n  }\n"): (typeof documents)["\n  query Dashboards($cycle: String!, $department: String) {\n    dashboard {\n      completion(cycle: $cycle, department: $department) {\n        name\n        data\n      }\n      progress(cycle: $cycle, department: $department) {\n        name\n        data\n      }\n      completionTrend(department: $department) {\n        name\n        data\n      }\n      themes(cycle: $cycle, department: $department) {\n        name\n        data\n      }\n      sentiment(department: $department) {\n        name\n        data\n      }\n      goalPressure(cycle: $cycle, department: $department) {\n        name\n        data\n      }\n      supportNeeds(cycle: $cycle, department: $department) {\n        name\n        data\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardRadar($employeeId: ID!, $cycle: String!) {\n    dashboard {\n      radar(employeeId: $employeeId, cycle: $cycle) {\n        name\n        data\n      }\n    }\n  }\n"): (typeof documents)["\n  query DashboardRadar($employeeId: ID!, $cycle: String!) {\n    dashboard {\n      radar(employeeId: $employeeId, cycle: $cycle) {\n        name\n        data\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyTasks {\n    myTasks(first: 100) {\n      id\n      kind\n      interviewId\n      subject\n      title\n      titleEn\n      status\n      dueAt\n      overdue\n      progress\n      cycle\n    }\n  }\n"): (typeof documents)["\n  query MyTasks {\n    myTasks(first: 100) {\n      id\n      kind\n      interviewId\n      subject\n      title\n      titleEn\n      status\n      dueAt\n      overdue\n      progress\n      cycle\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TaskChanges {\n    interviewChanged {\n      interviewId\n      version\n    }\n  }\n"): (typeof documents)["\n  subscription TaskChanges {\n    interviewChanged {\n      interviewId\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription NewNotification {\n    notificationAdded {\n      id\n    }\n  }\n"): (typeof documents)["\n  subscription NewNotification {\n    notificationAdded {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    me {\n      id\n      name\n      department\n      position\n      roles\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    me {\n      id\n      name\n      department\n      position\n      roles\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TeamInterviews($filter: InterviewFilter, $first: Int!) {\n    interviews(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          version\n          status\n          cycle\n          employeeId\n          employee {\n            id\n            name\n          }\n          workflow {\n            step\n            label\n            labelEn\n            stepIndex\n            dueAt\n            overdue\n            pendingActorIds\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TeamInterviews($filter: InterviewFilter, $first: Int!) {\n    interviews(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          version\n          status\n          cycle\n          employeeId\n          employee {\n            id\n            name\n          }\n          workflow {\n            step\n            label\n            labelEn\n            stepIndex\n            dueAt\n            overdue\n            pendingActorIds\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TeamInterviewChanged {\n    interviewChanged {\n      interviewId\n      version\n      eventType\n    }\n  }\n"): (typeof documents)["\n  subscription TeamInterviewChanged {\n    interviewChanged {\n      interviewId\n      version\n      eventType\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TeamReturnStep($interviewId: ID!, $toStep: String!, $reason: String!) {\n    returnStep(interviewId: $interviewId, toStep: $toStep, reason: $reason) {\n      id\n      version\n      status\n      workflow {\n        step\n        label\n        labelEn\n        pendingActorIds\n        dueAt\n        overdue\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TeamReturnStep($interviewId: ID!, $toStep: String!, $reason: String!) {\n    returnStep(interviewId: $interviewId, toStep: $toStep, reason: $reason) {\n      id\n      version\n      status\n      workflow {\n        step\n        label\n        labelEn\n        pendingActorIds\n        dueAt\n        overdue\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TeamRecordNeeds($id: ID!) {\n    interview(id: $id) {\n      id\n      version\n      status\n      employee {\n        id\n        name\n      }\n      workflow {\n        step\n        label\n        labelEn\n        stepIndex\n      }\n      flow {\n        id\n        steps {\n          key\n          label\n          labelEn\n          evaluatesNeeds\n        }\n      }\n    }\n    supportNeeds(openOnly: false, first: 200) {\n      id\n      interviewId\n      needId\n      type\n      need\n      status\n      evaluation\n      fulfilment\n    }\n  }\n"): (typeof documents)["\n  query TeamRecordNeeds($id: ID!) {\n    interview(id: $id) {\n      id\n      version\n      status\n      employee {\n        id\n        name\n      }\n      workflow {\n        step\n        label\n        labelEn\n        stepIndex\n      }\n      flow {\n        id\n        steps {\n          key\n          label\n          labelEn\n          evaluatesNeeds\n        }\n      }\n    }\n    supportNeeds(openOnly: false, first: 200) {\n      id\n      interviewId\n      needId\n      type\n      need\n      status\n      evaluation\n      fulfilment\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TeamEvaluateNeed($input: EvaluateSupportNeedInput!) {\n    evaluateSupportNeed(input: $input) {\n      id\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation TeamEvaluateNeed($input: EvaluateSupportNeedInput!) {\n    evaluateSupportNeed(input: $input) {\n      id\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TeamTasks {\n    tasks(first: 100) {\n      id\n      kind\n      interviewId\n      assigneeId\n      subject\n      title\n      titleEn\n      status\n      dueAt\n      overdue\n      progress\n      employeeId\n      cycle\n    }\n    interviews(first: 50) {\n      edges {\n        node {\n          id\n          employee {\n            id\n            name\n          }\n          manager {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TeamTasks {\n    tasks(first: 100) {\n      id\n      kind\n      interviewId\n      assigneeId\n      subject\n      title\n      titleEn\n      status\n      dueAt\n      overdue\n      progress\n      employeeId\n      cycle\n    }\n    interviews(first: 50) {\n      edges {\n        node {\n          id\n          employee {\n            id\n            name\n          }\n          manager {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TeamReportProgress($interviewId: ID!, $taskId: String!, $progress: Int!, $note: String) {\n    reportTaskProgress(interviewId: $interviewId, taskId: $taskId, progress: $progress, note: $note) {\n      id\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation TeamReportProgress($interviewId: ID!, $taskId: String!, $progress: Int!, $note: String) {\n    reportTaskProgress(interviewId: $interviewId, taskId: $taskId, progress: $progress, note: $note) {\n      id\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TeamCompleteTask($interviewId: ID!, $taskId: String!, $note: String) {\n    completeTask(interviewId: $interviewId, taskId: $taskId, note: $note) {\n      id\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation TeamCompleteTask($interviewId: ID!, $taskId: String!, $note: String) {\n    completeTask(interviewId: $interviewId, taskId: $taskId, note: $note) {\n      id\n      version\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;