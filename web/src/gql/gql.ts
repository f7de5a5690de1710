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
    "\n  query MyTasks {\n    myTasks(first: 100) {\n      id\n      kind\n      interviewId\n      subject\n      title\n      titleEn\n      status\n      dueAt\n      overdue\n      progress\n      cycle\n    }\n  }\n": typeof types.MyTasksDocument,
    "\n  subscription TaskChanges {\n    interviewChanged {\n      interviewId\n      version\n    }\n  }\n": typeof types.TaskChangesDocument,
    "\n  subscription NewNotification {\n    notificationAdded {\n      id\n    }\n  }\n": typeof types.NewNotificationDocument,
    "\n  query Viewer {\n    me {\n      id\n      name\n      department\n      position\n      roles\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  query MySigningKeys {\n    me {\n      id\n      name\n      signingKeys {\n        kid\n        publicKey\n        status\n        registeredAt\n        revokedAt\n        revokeReason\n      }\n    }\n  }\n": typeof types.MySigningKeysDocument,
    "\n  mutation RegisterSigningKey($personId: ID!, $publicKey: String!) {\n    registerSigningKey(personId: $personId, publicKey: $publicKey) {\n      kid\n      status\n      registeredAt\n    }\n  }\n": typeof types.RegisterSigningKeyDocument,
    "\n  mutation RevokeSigningKey($personId: ID!, $kid: String!, $reason: String!) {\n    revokeSigningKey(personId: $personId, kid: $kid, reason: $reason) {\n      kid\n      status\n      revokedAt\n      revokeReason\n    }\n  }\n": typeof types.RevokeSigningKeyDocument,
    "\n  query InterviewToSign($id: ID!) {\n    interview(id: $id) {\n      id\n      status\n      version\n      cycle\n      employeeId\n      managerId\n      participantIds\n      requiredSignatures\n      lockedAt\n      employee {\n        id\n        name\n      }\n      manager {\n        id\n        name\n      }\n      template {\n        id\n        name\n        nameEn\n        sections {\n          key\n          label\n          labelEn\n          fields {\n            key\n            label\n            labelEn\n          }\n        }\n      }\n      flow {\n        id\n        steps {\n          key\n          signing\n        }\n      }\n      workflow {\n        step\n        label\n        labelEn\n        pendingActorIds\n      }\n      signatures {\n        version\n        role\n        signerId\n        kid\n        contentDigest\n        receivedAt\n        ip\n        userAgent\n        current\n      }\n    }\n  }\n": typeof types.InterviewToSignDocument,
    "\n  query SigningMessageToSign($interviewId: ID!, $version: Int!, $role: SignatureRole!) {\n    signingMessage(interviewId: $interviewId, version: $version, role: $role) {\n      interviewId\n      version\n      role\n      signerId\n      payloadType\n      contentDigest\n      content\n      message\n      current\n    }\n  }\n": typeof types.SigningMessageToSignDocument,
    "\n  mutation SignInterviewInBrowser($input: SignInterviewInput!) {\n    signInterview(input: $input) {\n      id\n      status\n      version\n      lockedAt\n      signatures {\n        version\n        role\n        signerId\n        kid\n        contentDigest\n        receivedAt\n        ip\n        userAgent\n        current\n      }\n    }\n  }\n": typeof types.SignInterviewInBrowserDocument,
    "\n  subscription SignInterviewChanged($interviewId: ID) {\n    interviewChanged(interviewId: $interviewId) {\n      interviewId\n      version\n    }\n  }\n": typeof types.SignInterviewChangedDocument,
};
const documents: Documents = {
    "\n  query MyTasks {\n    myTasks(first: 100) {\n      id\n      kind\n      interviewId\n      subject\n      title\n      titleEn\n      status\n      dueAt\n      overdue\n      progress\n      cycle\n    }\n  }\n": types.MyTasksDocument,
    "\n  subscription TaskChanges {\n    interviewChanged {\n      interviewId\n      version\n    }\n  }\n": types.TaskChangesDocument,
    "\n  subscription NewNotification {\n    notificationAdded {\n      id\n    }\n  }\n": types.NewNotificationDocument,
    "\n  query Viewer {\n    me {\n      id\n      name\n      department\n      position\n      roles\n    }\n  }\n": types.ViewerDocument,
    "\n  query MySigningKeys {\n    me {\n      id\n      name\n      signingKeys {\n        kid\n        publicKey\n        status\n        registeredAt\n        revokedAt\n        revokeReason\n      }\n    }\n  }\n": types.MySigningKeysDocument,
    "\n  mutation RegisterSigningKey($personId: ID!, $publicKey: String!) {\n    registerSigningKey(personId: $personId, publicKey: $publicKey) {\n      kid\n      status\n      registeredAt\n    }\n  }\n": types.RegisterSigningKeyDocument,
    "\n  mutation RevokeSigningKey($personId: ID!, $kid: String!, $reason: String!) {\n    revokeSigningKey(personId: $personId, kid: $kid, reason: $reason) {\n      kid\n      status\n      revokedAt\n      revokeReason\n    }\n  }\n": types.RevokeSigningKeyDocument,
    "\n  query InterviewToSign($id: ID!) {\n    interview(id: $id) {\n      id\n      status\n      version\n      cycle\n      employeeId\n      managerId\n      participantIds\n      requiredSignatures\n      lockedAt\n      employee {\n        id\n        name\n      }\n      manager {\n        id\n        name\n      }\n      template {\n        id\n        name\n        nameEn\n        sections {\n          key\n          label\n          labelEn\n          fields {\n            key\n            label\n            labelEn\n          }\n        }\n      }\n      flow {\n        id\n        steps {\n          key\n          signing\n        }\n      }\n      workflow {\n        step\n        label\n        labelEn\n        pendingActorIds\n      }\n      signatures {\n        version\n        role\n        signerId\n        kid\n        contentDigest\n        receivedAt\n        ip\n        userAgent\n        current\n      }\n    }\n  }\n": types.InterviewToSignDocument,
    "\n  query SigningMessageToSign($interviewId: ID!, $version: Int!, $role: SignatureRole!) {\n    signingMessage(interviewId: $interviewId, version: $version, role: $role) {\n      interviewId\n      version\n      role\n      signerId\n      payloadType\n      contentDigest\n      content\n      message\n      current\n    }\n  }\n": types.SigningMessageToSignDocument,
    "\n  mutation SignInterviewInBrowser($input: SignInterviewInput!) {\n    signInterview(input: $input) {\n      id\n      status\n      version\n      lockedAt\n      signatures {\n        version\n        role\n        signerId\n        kid\n        contentDigest\n        receivedAt\n        ip\n        userAgent\n        current\n      }\n    }\n  }\n": types.SignInterviewInBrowserDocument,
    "\n  subscription SignInterviewChanged($interviewId: ID) {\n    interviewChanged(interviewId: $interviewId) {\n      interviewId\n      version\n    }\n  }\n": types.SignInterviewChangedDocument,
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
export function graphql(source: "\n  query MySigningKeys {\n    me {\n      id\n      name\n      signingKeys {\n        kid\n        publicKey\n        status\n        registeredAt\n        revokedAt\n        revokeReason\n      }\n    }\n  }\n"): (typeof documents)["\n  query MySigningKeys {\n    me {\n      id\n      name\n      signingKeys {\n        kid\n        publicKey\n        status\n        registeredAt\n        revokedAt\n        revokeReason\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterSigningKey($personId: ID!, $publicKey: String!) {\n    registerSigningKey(personId: $personId, publicKey: $publicKey) {\n      kid\n      status\n      registeredAt\n    }\n  }\n"): (typeof documents)["\n  mutation RegisterSigningKey($personId: ID!, $publicKey: String!) {\n    registerSigningKey(personId: $personId, publicKey: $publicKey) {\n      kid\n      status\n      registeredAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeSigningKey($personId: ID!, $kid: String!, $reason: String!) {\n    revokeSigningKey(personId: $personId, kid: $kid, reason: $reason) {\n      kid\n      status\n      revokedAt\n      revokeReason\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeSigningKey($personId: ID!, $kid: String!, $reason: String!) {\n    revokeSigningKey(personId: $personId, kid: $kid, reason: $reason) {\n      kid\n      status\n      revokedAt\n      revokeReason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InterviewToSign($id: ID!) {\n    interview(id: $id) {\n      id\n      status\n      version\n      cycle\n      employeeId\n      managerId\n      participantIds\n      requiredSignatures\n      lockedAt\n      employee {\n        id\n        name\n      }\n      manager {\n        id\n        name\n      }\n      template {\n        id\n        name\n        nameEn\n        sections {\n          key\n          label\n          labelEn\n          fields {\n            key\n            label\n            labelEn\n          }\n        }\n      }\n      flow {\n        id\n        steps {\n          key\n          signing\n        }\n      }\n      workflow {\n        step\n        label\n        labelEn\n        pendingActorIds\n      }\n      signatures {\n        version\n        role\n        signerId\n        kid\n        contentDigest\n        receivedAt\n        ip\n        userAgent\n        current\n      }\n    }\n  }\n"): (typeof documents)["\n  query InterviewToSign($id: ID!) {\n    interview(id: $id) {\n      id\n      status\n      version\n      cycle\n      employeeId\n      managerId\n      participantIds\n      requiredSignatures\n      lockedAt\n      employee {\n        id\n        name\n      }\n      manager {\n        id\n        name\n      }\n      template {\n        id\n        name\n        nameEn\n        sections {\n          key\n          label\n          labelEn\n          fields {\n            key\n            label\n            labelEn\n          }\n        }\n      }\n      flow {\n        id\n        steps {\n          key\n          signing\n        }\n      }\n      workflow {\n        step\n        label\n        labelEn\n        pendingActorIds\n      }\n      signatures {\n        version\n        role\n        signerId\n        kid\n        contentDigest\n        receivedAt\n        ip\n        userAgent\n        current\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SigningMessageToSign($interviewId: ID!, $version: Int!, $role: SignatureRole!) {\n    signingMessage(interviewId: $interviewId, version: $version, role: $role) {\n      interviewId\n      version\n      role\n      signerId\n      payloadType\n      contentDigest\n      content\n      message\n      current\n    }\n  }\n"): (typeof documents)["\n  query SigningMessageToSign($interviewId: ID!, $version: Int!, $role: SignatureRole!) {\n    signingMessage(interviewId: $interviewId, version: $version, role: $role) {\n      interviewId\n      version\n      role\n      signerId\n      payloadType\n      contentDigest\n      content\n      message\n      current\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignInterviewInBrowser($input: SignInterviewInput!) {\n    signInterview(input: $input) {\n      id\n      status\n      version\n      lockedAt\n      signatures {\n        version\n        role\n        signerId\n        kid\n        contentDigest\n        receivedAt\n        ip\n        userAgent\n        current\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignInterviewInBrowser($input: SignInterviewInput!) {\n    signInterview(input: $input) {\n      id\n      status\n      version\n      lockedAt\n      signatures {\n        version\n        role\n        signerId\n        kid\n        contentDigest\n        receivedAt\n        ip\n        userAgent\n        current\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SignInterviewChanged($interviewId: ID) {\n    interviewChanged(interviewId: $interviewId) {\n      interviewId\n      version\n    }\n  }\n"): (typeof documents)["\n  subscription SignInterviewChanged($interviewId: ID) {\n    interviewChanged(interviewId: $interviewId) {\n      interviewId\n      version\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;