import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function parseDate(value: unknown): Date {
  const date = typeof value === 'string' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new GraphQLError(`must be a date-time such as 2026-01-31T09:54:33Z (got ${JSON.stringify(value)?.slice(0, 60)})`);
  }
  return date;
}

/**
 * The DateTime scalar of every input and output. It replaces @nestjs/graphql's own, which turns a
 * string that is no date into an Invalid Date that only fails later, in the database, as a 500.
 */
export const HubDateTime = new GraphQLScalarType({
  name: 'DateTime',
  description: 'A date-time string at UTC, such as 2019-12-03T09:54:33Z, compliant with the date-time format.',
  parseValue: parseDate,
  serialize(value) {
    return value instanceof Date ? value.toISOString() : null;
  },
  parseLiteral(ast) {
    return parseDate(ast.kind === Kind.STRING ? ast.value : undefined);
  },
});
