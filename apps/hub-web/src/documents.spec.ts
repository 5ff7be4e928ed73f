import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';

// schema.graphql is the hub's schema (tests/e2e/console-schema.e2e-spec.ts proves it); every document
// the console sends must be valid against it, so a renamed or removed field fails here, not in a browser.
// Each feature keeps its documents in its own folder (`<feature>/documents.ts`); all are found here,
// so a new feature folder is checked without being listed.
const srcDir = import.meta.dirname;
const schema = buildSchema(readFileSync(join(srcDir, '../schema.graphql'), 'utf8'));

function documentFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return documentFiles(path);
    return entry.name === 'documents.ts' ? [path] : [];
  });
}

const files = documentFiles(srcDir);

async function allDocuments(): Promise<[string, string][]> {
  const found: [string, string][] = [];
  for (const file of files) {
    const module = (await import(file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (typeof value === 'object' && value !== null && typeof (value as { source?: unknown }).source === 'string') {
        found.push([`${relative(srcDir, file)} ${name}`, (value as { source: string }).source]);
      }
    }
  }
  return found;
}

describe('the console GraphQL documents', () => {
  it('are found in the feature folders', async () => {
    expect(files.map((file) => relative(srcDir, file))).toEqual(expect.arrayContaining(['feed/documents.ts', 'object/documents.ts', 'lookup/documents.ts', 'share/documents.ts']));
    expect((await allDocuments()).map(([name]) => name)).toEqual(expect.arrayContaining(['feed/documents.ts FEED', 'share/documents.ts SUBMIT_INDICATOR']));
  });

  it('are each valid against schema.graphql', async () => {
    const documents = await allDocuments();
    const invalid = documents
      .map(([name, source]) => [name, validate(schema, parse(source)).map((error) => error.message)] as const)
      .filter(([, errors]) => errors.length > 0);
    expect(invalid).toEqual([]);
  });

  it('a document naming a field the schema lacks is refused (the check can fail)', () => {
    expect(validate(schema, parse('query { objects { edges { node { noSuchField } } } }'))).not.toEqual([]);
  });
});
