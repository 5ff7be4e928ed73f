import { adminToken, createApiKey, createOrganization, createSharingGroup, createUser, login } from '../support/members';
import { queryDatabase } from '../support/test-database';
import { GraphqlResponse, startTestHub, TestHub, TEST_ADMIN } from '../support/test-hub';

function codeOf(response: GraphqlResponse): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}

describe('members: organisations, users, sharing groups and who may manage them', () => {
  let hub: TestHub;
  let admin: string;
  let hospital: { id: string; identityId: string };
  let pharma: { id: string };
  const people: Record<'MEMBER' | 'ANALYST' | 'FOCAL_POINT', { id: string; token: string }> = {} as never;
  let memberKey: string;
  let adminKey: string;
  let groupId: string;

  beforeAll(async () => {
    hub = await startTestHub();
    admin = await adminToken(hub);
    hospital = await createOrganization(hub, admin, { name: 'Fakultní nemocnice Brno', kind: 'PUBLIC', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    pharma = await createOrganization(hub, admin, { name: 'Pharma Nord', kind: 'PRIVATE', sector: 'PHARMA', country: 'DK' });
    for (const role of ['MEMBER', 'ANALYST', 'FOCAL_POINT'] as const) {
      people[role] = await createUser(hub, admin, { email: `${role.toLowerCase()}@fnbrno.test`, role, organizationId: hospital.id });
    }
    memberKey = (await createApiKey(hub, people.MEMBER.token, { name: 'siem', distribution: 'INTERNAL' })).key;
    adminKey = (await createApiKey(hub, admin, { name: 'admin script', distribution: 'INTERNAL' })).key;
    groupId = (await createSharingGroup(hub, admin, { name: 'Hospitals in Moravia', organizationIds: [hospital.id] })).id;
  });

  afterAll(async () => {
    await hub?.close();
  });

  describe('organisations', () => {
    it('creates an organisation with its STIX identity, stored as JSON with its id', async () => {
      const response = await hub.graphql<{ createOrganization: Record<string, unknown> }>(
        `mutation { createOrganization(input: { name: "  MedTech Devices  ", kind: PRIVATE, sector: MEDICAL_DEVICES, country: "de" }) {
           id name kind sector country identityId identity active createdAt } }`,
        {},
        admin,
      );
      expect(response.errors).toBeUndefined();
      const organization = response.data!.createOrganization;
      expect(organization).toMatchObject({ name: 'MedTech Devices', kind: 'PRIVATE', sector: 'MEDICAL_DEVICES', country: 'DE', active: true });
      expect(organization.identityId).toMatch(/^identity--[0-9a-f-]{36}$/);
      expect(organization.identity).toMatchObject({
        type: 'identity',
        spec_version: '2.1',
        id: organization.identityId,
        identity_class: 'organization',
        name: 'MedTech Devices',
        sectors: ['healthcare', 'manufacturing'],
        created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      });
      const [row] = await queryDatabase<{ identity_id: string; identity: { id: string } }>(hub.databaseUrl, 'SELECT identity_id, identity FROM organization WHERE id = $1', [organization.id]);
      expect(row.identity.id).toBe(row.identity_id);
    });

    it('answers bad input with BAD_USER_INPUT and every problem with its path', async () => {
      const response = await hub.graphql(`mutation { createOrganization(input: { name: "X", kind: PUBLIC, sector: GOVERNMENT, country: "Czechia" }) { id } }`, {}, admin);
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0].extensions!.errors).toEqual([
        { path: 'name', message: 'must have at least 2 characters' },
        { path: 'country', message: 'must be an ISO 3166-1 alpha-2 country code, e.g. CZ' },
      ]);
      const unknownSector = await hub.graphql(`mutation { createOrganization(input: { name: "Xyz", kind: PUBLIC, sector: BANKING, country: "CZ" }) { id } }`, {}, admin);
      expect(codeOf(unknownSector)).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('refuses a duplicate name (case-insensitive) as BAD_USER_INPUT, not a server error', async () => {
      const response = await hub.graphql(`mutation { createOrganization(input: { name: "PHARMA NORD", kind: PRIVATE, sector: PHARMA, country: "DK" }) { id } }`, {}, admin);
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0].extensions!.errors).toEqual([{ path: 'name', message: 'is already used by another organisation' }]);
    });

    it('updates an organisation and makes a new version of its identity', async () => {
      const response = await hub.graphql<{ updateOrganization: { name: string; sector: string; identityId: string; identity: { modified: string; created: string; name: string } } }>(
        'mutation ($id: ID!) { updateOrganization(id: $id, input: { name: "Pharma Nord A/S", sector: PHARMA }) { name sector identityId identity } }',
        { id: pharma.id },
        admin,
      );
      expect(response.errors).toBeUndefined();
      const updated = response.data!.updateOrganization;
      expect(updated.identity.name).toBe('Pharma Nord A/S');
      expect(Date.parse(updated.identity.modified)).toBeGreaterThan(Date.parse(updated.identity.created));
    });

    it('lists organisations by name; non-admins see active ones only', async () => {
      const inactive = await createOrganization(hub, admin, { name: 'Closed clinic', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'AT' });
      await hub.graphql('mutation ($id: ID!) { deactivateOrganization(id: $id) { id } }', { id: inactive.id }, admin);
      const forAdmin = await hub.graphql<{ organizations: { name: string }[] }>('{ organizations { name } }', {}, admin);
      const forMember = await hub.graphql<{ organizations: { name: string }[] }>('{ organizations(filter: { sector: HEALTHCARE_PROVIDER }) { name } }', {}, people.MEMBER.token);
      expect(forAdmin.data!.organizations.map((organization) => organization.name)).toContain('Closed clinic');
      expect(forMember.data!.organizations.map((organization) => organization.name)).toEqual(['Fakultní nemocnice Brno']);
      const one = await hub.graphql<{ organization: null }>('query ($id: ID!) { organization(id: $id) { id } }', { id: inactive.id }, people.MEMBER.token);
      expect(one.data!.organization).toBeNull();
    });

    it('refuses a malformed id as BAD_USER_INPUT and an unknown one as NOT_FOUND', async () => {
      expect(codeOf(await hub.graphql('mutation { deactivateOrganization(id: "42") { id } }', {}, admin))).toBe('BAD_USER_INPUT');
      expect(codeOf(await hub.graphql('mutation { deactivateOrganization(id: "7f1b7c9e-9d2a-4c41-8d7e-2c1f0b6a9e10") { id } }', {}, admin))).toBe('NOT_FOUND');
    });
  });

  describe('users', () => {
    it('creates a user with a case-insensitively unique e-mail address', async () => {
      const created = await hub.graphql<{ createUser: { email: string; role: string; active: boolean; organization: { id: string } } }>(
        'mutation ($input: CreateUserInput!) { createUser(input: $input) { email role active organization { id } lastLoginAt } }',
        { input: { email: 'Analyst.Two@FNBrno.test', password: 'long enough password 1', role: 'ANALYST', organizationId: hospital.id } },
        admin,
      );
      expect(created.data!.createUser).toMatchObject({ email: 'analyst.two@fnbrno.test', role: 'ANALYST', active: true, organization: { id: hospital.id } });
      const duplicate = await hub.graphql(
        'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }',
        { input: { email: 'ANALYST.TWO@fnbrno.test', password: 'another long password 2', role: 'MEMBER', organizationId: pharma.id } },
        admin,
      );
      expect(codeOf(duplicate)).toBe('BAD_USER_INPUT');
      expect(duplicate.errors![0].extensions!.errors).toEqual([{ path: 'email', message: 'is already used by another user' }]);
    });

    it('enforces the password policy and validates every field', async () => {
      const response = await hub.graphql(
        'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }',
        { input: { email: 'not-an-email', password: 'short', role: 'MEMBER', organizationId: 'nope' } },
        admin,
      );
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0].extensions!.errors!.map((issue) => issue.path).sort()).toEqual(['email', 'organizationId', 'password']);
      expect(response.text).not.toContain('short');
    });

    it('lists users a page at a time with a filter', async () => {
      const first = await hub.graphql<{ users: { totalCount: number; edges: { cursor: string; node: { email: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
        'query ($org: ID) { users(filter: { organizationId: $org }, first: 2) { totalCount edges { cursor node { email } } pageInfo { hasNextPage endCursor } } }',
        { org: hospital.id },
        admin,
      );
      expect(first.errors).toBeUndefined();
      const page = first.data!.users;
      expect(page.totalCount).toBe(4);
      expect(page.edges.map((edge) => edge.node.email)).toEqual(['analyst.two@fnbrno.test', 'analyst@fnbrno.test']);
      expect(page.pageInfo.hasNextPage).toBe(true);
      const second = await hub.graphql<{ users: { edges: { node: { email: string } }[]; pageInfo: { hasNextPage: boolean } } }>(
        'query ($org: ID, $after: String) { users(filter: { organizationId: $org }, first: 2, after: $after) { edges { node { email } } pageInfo { hasNextPage } } }',
        { org: hospital.id, after: page.pageInfo.endCursor },
        admin,
      );
      expect(second.data!.users.edges.map((edge) => edge.node.email)).toEqual(['focal_point@fnbrno.test', 'member@fnbrno.test']);
      expect(second.data!.users.pageInfo.hasNextPage).toBe(false);
      expect(codeOf(await hub.graphql('{ users(first: 0) { totalCount } }', {}, admin))).toBe('BAD_USER_INPUT');
      expect(codeOf(await hub.graphql('{ users(after: "garbage!") { totalCount } }', {}, admin))).toBe('BAD_USER_INPUT');
    });

    it('applies a role change on the very next request of the user and of their keys', async () => {
      const user = await createUser(hub, admin, { email: 'promoted@fnbrno.test', role: 'MEMBER', organizationId: hospital.id });
      const key = (await createApiKey(hub, user.token, { name: 'script', distribution: 'INTERNAL' })).key;
      expect(codeOf(await hub.graphql('{ users { totalCount } }', {}, user.token))).toBe('FORBIDDEN');
      await hub.graphql('mutation ($id: ID!) { changeUserRole(id: $id, role: ADMIN) { role } }', { id: user.id }, admin);
      expect((await hub.graphql('{ users { totalCount } }', {}, user.token)).errors).toBeUndefined();
      expect((await hub.graphql<{ me: { role: string } }>('{ me { role } }', {}, key)).data!.me.role).toBe('ADMIN');
      await hub.graphql('mutation ($id: ID!) { changeUserRole(id: $id, role: FOCAL_POINT) { role } }', { id: user.id }, admin);
      expect(codeOf(await hub.graphql('{ users { totalCount } }', {}, user.token))).toBe('FORBIDDEN');
    });

    it('cuts a deactivated user at once: token and keys refused, sign-in refused', async () => {
      const user = await createUser(hub, admin, { email: 'leaver@fnbrno.test', role: 'MEMBER', organizationId: hospital.id });
      const key = (await createApiKey(hub, user.token, { name: 'script', distribution: 'INTERNAL' })).key;
      await hub.graphql('mutation ($id: ID!) { deactivateUser(id: $id) { active } }', { id: user.id }, admin);
      expect(codeOf(await hub.graphql('{ me { id } }', {}, user.token))).toBe('UNAUTHENTICATED');
      expect(codeOf(await hub.graphql('{ me { id } }', {}, key))).toBe('UNAUTHENTICATED');
      await expect(login(hub, user.email, user.password)).rejects.toThrow('Invalid e-mail address or password');

      await hub.graphql('mutation ($id: ID!) { reactivateUser(id: $id) { active } }', { id: user.id }, admin);
      // Tokens issued before the deactivation stay dead; a new sign-in works.
      expect(codeOf(await hub.graphql('{ me { id } }', {}, user.token))).toBe('UNAUTHENTICATED');
      expect((await hub.graphql('{ me { id } }', {}, await login(hub, user.email, user.password))).errors).toBeUndefined();
    });

    it('cuts every user and key of a deactivated organisation at once', async () => {
      const clinic = await createOrganization(hub, admin, { name: 'Clinic to close', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'SK' });
      const user = await createUser(hub, admin, { email: 'doctor@clinic.test', role: 'ANALYST', organizationId: clinic.id });
      const key = (await createApiKey(hub, user.token, { name: 'taxii', distribution: 'CLIENTS' })).key;
      await hub.graphql('mutation ($id: ID!) { deactivateOrganization(id: $id) { active } }', { id: clinic.id }, admin);
      expect(codeOf(await hub.graphql('{ me { id } }', {}, user.token))).toBe('UNAUTHENTICATED');
      expect(codeOf(await hub.graphql('{ me { id } }', {}, key))).toBe('UNAUTHENTICATED');
      await expect(login(hub, user.email, user.password)).rejects.toThrow('Invalid e-mail address or password');
      const refused = await hub.graphql('mutation ($id: ID!) { createUser(input: { email: "new@clinic.test", password: "long enough password 3", role: MEMBER, organizationId: $id }) { id } }', { id: clinic.id }, admin);
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');

      await hub.graphql('mutation ($id: ID!) { reactivateOrganization(id: $id) { active } }', { id: clinic.id }, admin);
      expect((await hub.graphql('{ me { id } }', {}, user.token)).errors).toBeUndefined();
    });

    it('deactivates, never deletes: the database refuses to delete an organisation or a person', async () => {
      const clinic = await createOrganization(hub, admin, { name: 'Clinic that stays', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'SK' });
      const user = await createUser(hub, admin, { email: 'stays@clinic.test', role: 'ANALYST', organizationId: clinic.id });
      for (const [statement, id] of [
        ['DELETE FROM hub_user WHERE id = $1', user.id],
        ['DELETE FROM organization WHERE id = $1', clinic.id],
      ]) {
        await expect(queryDatabase(hub.databaseUrl, statement, [id])).rejects.toThrow('never deleted');
      }
      // In a transaction rolled back whatever happens: were the rule ever gone, this would empty the hub.
      await expect(queryDatabase(hub.databaseUrl, 'DO $$ BEGIN TRUNCATE organization CASCADE; RAISE EXCEPTION \'rolled back\'; END $$')).rejects.toThrow('never deleted');
      expect(await queryDatabase(hub.databaseUrl, 'SELECT id FROM organization WHERE id = $1', [clinic.id])).toHaveLength(1);
    });

    it('never removes the last active admin', async () => {
      const [{ id: adminId }] = await queryDatabase<{ id: string }>(hub.databaseUrl, 'SELECT id FROM hub_user WHERE email = $1', [TEST_ADMIN.email]);
      const [{ organization_id: operatorId }] = await queryDatabase<{ organization_id: string }>(hub.databaseUrl, 'SELECT organization_id FROM hub_user WHERE id = $1', [adminId]);
      const others = await queryDatabase<{ id: string }>(hub.databaseUrl, "SELECT id FROM hub_user WHERE role = 'ADMIN' AND id <> $1", [adminId]);
      expect(others).toEqual([]);
      for (const mutation of [
        `mutation { deactivateUser(id: "${adminId}") { id } }`,
        `mutation { changeUserRole(id: "${adminId}", role: MEMBER) { id } }`,
        `mutation { deactivateOrganization(id: "${operatorId}") { id } }`,
      ]) {
        const response = await hub.graphql(mutation, {}, admin);
        expect(codeOf(response)).toBe('BAD_USER_INPUT');
        expect(response.errors![0].message).toContain('last active admin');
      }
    });
  });

  describe('sharing groups', () => {
    it('creates groups, adds and removes members; a member change applies to the next request', async () => {
      const group = await hub.graphql<{ createSharingGroup: { name: string; memberCount: number; organizations: { id: string }[] } }>(
        'mutation ($ids: [ID!]!) { createSharingGroup(input: { name: "Joint working group", description: "Ransomware", organizationIds: $ids }) { name memberCount organizations { id } } }',
        { ids: [hospital.id, hospital.id] },
        admin,
      );
      expect(group.data!.createSharingGroup).toMatchObject({ name: 'Joint working group', memberCount: 1, organizations: [{ id: hospital.id }] });

      const added = await hub.graphql<{ addSharingGroupMembers: { memberCount: number } }>(
        'mutation ($id: ID!, $ids: [ID!]!) { addSharingGroupMembers(id: $id, organizationIds: $ids) { memberCount } }',
        { id: groupId, ids: [pharma.id] },
        admin,
      );
      expect(added.data!.addSharingGroupMembers.memberCount).toBe(2);
      const removed = await hub.graphql<{ removeSharingGroupMembers: { memberCount: number } }>(
        'mutation ($id: ID!, $ids: [ID!]!) { removeSharingGroupMembers(id: $id, organizationIds: $ids) { memberCount } }',
        { id: groupId, ids: [pharma.id] },
        admin,
      );
      expect(removed.data!.removeSharingGroupMembers.memberCount).toBe(1);
    });

    it('refuses unknown organisations and duplicate names with their paths', async () => {
      const unknown = await hub.graphql(
        'mutation ($ids: [ID!]!) { createSharingGroup(input: { name: "Ghosts", organizationIds: $ids }) { id } }',
        { ids: [hospital.id, '7f1b7c9e-9d2a-4c41-8d7e-2c1f0b6a9e10'] },
        admin,
      );
      expect(unknown.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', errors: [{ path: 'organizationIds.1', message: 'is not the id of an organisation' }] });
      const duplicate = await hub.graphql('mutation { createSharingGroup(input: { name: "hospitals in moravia", organizationIds: [] }) { id } }', {}, admin);
      expect(duplicate.errors![0].extensions!.errors).toEqual([{ path: 'name', message: 'is already used by another sharing group' }]);
    });

    it('shows who is in a group only to admins and to its members', async () => {
      const query = '{ sharingGroups { name memberCount organizations { name } } }';
      type Groups = { sharingGroups: { name: string; organizations: { name: string }[] | null }[] };
      const moravia = (response: GraphqlResponse<Groups>) => response.data!.sharingGroups.find((group) => group.name === 'Hospitals in Moravia')!;
      expect(moravia(await hub.graphql<Groups>(query, {}, people.MEMBER.token)).organizations).toEqual([{ name: 'Fakultní nemocnice Brno' }]);
      const outsider = await createUser(hub, admin, { email: 'outsider@pharma.test', role: 'MEMBER', organizationId: pharma.id });
      expect(moravia(await hub.graphql<Groups>(query, {}, outsider.token)).organizations).toBeNull();
      expect(moravia(await hub.graphql<Groups>(query, {}, admin)).organizations).toHaveLength(1);
    });
  });

  describe('who may administer the hub', () => {
    const someId = '7f1b7c9e-9d2a-4c41-8d7e-2c1f0b6a9e10';
    const adminOperations: [string, string][] = [
      ['createOrganization', 'mutation { createOrganization(input: { name: "Intruder Org", kind: PUBLIC, sector: GOVERNMENT, country: "CZ" }) { id } }'],
      ['updateOrganization', `mutation { updateOrganization(id: "${someId}", input: { name: "Renamed" }) { id } }`],
      ['deactivateOrganization', `mutation { deactivateOrganization(id: "${someId}") { id } }`],
      ['reactivateOrganization', `mutation { reactivateOrganization(id: "${someId}") { id } }`],
      ['createUser', `mutation { createUser(input: { email: "intruder@x.test", password: "long enough password 4", role: ADMIN, organizationId: "${someId}" }) { id } }`],
      ['changeUserRole', `mutation { changeUserRole(id: "${someId}", role: ADMIN) { id } }`],
      ['changeUserEmail', `mutation { changeUserEmail(id: "${someId}", email: "x@y.test") { id } }`],
      ['resetUserPassword', `mutation { resetUserPassword(id: "${someId}", password: "long enough password 5") { id } }`],
      ['deactivateUser', `mutation { deactivateUser(id: "${someId}") { id } }`],
      ['reactivateUser', `mutation { reactivateUser(id: "${someId}") { id } }`],
      ['liftSignInLock', `mutation { liftSignInLock(id: "${someId}") { id } }`],
      ['liftAddressSignInLock', 'mutation { liftAddressSignInLock(address: "192.0.2.1") }'],
      ['users', '{ users { totalCount } }'],
      ['user', `{ user(id: "${someId}") { id } }`],
      ['createSharingGroup', 'mutation { createSharingGroup(input: { name: "Intruders", organizationIds: [] }) { id } }'],
      ['updateSharingGroup', `mutation { updateSharingGroup(id: "${someId}", input: { name: "Renamed" }) { id } }`],
      ['addSharingGroupMembers', `mutation { addSharingGroupMembers(id: "${someId}", organizationIds: []) { id } }`],
      ['removeSharingGroupMembers', `mutation { removeSharingGroupMembers(id: "${someId}", organizationIds: []) { id } }`],
      ['auditLog', '{ auditLog { totalCount } }'],
    ];
    const callers = (): [string, string | undefined, string][] => [
      ['MEMBER', people.MEMBER.token, 'FORBIDDEN'],
      ['ANALYST', people.ANALYST.token, 'FORBIDDEN'],
      ['FOCAL_POINT', people.FOCAL_POINT.token, 'FORBIDDEN'],
      ['an API key of a member', memberKey, 'FORBIDDEN'],
      ['an API key of an ADMIN (admins act as people)', adminKey, 'FORBIDDEN'],
      ['an unauthenticated caller', undefined, 'UNAUTHENTICATED'],
    ];

    it.each(adminOperations)('refuses %s to every non-admin caller and changes nothing', async (_name, operation) => {
      const before = await queryDatabase<{ organizations: number; users: number; groups: number }>(
        hub.databaseUrl,
        'SELECT (SELECT count(*) FROM organization)::int AS organizations, (SELECT count(*) FROM hub_user)::int AS users, (SELECT count(*) FROM sharing_group)::int AS groups',
      );
      for (const [caller, token, code] of callers()) {
        const response = await hub.graphql(operation, {}, token);
        // A refused field is null (the whole data for non-null fields): nothing leaks next to the error.
        const leaked = Object.values(response.data ?? {}).filter((value) => value !== null);
        expect({ caller, code: codeOf(response), leaked }).toEqual({ caller, code, leaked: [] });
      }
      const after = await queryDatabase(hub.databaseUrl, 'SELECT (SELECT count(*) FROM organization)::int AS organizations, (SELECT count(*) FROM hub_user)::int AS users, (SELECT count(*) FROM sharing_group)::int AS groups');
      expect(after).toEqual(before);
    });

    it('covers every operation the schema describes as ADMIN', async () => {
      type Schema = { __schema: { queryType: { fields: { name: string; description: string | null }[] }; mutationType: { fields: { name: string; description: string | null }[] } } };
      const response = await hub.graphql<Schema>('{ __schema { queryType { fields { name description } } mutationType { fields { name description } } } }');
      const { queryType, mutationType } = response.data!.__schema;
      const described = [...queryType.fields, ...mutationType.fields].filter((field) => field.description?.startsWith('ADMIN:')).map((field) => field.name);
      expect(described.sort()).toEqual(adminOperations.map(([name]) => name).sort());
    });

    it('lets an admin signed in as a person run them', async () => {
      const response = await hub.graphql<{ users: { totalCount: number } }>('{ users { totalCount } }', {}, admin);
      expect(response.errors).toBeUndefined();
    });
  });
});
