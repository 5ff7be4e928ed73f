import { queryDatabase } from '../support/test-database';
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

  it('ran the migrations into its own fresh database', async () => {
    const rows = await queryDatabase<{ name: string }>(hub.databaseUrl, 'SELECT current_database() AS name');
    expect(rows[0].name).toMatch(/^hub_e2e_/);
  });
});
