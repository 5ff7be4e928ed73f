import { queryDatabase, setDatabaseReachable } from '../support/test-database';
import { startTestHub, TestHub } from '../support/test-hub';

describe('platform: health, GraphQL, errors', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub();
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('GET /health answers 200 ok when the database answers', async () => {
    const response = await fetch(`${hub.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: 'up' });
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('GET /health answers 503 while the database does not answer, and 200 again once it does', async () => {
    const databaseName = new URL(hub.databaseUrl).pathname.slice(1);
    await setDatabaseReachable(databaseName, false);
    try {
      const response = await fetch(`${hub.url}/health`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: 'unavailable', database: 'down' });
    } finally {
      await setDatabaseReachable(databaseName, true);
    }
    const recovered = await fetch(`${hub.url}/health`);
    expect(recovered.status).toBe(200);
    expect(await recovered.json()).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('serves GraphQL at /graphql', async () => {
    const response = await hub.graphql<{ hubInfo: { stixVersion: string } }>('{ hubInfo { name version stixVersion taxiiVersion } }');
    expect(response.errors).toBeUndefined();
    expect(response.data?.hubInfo.stixVersion).toBe('2.1');
  });

  it('answers a malformed query with a client error code, not a 500', async () => {
    const response = await hub.graphql('{ hubInfo { nope } }');
    expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const syntax = await hub.graphql('{ hubInfo { ');
    expect(syntax.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('answers a body that is not JSON, or too large, with a structured client error', async () => {
    const broken = await fetch(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_USER_INPUT' } }] });
    const huge = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ hubInfo { name } }', padding: 'x'.repeat(33 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    const body = (await huge.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toContain('32 MiB');
  });

  it('refuses an operation nested deeper than the limit (the ofType chain of a type reference aside: query-limits.spec.ts)', async () => {
    const response = await hub.graphql('{ a: hubInfo { name } b: __schema { types { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } }');
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions?.code).toMatch(/^(BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED)$/);
  });

  it('ran the migrations into its own fresh database', async () => {
    const rows = await queryDatabase<{ name: string }>(hub.databaseUrl, 'SELECT current_database() AS name');
    expect(rows[0].name).toMatch(/^hub_e2e_/);
  });
});
