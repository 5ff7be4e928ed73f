import { adminToken, createApiKey, createOrganization, createUser } from '../support/members';
import { queryDatabase } from '../support/test-database';
import { GraphqlResponse, startTestHub, TEST_ADMIN, TestHub } from '../support/test-hub';

interface AuditRow {
  action: string;
  outcome: string;
  actor_kind: string;
  actor_user_id: string | null;
  actor_organization_id: string | null;
  actor_key_id: string | null;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

function codeOf(response: GraphqlResponse): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}

describe('audit log', () => {
  let hub: TestHub;
  let admin: string;
  let adminId: string;
  let organizationId: string;
  let user: { id: string; email: string; password: string; token: string };

  beforeAll(async () => {
    hub = await startTestHub();
    admin = await adminToken(hub);
    adminId = (await queryDatabase<{ id: string }>(hub.databaseUrl, 'SELECT id FROM hub_user WHERE email = $1', [TEST_ADMIN.email]))[0].id;
    organizationId = (await createOrganization(hub, admin, { name: 'Public Health Agency', kind: 'PUBLIC', sector: 'PUBLIC_HEALTH', country: 'FI' })).id;
    user = await createUser(hub, admin, { email: 'epi@pha.test', role: 'ANALYST', organizationId });
  });

  afterAll(async () => {
    await hub?.close();
  });

  /** Runs `act` and returns the audit rows it added; the test then checks there is exactly one. */
  async function rowsWrittenBy(act: () => Promise<unknown>): Promise<AuditRow[]> {
    const [{ last }] = await queryDatabase<{ last: string }>(hub.databaseUrl, 'SELECT coalesce(max(seq), 0)::text AS last FROM audit_log');
    await act();
    return queryDatabase<AuditRow>(hub.databaseUrl, 'SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq', [last]);
  }

  const idOf = async (table: 'organization' | 'sharing_group', name: string) =>
    (await queryDatabase<{ id: string }>(hub.databaseUrl, `SELECT id FROM ${table} WHERE name = $1`, [name]))[0].id;

  // The admin reset the person's password in the table below: they choose their own once, at their next sign-in.
  let ownToken: Promise<string> | undefined;
  const signInAfterReset = () =>
    (ownToken ??= (async () => {
      const first = (await hub.graphql<{ login: { token: string } }>('mutation { login(email: "epidemiology@pha.test", password: "reset passphrase 77") { token } }')).data!.login.token;
      const changed = await hub.graphql<{ changePassword: { token: string } }>('mutation { changePassword(currentPassword: "reset passphrase 77", newPassword: "own passphrase 88") { token } }', {}, first);
      return changed.data!.changePassword.token;
    })());

  const mutate = async (query: string, variables: Record<string, unknown> = {}, token = admin) => {
    const response = await hub.graphql(query, variables, token);
    if (response.errors) throw new Error(response.text);
    return response;
  };

  it.each([
    ['createOrganization', 'organization.create', () => mutate('mutation { createOrganization(input: { name: "Ministry of Health", kind: PUBLIC, sector: GOVERNMENT, country: "FI" }) { id } }')],
    ['updateOrganization', 'organization.update', () => mutate('mutation ($id: ID!) { updateOrganization(id: $id, input: { country: "SE" }) { id } }', { id: organizationId })],
    ['deactivateOrganization', 'organization.deactivate', () => mutate('mutation ($id: ID!) { deactivateOrganization(id: $id) { id } }', { id: organizationId })],
    ['reactivateOrganization', 'organization.reactivate', () => mutate('mutation ($id: ID!) { reactivateOrganization(id: $id) { id } }', { id: organizationId })],
    ['createUser', 'user.create', () => mutate('mutation ($org: ID!) { createUser(input: { email: "new@pha.test", password: "long enough password 6", role: MEMBER, organizationId: $org }) { id } }', { org: organizationId })],
    ['changeUserRole', 'user.role_change', () => mutate('mutation ($id: ID!) { changeUserRole(id: $id, role: FOCAL_POINT) { id } }', { id: user.id })],
    ['changeUserEmail', 'user.email_change', () => mutate('mutation ($id: ID!) { changeUserEmail(id: $id, email: "epidemiology@pha.test") { id } }', { id: user.id })],
    ['resetUserPassword', 'user.password_reset', () => mutate('mutation ($id: ID!) { resetUserPassword(id: $id, password: "reset passphrase 77") { id } }', { id: user.id })],
    ['deactivateUser', 'user.deactivate', () => mutate('mutation ($id: ID!) { deactivateUser(id: $id) { id } }', { id: user.id })],
    ['reactivateUser', 'user.reactivate', () => mutate('mutation ($id: ID!) { reactivateUser(id: $id) { id } }', { id: user.id })],
    ['createSharingGroup', 'sharing_group.create', () => mutate('mutation ($ids: [ID!]!) { createSharingGroup(input: { name: "Nordic agencies", organizationIds: $ids }) { id } }', { ids: [organizationId] })],
    ['updateSharingGroup', 'sharing_group.update', async () => mutate('mutation ($id: ID!) { updateSharingGroup(id: $id, input: { description: "Public health" }) { id } }', { id: await idOf('sharing_group', 'Nordic agencies') })],
    ['addSharingGroupMembers', 'sharing_group.members_add', async () =>
      mutate('mutation ($id: ID!, $ids: [ID!]!) { addSharingGroupMembers(id: $id, organizationIds: $ids) { id } }', { id: await idOf('sharing_group', 'Nordic agencies'), ids: [await idOf('organization', 'Ministry of Health')] })],
    ['removeSharingGroupMembers', 'sharing_group.members_remove', async () =>
      mutate('mutation ($id: ID!, $ids: [ID!]!) { removeSharingGroupMembers(id: $id, organizationIds: $ids) { id } }', { id: await idOf('sharing_group', 'Nordic agencies'), ids: [organizationId] })],
  ])('writes one row for %s', async (_operation, action, act) => {
    const rows = await rowsWrittenBy(act);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action, outcome: 'success', actor_kind: 'user', actor_user_id: adminId, ip: '127.0.0.1', target_id: expect.any(String) });
    expect(JSON.stringify(rows[0].details)).not.toMatch(/passphrase|password 6/);
  });

  it('writes one row per sign-in, successful or not, and none for a change that changes nothing', async () => {
    const success = await rowsWrittenBy(() => mutate('mutation { login(email: "epidemiology@pha.test", password: "reset passphrase 77") { token } }', {}, undefined as never));
    expect(success).toEqual([expect.objectContaining({ action: 'auth.login', outcome: 'success', actor_user_id: user.id, actor_organization_id: organizationId })]);
    const failure = await rowsWrittenBy(() => hub.graphql('mutation { login(email: "epidemiology@pha.test", password: "wrong password here") { token } }'));
    expect(failure).toEqual([expect.objectContaining({ action: 'auth.login', outcome: 'failure', actor_kind: 'anonymous', target_id: user.id, details: { email: 'epidemiology@pha.test', reason: 'wrong_password' } })]);
    expect(await rowsWrittenBy(() => mutate('mutation ($id: ID!) { changeUserRole(id: $id, role: FOCAL_POINT) { id } }', { id: user.id }))).toEqual([]);
  });

  it('writes one row per key creation, use and revocation, naming the key', async () => {
    const token = await signInAfterReset();
    let key = { id: '', key: '' };
    const created = await rowsWrittenBy(async () => (key = await createApiKey(hub, token, { name: 'notebook', distribution: 'INTERNAL' })));
    expect(created).toEqual([expect.objectContaining({ action: 'api_key.create', target_id: key.id, actor_user_id: user.id })]);
    expect(JSON.stringify(created)).not.toContain(key.key.slice(13));
    const used = await rowsWrittenBy(() => hub.graphql('{ me { id } }', {}, key.key));
    expect(used).toEqual([expect.objectContaining({ action: 'api_key.use', actor_kind: 'key', actor_key_id: key.id, actor_user_id: user.id, target_id: key.id })]);
    const revoked = await rowsWrittenBy(() => mutate('mutation ($id: ID!) { revokeApiKey(id: $id) }', { id: key.id }, token));
    expect(revoked).toEqual([expect.objectContaining({ action: 'api_key.revoke', target_id: key.id })]);
    const refused = await rowsWrittenBy(() => hub.graphql('{ me { id } }', {}, key.key));
    expect(refused).toEqual([expect.objectContaining({ action: 'api_key.use', outcome: 'denied', target_id: key.id, details: { reason: 'revoked' } })]);
  });

  it('writes one row for each refused admin operation', async () => {
    const token = await signInAfterReset();
    const rows = await rowsWrittenBy(() => hub.graphql('{ users { totalCount } }', {}, token));
    expect(rows).toEqual([expect.objectContaining({ action: 'access.denied', outcome: 'denied', actor_user_id: user.id, details: { operation: 'Query.users', reason: 'role' } })]);
  });

  it('cannot be changed or emptied by the application’s database user', async () => {
    const [{ before }] = await queryDatabase<{ before: number }>(hub.databaseUrl, 'SELECT count(*)::int AS before FROM audit_log');
    for (const statement of [
      "UPDATE audit_log SET action = 'tampered'",
      "UPDATE audit_log SET details = '{}' WHERE false",
      'DELETE FROM audit_log',
      "DELETE FROM audit_log WHERE action = 'auth.login'",
      'TRUNCATE audit_log',
    ]) {
      await expect(queryDatabase(hub.databaseUrl, statement)).rejects.toThrow('audit_log is append-only');
    }
    const [{ after, tampered }] = await queryDatabase<{ after: number; tampered: number }>(
      hub.databaseUrl,
      "SELECT count(*)::int AS after, count(*) FILTER (WHERE action = 'tampered')::int AS tampered FROM audit_log",
    );
    expect({ after, tampered }).toEqual({ after: before, tampered: 0 });
  });

  describe('the auditLog query', () => {
    type Page = { auditLog: { totalCount: number; edges: { cursor: string; node: { action: string; actorUserId: string; targetId: string; outcome: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const query = `query ($filter: AuditLogFilterInput, $first: Int, $after: String) {
      auditLog(filter: $filter, first: $first, after: $after) {
        totalCount edges { cursor node { id occurredAt action outcome actorKind actorUserId actorOrganizationId actorKeyId targetType targetId ip details } }
        pageInfo { hasNextPage endCursor }
      }
    }`;

    it('pages newest first through every row', async () => {
      const [{ total }] = await queryDatabase<{ total: number }>(hub.databaseUrl, 'SELECT count(*)::int AS total FROM audit_log');
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const response = await hub.graphql<Page>(query, { first: 7, after }, admin);
        expect(response.errors).toBeUndefined();
        seen.push(...response.data!.auditLog.edges.map((edge) => edge.cursor));
        if (!response.data!.auditLog.pageInfo.hasNextPage) break;
        after = response.data!.auditLog.pageInfo.endCursor;
      }
      expect(new Set(seen).size).toBeGreaterThanOrEqual(total);
    });

    it('filters by action, actor, organisation, target, outcome and time', async () => {
      const byAction = await hub.graphql<Page>(query, { filter: { action: 'user.create' } }, admin);
      expect(byAction.data!.auditLog.edges.every((edge) => edge.node.action === 'user.create')).toBe(true);
      expect(byAction.data!.auditLog.totalCount).toBeGreaterThanOrEqual(3);

      const byActor = await hub.graphql<Page>(query, { filter: { actorUserId: user.id, action: 'auth.login' } }, admin);
      expect(byActor.data!.auditLog.totalCount).toBeGreaterThanOrEqual(1);
      expect(byActor.data!.auditLog.edges.every((edge) => edge.node.actorUserId === user.id)).toBe(true);

      const byOrganization = await hub.graphql<Page>(query, { filter: { organizationId, outcome: 'denied' } }, admin);
      expect(byOrganization.data!.auditLog.edges.map((edge) => edge.node.action)).toEqual(['access.denied']);

      const byTarget = await hub.graphql<Page>(query, { filter: { targetId: user.id, action: 'user.role_change' } }, admin);
      expect(byTarget.data!.auditLog.totalCount).toBe(1);

      const future = await hub.graphql<Page>(query, { filter: { since: new Date(Date.now() + 60_000).toISOString() } }, admin);
      expect(future.data!.auditLog.totalCount).toBe(0);
      const past = await hub.graphql<Page>(query, { filter: { until: '2000-01-01T00:00:00Z' } }, admin);
      expect(past.data!.auditLog.totalCount).toBe(0);
    });

    it('answers bad filters and cursors with BAD_USER_INPUT', async () => {
      const bad = await hub.graphql(query, { filter: { actorUserId: 'x', outcome: 'maybe' } }, admin);
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
      expect(bad.errors![0].extensions!.errors!.map((issue) => issue.path)).toEqual(['filter.actorUserId', 'filter.outcome']);
      const backwards = await hub.graphql(query, { filter: { since: '2025-02-01T00:00:00Z', until: '2025-01-01T00:00:00Z' } }, admin);
      expect(backwards.errors![0].extensions!.errors).toEqual([{ path: 'filter.until', message: 'must be after since' }]);
      expect(codeOf(await hub.graphql(query, { after: 'bm9wZQ' }, admin))).toBe('BAD_USER_INPUT');
      expect(codeOf(await hub.graphql(query, { first: 500 }, admin))).toBe('BAD_USER_INPUT');
    });
  });
});
