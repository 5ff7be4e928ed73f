import { gql } from '../api/graphql';
import type { Organization, User } from '../api/schema-types';

export const ME = gql<{ me: Pick<User, 'id' | 'email' | 'role'> & { organization: Pick<Organization, 'id' | 'name'> } }>(
  `query Me { me { id email role organization { id name } } }`,
);
