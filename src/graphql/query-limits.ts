import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  visit,
  type ASTVisitor,
  type DocumentNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { MAX_PAGE } from '../application/queries/interviews';
import { MAX_ITEMS } from '../application/queries/work';
import type { ErrorCode } from '../domain/error-codes';

/**
 * What one GraphQL operation may ask for, checked before anything runs: the size of the text
 * (tokens), its shape (aliases, depth, root fields) and its estimated cost against a budget.
 * The server reads these from GRAPHQL_* settings (src/server/config.ts).
 */
export interface QueryLimits {
  /** Budget of the cost model below, per operation. */
  readonly maxCost: number;
  readonly maxDepth: number;
  readonly maxAliases: number;
  /** Lexical tokens of the whole document (names, punctuation, strings); counted before parsing. */
  readonly maxTokens: number;
  /** Fields directly under query/mutation/subscription, aliases included. */
  readonly maxRootFields: number;
  /** `__schema` / `__type` and "did you mean" hints in error messages. */
  readonly introspection: boolean;
}

export const DEFAULT_QUERY_LIMITS: Omit<QueryLimits, 'introspection'> = {
  maxCost: 2500,
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 2000,
  maxRootFields: 15,
};

/** Which limit a refused operation went over. */
export type QueryLimitKind = 'cost' | 'depth' | 'aliases' | 'tokens' | 'rootFields';

/**
 * QUERY_TOO_COMPLEX, with `limit` naming the limit and what the operation was measured at:
 * `cost` and `budget` for the cost model, `max` for the others. HTTP 400.
 */
export class QueryLimitError extends GraphQLError {
  constructor(
    message: string,
    readonly limit: QueryLimitKind,
    readonly details: { cost?: number; budget?: number; max?: number },
  ) {
    super(message, { extensions: { code: 'QUERY_TOO_COMPLEX' satisfies ErrorCode, limit, ...details, http: { status: 400 } } });
  }
}

// ---- the cost model ---------------------------------------------------------------------

/**
 * Fields whose resolver does more than read a document: `cost` is what one call costs on its
 * own (1 when not listed), `listSize` how many items a list field without `first` is assumed to
 * return (DEFAULT_LIST_SIZE when not listed). One unit is about what one field of a listed
 * interview costs to answer (~4 µs on the benchmark machine, docs/benchmarks.md); the weights
 * are the measured times of the resolvers in those units: one history is an indexed read of its
 * entries and a diff per event (~1.5 ms); interviewAt, the signing message and the comparisons re-read the
 * stream and verify every event (~1.3 ms); a full `__schema` walks the whole schema (~6 ms);
 * an evidence bundle of one interview ~4 ms, of a filter (a cycle, a department) one per
 * interview in it, up to 500.
 */
export const FIELD_COSTS: Readonly<Record<string, { readonly cost?: number; readonly listSize?: number }>> = {
  // interviews(first) already multiplies by its page: its edges are that page, not ten more.
  'InterviewConnection.edges': { listSize: 1 },
  'Query.interviewHistory': { cost: 300, listSize: 20 },
  'Interview.history': { cost: 300, listSize: 20 },
  'InterviewVersion.changes': { listSize: 10 },
  'VersionComparison.changes': { listSize: 20 },
  'FieldChange.passages': { listSize: 3 },
  'Query.interviewAt': { cost: 300 },
  'Query.compareInterviewVersions': { cost: 300 },
  'Query.signingMessage': { cost: 300 },
  'Query.employeeInterviewTimeline': { cost: 200, listSize: 10 },
  'Query.inclusionProof': { cost: 100 },
  'Query.consistencyProof': { cost: 100 },
  'Query.people': { listSize: 50 },
  'Mutation.exportEvidence': { cost: 1000 },
  'Mutation.signCheckpoint': { cost: 100 },
  // Dashboards read a few summed documents (themes also the records behind the leading themes);
  // a chart is drawn with ECharts (~5-20 ms); per-interview analytics segment the whole record.
  'Dashboard.completion': { cost: 20 },
  'Dashboard.progress': { cost: 20 },
  'Dashboard.completionTrend': { cost: 30 },
  'Dashboard.radar': { cost: 20 },
  'Dashboard.themes': { cost: 100 },
  'Dashboard.sentiment': { cost: 30 },
  'Dashboard.goalPressure': { cost: 20 },
  'Dashboard.supportNeeds': { cost: 20 },
  'Chart.svg': { cost: 200 },
  'Query.keywords': { cost: 100 },
  'Query.sentiment': { cost: 100 },
  'InterviewSentimentType.sections': { listSize: 8 },
  'SectionSentimentType.passages': { listSize: 5 },
  'PassageSentimentType.contributions': { listSize: 3 },
  'InterviewKeywords.sections': { listSize: 8 },
  'Mutation.runReminders': { cost: 500 },
  // Every read of alerts is a signed, durable append (the read audit) before the answer.
  'Query.alerts': { cost: 50 },
  'Query.alert': { cost: 50 },
  'AlertConnection.edges': { listSize: 1 },
  'AlertType.passages': { listSize: 10 },
  'AlertType.notes': { listSize: 2 },
};

