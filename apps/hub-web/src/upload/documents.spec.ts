import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { UPLOAD_DOCUMENTS } from './documents';

// Every document of this page must be valid against the hub's schema (see api/documents.spec.ts).
const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));

describe('the upload documents', () => {
  it.each(Object.entries(UPLOAD_DOCUMENTS))('%s is valid against schema.graphql', (_name, document) => {
    expect(validate(schema, parse(document.source)).map((error) => error.message)).toEqual([]);
  });
});
