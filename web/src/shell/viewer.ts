import { graphql } from '../gql';

/** Who is signed in: the API's `me`. */
export const ViewerQuery = graphql(`
  query Viewer {
    me {
      id
      name
      department
      position
      roles
    }
  }
`);
