import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { ALL_DOCUMENTS } from './documents';

// schema.graphql is the hub's schema (tests/e2e/console-schema.e2e-spec.ts proves it); every document
// the console sends must be valid against it, so a renamed or removed field fails here, not in a browser.
const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));

describe('the console GraphQL documents', () => {
  it.each(Object.entries(ALL_DOCUMENTS))('%s is valid against schema.graphql', (_name, document) => {
    expect(validate(schema, parse(document.source)).map((error) => error.message)).toEqual([]);
  });

  it('a document naming a field the schema lacks is refused (the check can fail)', () => {
    expect(validate(schema, parse('query { objects { edges { node { noSuchField } } } }'))).not.toEqual([]);
  });
});
