// A named import: graphql-type-json is CommonJS, and its default export is not the scalar under ESM.
import { GraphQLJSON } from 'graphql-type-json';

/** STIX objects travel as their own JSON (snake_case) in this scalar, as the API contract says. */
export const JsonScalar = GraphQLJSON;
