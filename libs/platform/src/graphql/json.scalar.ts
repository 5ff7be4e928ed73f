import GraphQLJSON from 'graphql-type-json';

/** STIX objects travel as their own JSON (snake_case) in this scalar, as the API contract says. */
export const JsonScalar = GraphQLJSON;
