/** The auditor pages' GraphQL operations (README "Signatures, lock and evidence"). */
import { graphql } from '../gql';

export const AuditInterviewsDocument = graphql(`
  query AuditInterviews($filter: InterviewFilter, $first: Int!, $after: String) {
    interviews(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          cycle
          status
          version
          employeeId
          employee {
            name
          }
          department
          scheduledAt
        }
      }
    }
  }
`);

export const AuditInterviewDocument = graphql(`
  query AuditInterview($id: ID!) {
    interview(id: $id) {
      id
      cycle
      status
      version
      employeeId
      employee {
        name
      }
      department
      scheduledAt
    }
  }
`);

export const AuditHistoryDocument = graphql(`
  query AuditHistory($id: ID!) {
    interviewHistory(id: $id) {
      version
      revision
      eventType
      contentChanged
      section
      actor
      roles
      ip
      userAgent
      at
      eventHash
      changes {
        path
        kind
        before
        after
      }
    }
  }
`);

export const AuditCompareDocument = graphql(`
  query AuditCompare($id: ID!, $fromVersion: Int!, $toVersion: Int!) {
    compareInterviewVersions(id: $id, fromVersion: $fromVersion, toVersion: $toVersion) {
      fromVersion
      toVersion
      changes {
        path
        kind
        before
        after
        passages {
          kind
          text
        }
      }
    }
  }
`);

export const AuditAtDocument = graphql(`
  query AuditAt($id: ID!, $version: Int, $asOf: String) {
    interviewAt(id: $id, version: $version, asOf: $asOf) {
      id
      version
      status
      cycle
      updatedAt
      lockedAt
      sections
    }
  }
`);

export const AuditEmployeeTimelineDocument = graphql(`
  query AuditEmployeeTimeline($employeeId: ID!, $sections: [String!]!) {
    employeeInterviewTimeline(employeeId: $employeeId, sections: $sections) {
      employeeId
      entries {
        interviewId
        cycle
        scheduledAt
        status
        version
        sections
      }
      recurringProblems {
        problem
        cycles
        interviewIds
      }
    }
  }
`);

export const AuditInterviewChangedDocument = graphql(`
  subscription AuditInterviewChanged($id: ID) {
    interviewChanged(interviewId: $id) {
      interviewId
      version
    }
  }
`);

export const ExportEvidenceDocument = graphql(`
  mutation ExportEvidence($interviewId: ID, $filter: EvidenceFilter) {
    exportEvidence(interviewId: $interviewId, filter: $filter) {
      fileName
      content
      sha256
      bytes
      interviews
      events
      checkpointSize
    }
  }
`);