/**
 * exportEvidence with a filter: a bundle of every matching interview (up to 500), priced at the
 * whole default budget, so that it runs alone in its request. Its real cost grows with the
 * interviews that match, which no static estimate knows (docs/benchmarks.md).
 */
export const FILTERED_EXPORT_COST = 2500;
/** Items a list field without `first` is assumed to hold. */
export const DEFAULT_LIST_SIZE = 10;
/** A mutation is at least a signed, durable append. */
export const MUTATION_COST = 50;
/** One `__schema` walks every type and field of the schema; `__type` one type. */
export const INTROSPECTION_COST = { __schema: 1500, __type: 20 } as const;
/** The largest `first` any resolver accepts; more is refused by the resolver (VALIDATION_FAILED), so it costs no more. */
const MAX_FIRST = Math.max(MAX_PAGE, MAX_ITEMS);

/**
 * The parts of a template or flow snapshot: one document the catalog holds in memory (loaded
 * once per request by its DataLoader), so reading a part of it is a property read with no cost
 * of its own; the template or flow itself costs as any object.
 */
const SNAPSHOT_PART_TYPES: ReadonlySet<string> = new Set(['TemplateSection', 'TemplateField', 'FlowStep', 'PerformanceDimensionType']);

/**
 * cost(field) = own cost + items × cost of its selection, where items is `first` for paged
 * fields, the assumed list size for other lists and 1 for single objects; leaves cost their
 * own cost (1; 0 for the parts of a snapshot). Introspection fields cost INTROSPECTION_COST each, whatever they select.
 */
const estimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (field.name === '__schema' || field.name === '__type') return INTROSPECTION_COST[field.name];
  if (type.name === 'Mutation' && field.name === 'exportEvidence' && args.filter) return FILTERED_EXPORT_COST;
  const weight = FIELD_COSTS[`${type.name}.${field.name}`];
  const own = weight?.cost ?? (type.name === 'Mutation' ? MUTATION_COST : SNAPSHOT_PART_TYPES.has(type.name) ? 0 : 1);
  const fieldType = getNullableType(field.type);
  let items = 1;
  if (typeof args.first === 'number') items = Math.min(Math.max(Math.trunc(args.first), 1), MAX_FIRST);
  else if (isListType(fieldType) && !isLeafType(getNamedType(fieldType))) items = weight?.listSize ?? DEFAULT_LIST_SIZE;
  return own + items * childComplexity;
};

/** The estimated cost of the operation to run (null when its variables do not fit: execution refuses those before any resolver). */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables?: Record<string, unknown> | null,
  operationName?: string | null,
): number | null {
  // The same parsed document (Apollo keeps one per query text) with the same values where the
  // estimate reads variables costs the same: computed once, not on every request.
  let perSchema = costCache.get(schema);
  if (!perSchema) costCache.set(schema, (perSchema = new WeakMap()));
  let known = perSchema.get(document);
  if (!known) perSchema.set(document, (known = { priced: costVariables(document), costs: new Map() }));
  const key = costKey(known.priced, variables, operationName);
  if (key !== null) {
    const cached = known.costs.get(key);
    if (cached !== undefined) return cached;
  }
  let cost: number | null;
  try {
    cost = getComplexity({
      schema,
      query: document,
      estimators: [estimator],
      variables: variables ?? {},
      ...(operationName ? { operationName } : {}),
    });
  } catch {
    cost = null;
  }
  if (key !== null && known.costs.size < COST_KEYS_PER_DOCUMENT) known.costs.set(key, cost);
  return cost;
}

/** Costs by schema and document, then by operation name and the variables the estimate reads. */
const costCache = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, { priced: readonly string[]; costs: Map<string, number | null> }>>();
/** Different variable values remembered per document; past that, each is priced again. */
const COST_KEYS_PER_DOCUMENT = 256;
/** The arguments whose values change an estimate: page sizes, `@include`/`@skip`, the filter of an export. */
const PRICED_ARGUMENTS: ReadonlySet<string> = new Set(['first', 'if', 'filter']);

