/**
 * The GraphQL operations of 模板与流程: the catalog (latest template and flow of every id, with
 * their definitions), every version of one, publishing the next, and which template scheduling
 * picks for each job category and level (templateFor, one alias per cell).
 */
import { graphql } from '../gql';

export const CatalogDocument = graphql(`
  query HrtplCatalog {
    templates(includeRetired: true) {
      id
      version
      name
      nameEn
      categories
      levels
      defaultFlowId
      active
      builtin
      definition
    }
    flows {
      id
      version
      name
      nameEn
      departments
      levels
      active
      builtin
      definition
    }
  }
`);

export const TemplateVersionsDocument = graphql(`
  query HrtplTemplateVersions($id: ID!) {
    templateVersions(id: $id) {
      id
      version
      builtin
      active
      definition
      publication {
        note
        publishedAt
      }
    }
  }
`);

export const FlowVersionsDocument = graphql(`
  query HrtplFlowVersions($id: ID!) {
    flowVersions(id: $id) {
      id
      version
      builtin
      active
      definition
      publication {
        note
        publishedAt
      }
    }
  }
`);

export const PublishTemplateDocument = graphql(`
  mutation HrtplPublishTemplate($id: ID!, $definition: JSONObject!, $note: String) {
    publishTemplate(id: $id, definition: $definition, note: $note) {
      id
      version
      publication {
        note
        publishedAt
      }
    }
  }
`);

export const PublishFlowDocument = graphql(`
  mutation HrtplPublishFlow($id: ID!, $definition: JSONObject!, $note: String) {
    publishFlow(id: $id, definition: $definition, note: $note) {
      id
      version
      publication {
        note
        publishedAt
      }
    }
  }
`);

export const TemplateForDocument = graphql(`
  query HrtplTemplateFor {
    production_staff: templateFor(category: "production", level: "staff") {
      ...HrtplPick
    }
    production_team_lead: templateFor(category: "production", level: "team_lead") {
      ...HrtplPick
    }
    production_manager: templateFor(category: "production", level: "manager") {
      ...HrtplPick
    }
    production_executive: templateFor(category: "production", level: "executive") {
      ...HrtplPick
    }
    rnd_staff: templateFor(category: "rnd", level: "staff") {
      ...HrtplPick
    }
    rnd_team_lead: templateFor(category: "rnd", level: "team_lead") {
      ...HrtplPick
    }
    rnd_manager: templateFor(category: "rnd", level: "manager") {
      ...HrtplPick
    }
    rnd_executive: templateFor(category: "rnd", level: "executive") {
      ...HrtplPick
    }
    service_staff: templateFor(category: "service", level: "staff") {
      ...HrtplPick
    }
    service_team_lead: templateFor(category: "service", level: "team_lead") {
      ...HrtplPick
    }
    service_manager: templateFor(category: "service", level: "manager") {
      ...HrtplPick
    }
    service_executive: templateFor(category: "service", level: "executive") {
      ...HrtplPick
    }
    sales_staff: templateFor(category: "sales", level: "staff") {
      ...HrtplPick
    }
    sales_team_lead: templateFor(category: "sales", level: "team_lead") {
      ...HrtplPick
    }
    sales_manager: templateFor(category: "sales", level: "manager") {
      ...HrtplPick
    }
    sales_executive: templateFor(category: "sales", level: "executive") {
      ...HrtplPick
    }
    functional_staff: templateFor(category: "functional", level: "staff") {
      ...HrtplPick
    }
    functional_team_lead: templateFor(category: "functional", level: "team_lead") {
      ...HrtplPick
    }
    functional_manager: templateFor(category: "functional", level: "manager") {
      ...HrtplPick
    }
    functional_executive: templateFor(category: "functional", level: "executive") {
      ...HrtplPick
    }
  }
  fragment HrtplPick on InterviewTemplateType {
    id
    version
    name
    nameEn
    defaultFlowId
  }
`);
