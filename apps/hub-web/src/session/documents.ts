import { gql } from '../api/graphql';
import type { Organization, User } from '../api/schema-types';

export const ME = gql<{ me: Pick<User, 'id' | 'email' | 'role'> & { organization: Pick<Organization, 'id' | 'name'> } }>(
  `query Me { me { id email role organization { id name } } }`,
);

/** The answer's token is not asked for: the console signs in again with the new password (a cookie, never a token). */
export const CHANGE_PASSWORD = gql<{ changePassword: { expiresAt: string } }, { currentPassword: string; newPassword: string }>(
  `mutation ChangePassword($currentPassword: String!, $newPassword: String!) { changePassword(currentPassword: $currentPassword, newPassword: $newPassword) { expiresAt } }`,
);