/** The variables used anywhere inside a priced argument of the document. */
function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(node) {
      if (!PRICED_ARGUMENTS.has(node.name.value)) return;
      visit(node.value, { Variable: (variable) => void names.add(variable.name.value) });
    },
  });
  return [...names].sort();
}

/** The cache key: the operation and the priced variables' values; null when they are too large to be worth keeping. */
function costKey(
  priced: readonly string[],
  variables: Record<string, unknown> | null | undefined,
  operationName?: string | null,
): string | null {
  const values = priced.map((name) => (variables ? variables[name] : undefined));
  const key = JSON.stringify([operationName ?? null, values]);
  return key.length > 1024 ? null : key;
}

/** QUERY_TOO_COMPLEX (limit: cost) when the operation's cost is over the budget; null when it fits. */
export function checkCost(
  schema: GraphQLSchema,
  limits: Pick<QueryLimits, 'maxCost'>,
  document: DocumentNode,
  variables?: Record<string, unknown> | null,
  operationName?: string | null,
): QueryLimitError | null {
  const cost = operationCost(schema, document, variables, operationName);
  if (cost === null || cost <= limits.maxCost) return null;
  return new QueryLimitError(
    `the query is too expensive: it costs ${cost}, the budget is ${limits.maxCost}; ask for fewer items (first), fewer histories or fewer fields`,
    'cost',
    { cost, budget: limits.maxCost },
  );
}

// ---- text and shape ---------------------------------------------------------------------

/**
 * The parser stops at maxTokens (graphql-js's own `maxTokens` parse option, the count
 * graphql-armor's max-tokens rule keeps), so a huge document costs no more than a small one;
 * its syntax error (graphql 16 spells it "more that") becomes QUERY_TOO_COMPLEX (limit: tokens)
 * here. Null for other errors.
 */
export function tokenLimitRefusal(error: unknown): QueryLimitError | null {
  const message = error instanceof GraphQLError ? error.message : '';
  const match = /Document contains more tha[nt] (\d+) tokens\. Parsing aborted\./.exec(message);
  if (!match) return null;
  const max = Number(match[1]);
  return new QueryLimitError(`the query has more than ${max} tokens`, 'tokens', { max });
}

/** The armor rules report their own errors; these put the coded one in their place. */
function refusedBy(limit: QueryLimitKind, max: number, what: string) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null) =>
        context?.reportError(new QueryLimitError(`the query has more than ${max} ${what}`, limit, { max })),
    ],
  };
}

const maxRootFieldsRule =
  (max: number): ValidationRule =>
  (context): ASTVisitor => ({
    OperationDefinition(operation) {
      const count = rootFieldCount(context, operation.selectionSet, new Set());
      if (count > max)
        context.reportError(new QueryLimitError(`the operation asks for more than ${max} root fields`, 'rootFields', { max }));
    },
  });

function rootFieldCount(context: ValidationContext, set: SelectionSetNode, seen: Set<string>): number {
  let count = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) count += 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += rootFieldCount(context, selection.selectionSet, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) count += rootFieldCount(context, fragment.selectionSet, seen);
    }
  }
  return count;
}

/** Validation rules for aliases, depth and root fields (graphql-armor's for the first two). */
export function queryShapeRules(limits: Pick<QueryLimits, 'maxAliases' | 'maxDepth' | 'maxRootFields'>): ValidationRule[] {
  return [
    maxAliasesRule({ n: limits.maxAliases, ...refusedBy('aliases', limits.maxAliases, 'aliases') }) as unknown as ValidationRule,
    maxDepthRule({
      n: limits.maxDepth,
      ignoreIntrospection: true,
      ...refusedBy('depth', limits.maxDepth, 'levels of nesting'),
    }) as unknown as ValidationRule,
    maxRootFieldsRule(limits.maxRootFields),
  ];
}

/**
 * The limits for Apollo Server: the parser stops at the token limit, the shape rules join its
 * validation and the cost is checked once the operation is known (before execution, with the
 * request's variables). formatError gives each refusal its QUERY_TOO_COMPLEX code.
 */
export function apolloQueryLimits(limits: QueryLimits): {
  parseOptions: { maxTokens: number };
  validationRules: ValidationRule[];
  plugin: ApolloServerPlugin<object>;
} {
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: queryShapeRules(limits),
    plugin: {
      async requestDidStart() {
        return {
          async didResolveOperation({ schema, document, request }) {
            const error = checkCost(schema, limits, document, request.variables, request.operationName);
            if (error) throw error;
          },
        };
      },
    },
  };
}
