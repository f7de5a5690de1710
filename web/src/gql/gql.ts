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
    "\n  query MyInterviews($me: ID!) {\n    asEmployee: interviews(first: 20, filter: { employeeId: $me }) {\n      edges {\n        node {\n          ...InterviewRow\n        }\n      }\n    }\n    asManager: interviews(first: 20, filter: { managerId: $me }) {\n      edges {\n        node {\n          ...InterviewRow\n        }\n      }\n    }\n  }\n  fragment InterviewRow on Interview {\n    id\n    cycle\n    status\n    version\n    scheduledAt\n    employeeId\n    managerId\n    employee {\n      id\n      name\n    }\n    templateId\n    templateVersion\n    workflow {\n      step\n      label\n      labelEn\n      dueAt\n      overdue\n      pendingActorIds\n    }\n  }\n": typeof types.MyInterviewsDocument,
    "\n  query InterviewRecord($id: ID!) {\n    interview(id: $id) {\n      ...InterviewRecord\n    }\n  }\n  fragment TemplateFieldParts on TemplateField {\n    key\n    label\n    labelEn\n    type\n    required\n    fillers\n    options\n    refTo\n    min\n    max\n    maxLength\n    maxItems\n  }\n  fragment InterviewRecord on Interview {\n    id\n    status\n    version\n    cycle\n    employeeId\n    managerId\n    participantIds\n    department\n    position\n    scheduledAt\n    location\n    sections\n    lockedAt\n    templateVersion\n    employee {\n      id\n      name\n    }\n    manager {\n      id\n      name\n    }\n    attachments {\n      sha256\n      name\n      mediaType\n      size\n      uploadedBy\n      uploadedAt\n      url\n    }\n    template {\n      id\n      version\n      name\n      nameEn\n      vagueHighlights\n      minCaseChars\n      planHorizonDays\n      dimensions {\n        key\n        label\n        labelEn\n      }\n      sections {\n        key\n        kind\n        label\n        labelEn\n        required\n        fields {\n          ...TemplateFieldParts\n          items {\n            ...TemplateFieldParts\n          }\n        }\n      }\n    }\n    flow {\n      id\n      steps {\n        key\n        label\n        labelEn\n        actors\n        edits\n        signing\n      }\n    }\n    workflow {\n      step\n      label\n      labelEn\n      stepIndex\n      stepCount\n      dueAt\n      overdue\n      pendingActorIds\n    }\n  }\n": typeof types.InterviewRecordDocument,
    "\n  query InterviewHistory($id: ID!) {\n    interviewHistory(id: $id) {\n      version\n      revision\n      eventType\n      contentChanged\n      section\n      actor\n      roles\n      at\n      changes {\n        path\n        kind\n        before\n        after\n      }\n    }\n  }\n": typeof types.InterviewHistoryDocument,
    "\n  mutation EditSection($input: EditSectionInput!) {\n    editInterviewSection(input: $input) {\n      ...InterviewRecord\n    }\n  }\n": typeof types.EditSectionDocument,
    "\n  mutation SubmitStep($id: ID!, $step: String!) {\n    submitStep(interviewId: $id, step: $step) {\n      ...InterviewRecord\n    }\n  }\n": typeof types.SubmitStepDocument,
    "\n  subscription RecordChanged($id: ID) {\n    interviewChanged(interviewId: $id) {\n      interviewId\n      version\n      eventType\n    }\n  }\n": typeof types.RecordChangedDocument,
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
    "\n  query MyInterviews($me: ID!) {\n    asEmployee: interviews(first: 20, filter: { employeeId: $me }) {\n      edges {\n        node {\n          ...InterviewRow\n        }\n      }\n    }\n    asManager: interviews(first: 20, filter: { managerId: $me }) {\n      edges {\n        node {\n          ...InterviewRow\n        }\n      }\n    }\n  }\n  fragment InterviewRow on Interview {\n    id\n    cycle\n    status\n    version\n    scheduledAt\n    employeeId\n    managerId\n    employee {\n      id\n      name\n    }\n    templateId\n    templateVersion\n    workflow {\n      step\n      label\n      labelEn\n      dueAt\n      overdue\n      pendingActorIds\n    }\n  }\n": types.MyInterviewsDocument,
    "\n  query InterviewRecord($id: ID!) {\n    interview(id: $id) {\n      ...InterviewRecord\n    }\n  }\n  fragment TemplateFieldParts on TemplateField {\n    key\n    label\n    labelEn\n    type\n    required\n    fillers\n    options\n    refTo\n    min\n    max\n    maxLength\n    maxItems\n  }\n  fragment InterviewRecord on Interview {\n    id\n    status\n    version\n    cycle\n    employeeId\n    managerId\n    participantIds\n    department\n    position\n    scheduledAt\n    location\n    sections\n    lockedAt\n    templateVersion\n    employee {\n      id\n      name\n    }\n    manager {\n      id\n      name\n    }\n    attachments {\n      sha256\n      name\n      mediaType\n      size\n      uploadedBy\n      uploadedAt\n      url\n    }\n    template {\n      id\n      version\n      name\n      nameEn\n      vagueHighlights\n      minCaseChars\n      planHorizonDays\n      dimensions {\n        key\n        label\n        labelEn\n      }\n      sections {\n        key\n        kind\n        label\n        labelEn\n        required\n        fields {\n          ...TemplateFieldParts\n          items {\n            ...TemplateFieldParts\n          }\n        }\n      }\n    }\n    flow {\n      id\n      steps {\n        key\n        label\n        labelEn\n        actors\n        edits\n        signing\n      }\n    }\n    workflow {\n      step\n      label\n      labelEn\n      stepIndex\n      stepCount\n      dueAt\n      overdue\n      pendingActorIds\n    }\n  }\n": types.InterviewRecordDocument,
    "\n  query InterviewHistory($id: ID!) {\n    interviewHistory(id: $id) {\n      version\n      revision\n      eventType\n      contentChanged\n      section\n      actor\n      roles\n      at\n      changes {\n        path\n        kind\n        before\n        after\n      }\n    }\n  }\n": types.InterviewHistoryDocument,
    "\n  mutation EditSection($input: EditSectionInput!) {\n    editInterviewSection(input: $input) {\n      ...InterviewRecord\n    }\n  }\n": types.EditSectionDocument,
    "\n  mutation SubmitStep($id: ID!, $step: String!) {\n    submitStep(interviewId: $id, step: $step) {\n      ...InterviewRecord\n    }\n  }\n": types.SubmitStepDocument,
    "\n  subscription RecordChanged($id: ID) {\n    interviewChanged(interviewId: $id) {\n      interviewId\n      version\n      eventType\n    }\n  }\n": types.RecordChangedDocument,
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
export function graphql(source: "\n  query MyInterviews($me: ID!) {\n    asEmployee: interviews(first: 20, filter: { employeeId: $me }) {\n      edges {\n        node {\n          ...InterviewRow\n        }\n      }\n    }\n    asManager: interviews(first: 20, filter: { managerId: $me }) {\n      edges {\n        node {\n          ...InterviewRow\n        }\n      }\n    }\n  }\n  fragment InterviewRow on Interview {\n    id\n    cycle\n    status\n    version\n    scheduledAt\n    employeeId\n    managerId\n    employee {\n      id\n      name\n    }\n    templateId\n    templateVersion\n    workflow {\n      step\n      label\n      labelEn\n      dueAt\n      overdue\n      pendingActorIds\n    }\n  }\n"): (typeof documents)["\n  query MyInterviews($me: ID!) {\n    asEmployee: interviews(first: 20, filter: { employeeId: $me }) {\n      edges {\n        node {\n          ...InterviewRow\n        }\n      }\n    }\n    asManager: interviews(first: 20, filter: { managerId: $me }) {\n      edges {\n        node {\n          ...InterviewRow\n        }\n      }\n    }\n  }\n  fragment InterviewRow on Interview {\n    id\n    cycle\n    status\n    version\n    scheduledAt\n    employeeId\n    managerId\n    employee {\n      id\n      name\n    }\n    templateId\n    templateVersion\n    workflow {\n      step\n      label\n      labelEn\n      dueAt\n      overdue\n      pendingActorIds\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InterviewRecord($id: ID!) {\n    interview(id: $id) {\n      ...InterviewRecord\n    }\n  }\n  fragment TemplateFieldParts on TemplateField {\n    key\n    label\n    labelEn\n    type\n    required\n    fillers\n    options\n    refTo\n    min\n    max\n    maxLength\n    maxItems\n  }\n  fragment InterviewRecord on Interview {\n    id\n    status\n    version\n    cycle\n    employeeId\n    managerId\n    participantIds\n    department\n    position\n    scheduledAt\n    location\n    sections\n    lockedAt\n    templateVersion\n    employee {\n      id\n      name\n    }\n    manager {\n      id\n      name\n    }\n    attachments {\n      sha256\n      name\n      mediaType\n      size\n      uploadedBy\n      uploadedAt\n      url\n    }\n    template {\n      id\n      version\n      name\n      nameEn\n      vagueHighlights\n      minCaseChars\n      planHorizonDays\n      dimensions {\n        key\n        label\n        labelEn\n      }\n      sections {\n        key\n        kind\n        label\n        labelEn\n        required\n        fields {\n          ...TemplateFieldParts\n          items {\n            ...TemplateFieldParts\n          }\n        }\n      }\n    }\n    flow {\n      id\n      steps {\n        key\n        label\n        labelEn\n        actors\n        edits\n        signing\n      }\n    }\n    workflow {\n      step\n      label\n      labelEn\n      stepIndex\n      stepCount\n      dueAt\n      overdue\n      pendingActorIds\n    }\n  }\n"): (typeof documents)["\n  query InterviewRecord($id: ID!) {\n    interview(id: $id) {\n      ...InterviewRecord\n    }\n  }\n  fragment TemplateFieldParts on TemplateField {\n    key\n    label\n    labelEn\n    type\n    required\n    fillers\n    options\n    refTo\n    min\n    max\n    maxLength\n    maxItems\n  }\n  fragment InterviewRecord on Interview {\n    id\n    status\n    version\n    cycle\n    employeeId\n    managerId\n    participantIds\n    department\n    position\n    scheduledAt\n    location\n    sections\n    lockedAt\n    templateVersion\n    employee {\n      id\n      name\n    }\n    manager {\n      id\n      name\n    }\n    attachments {\n      sha256\n      name\n      mediaType\n      size\n      uploadedBy\n      uploadedAt\n      url\n    }\n    template {\n      id\n      version\n      name\n      nameEn\n      vagueHighlights\n      minCaseChars\n      planHorizonDays\n      dimensions {\n        key\n        label\n        labelEn\n      }\n      sections {\n        key\n        kind\n        label\n        labelEn\n        required\n        fields {\n          ...TemplateFieldParts\n          items {\n            ...TemplateFieldParts\n          }\n        }\n      }\n    }\n    flow {\n      id\n      steps {\n        key\n        label\n        labelEn\n        actors\n        edits\n        signing\n      }\n    }\n    workflow {\n      step\n      label\n      labelEn\n      stepIndex\n      stepCount\n      dueAt\n      overdue\n      pendingActorIds\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InterviewHistory($id: ID!) {\n    interviewHistory(id: $id) {\n      version\n      revision\n      eventType\n      contentChanged\n      section\n      actor\n      roles\n      at\n      changes {\n        path\n        kind\n        before\n        after\n      }\n    }\n  }\n"): (typeof documents)["\n  query InterviewHistory($id: ID!) {\n    interviewHistory(id: $id) {\n      version\n      revision\n      eventType\n      contentChanged\n      section\n      actor\n      roles\n      at\n      changes {\n        path\n        kind\n        before\n        after\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EditSection($input: EditSectionInput!) {\n    editInterviewSection(input: $input) {\n      ...InterviewRecord\n    }\n  }\n"): (typeof documents)["\n  mutation EditSection($input: EditSectionInput!) {\n    editInterviewSection(input: $input) {\n      ...InterviewRecord\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitStep($id: ID!, $step: String!) {\n    submitStep(interviewId: $id, step: $step) {\n      ...InterviewRecord\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitStep($id: ID!, $step: String!) {\n    submitStep(interviewId: $id, step: $step) {\n      ...InterviewRecord\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RecordChanged($id: ID) {\n    interviewChanged(interviewId: $id) {\n      interviewId\n      version\n      eventType\n    }\n  }\n"): (typeof documents)["\n  subscription RecordChanged($id: ID) {\n    interviewChanged(interviewId: $id) {\n      interviewId\n      version\n      eventType\n    }\n  }\n"];
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