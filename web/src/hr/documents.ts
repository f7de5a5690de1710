/**
 * HR's GraphQL operations: the dashboards (figures as JSON, drawn in the browser), overdue work
 * with who must act, support needs, the reminder policy, corrections.
 */
import { graphql } from '../gql';

export const DirectoryDocument = graphql(`
  query HrDirectory {
    people {
      id
      name
      department
    }
  }
`);

export const CyclesDocument = graphql(`
  query HrCycles {
    dashboard {
      completionTrend {
        name
        data
      }
    }
  }
`);

export const CompletionDocument = graphql(`
  query HrCompletion($cycle: String!, $department: String) {
    dashboard {
      completion(cycle: $cycle, department: $department) {
        name
        data
      }
    }
    tasks(overdueOnly: true, first: 150, department: $department) {
      id
      kind
      interviewId
      assigneeId
      subject
      title
      titleEn
      dueAt
      overdue
      employeeId
      managerId
      department
      cycle
    }
  }
`);

export const SupportNeedsDocument = graphql(`
  query HrSupportNeeds($cycle: String, $department: String, $status: String, $openOnly: Boolean!) {
    dashboard {
      supportNeeds(cycle: $cycle, department: $department) {
        name
        data
      }
    }
    supportNeeds(first: 150, department: $department, status: $status, openOnly: $openOnly) {
      id
      interviewId
      needId
      type
      need
      status
      evaluation
      fulfilment
      employeeId
      managerId
      department
      cycle
    }
  }
`);

export const FulfilNeedDocument = graphql(`
  mutation HrFulfilNeed($interviewId: ID!, $needId: String!, $note: String!) {
    fulfilSupportNeed(interviewId: $interviewId, needId: $needId, note: $note) {
      id
      version
    }
  }
`);

export const ReminderPolicyDocument = graphql(`
  query HrReminderPolicy {
    reminderPolicy
  }
`);

export const SetReminderPolicyDocument = graphql(`
  mutation HrSetReminderPolicy($policy: JSONObject!) {
    setReminderPolicy(policy: $policy)
  }
`);

export const CorrectionRecordsDocument = graphql(`
  query HrCorrectionRecords($filter: InterviewFilter, $first: Int!) {
    interviews(filter: $filter, first: $first) {
      totalCount
      edges {
        node {
          id
          version
          status
          cycle
          department
          employeeId
          managerId
          lockedAt
          requiredSignatures
          workflow {
            step
            pendingActorIds
          }
          corrections {
            reason
            fromVersion
            openedBy
            openedAt
          }
        }
      }
    }
  }
`);

export const OpenCorrectionDocument = graphql(`
  mutation HrOpenCorrection($interviewId: ID!, $reason: String!) {
    openCorrection(interviewId: $interviewId, reason: $reason) {
      id
      version
      status
      requiredSignatures
      workflow {
        step
        pendingActorIds
      }
      corrections {
        reason
        fromVersion
        openedBy
        openedAt
      }
    }
  }
`);

export const InterviewChangedHrDocument = graphql(`
  subscription HrInterviewChanged {
    interviewChanged {
      interviewId
      version
    }
  }
`);

export const DashboardsDocument = graphql(`
  query Dashboards($cycle: String!, $department: String) {
    dashboard {
      completion(cycle: $cycle, department: $department) {
        name
        data
      }
      progress(cycle: $cycle, department: $department) {
        name
        data
      }
      completionTrend(department: $department) {
        name
        data
      }
      themes(cycle: $cycle, department: $department) {
        name
        data
      }
      sentiment(department: $department) {
        name
        data
      }
      goalPressure(cycle: $cycle, department: $department) {
        name
        data
      }
      supportNeeds(cycle: $cycle, department: $department) {
        name
        data
      }
    }
  }
`);

export const RadarDocument = graphql(`
  query DashboardRadar($employeeId: ID!, $cycle: String!) {
    dashboard {
      radar(employeeId: $employeeId, cycle: $cycle) {
        name
        data
      }
    }
  }
`);
