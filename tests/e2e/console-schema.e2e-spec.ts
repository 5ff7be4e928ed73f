import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printedSchema, schemaTypes } from '../support/console-schema';
import { startTestHub, TestHub } from '../support/test-hub';

const root = join(import.meta.dirname, '../..');
const SCHEMA_FILE = join(root, 'apps/hub-web/schema.graphql');
const TYPES_FILE = join(root, 'apps/hub-web/src/api/schema-types.ts');

/**
 * The console's GraphQL documents are typed from the committed schema. When the server's schema
 * changes, this fails until the schema is printed again (`npm run console:schema`, which runs this
 * file with UPDATE_CONSOLE_SCHEMA=1) and the console type-checks against it.
 */
describe('the console schema (apps/hub-web/schema.graphql)', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub();
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('is the schema the hub serves', async () => {
    // The schema object the running hub executes (a full introspection query is deeper than the hub allows).
    const served = printedSchema(hub.hub.app.get(GraphQLSchemaHost).schema);
    if (process.env.UPDATE_CONSOLE_SCHEMA === '1') {
      writeFileSync(SCHEMA_FILE, served);
      writeFileSync(TYPES_FILE, schemaTypes(served));
    }
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(served);
  });

  it('is what the console\'s generated types were made from', () => {
    expect(readFileSync(TYPES_FILE, 'utf8')).toBe(schemaTypes(readFileSync(SCHEMA_FILE, 'utf8')));
  });
});
