/**
 * The GraphQL operations of 模板与流程: the catalog (latest template and flow of every id, with
 * their definitions), every version of one, publishing the next, and which template scheduling
 * picks for each job category and level (templateFor: one query per category, an alias per level).
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
  query HrtplTemplateFor($category: String!) {
    staff: templateFor(category: $category, level: "staff") {
      ...HrtplPick
    }
    team_lead: templateFor(category: $category, level: "team_lead") {
      ...HrtplPick
    }
    manager: templateFor(category: $category, level: "manager") {
      ...HrtplPick
    }
    executive: templateFor(category: $category, level: "executive") {
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
