import type { ApolloServerPlugin } from '@apollo/server';
import {
  FieldNode,
  FragmentDefinitionNode,
  getArgumentValues,
  getNamedType,
  getVariableValues,
  GraphQLCompositeType,
  GraphQLError,
  GraphQLField,
  GraphQLSchema,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SchemaMetaFieldDef,
  SelectionSetNode,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
} from 'graphql';

export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_COMPLEXITY = 20_000;
/** Aliases let one request ask for the same field many times over: each alias is another database read. */
export const MAX_QUERY_ALIASES = 50;
/** A total count is a COUNT over every readable row, not a field read from a row in hand. */
export const COUNT_COST = 1_000;

// Page sizes above this are refused by the resolvers with their own message; cost them at the cap.
const LARGEST_PAGE = 500;
// The items of a connection: repeated once per requested item; its other fields (pageInfo, totalCount) once.
const ITEM_FIELDS = new Set(['edges', 'nodes']);

interface Measure {
  depth: number;
  cost: number;
  /** The part of `cost` spent on a connection's items (edges, nodes): what a page size multiplies. */
  itemCost: number;
  aliases: number;
}

const NOTHING: Measure = { depth: 0, cost: 0, itemCost: 0, aliases: 0 };

/**
 * Depth, cost and aliases of an operation in one walk. Each named fragment is measured once and
 * remembered, so a fragment spread many times (or fragments that each spread the next twice) costs
 * one walk, not one per spread. A spread counts its fragment's cost every time it appears (an upper
 * bound). The chain of `ofType` in introspection (type wrappers, what GraphiQL and codegen ask for)
 * does not count towards depth; every other field does.
 */
class OperationMeasure {
  private readonly measured = new Map<string, Measure>();
  private readonly measuring = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Map<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
  ) {}

  selectionSet(selectionSet: SelectionSetNode, type: GraphQLCompositeType): Measure {
    let total = NOTHING;
    for (const selection of selectionSet.selections) {
      let part: Measure;
      if (selection.kind === Kind.FIELD) {
        part = this.field(selection, type);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? this.schema.getType(selection.typeCondition.name.value) : type;
        part = isCompositeType(condition) ? this.selectionSet(selection.selectionSet, condition) : NOTHING;
      } else {
        part = this.fragment(selection.name.value);
      }
      total = {
        depth: Math.max(total.depth, part.depth),
        cost: total.cost + part.cost,
        itemCost: total.itemCost + (selection.kind === Kind.FIELD ? (ITEM_FIELDS.has(selection.name.value) ? part.cost : 0) : part.itemCost),
        aliases: total.aliases + part.aliases,
      };
    }
    return total;
  }

  private fragment(name: string): Measure {
    const known = this.measured.get(name);
    if (known) return known;
    const fragment = this.fragments.get(name);
    // Unknown or cyclic fragments are refused by validation before this runs.
    if (!fragment || this.measuring.has(name)) return NOTHING;
    const type = this.schema.getType(fragment.typeCondition.name.value);
    if (!isCompositeType(type)) return NOTHING;
    this.measuring.add(name);
    const measure = this.selectionSet(fragment.selectionSet, type);
    this.measuring.delete(name);
    this.measured.set(name, measure);
    return measure;
  }

  private field(node: FieldNode, parent: GraphQLCompositeType): Measure {
    const aliases = node.alias ? 1 : 0;
    const definition = fieldDefinition(this.schema, parent, node.name.value);
    if (!definition) return { ...NOTHING, depth: 1, cost: 1, aliases };
    const type = getNamedType(definition.type);
    const children = node.selectionSet && isCompositeType(type) ? this.selectionSet(node.selectionSet, type) : NOTHING;
    const countsForDepth = !(parent.name === '__Type' && node.name.value === 'ofType');
    const depth = node.selectionSet ? (countsForDepth ? 1 : 0) + children.depth : 1;
    return { depth, cost: this.cost(node, definition, type, children), itemCost: 0, aliases: aliases + children.aliases };
  }

  private cost(node: FieldNode, definition: GraphQLField<unknown, unknown>, type: ReturnType<typeof getNamedType>, children: Measure): number {
    if (node.name.value === 'totalCount') return COUNT_COST;
    const first = this.argumentsOf(node, definition).first;
    if (typeof first !== 'number') return 1 + children.cost;
    const page = Math.min(LARGEST_PAGE, Math.max(1, first));
    const isConnection = isObjectType(type) && [...ITEM_FIELDS].some((name) => name in type.getFields());
    return isConnection ? 1 + (children.cost - children.itemCost) + children.itemCost * page : 1 + children.cost * page;
  }

  private argumentsOf(node: FieldNode, definition: GraphQLField<unknown, unknown>): Record<string, unknown> {
    try {
      return getArgumentValues(definition, node, this.variables);
    } catch {
      // A bad argument is refused when the operation runs, with graphql-js's own message.
      return {};
    }
  }
}

function fieldDefinition(schema: GraphQLSchema, parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parent === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

/**
 * Refuses operations that are too deep, too costly or that repeat fields under too many aliases
 * before anything runs, with BAD_USER_INPUT and the limit in the message, so a single request
 * cannot tie up the database.
 */
export function queryLimitsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, schema }) {
          // No operation to run (several without an operationName, or an unknown one): execution refuses it with OPERATION_RESOLUTION_FAILURE.
          if (!operation) return;
          const root = rootTypeOf(schema, operation);
          if (!root) return;
          // The cost depends on the variables (page sizes): read them as execution would, so that a value
          // a scalar refuses is the caller's error here too, with graphql-js's message naming the place.
          const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 10 });
          if (variables.errors) throw badInput(variables.errors.map((error) => error.message).join('; '));
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
          }
          const measure = new OperationMeasure(schema, fragments, variables.coerced).selectionSet(operation.selectionSet, root);
          if (measure.depth > MAX_QUERY_DEPTH) throw badInput(`The query is ${measure.depth} levels deep; the limit is ${MAX_QUERY_DEPTH}`);
          if (measure.aliases > MAX_QUERY_ALIASES) throw badInput(`The query uses ${shown(measure.aliases)} aliases; the limit is ${MAX_QUERY_ALIASES}`);
          if (measure.cost > MAX_QUERY_COMPLEXITY) {
            throw badInput(`The query costs ${shown(measure.cost)} points; the limit is ${MAX_QUERY_COMPLEXITY} (a total count costs ${COUNT_COST}; ask for fewer items per page, fewer counts or fewer fields)`);
          }
        },
      };
    },
  };
}

function rootTypeOf(schema: GraphQLSchema, operation: OperationDefinitionNode): GraphQLCompositeType | undefined {
  const type = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  return type ?? undefined;
}

// Fragments spread inside each other can add up to astronomical numbers: say "more than" instead.
function shown(value: number): string {
  return value > 1e12 ? 'more than 10^12' : String(value);
}
