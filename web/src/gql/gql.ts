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
    "\n  query AuditInterviews($filter: InterviewFilter, $first: Int!) {\n    interviews(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          cycle\n          status\n          version\n          employeeId\n          employee {\n            name\n          }\n          department\n          scheduledAt\n        }\n      }\n    }\n  }\n": typeof types.AuditInterviewsDocument,
    "\n  query AuditInterview($id: ID!) {\n    interview(id: $id) {\n      id\n      cycle\n      status\n      version\n      employeeId\n      employee {\n        name\n      }\n      department\n      scheduledAt\n    }\n  }\n": typeof types.AuditInterviewDocument,
    "\n  query AuditHistory($id: ID!) {\n    interviewHistory(id: $id) {\n      version\n      revision\n      eventType\n      contentChanged\n      section\n      actor\n      roles\n      ip\n      userAgent\n      at\n      eventHash\n      changes {\n        path\n        kind\n        before\n        after\n      }\n    }\n  }\n": typeof types.AuditHistoryDocument,
    "\n  query AuditCompare($id: ID!, $fromVersion: Int!, $toVersion: Int!) {\n    compareInterviewVersions(id: $id, fromVersion: $fromVersion, toVersion: $toVersion) {\n      fromVersion\n      toVersion\n      changes {\n        path\n        kind\n        before\n        after\n        passages {\n          kind\n          text\n        }\n      }\n    }\n  }\n": typeof types.AuditCompareDocument,
    "\n  query AuditAt($id: ID!, $version: Int, $asOf: String) {\n    interviewAt(id: $id, version: $version, asOf: $asOf) {\n      id\n      version\n      status\n      cycle\n      updatedAt\n      lockedAt\n      sections\n    }\n  }\n": typeof types.AuditAtDocument,
    "\n  query AuditEmployeeTimeline($employeeId: ID!, $sections: [String!]!) {\n    employeeInterviewTimeline(employeeId: $employeeId, sections: $sections) {\n      employeeId\n      entries {\n        interviewId\n        cycle\n        scheduledAt\n        status\n        version\n        sections\n      }\n      recurringProblems {\n        problem\n        cycles\n        interviewIds\n      }\n    }\n  }\n": typeof types.AuditEmployeeTimelineDocument,
    "\n  subscription AuditInterviewChanged($id: ID) {\n    interviewChanged(interviewId: $id) {\n      interviewId\n      version\n    }\n  }\n": typeof types.AuditInterviewChangedDocument,
    "\n  mutation ExportEvidence($interviewId: ID, $filter: EvidenceFilter) {\n    exportEvidence(interviewId: $interviewId, filter: $filter) {\n      fileName\n      content\n      sha256\n      bytes\n      interviews\n      events\n      checkpointSize\n    }\n  }\n": typeof types.ExportEvidenceDocument,
    "\n  query MyTasks {\n    myTasks(first: 100) {\n      id\n      kind\n      interviewId\n      subject\n      title\n      titleEn\n      status\n      dueAt\n      overdue\n      progress\n      cycle\n    }\n  }\n": typeof types.MyTasksDocument,
    "\n  subscription TaskChanges {\n    interviewChanged {\n      interviewId\n      version\n    }\n  }\n": typeof types.TaskChangesDocument,
    "\n  subscription NewNotification {\n    notificationAdded {\n      id\n    }\n  }\n": typeof types.NewNotificationDocument,
    "\n  query Viewer {\n    me {\n      id\n      name\n      department\n      position\n      roles\n    }\n  }\n": typeof types.ViewerDocument,
};
const documents: Documents = {
    "\n  query AuditInterviews($filter: InterviewFilter, $first: Int!) {\n    interviews(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          cycle\n          status\n          version\n          employeeId\n          employee {\n            name\n          }\n          department\n          scheduledAt\n        }\n      }\n    }\n  }\n": types.AuditInterviewsDocument,
    "\n  query AuditInterview($id: ID!) {\n    interview(id: $id) {\n      id\n      cycle\n      status\n      version\n      employeeId\n      employee {\n        name\n      }\n      department\n      scheduledAt\n    }\n  }\n": types.AuditInterviewDocument,
    "\n  query AuditHistory($id: ID!) {\n    interviewHistory(id: $id) {\n      version\n      revision\n      eventType\n      contentChanged\n      section\n      actor\n      roles\n      ip\n      userAgent\n      at\n      eventHash\n      changes {\n        path\n        kind\n        before\n        after\n      }\n    }\n  }\n": types.AuditHistoryDocument,
    "\n  query AuditCompare($id: ID!, $fromVersion: Int!, $toVersion: Int!) {\n    compareInterviewVersions(id: $id, fromVersion: $fromVersion, toVersion: $toVersion) {\n      fromVersion\n      toVersion\n      changes {\n        path\n        kind\n        before\n        after\n        passages {\n          kind\n          text\n        }\n      }\n    }\n  }\n": types.AuditCompareDocument,
    "\n  query AuditAt($id: ID!, $version: Int, $asOf: String) {\n    interviewAt(id: $id, version: $version, asOf: $asOf) {\n      id\n      version\n      status\n      cycle\n      updatedAt\n      lockedAt\n      sections\n    }\n  }\n": types.AuditAtDocument,
    "\n  query AuditEmployeeTimeline($employeeId: ID!, $sections: [String!]!) {\n    employeeInterviewTimeline(employeeId: $employeeId, sections: $sections) {\n      employeeId\n      entries {\n        interviewId\n        cycle\n        scheduledAt\n        status\n        version\n        sections\n      }\n      recurringProblems {\n        problem\n        cycles\n        interviewIds\n      }\n    }\n  }\n": types.AuditEmployeeTimelineDocument,
    "\n  subscription AuditInterviewChanged($id: ID) {\n    interviewChanged(interviewId: $id) {\n      interviewId\n      version\n    }\n  }\n": types.AuditInterviewChangedDocument,
    "\n  mutation ExportEvidence($interviewId: ID, $filter: EvidenceFilter) {\n    exportEvidence(interviewId: $interviewId, filter: $filter) {\n      fileName\n      content\n      sha256\n      bytes\n      interviews\n      events\n      checkpointSize\n    }\n  }\n": types.ExportEvidenceDocument,
    "\n  query MyTasks {\n    myTasks(first: 100) {\n      id\n      kind\n      interviewId\n      subject\n      title\n      titleEn\n      status\n      dueAt\n      overdue\n      progress\n      cycle\n    }\n  }\n": types.MyTasksDocument,
    "\n  subscription TaskChanges {\n    interviewChanged {\n      interviewId\n      version\n    }\n  }\n": types.TaskChangesDocument,
    "\n  subscription NewNotification {\n    notificationAdded {\n      id\n    }\n  }\n": types.NewNotificationDocument,
    "\n  query Viewer {\n    me {\n      id\n      name\n      department\n      position\n      roles\n    }\n  }\n": types.ViewerDocument,
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
export function graphql(source: "\n  query AuditInterviews($filter: InterviewFilter, $first: Int!) {\n    interviews(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          cycle\n          status\n          version\n          employeeId\n          employee {\n            name\n          }\n          department\n          scheduledAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditInterviews($filter: InterviewFilter, $first: Int!) {\n    interviews(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          cycle\n          status\n          version\n          employeeId\n          employee {\n            name\n          }\n          department\n          scheduledAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditInterview($id: ID!) {\n    interview(id: $id) {\n      id\n      cycle\n      status\n      version\n      employeeId\n      employee {\n        name\n      }\n      department\n      scheduledAt\n    }\n  }\n"): (typeof documents)["\n  query AuditInterview($id: ID!) {\n    interview(id: $id) {\n      id\n      cycle\n      status\n      version\n      employeeId\n      employee {\n        name\n      }\n      department\n      scheduledAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditHistory($id: ID!) {\n    interviewHistory(id: $id) {\n      version\n      revision\n      eventType\n      contentChanged\n      section\n      actor\n      roles\n      ip\n      userAgent\n      at\n      eventHash\n      changes {\n        path\n        kind\n        before\n        after\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditHistory($id: ID!) {\n    interviewHistory(id: $id) {\n      version\n      revision\n      eventType\n      contentChanged\n      section\n      actor\n      roles\n      ip\n      userAgent\n      at\n      eventHash\n      changes {\n        path\n        kind\n        before\n        after\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditCompare($id: ID!, $fromVersion: Int!, $toVersion: Int!) {\n    compareInterviewVersions(id: $id, fromVersion: $fromVersion, toVersion: $toVersion) {\n      fromVersion\n      toVersion\n      changes {\n        path\n        kind\n        before\n        after\n        passages {\n          kind\n          text\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditCompare($id: ID!, $fromVersion: Int!, $toVersion: Int!) {\n    compareInterviewVersions(id: $id, fromVersion: $fromVersion, toVersion: $toVersion) {\n      fromVersion\n      toVersion\n      changes {\n        path\n        kind\n        before\n        after\n        passages {\n          kind\n          text\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditAt($id: ID!, $version: Int, $asOf: String) {\n    interviewAt(id: $id, version: $version, asOf: $asOf) {\n      id\n      version\n      status\n      cycle\n      updatedAt\n      lockedAt\n      sections\n    }\n  }\n"): (typeof documents)["\n  query AuditAt($id: ID!, $version: Int, $asOf: String) {\n    interviewAt(id: $id, version: $version, asOf: $asOf) {\n      id\n      version\n      status\n      cycle\n      updatedAt\n      lockedAt\n      sections\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditEmployeeTimeline($employeeId: ID!, $sections: [String!]!) {\n    employeeInterviewTimeline(employeeId: $employeeId, sections: $sections) {\n      employeeId\n      entries {\n        interviewId\n        cycle\n        scheduledAt\n        status\n        version\n        sections\n      }\n      recurringProblems {\n        problem\n        cycles\n        interviewIds\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditEmployeeTimeline($employeeId: ID!, $sections: [String!]!) {\n    employeeInterviewTimeline(employeeId: $employeeId, sections: $sections) {\n      employeeId\n      entries {\n        interviewId\n        cycle\n        scheduledAt\n        status\n        version\n        sections\n      }\n      recurringProblems {\n        problem\n        cycles\n        interviewIds\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AuditInterviewChanged($id: ID) {\n    interviewChanged(interviewId: $id) {\n      interviewId\n      version\n    }\n  }\n"): (typeof documents)["\n  subscription AuditInterviewChanged($id: ID) {\n    interviewChanged(interviewId: $id) {\n      interviewId\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExportEvidence($interviewId: ID, $filter: EvidenceFilter) {\n    exportEvidence(interviewId: $interviewId, filter: $filter) {\n      fileName\n      content\n      sha256\n      bytes\n      interviews\n      events\n      checkpointSize\n    }\n  }\n"): (typeof documents)["\n  mutation ExportEvidence($interviewId: ID, $filter: EvidenceFilter) {\n    exportEvidence(interviewId: $interviewId, filter: $filter) {\n      fileName\n      content\n      sha256\n      bytes\n      interviews\n      events\n      checkpointSize\n    }\n  }\n"];
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

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;