import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHub } from '@hub/hub-api';
import { createLogger, loadHubConfig } from '@hub/platform';
import { adminToken, createApiKey, createOrganization, createUser, login } from '../support/members';
import { createTestDatabase, queryDatabase } from '../support/test-database';
import { GraphqlResponse, postGraphql, startTestHub, TEST_ADMIN, TestHub } from '../support/test-hub';

const LOGIN = `mutation ($email: String!, $password: String!) {
  login(email: $email, password: $password) { token expiresAt user { id email role organization { id name } } }
}`;

function codeOf(response: GraphqlResponse): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

describe('auth: sign-in, tokens, credentials', () => {
  let hub: TestHub;
  let admin: string;
  let organizationId: string;
  let member: { id: string; email: string; password: string; token: string };

  beforeAll(async () => {
    hub = await startTestHub();
    admin = await adminToken(hub);
    organizationId = (await createOrganization(hub, admin, { name: 'Krankenhaus Nord', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'DE' })).id;
    member = await createUser(hub, admin, { email: 'member@kh-nord.test', role: 'MEMBER', organizationId });
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('signs in with the e-mail address in any case and returns a one-hour token with the user', async () => {
    const response = await hub.graphql<{ login: { token: string; expiresAt: string; user: Record<string, unknown> } }>(LOGIN, {
      email: ' Member@KH-Nord.test ',
      password: member.password,
    });
    expect(response.errors).toBeUndefined();
    const payload = response.data!.login;
    expect(payload.user).toEqual({ id: member.id, email: 'member@kh-nord.test', role: 'MEMBER', organization: { id: organizationId, name: 'Krankenhaus Nord' } });
    const lifetime = Date.parse(payload.expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(3590_000);
    expect(lifetime).toBeLessThanOrEqual(3600_000);
    const [{ last_login_at }] = await queryDatabase<{ last_login_at: Date | null }>(hub.databaseUrl, 'SELECT last_login_at FROM hub_user WHERE id = $1', [member.id]);
    expect(last_login_at).not.toBeNull();
  });

  it('answers an unknown e-mail address and a wrong password the same way, in about the same time', async () => {
    const timed = async (email: string, password: string) => {
      const started = performance.now();
      const response = await hub.graphql(LOGIN, { email, password });
      return { elapsed: performance.now() - started, error: { code: codeOf(response), message: response.errors?.[0].message }, data: response.data ?? null };
    };
    const unknown = [];
    const wrong = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      unknown.push(await timed(`nobody${attempt}@kh-nord.test`, 'some password 123'));
      wrong.push(await timed(member.email, `wrong password ${attempt}`));
    }
    for (const result of [...unknown, ...wrong]) {
      expect(result.error).toEqual({ code: 'UNAUTHENTICATED', message: 'Invalid e-mail address or password' });
      expect(result.data).toBeNull();
    }
    // Both verify an argon2 hash (a dummy one for unknown addresses); without that, unknown ones would answer many times faster.
    expect(median(unknown.map((result) => result.elapsed))).toBeGreaterThan(median(wrong.map((result) => result.elapsed)) * 0.4);
  });

  it('asks for both fields', async () => {
    const response = await hub.graphql(LOGIN, { email: '', password: '' });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0].extensions!.errors).toEqual([
      { path: 'email', message: 'must not be empty' },
      { path: 'password', message: 'must not be empty' },
    ]);
  });

  it('accepts a login token, or an API key as Bearer, X-API-Key or HTTP Basic password', async () => {
    const { key } = await createApiKey(hub, member.token, { name: 'siem', distribution: 'INTERNAL' });
    const me = '{ me { id } }';
    const basic = `Basic ${Buffer.from(`taxii:${key}`).toString('base64')}`;
    const credentials: Record<string, string>[] = [{ authorization: `Bearer ${member.token}` }, { authorization: `Bearer ${key}` }, { 'x-api-key': key }, { authorization: basic }];
    for (const headers of credentials) {
      const response = await postGraphql<{ me: { id: string } }>(hub.url, me, {}, undefined, headers);
      expect(response.data?.me.id).toBe(member.id);
    }
  });

  it('refuses a present but bad credential, even on a public operation; no credential means the public view', async () => {
    const [header, payload] = member.token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ sub: member.id, sv: 1, role: 'ADMIN' })).toString('base64url')}.AAAA`;
    const badCredentials: Record<string, string>[] = [
      { authorization: `Bearer ${forged}` },
      { authorization: `Bearer ${header}.${payload}.` },
      { authorization: `Bearer hubk_${'A'.repeat(43)}` },
      { authorization: 'Bearer nonsense' },
      { authorization: 'Basic dXNlcjpwYXNzd29yZA==' },
      { 'x-api-key': 'not-a-key' },
    ];
    for (const headers of badCredentials) {
      const response = await postGraphql<Record<string, unknown>>(hub.url, '{ hubInfo { name } }', {}, undefined, headers);
      expect({ headers, code: codeOf(response) }).toEqual({ headers, code: 'UNAUTHENTICATED' });
    }
    expect((await hub.graphql('{ hubInfo { name } }')).errors).toBeUndefined();
    expect(codeOf(await hub.graphql('{ me { id } }'))).toBe('UNAUTHENTICATED');
    expect((await fetch(`${hub.url}/health`)).status).toBe(200);
  });

  it('changes a password: the old tokens stop working and a new token is returned', async () => {
    const person = await createUser(hub, admin, { email: 'changer@kh-nord.test', role: 'ANALYST', organizationId });
    const otherSession = await login(hub, person.email, person.password);
    const change = `mutation ($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) { token } }`;

    const wrongCurrent = await hub.graphql(change, { current: 'not my password', next: 'a brand new passphrase' }, person.token);
    expect(wrongCurrent.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', errors: [{ path: 'currentPassword', message: 'is not your current password' }] });
    const weak = await hub.graphql(change, { current: person.password, next: 'short' }, person.token);
    expect(weak.errors![0].extensions!.errors).toEqual([{ path: 'newPassword', message: 'must have at least 12 characters' }]);

    const changed = await hub.graphql<{ changePassword: { token: string } }>(change, { current: person.password, next: 'a brand new passphrase' }, person.token);
    expect(changed.errors).toBeUndefined();
    expect(codeOf(await hub.graphql('{ me { id } }', {}, person.token))).toBe('UNAUTHENTICATED');
    expect(codeOf(await hub.graphql('{ me { id } }', {}, otherSession))).toBe('UNAUTHENTICATED');
    expect((await hub.graphql('{ me { id } }', {}, changed.data!.changePassword.token)).errors).toBeUndefined();
    await expect(login(hub, person.email, 'a brand new passphrase')).resolves.toEqual(expect.any(String));
  });

  it('ends the sessions of a user whose password an admin resets', async () => {
    const person = await createUser(hub, admin, { email: 'forgetful@kh-nord.test', role: 'MEMBER', organizationId });
    await hub.graphql('mutation ($id: ID!) { resetUserPassword(id: $id, password: "temporary passphrase 1") { id } }', { id: person.id }, admin);
    expect(codeOf(await hub.graphql('{ me { id } }', {}, person.token))).toBe('UNAUTHENTICATED');
    await expect(login(hub, person.email, 'temporary passphrase 1')).resolves.toEqual(expect.any(String));
  });

  it('does not let an API key change a password or manage keys', async () => {
    const { key } = await createApiKey(hub, member.token, { name: 'script', distribution: 'INTERNAL' });
    expect(codeOf(await hub.graphql('mutation { changePassword(currentPassword: "x", newPassword: "yyyyyyyyyyyyyy") { token } }', {}, key))).toBe('FORBIDDEN');
    expect(codeOf(await hub.graphql('mutation { createApiKey(input: { name: "child" }) { key } }', {}, key))).toBe('FORBIDDEN');
    expect(codeOf(await hub.graphql('{ apiKeys { id } }', {}, key))).toBe('FORBIDDEN');
  });
});

describe('auth: the first admin', () => {
  it('is created with the hub operator organisation on first start, and not again on the next start', async () => {
    const database = await createTestDatabase();
    try {
      const first = await startTestHub({}, { database });
      await first.close();
      const second = await startTestHub({}, { database });
      try {
        await expect(adminToken(second)).resolves.toEqual(expect.any(String));
      } finally {
        await second.close();
      }
      const admins = await queryDatabase<{ email: string; organization: string; kind: string }>(
        database.url,
        "SELECT u.email, o.name AS organization, o.kind FROM hub_user u JOIN organization o ON o.id = u.organization_id WHERE u.role = 'ADMIN'",
      );
      expect(admins).toEqual([{ email: TEST_ADMIN.email, organization: 'Hub operator', kind: 'PRIVATE' }]);
      expect(await queryDatabase(database.url, 'SELECT name FROM organization')).toEqual([{ name: 'Hub operator' }]);
      const [{ hash }] = await queryDatabase<{ hash: string }>(database.url, 'SELECT password_hash AS hash FROM hub_user');
      expect(hash).toMatch(/^\$argon2id\$/);
      expect(hash).not.toContain(TEST_ADMIN.password);
    } finally {
      await database.drop();
    }
  });

  it('is not created without HUB_ADMIN_EMAIL and HUB_ADMIN_PASSWORD: there is no default password', async () => {
    const database = await createTestDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-test-data-'));
    try {
      const config = loadHubConfig({ PORT: '0', DATABASE_URL: database.url, HUB_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
      const hub = await startHub(config, createLogger('silent'));
      await hub.close();
      expect(await queryDatabase(database.url, 'SELECT id FROM hub_user')).toEqual([]);
      // Without HUB_JWT_SECRET, a secret was generated once into the data folder, readable by its owner only.
      expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    } finally {
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to start with a HUB_ADMIN_PASSWORD that does not meet the policy', async () => {
    const database = await createTestDatabase();
    try {
      await expect(startTestHub({ HUB_ADMIN_PASSWORD: 'admin' }, { database })).rejects.toThrow(
        'HUB_ADMIN_PASSWORD does not meet the password policy: it must have at least 12 characters',
      );
      expect(await queryDatabase(database.url, 'SELECT id FROM hub_user')).toEqual([]);
    } finally {
      await database.drop();
    }
  });
});
