import type { ApolloServerPlugin } from '@apollo/server';
import { FragmentDefinitionNode, getVariableValues, GraphQLError, Kind, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import { ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_COMPLEXITY = 20_000;

/** A field that pages with `first` costs its children once per requested item; other fields cost one. */
// Page sizes above this are refused by the resolvers with their own message; cost them at the cap.
const LARGEST_PAGE = 500;

const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  if (typeof args.first === 'number') return 1 + childComplexity * Math.min(LARGEST_PAGE, Math.max(1, args.first));
  return undefined;
};

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

function depthOf(selectionSet: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, seen: Set<string>): number {
  if (!selectionSet) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      deepest = Math.max(deepest, selection.selectionSet ? 1 + depthOf(selection.selectionSet, fragments, seen) : 1);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(selection.selectionSet, fragments, seen));
    } else if (!seen.has(selection.name.value) && fragments[selection.name.value]) {
      deepest = Math.max(deepest, depthOf(fragments[selection.name.value].selectionSet, fragments, new Set([...seen, selection.name.value])));
    }
  }
  return deepest;
}

/**
 * Refuses operations that are too deep or too costly before anything runs, with BAD_USER_INPUT and
 * the limit in the message, so a single request cannot tie up the database.
 */
export function queryLimitsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart({ schema }) {
      return {
        async didResolveOperation({ request, document, operation }) {
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          }
          const depth = depthOf((operation as OperationDefinitionNode).selectionSet, fragments, new Set());
          if (depth > MAX_QUERY_DEPTH) {
            throw badInput(`The query is ${depth} levels deep; the limit is ${MAX_QUERY_DEPTH}`);
          }
          // The cost depends on the variables (page sizes): read them as execution would, so that a value
          // a scalar refuses is the caller's error here too, with graphql-js's message naming the place.
          const variables = getVariableValues(schema, (operation as OperationDefinitionNode).variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 10 });
          if (variables.errors) throw badInput(variables.errors.map((error) => error.message).join('; '));
          const complexity = getComplexity({
            schema,
            query: document,
            operationName: request.operationName ?? undefined,
            variables: request.variables ?? {},
            estimators: [pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
          });
          if (complexity > MAX_QUERY_COMPLEXITY) {
            throw badInput(`The query costs ${complexity} points; the limit is ${MAX_QUERY_COMPLEXITY} (ask for fewer items per page or fewer fields)`);
          }
        },
      };
    },
  };
}
