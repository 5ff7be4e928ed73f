import { adminToken, createApiKey, createOrganization, createUser } from '../support/members';
import { queryDatabase } from '../support/test-database';
import { GraphqlResponse, startTestHub, TestHub } from '../support/test-hub';

function codeOf(response: GraphqlResponse): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}

describe('API keys', () => {
  let hub: TestHub;
  let admin: string;
  let member: { id: string; token: string };
  let colleague: { id: string; token: string };
  let outsider: { id: string; token: string };
  let organizationId: string;
  let otherId: string;

  beforeAll(async () => {
    hub = await startTestHub();
    admin = await adminToken(hub);
    organizationId = (await createOrganization(hub, admin, { name: 'MSSP Alpha', kind: 'PRIVATE', sector: 'IT_SUPPLIER', country: 'NL' })).id;
    otherId = (await createOrganization(hub, admin, { name: 'Hospital Beta', kind: 'PUBLIC', sector: 'HEALTHCARE_PROVIDER', country: 'BE' })).id;
    member = await createUser(hub, admin, { email: 'soc@mssp.test', role: 'MEMBER', organizationId });
    colleague = await createUser(hub, admin, { email: 'lead@mssp.test', role: 'ANALYST', organizationId });
    outsider = await createUser(hub, admin, { email: 'it@beta.test', role: 'MEMBER', organizationId: otherId });
  });

  afterAll(async () => {
    await hub?.close();
  });

  const me = (credential: string) => hub.graphql<{ me: { id: string; role: string } }>('{ me { id role } }', {}, credential);

  it('shows the key once, with a recognisable prefix; it acts as its creator', async () => {
    const response = await hub.graphql<{ createApiKey: { key: string; apiKey: Record<string, unknown> } }>(
      'mutation { createApiKey(input: { name: "SIEM export", distribution: CLIENTS, expiresAt: "2099-01-01T00:00:00Z" }) { key apiKey { id name prefix distribution expiresAt organizationId createdByUserId active } } }',
      {},
      member.token,
    );
    expect(response.errors).toBeUndefined();
    const { key, apiKey } = response.data!.createApiKey;
    expect(key).toMatch(/^hubk_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ name: 'SIEM export', prefix: key.slice(0, 13), distribution: 'CLIENTS', expiresAt: '2099-01-01T00:00:00.000Z', organizationId, createdByUserId: member.id, active: true });
    expect((await me(key)).data!.me).toEqual({ id: member.id, role: 'MEMBER' });
  });

  it('never returns the key again: the ApiKey type has no field that could hold it', async () => {
    const { key } = await createApiKey(hub, member.token, { name: 'never again', distribution: 'INTERNAL' });
    const listed = await hub.graphql('{ apiKeys { id name prefix distribution organizationId createdByUserId createdByEmail createdAt expiresAt lastUsedAt revokedAt active } }', {}, colleague.token);
    expect(listed.errors).toBeUndefined();
    expect(listed.text).not.toContain(key);
    const fields = await hub.graphql<{ __type: { fields: { name: string }[] } }>('{ __type(name: "ApiKey") { fields { name } } }');
    expect(fields.data!.__type.fields.map((field) => field.name).sort()).toEqual(
      ['active', 'createdAt', 'createdByEmail', 'createdByUserId', 'distribution', 'expiresAt', 'id', 'lastUsedAt', 'name', 'organizationId', 'prefix', 'revokedAt'].sort(),
    );
  });

  it('stores only a hash: no column of the api_key table contains the key', async () => {
    const { id, key } = await createApiKey(hub, member.token, { name: 'stored', distribution: 'INTERNAL' });
    const [row] = await queryDatabase<Record<string, unknown>>(hub.databaseUrl, 'SELECT * FROM api_key WHERE id = $1', [id]);
    const secretPart = key.slice('hubk_'.length);
    for (const [column, value] of Object.entries(row)) {
      const text = value instanceof Date ? value.toISOString() : String(value);
      expect({ column, containsKey: text.includes(key) || text.includes(secretPart) }).toEqual({ column, containsKey: false });
    }
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
    const everywhere = await queryDatabase(hub.databaseUrl, `SELECT 1 FROM api_key k, audit_log a WHERE k::text LIKE $1 OR a::text LIKE $1`, [`%${secretPart}%`]);
    expect(everywhere).toEqual([]);
  });

  it('refuses a revoked key at once; any colleague may revoke, outsiders cannot see it', async () => {
    const { id, key } = await createApiKey(hub, member.token, { name: 'to revoke', distribution: 'INTERNAL' });
    expect((await me(key)).errors).toBeUndefined();
    const byOutsider = await hub.graphql('mutation ($id: ID!) { revokeApiKey(id: $id) }', { id }, outsider.token);
    expect(codeOf(byOutsider)).toBe('NOT_FOUND');
    expect(codeOf(await hub.graphql('query ($org: ID) { apiKeys(organizationId: $org) { id } }', { org: organizationId }, outsider.token))).toBe('FORBIDDEN');
    const revoked = await hub.graphql<{ revokeApiKey: boolean }>('mutation ($id: ID!) { revokeApiKey(id: $id) }', { id }, colleague.token);
    expect(revoked.data!.revokeApiKey).toBe(true);
    const refused = await me(key);
    expect(codeOf(refused)).toBe('UNAUTHENTICATED');
    expect(refused.errors![0].message).toBe('The API key has been revoked');
    const listed = await hub.graphql<{ apiKeys: { id: string; active: boolean; revokedAt: string }[] }>('{ apiKeys(includeRevoked: true) { id active revokedAt } }', {}, member.token);
    expect(listed.data!.apiKeys.find((apiKey) => apiKey.id === id)).toMatchObject({ active: false, revokedAt: expect.any(String) });
    const activeOnly = await hub.graphql<{ apiKeys: { id: string }[] }>('{ apiKeys { id } }', {}, member.token);
    expect(activeOnly.data!.apiKeys.map((apiKey) => apiKey.id)).not.toContain(id);
  });

  it('lets a hub admin revoke any key and list any organisation’s keys', async () => {
    const { id, key } = await createApiKey(hub, outsider.token, { name: 'leaked', distribution: 'INTERNAL' });
    const listed = await hub.graphql<{ apiKeys: { id: string }[] }>('query ($org: ID) { apiKeys(organizationId: $org) { id } }', { org: otherId }, admin);
    expect(listed.data!.apiKeys.map((apiKey) => apiKey.id)).toEqual([id]);
    expect((await hub.graphql<{ revokeApiKey: boolean }>('mutation ($id: ID!) { revokeApiKey(id: $id) }', { id }, admin)).data!.revokeApiKey).toBe(true);
    expect(codeOf(await me(key))).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired key', async () => {
    const { id, key } = await createApiKey(hub, member.token, { name: 'short-lived', distribution: 'INTERNAL', expiresAt: new Date(Date.now() + 60_000).toISOString() });
    expect((await me(key)).errors).toBeUndefined();
    // Let it expire without waiting: move its expiry into the past, as time would.
    await queryDatabase(hub.databaseUrl, "UPDATE api_key SET expires_at = now() - interval '1 second' WHERE id = $1", [id]);
    const refused = await me(key);
    expect(codeOf(refused)).toBe('UNAUTHENTICATED');
    expect(refused.errors![0].message).toBe('The API key has expired');
  });

  it('refuses an expiry in the past and other bad input with paths', async () => {
    const response = await hub.graphql('mutation { createApiKey(input: { name: "", expiresAt: "2001-01-01T00:00:00Z" }) { key } }', {}, member.token);
    expect(response.errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      errors: [
        { path: 'name', message: 'must not be empty' },
        { path: 'expiresAt', message: 'must be in the future' },
      ],
    });
  });

  it('refuses the keys of a deactivated creator', async () => {
    const person = await createUser(hub, admin, { email: 'temp@mssp.test', role: 'MEMBER', organizationId });
    const { key } = await createApiKey(hub, person.token, { name: 'script', distribution: 'INTERNAL' });
    await hub.graphql('mutation ($id: ID!) { deactivateUser(id: $id) { id } }', { id: person.id }, admin);
    const refused = await me(key);
    expect(codeOf(refused)).toBe('UNAUTHENTICATED');
    expect(refused.errors![0].message).toBe('The API key belongs to a deactivated user');
  });

  it('records the last use and writes every use to the audit log', async () => {
    const { id, key } = await createApiKey(hub, member.token, { name: 'busy', distribution: 'INTERNAL' });
    const uses = () => queryDatabase<{ n: number }>(hub.databaseUrl, "SELECT count(*)::int AS n FROM audit_log WHERE action = 'api_key.use' AND target_id = $1", [id]);
    expect(await uses()).toEqual([{ n: 0 }]);
    await me(key);
    await hub.graphql('{ me { id } hubInfo { name } }', {}, key);
    expect(await uses()).toEqual([{ n: 2 }]);
    const [row] = await queryDatabase<{ last_used_at: Date | null }>(hub.databaseUrl, 'SELECT last_used_at FROM api_key WHERE id = $1', [id]);
    expect(row.last_used_at).not.toBeNull();
  });
});
