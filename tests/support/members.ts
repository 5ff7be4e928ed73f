import { TEST_ADMIN } from './test-hub';
import type { TestHub } from './test-hub';

export type RoleName = 'MEMBER' | 'ANALYST' | 'FOCAL_POINT' | 'ADMIN';

/** A password that meets the policy, distinct per user so tests never rely on a shared one. */
export function testPassword(email: string): string {
  return `pw for ${email} 9!`;
}

async function call<T>(hub: TestHub, operation: string, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await hub.graphql<Record<string, T>>(query, variables, token);
  if (response.errors?.length || !response.data) throw new Error(`${operation} failed: ${response.text}`);
  return response.data[operation];
}

/** Signs in and returns the login token. */
export async function login(hub: TestHub, email: string, password: string): Promise<string> {
  const payload = await call<{ token: string }>(hub, 'login', 'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }', {
    email,
    password,
  });
  return payload.token;
}

/** The token of the admin every test hub creates at first start. */
export async function adminToken(hub: TestHub): Promise<string> {
  return login(hub, TEST_ADMIN.email, TEST_ADMIN.password);
}

export async function createOrganization(
  hub: TestHub,
  token: string,
  input: { name: string; kind: 'PUBLIC' | 'PRIVATE'; sector: string; country: string; size?: string },
): Promise<{ id: string; identityId: string; name: string }> {
  return call(hub, 'createOrganization', 'mutation Create($input: CreateOrganizationInput!) { createOrganization(input: $input) { id identityId name } }', { input }, token);
}

/**
 * Creates the user as an admin does (with a first password the person must change), then signs in
 * and changes it as the person does at first sign-in; `password` (default: derived from the e-mail
 * address) is the one they chose, `token` a login token of theirs.
 */
export async function createUser(
  hub: TestHub,
  token: string,
  input: { email: string; role: RoleName; organizationId: string; password?: string },
): Promise<{ id: string; email: string; password: string; token: string }> {
  const password = input.password ?? testPassword(input.email);
  const firstPassword = `first ${password}`;
  const user = await call<{ id: string; email: string }>(
    hub,
    'createUser',
    'mutation Create($input: CreateUserInput!) { createUser(input: $input) { id email } }',
    { input: { ...input, password: firstPassword } },
    token,
  );
  const changed = await call<{ token: string }>(
    hub,
    'changePassword',
    'mutation Change($currentPassword: String!, $newPassword: String!) { changePassword(currentPassword: $currentPassword, newPassword: $newPassword) { token } }',
    { currentPassword: firstPassword, newPassword: password },
    await login(hub, user.email, firstPassword),
  );
  return { id: user.id, email: user.email, password, token: changed.token };
}

/** Creates the user as an admin does and signs them in, leaving the first password unchanged (it must be changed before anything else). */
export async function createUserWithFirstPassword(
  hub: TestHub,
  token: string,
  input: { email: string; role: RoleName; organizationId: string; password: string },
): Promise<{ id: string; email: string; password: string; token: string }> {
  const user = await call<{ id: string; email: string }>(hub, 'createUser', 'mutation Create($input: CreateUserInput!) { createUser(input: $input) { id email } }', { input }, token);
  return { id: user.id, email: user.email, password: input.password, token: await login(hub, user.email, input.password) };
}

export async function createSharingGroup(hub: TestHub, token: string, input: { name: string; organizationIds: string[] }): Promise<{ id: string }> {
  return call(hub, 'createSharingGroup', 'mutation Create($input: CreateSharingGroupInput!) { createSharingGroup(input: $input) { id } }', { input }, token);
}

/** Creates a key for the organisation of the token's user; `key` is the secret, shown only here. */
export async function createApiKey(
  hub: TestHub,
  token: string,
  input: { name: string; distribution: 'INTERNAL' | 'CLIENTS'; expiresAt?: string },
): Promise<{ id: string; key: string }> {
  const created = await call<{ key: string; apiKey: { id: string } }>(
    hub,
    'createApiKey',
    'mutation Create($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id } } }',
    { input },
    token,
  );
  return { id: created.apiKey.id, key: created.key };
}
