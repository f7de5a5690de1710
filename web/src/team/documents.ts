/**
 * The manager's GraphQL operations: the team's interviews (the `interviews` list with its
 * filter), their support needs and evaluation, sending a record back, improvement tasks.
 */
import { graphql } from '../gql';

export const TeamInterviewsDocument = graphql(`
  query TeamInterviews($filter: InterviewFilter, $first: Int!, $after: String) {
    interviews(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          version
          status
          cycle
          employeeId
          employee {
            id
            name
          }
          workflow {
            step
            label
            labelEn
            stepIndex
            dueAt
            overdue
            pendingActorIds
          }
        }
      }
    }
  }
`);

export const InterviewChangedDocument = graphql(`
  subscription TeamInterviewChanged {
    interviewChanged {
      interviewId
      version
      eventType
    }
  }
`);

export const ReturnStepDocument = graphql(`
  mutation TeamReturnStep($interviewId: ID!, $toStep: String!, $reason: String!) {
    returnStep(interviewId: $interviewId, toStep: $toStep, reason: $reason) {
      id
      version
      status
      workflow {
        step
        label
        labelEn
        pendingActorIds
        dueAt
        overdue
      }
    }
  }
`);

export const RecordNeedsDocument = graphql(`
  query TeamRecordNeeds($id: ID!) {
    interview(id: $id) {
      id
      version
      status
      employee {
        id
        name
      }
      workflow {
        step
        label
        labelEn
        stepIndex
      }
      flow {
        id
        steps {
          key
          label
          labelEn
          evaluatesNeeds
        }
      }
    }
    supportNeeds(openOnly: false, first: 200) {
      id
      interviewId
      needId
      type
      need
      status
      evaluation
      fulfilment
    }
  }
`);

export const EvaluateNeedDocument = graphql(`
  mutation TeamEvaluateNeed($input: EvaluateSupportNeedInput!) {
    evaluateSupportNeed(input: $input) {
      id
      version
    }
  }
`);

export const TeamTasksDocument = graphql(`
  query TeamTasks {
    tasks(first: 100) {
      id
      kind
      interviewId
      assigneeId
      subject
      title
      titleEn
      status
      dueAt
      overdue
      progress
      employeeId
      cycle
    }
    interviews(first: 50) {
      edges {
        node {
          id
          employee {
            id
            name
          }
          manager {
            id
            name
          }
        }
      }
    }
  }
`);

export const ReportProgressDocument = graphql(`
  mutation TeamReportProgress($interviewId: ID!, $taskId: String!, $progress: Int!, $note: String) {
    reportTaskProgress(interviewId: $interviewId, taskId: $taskId, progress: $progress, note: $note) {
      id
      version
    }
  }
`);

export const CompleteTaskDocument = graphql(`
  mutation TeamCompleteTask($interviewId: ID!, $taskId: String!, $note: String) {
    completeTask(interviewId: $interviewId, taskId: $taskId, note: $note) {
      id
      version
    }
  }
`);
