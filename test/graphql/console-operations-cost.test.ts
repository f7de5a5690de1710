/**
 * Every query the web console sends fits the server's default cost budget, as the console
 * sends it: urql adds `__typename` to every selection (formatDocument), and a variable `first`
 * is the largest page the console passes (PAGE_SIZES below, kept beside the pages that use
 * them). A console page over budget would only show QUERY_TOO_COMPLEX in a browser.
 */
import 'reflect-metadata';
import { isEnumType, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode, type TypeNode } from 'graphql';
import { formatDocument } from '@urql/core';
import { DEFAULT_QUERY_LIMITS, operationCost } from '../../src/graphql/query-limits';
import { getSchema } from '../../src/graphql/schema';
import * as documents from '../../web/src/gql/graphql';

/** The `$first` each paged console query is sent with (web/src/pages/**). */
const PAGE_SIZES: Record<string, number> = {
  TeamInterviews: 50, // web/src/pages/team/TeamInterviews.tsx PAGE
  AuditInterviews: 50, // web/src/pages/audit/AuditPage.tsx pageSize
  HrCorrectionRecords: 30, // web/src/pages/hr/Corrections.tsx
};

const operations = Object.entries(documents)
  .filter(([name, value]) => name.endsWith('Document') && typeof value === 'object' && value !== null && 'definitions' in value)
  .map(([, value]) => value as DocumentNode)
  .flatMap((doc) =>
    doc.definitions
      .filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition' && d.operation === 'query')
      .map((d) => ({ doc, name: d.name!.value, definitions: d.variableDefinitions ?? [] })),
  );

/** A value for a required variable (the cost does not depend on it; execution would refuse a missing one). */
function sample(schema: GraphQLSchema, type: TypeNode): unknown {
  if (type.kind === 'NonNullType') return sample(schema, type.type);
  if (type.kind === 'ListType') return [];
  const name = type.name.value;
  const scalars: Record<string, unknown> = {
    ID: 'X1',
    String: 'x',
    Int: 1,
    Float: 1,
    Boolean: true,
    DateTimeISO: '2026-07-01T00:00:00.000Z',
    JSONObject: {},
  };
  if (name in scalars) return scalars[name];
  const named = schema.getType(name);
  return isEnumType(named) ? named.getValues()[0]!.value : {};
}

describe('the console’s queries within the cost budget', () => {
  it('finds the console’s queries', () => {
    expect(operations.length).toBeGreaterThanOrEqual(20);
  });

  it.each(operations.map((o) => [o.name, o] as const))('%s', async (name, op) => {
    const schema = await getSchema();
    const variables: Record<string, unknown> = {};
    for (const definition of op.definitions)
      if (definition.type.kind === 'NonNullType' && !definition.defaultValue)
        variables[definition.variable.name.value] = sample(schema, definition.type);
    if (op.definitions.some((d) => d.variable.name.value === 'first')) {
      expect(PAGE_SIZES[name]).toBeDefined();
      variables.first = PAGE_SIZES[name];
    }
    const cost = operationCost(schema, formatDocument(op.doc), variables, name);
    expect(cost).not.toBeNull();
    expect({ name, withinBudget: cost! <= DEFAULT_QUERY_LIMITS.maxCost, cost }).toEqual({ name, withinBudget: true, cost });
  });
});
