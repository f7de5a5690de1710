/** The GraphQL operations of 我的面谈 and the interview record page. */
import { graphql } from '../gql';

export const MyInterviewsDocument = graphql(`
  query MyInterviews($me: ID!) {
    asEmployee: interviews(first: 40, filter: { employeeId: $me }) {
      totalCount
      edges {
        node {
          ...InterviewRow
        }
      }
    }
    asManager: interviews(first: 40, filter: { managerId: $me }) {
      totalCount
      edges {
        node {
          ...InterviewRow
        }
      }
    }
  }
  fragment InterviewRow on Interview {
    id
    cycle
    status
    version
    scheduledAt
    employeeId
    managerId
    employee {
      id
      name
    }
    templateId
    templateVersion
    workflow {
      step
      label
      labelEn
      dueAt
      overdue
      pendingActorIds
    }
  }
`);

export const InterviewRecordDocument = graphql(`
  query InterviewRecord($id: ID!) {
    interview(id: $id) {
      ...InterviewRecord
    }
  }
  fragment TemplateFieldParts on TemplateField {
    key
    label
    labelEn
    type
    required
    fillers
    options
    refTo
    min
    max
    maxLength
    maxItems
  }
  fragment InterviewRecord on Interview {
    id
    status
    version
    cycle
    employeeId
    managerId
    participantIds
    department
    position
    scheduledAt
    location
    sections
    lockedAt
    templateVersion
    employee {
      id
      name
    }
    manager {
      id
      name
    }
    attachments {
      sha256
      name
      mediaType
      size
      uploadedBy
      uploadedAt
      url
    }
    template {
      id
      version
      name
      nameEn
      vagueHighlights
      minCaseChars
      planHorizonDays
      dimensions {
        key
        label
        labelEn
      }
      sections {
        key
        kind
        label
        labelEn
        required
        fields {
          ...TemplateFieldParts
          items {
            ...TemplateFieldParts
          }
        }
      }
    }
    flow {
      id
      steps {
        key
        label
        labelEn
        actors
        edits
        signing
      }
    }
    workflow {
      step
      label
      labelEn
      stepIndex
      stepCount
      dueAt
      overdue
      pendingActorIds
    }
  }
`);

export const InterviewHistoryDocument = graphql(`
  query InterviewHistory($id: ID!) {
    interviewHistory(id: $id) {
      version
      revision
      eventType
      contentChanged
      section
      actor
      roles
      at
      changes {
        path
        kind
        before
        after
      }
    }
  }
`);

export const EditSectionDocument = graphql(`
  mutation EditSection($input: EditSectionInput!) {
    editInterviewSection(input: $input) {
      ...InterviewRecord
    }
  }
`);

export const SubmitStepDocument = graphql(`
  mutation SubmitStep($id: ID!, $step: String!) {
    submitStep(interviewId: $id, step: $step) {
      ...InterviewRecord
    }
  }
`);

export const RecordChangedDocument = graphql(`
  subscription RecordChanged($id: ID) {
    interviewChanged(interviewId: $id) {
      interviewId
      version
      eventType
    }
  }
`);
